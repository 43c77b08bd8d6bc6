import os

from vaultkit.vault.atomic import WriteBatch, remove_stale_temp_files, write_atomic


def test_write_creates_folders_and_skips_identical_bytes(tmp_path):
    path = tmp_path / "a" / "b" / "Note.md"
    assert write_atomic(path, "héllo\n") is True
    before = path.stat().st_mtime_ns
    assert write_atomic(path, "héllo\n") is False
    assert path.stat().st_mtime_ns == before
    assert write_atomic(path, b"other") is True
    assert path.read_bytes() == b"other"
    assert [p.name for p in path.parent.iterdir()] == ["Note.md"]


def test_an_existing_files_permissions_are_kept(tmp_path):
    path = tmp_path / "Note.md"
    path.write_text("x")
    os.chmod(path, 0o640)
    write_atomic(path, "y")
    assert path.stat().st_mode & 0o777 == 0o640


def test_new_files_get_ordinary_permissions_not_mkstemps_0600(tmp_path):
    path = tmp_path / "Note.md"
    write_atomic(path, "y")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_stale_temp_files_from_a_killed_run_are_removed(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".vaultkit-abc.tmp").write_text("half")
    (tmp_path / "sub" / "user.tmp").write_text("mine")
    assert remove_stale_temp_files(tmp_path) == 1
    assert (tmp_path / "sub" / "user.tmp").exists()


def test_a_batch_writes_every_file_and_skips_unchanged_ones(tmp_path):
    (tmp_path / "same.md").write_text("kept")
    with WriteBatch() as batch:
        assert batch.write(tmp_path / "a" / "new.md", "one") is True
        assert batch.write(tmp_path / "same.md", "kept") is False
        assert batch.write(tmp_path / "b" / "other.md", b"two") is True
        assert not (tmp_path / "a" / "new.md").exists()  # nothing replaced before the batch ends
    assert (tmp_path / "a" / "new.md").read_text() == "one"
    assert (tmp_path / "b" / "other.md").read_bytes() == b"two"
    assert not list(tmp_path.rglob(".vaultkit-*.tmp"))


def test_a_batch_that_fails_replaces_nothing_and_leaves_no_temporary_files(tmp_path):
    (tmp_path / "note.md").write_text("old")
    try:
        with WriteBatch() as batch:
            batch.write(tmp_path / "note.md", "new")
            raise RuntimeError("stopped half way")
    except RuntimeError:
        pass
    assert (tmp_path / "note.md").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["note.md"]
