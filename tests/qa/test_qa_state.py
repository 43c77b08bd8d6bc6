"""A lost or damaged `.vaultkit/vaultkit.sqlite3` is rebuilt from the vault in one run: no
conflicts, no lost notes; a damaged stored item is fetched again when it is needed."""

from __future__ import annotations

import contextlib
import os
import sqlite3

import pytest

from vaultkit.sync.demo import sync_demo
from vaultkit.sync.engine import SyncOptions
from vaultkit.vault.database import Database
from vaultkit.vault.notes import read_note


def _conflict_copies(vault) -> list[str]:
    return [p.name for p in vault.rglob("*(conflict *).md")]


def _a_post(vault):
    return sorted((vault / "LessWrong" / "Posts").glob("*.md"))[0]


def _touch_a_note(vault) -> None:
    note = _a_post(vault)
    st = note.stat()
    os.utime(note, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def _database(vault):
    return Database.in_folder(vault / ".vaultkit").path


def _damage(path, how: str) -> None:
    if how == "deleted":
        path.unlink()
    elif how == "garbage":
        path.write_bytes(os.urandom(path.stat().st_size))
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    else:
        with contextlib.closing(sqlite3.connect(path)) as db:
            db.execute("DROP TABLE entries")


@pytest.mark.parametrize("damage", ["deleted", "garbage", "truncated", "table missing"])
@pytest.mark.parametrize("touched", [False, True], ids=["untouched", "touched"])
def test_a_lost_database_is_rebuilt_without_conflicts(tmp_path, damage, touched):
    vault = tmp_path / "v"
    created = sync_demo(vault).counts["created"]
    notes = {p: p.read_bytes() for p in vault.rglob("*.md")}
    _damage(_database(vault), damage)
    if touched:
        _touch_a_note(vault)
    for _ in range(2):
        report = sync_demo(vault)
        assert report.counts["unchanged"] == created
        assert report.counts["created"] == report.counts["updated"] == 0
        assert not report.conflicts and _conflict_copies(vault) == []
    assert {p: p.read_bytes() for p in vault.rglob("*.md")} == notes
    state = sync_demo(vault, SyncOptions(dry_run=True))
    assert state.counts["unchanged"] == created            # the rebuilt database is whole


def test_a_damaged_stored_item_is_fetched_again_when_needed(tmp_path):
    vault = tmp_path / "v"
    sync_demo(vault)
    note = _a_post(vault)
    text = note.read_bytes()
    lw_id = read_note(note, vault).properties["lw_id"]
    with contextlib.closing(sqlite3.connect(_database(vault))) as db, db:
        db.execute("UPDATE items SET data = x'7b6e6f74206a736f6e' WHERE id = ?", (lw_id,))
    assert sync_demo(vault).counts["unchanged"] > 0         # not needed: left alone
    note.unlink()
    report = sync_demo(vault, SyncOptions(restore=True))    # needed to write the note again
    assert report.created == [note.relative_to(vault).as_posix()]
    assert note.read_bytes() == text and not report.conflicts
    with contextlib.closing(sqlite3.connect(_database(vault))) as db:
        assert db.execute("SELECT length(data) > 20 FROM items WHERE id = ?", (lw_id,)).fetchone() == (1,)
