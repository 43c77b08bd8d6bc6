"""Damaged state under `.vaultkit/` heals in one run, and `--restore` still brings a deleted note back."""

from __future__ import annotations

import sqlite3

from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()
NOTE = "LessWrong/Posts/Tables for Decisions.md"


def test_bytes_damaged_inside_the_state_heal_in_one_run(vault):
    (vault / NOTE).unlink()
    with sqlite3.connect(vault / ".vaultkit" / "vaultkit.sqlite3") as db:
        db.execute("UPDATE entries SET entry = CAST(X'7b22ff22' AS TEXT)")   # not UTF-8 any more
    first = runner.invoke(app, ["sync", str(vault)])
    assert first.exit_code == 0, first.output
    assert "Traceback" not in first.output
    again = runner.invoke(app, ["sync", str(vault), "--restore"])
    assert again.exit_code == 0, again.output
    assert (vault / NOTE).exists()
