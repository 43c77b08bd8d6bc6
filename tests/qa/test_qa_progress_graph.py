"""`progress` and `export graph`: folders stay inside the vault, --dry-run, --type, link counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize("folder", ["../../x", "../x", "LessWrong/../../x", "{tmp}/abs", "/LessWrong",
                                    ".obsidian"])
def test_progress_refuses_a_folder_outside_the_vault(tmp_path, vault, folder):
    before = _files(tmp_path)
    result = runner.invoke(app, ["progress", str(vault), "--folder", folder.format(tmp=tmp_path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: --folder ") and "is not a folder inside the vault" in result.stderr
    assert "Traceback" not in result.output
    assert _files(tmp_path) == before


def test_progress_dry_run_writes_nothing_and_says_what_it_would(tmp_path, vault):
    before = {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()}
    result = runner.invoke(app, ["progress", str(vault), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would write LessWrong/Progress.md" in result.output
    assert {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()} == before
    real = runner.invoke(app, ["progress", str(vault)])
    assert "Wrote LessWrong/Progress.md" in real.output
    again = runner.invoke(app, ["progress", str(vault), "--dry-run", "--json"])
    assert json.loads(again.output)["written"] == [] and json.loads(again.output)["dry_run"] is True


def test_graph_dry_run_writes_nothing(tmp_path, vault):
    out = tmp_path / "map.html"
    result = runner.invoke(app, ["export", "graph", str(vault), "-o", str(out), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Dry run, would write {out}")
    assert not out.exists()
    runner.invoke(app, ["export", "graph", str(vault), "-o", str(out)])
    again = runner.invoke(app, ["export", "graph", str(vault), "-o", str(out), "--dry-run"])
    assert again.output.startswith(f"Dry run, unchanged: {out}")


def test_graph_refuses_a_type_no_note_has(tmp_path, vault):
    out = tmp_path / "g.graphml"
    result = runner.invoke(app, ["export", "graph", str(vault), "-o", str(out), "--type", "concept",
                                 "--type", "bogus"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: No note of the vault has type 'bogus'.")
    assert "concept" in result.stderr and "post" in result.stderr
    assert not out.exists()


def test_graph_counts_say_what_they_count(tmp_path, vault):
    out = tmp_path / "map.html"
    result = runner.invoke(app, ["export", "graph", str(vault), "-o", str(out), "--json"])
    report = json.loads(result.output)
    html = out.read_text(encoding="utf-8")
    assert report["pairs"] < report["edges"]
    text = runner.invoke(app, ["export", "graph", str(vault), "-o", str(out)]).output
    assert f"{report['edges']} links between {report['pairs']} pairs of notes" in text
    assert '" linked pairs"' in html
