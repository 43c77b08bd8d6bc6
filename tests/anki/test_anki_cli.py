"""`vaultkit export anki` on the command line: options reach the library, output is a summary."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from anki_samples import import_package

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


def test_default_deck_is_the_vaults_forum_and_names_the_package(vault, tmp_path, monkeypatch, collection):
    """An EA Forum vault's notes live under `EA Forum/`; they land in the "EA Forum" deck, not in
    "LessWrong::EA Forum"."""
    (vault / "vaultkit.toml").write_text('site = "eaforum"\n', encoding="utf-8")
    (vault / "LessWrong").rename(vault / "EA Forum")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "anki", str(vault)])
    assert result.exit_code == 0, result.output
    assert "Decks: 4 under EA Forum" in result.stdout
    import_package(collection, tmp_path / "EA Forum.apkg")
    names = {deck.name for deck in collection.decks.all_names_and_ids()}
    assert "EA Forum::Concepts" in names and not any(name.startswith("LessWrong") for name in names)


def test_without_deck_the_last_exports_deck_is_kept(vault, tmp_path, monkeypatch):
    """An EA Forum vault exported to "LessWrong" (the default before) keeps its cards there."""
    (vault / "vaultkit.toml").write_text('site = "eaforum"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["export", "anki", str(vault), "--deck", "Study::LessWrong"])
    assert first.exit_code == 0, first.output
    assert (tmp_path / "Study-LessWrong.apkg").is_file()
    (vault / "Study/Bayes.md").write_text("What is 2+2? :: 4\n", encoding="utf-8")
    again = runner.invoke(app, ["export", "anki", str(vault), "--json"])
    report = json.loads(again.stdout)
    assert report["deck"] == "Study::LessWrong" and report["output"] == "Study-LessWrong.apkg"
    assert report["new"] == 1 and report["newly_removed"] == 3 and not report["moved"]


def test_cardless_concepts_and_principles_are_counted_with_a_fix(vault, tmp_path):
    """A concept with no definition and a principle with no statement make no card; the summary says
    how many and what to write, and a principle that gets a statement is exported next time."""
    (vault / "Empty Principle.md").write_text('---\ntype: "principle"\n---\n', encoding="utf-8")
    (vault / "Empty Concept.md").write_text('---\ntype: "concept"\n---\n', encoding="utf-8")
    result = runner.invoke(app, ["export", "anki", str(vault), "-o", str(tmp_path / "a.apkg"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["principles_without_statement"] == 1 and report["concepts_without_definition"] == 1
    assert report["cards_by_origin"]["principle"] == 1

    result = runner.invoke(app, ["export", "anki", str(vault), "-o", str(tmp_path / "a.apkg")])
    assert "1 principle has no statement, so no card: give the note a `statement` property" in result.stdout
    assert "1 concept has no definition, so no card" in result.stdout

    (vault / "Empty Principle.md").write_text('---\ntype: "principle"\n---\nNever feed the trolls.\n',
                                              encoding="utf-8")
    report = json.loads(runner.invoke(app, ["export", "anki", str(vault), "-o", str(tmp_path / "b.apkg"),
                                            "--json"]).stdout)
    assert report["principles_without_statement"] == 0 and report["cards_by_origin"]["principle"] == 2
