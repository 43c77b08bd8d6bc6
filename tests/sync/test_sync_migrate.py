"""A vault synced by vaultkit before the database (JSON files under `.vaultkit/`) is migrated once:
every note is recognised as vaultkit's and unchanged, none is written, and the old files go."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from vault_builders import snapshot
from vaultkit.sync.demo import sync_demo
from vaultkit.sync.engine import SyncOptions

ROOT = Path(__file__).resolve().parents[2]
OLD_LAYOUT = Path(__file__).parent / "data" / "old-layout"


@pytest.fixture
def old_vault(tmp_path) -> Path:
    """`sample_vault/` with the `.vaultkit/` the JSON-era vaultkit wrote for it."""
    vault = tmp_path / "vault"
    shutil.copytree(ROOT / "sample_vault", vault)
    shutil.copytree(OLD_LAYOUT, vault / ".vaultkit", ignore=shutil.ignore_patterns("README.md"))
    return vault


def notes_the_old_state_knows(vault: Path) -> int:
    """Notes of the vault whose id the old layout records, and the demo collection's book notes
    (books came later; the migrated run recognises their sealed notes). The demo has also gained
    concepts since that layout was written, which the selection it saved does not reach."""
    known = json.loads((OLD_LAYOUT / "entries.json").read_text(encoding="utf-8"))["entries"]
    books = sum(1 for _ in (vault / "LessWrong" / "Books").glob("*.md"))
    return books + sum(1 for note in (vault / "LessWrong").rglob("*.md")
                       if any(f'lw_id: "{lw_id}"' in note.read_text(encoding="utf-8") for lw_id in known))


def outside_state(vault: Path) -> dict:
    return {rel: v for rel, v in snapshot(vault).items() if not rel.startswith(".vaultkit/")}


def test_an_old_vault_is_migrated_once_and_no_note_is_written(old_vault):
    before = outside_state(old_vault)
    notes = notes_the_old_state_knows(old_vault)
    for _ in range(2):
        report = sync_demo(old_vault)
        assert report.counts["unchanged"] == notes
        assert report.counts["created"] == report.counts["updated"] == 0 and not report.conflicts
        assert outside_state(old_vault) == before
        assert sorted(p.name for p in (old_vault / ".vaultkit").iterdir()) == ["vault.lock", "vaultkit.sqlite3"]  # the OS lock stays
    with contextlib.closing(sqlite3.connect(old_vault / ".vaultkit" / "vaultkit.sqlite3")) as db:
        migrated = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                    for table in ("entries", "items")}
    # the 88 migrated, plus the demo collection's two books (sample_vault holds their notes)
    assert migrated == {"entries": 90, "items": 90}


def test_a_dry_run_reads_an_old_vault_and_changes_nothing(old_vault):
    before = snapshot(old_vault)
    report = sync_demo(old_vault, SyncOptions(dry_run=True))
    assert report.counts["unchanged"] == notes_the_old_state_knows(old_vault)
    assert not report.created and not report.updated and not report.conflicts
    assert snapshot(old_vault) == before
