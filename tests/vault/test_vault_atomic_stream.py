"""Atomic writes of a file given in pieces (a graph export's 100 MB): streamed to the temporary
file and compared with the existing file on the way, never held in memory whole."""

import os
import subprocess
import sys
import tracemalloc

import pytest

from vaultkit.vault.atomic import remove_orphaned_temp_files, would_write, write_atomic


def _pieces(text: str, size: int = 3):
    """`text` as a stream of small str and bytes pieces, as a writer yields them."""
    for start in range(0, len(text), size):
        piece = text[start:start + size]
        yield piece.encode("utf-8") if start % 2 else piece


def test_chunks_are_written_as_one_file_and_skipped_when_unchanged(tmp_path):
    path = tmp_path / "graph.json"
    text = '{"héllo":["wörld",1,2.5]}\n' * 50
    assert write_atomic(path, _pieces(text)) is True
    assert path.read_text(encoding="utf-8") == text
    before = path.stat().st_mtime_ns
    assert write_atomic(path, _pieces(text, size=7)) is False
    assert path.stat().st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


@pytest.mark.parametrize("new", ["same start, then more", "same start", "Different", ""])
def test_chunks_that_differ_anywhere_replace_the_file(tmp_path, new):
    path = tmp_path / "graph.json"
    path.write_text("same start, then")
    assert write_atomic(path, _pieces(new)) is True
    assert path.read_text() == new
    assert would_write(path, _pieces(new)) is False


def test_would_write_compares_without_writing(tmp_path):
    path = tmp_path / "graph.json"
    assert would_write(path, _pieces("new")) is True
    assert not path.exists()
    path.write_text("old text")
    assert would_write(path, _pieces("old text")) is False
    assert would_write(path, _pieces("old tex")) is True
    assert would_write(path, "old text") is False and would_write(path, b"other") is True
    assert path.read_text() == "old text" and [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_a_stream_that_fails_half_way_replaces_nothing_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "graph.json"
    path.write_text("old")

    def failing():
        yield "new start"
        raise RuntimeError("stopped half way")

    with pytest.raises(RuntimeError):
        write_atomic(path, failing())
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_a_stream_is_never_held_in_memory_whole(tmp_path):
    path = tmp_path / "big.txt"
    piece = "x" * 65_536 + "\n"
    total = 512 * len(piece)  # 32 MiB
    for expected in (True, False):  # written, then compared with the file just written
        tracemalloc.start()
        try:
            assert write_atomic(path, (piece for _ in range(512))) is expected
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert path.stat().st_size == total
        assert peak < total / 8, f"{peak / 1e6:.1f} MB held to write {total / 1e6:.0f} MB"


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True)
    return int(child.stdout)


def test_a_streamed_write_removes_what_killed_writers_left_beside_it_and_nothing_else(tmp_path):
    dead = _dead_pid()
    left = tmp_path / f".vaultkit-{dead}-0.tmp"         # a killed export's temporary file
    running = tmp_path / f".vaultkit-{os.getpid()}-999999.tmp"  # a write still going on here
    elsewhere = tmp_path / f".vaultkit-{os.getppid()}-0.tmp"   # and in another live process
    below = tmp_path / "sub" / f".vaultkit-{dead}-1.tmp"       # not beside the target
    mine = tmp_path / f"notes-{dead}.tmp"
    for path in (left, running, elsewhere, below, mine):
        path.parent.mkdir(exist_ok=True)
        path.write_text("half")
    write_atomic(tmp_path / "graph.json", _pieces("new"))
    assert not left.exists()
    assert running.exists() and elsewhere.exists() and below.exists() and mine.exists()
    assert remove_orphaned_temp_files(tmp_path) == 0
