"""A lost or corrupt `.vaultkit/entries.json` is rebuilt from the vault: no conflicts, no lost notes."""

from __future__ import annotations

import os

import pytest

from vaultkit.sync.demo import sync_demo


def _conflict_copies(vault) -> list[str]:
    return [p.name for p in vault.rglob("*(conflict *).md")]


def _touch_a_note(vault) -> None:
    note = next((vault / "LessWrong" / "Posts").glob("*.md"))
    st = note.stat()
    os.utime(note, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


@pytest.mark.parametrize("damage", ["deleted", "corrupt"])
@pytest.mark.parametrize("touched", [False, True], ids=["untouched", "touched"])
def test_lost_entries_are_rebuilt_without_conflicts(tmp_path, damage, touched):
    vault = tmp_path / "v"
    created = sync_demo(vault).counts["created"]
    entries = vault / ".vaultkit" / "entries.json"
    if damage == "deleted":
        entries.unlink()
    else:
        entries.write_text("{not json", encoding="utf-8")
    if touched:
        _touch_a_note(vault)
    for _ in range(2):
        report = sync_demo(vault)
        assert report.counts["unchanged"] == created
        assert report.counts["created"] == report.counts["updated"] == 0
        assert not report.conflicts and _conflict_copies(vault) == []
