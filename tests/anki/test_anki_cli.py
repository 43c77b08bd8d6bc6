"""`vaultkit export anki` on the command line: options reach the library, output is a summary."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()


def test_export_writes_the_package_and_prints_a_summary(vault, tmp_path):
    out = tmp_path / "deck.apkg"
    result = runner.invoke(app, ["export", "anki", str(vault), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()
    assert result.stdout.splitlines()[0] == (
        "Exported 8 notes (9 cards) from 4 of 5 vault notes: 1 concept, 6 flashcard, 1 principle.")
    assert "8 new, 0 changed, 0 unchanged, 0 removed" in result.stdout
    assert "Update notes: if newer" in result.stdout


def test_dry_run_with_filters_as_json(vault, tmp_path):
    out = tmp_path / "deck.apkg"
    result = runner.invoke(app, ["export", "anki", str(vault), "-o", str(out), "--dry-run", "--json",
                                 "--type", "principle", "--type", "concept", "--deck", "Study"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["cards_by_origin"] == {"concept": 1, "flashcard": 1, "principle": 1}
    assert report["deck"] == "Study" and report["dry_run"] and not report["written"]
    assert not out.exists()


def test_removed_cards_are_announced(vault, tmp_path):
    runner.invoke(app, ["export", "anki", str(vault), "-o", str(tmp_path / "a.apkg")])
    (vault / "Study/Bayes.md").unlink()
    result = runner.invoke(app, ["export", "anki", str(vault), "-o", str(tmp_path / "b.apkg")])
    assert "3 removed (3 removed in all)" in result.stdout
    assert "tag:vaultkit::removed" in result.stdout


def test_errors_are_messages_not_tracebacks(tmp_path):
    result = runner.invoke(app, ["export", "anki", str(tmp_path / "missing"), "-o", str(tmp_path / "x.apkg")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: The vault folder")
    assert "Traceback" not in result.output


def test_vault_given_as_the_current_folder(vault, tmp_path, monkeypatch):
    monkeypatch.chdir(vault)
    result = runner.invoke(app, ["export", "anki", "-o", str(tmp_path / "deck.apkg"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["anki_notes"] == 8 and report["notes_scanned"] == 5
