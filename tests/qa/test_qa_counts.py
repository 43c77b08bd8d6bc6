"""The counts a user reads after each run agree with each other across runs."""

from __future__ import annotations

import os
from pathlib import Path

from vaultkit.sync.demo import sync_demo


def _notes(vault: Path) -> int:
    skip = {".vaultkit", ".obsidian", "Templates"}
    return sum(1 for p in vault.rglob("*.md") if not skip & set(p.relative_to(vault).parts))


def test_rerun_unchanged_equals_first_run_created(tmp_path):
    vault = tmp_path / "v"
    first = sync_demo(vault)
    created = first.counts["created"]
    assert created == _notes(vault)
    shortcut = sync_demo(vault)           # untouched vault: answered from state.json alone
    assert shortcut.counts["unchanged"] == created
    note = next((vault / "LessWrong" / "Authors").glob("*.md"))
    os.utime(note, ns=(note.stat().st_atime_ns, note.stat().st_mtime_ns + 10**9))
    rescanned = sync_demo(vault)          # a touched vault is scanned again
    assert rescanned.counts["unchanged"] == created


def test_summary_line_says_synced_not_wrote_and_counts_requests(tmp_path):
    from typer.testing import CliRunner

    from vaultkit.cli import app

    vault = tmp_path / "v"
    runner = CliRunner()
    first = runner.invoke(app, ["sync", "--demo", str(vault)])
    again = runner.invoke(app, ["sync", "--demo", str(vault)])
    assert first.exit_code == again.exit_code == 0
    # a run that wrote nothing must not say "Wrote"
    assert again.stdout.startswith(f"Synced {vault}: 0 created, 0 updated, ")
    assert " 1 requests" not in first.stdout + again.stdout
