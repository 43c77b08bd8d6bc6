"""`vaultkit progress`: figures per collection, book and sequence, the Bases views and the Progress note."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from vaultkit.analyse.check import check_vault
from vaultkit.analyse.graph import build_graph
from vaultkit.analyse.progress import bases_files, progress_bar, reading_progress, update_progress
from vaultkit.cli.app import app
from vaultkit.vault.regions import region_text

SAMPLE_VAULT = Path(__file__).resolve().parents[2] / "sample_vault"


def figures(rows):
    return [(r.level, r.name, r.depth, r.total, r.read, r.reading, r.to_read) for r in rows]


def test_progress_per_collection_book_and_sequence(reading_vault):
    assert figures(reading_progress(reading_vault)) == [
        ("all", "All posts", 0, 4, 2, 1, 1),
        ("collection", "A Field Guide", 0, 3, 1, 1, 1),
        ("book", "Book One", 1, 3, 1, 1, 1),
        ("sequence", "Calibration Basics", 2, 3, 1, 1, 1),
    ]


def test_status_changes_move_the_figures(reading_vault):
    scores = reading_vault / "LessWrong/Posts/Scores.md"
    scores.write_text(scores.read_text().replace('status: "to-read"', 'status: "read"'))
    rows = reading_progress(reading_vault)
    assert (rows[0].read, rows[-1].read, rows[-1].fraction) == (3, 2, 2 / 3)


def test_views_and_note_are_written_once(reading_vault):
    first = update_progress(reading_vault)
    assert sorted(first.written) == ["LessWrong/Progress.md", "LessWrong/Views/Concepts.base",
                                     "LessWrong/Views/Principles.base", "LessWrong/Views/Reading list.base"]
    again = update_progress(reading_vault)
    assert again.written == [] and len(again.kept) == 4


def test_bases_are_valid_yaml_in_the_bases_shape():
    for name, text in bases_files().items():
        data = yaml.safe_load(text)
        assert set(data) <= {"filters", "formulas", "properties", "summaries", "views"}, name
        assert isinstance(data["filters"], (str, dict))
        if isinstance(data["filters"], dict):
            assert len(data["filters"]) == 1 and set(data["filters"]) <= {"and", "or", "not"}
        for view in data["views"]:
            assert view["type"] in {"table", "cards", "list", "map"} and view["name"]
            assert all(c.startswith(("file.", "note.", "formula.")) for c in view["order"])
            if "groupBy" in view:
                assert view["groupBy"]["property"].startswith("note.")
    principles = yaml.safe_load(bases_files()["Principles.base"])
    assert [v["groupBy"]["property"] for v in principles["views"]] == [
        "note.normativity", "note.scope", "note.certainty"]


def test_user_edits_to_a_base_are_kept(reading_vault):
    mine = reading_vault / "LessWrong/Views/Concepts.base"
    mine.parent.mkdir(parents=True)
    mine.write_text("views: []\n")
    report = update_progress(reading_vault)
    assert "LessWrong/Views/Concepts.base" in report.kept
    assert mine.read_text() == "views: []\n"


def test_progress_note_keeps_the_users_text_and_links_resolve(reading_vault):
    note = reading_vault / "LessWrong/Progress.md"
    update_progress(reading_vault)
    note.write_text("My reading goals.\n\n" + note.read_text() + "\nDone by June.\n")
    scores = reading_vault / "LessWrong/Posts/Scores.md"
    scores.write_text(scores.read_text().replace('status: "to-read"', 'status: "read"'))
    assert "LessWrong/Progress.md" in update_progress(reading_vault).written
    text = note.read_text()
    assert text.startswith("My reading goals.\n") and text.endswith("\nDone by June.\n")
    assert "| &nbsp;&nbsp;&nbsp;&nbsp;[[Calibration Basics\\|Calibration Basics]] | 2 | 1 | 0 |" in region_text(text)
    # the new files confuse neither check nor the graph
    assert check_vault(reading_vault).ok
    graph = build_graph(reading_vault).graph
    assert set(graph.get_edge_data("LessWrong/Progress.md", "LessWrong/Sequences/Calibration Basics.md"))


def test_bar():
    assert progress_bar(0.5, 10) == "█████░░░░░"
    assert progress_bar(1.5, 4) == "████" and progress_bar(0, 3) == "░░░"


def test_cli_table_and_json(reading_vault):
    runner = CliRunner()
    table = runner.invoke(app, ["progress", str(reading_vault)])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert any(line.startswith("All posts") and "2       1       1" in line and "50%" in line for line in lines)
    assert any("    Calibration Basics" in line for line in lines)
    assert "Wrote LessWrong/Progress.md" in table.output
    as_json = runner.invoke(app, ["progress", str(reading_vault), "--json", "--no-write"])
    data = json.loads(as_json.output)
    assert data["written"] == [] and data["rows"][0]["to_read"] == 1


def test_progress_on_the_demo_vault(tmp_path):
    notes = list(SAMPLE_VAULT.rglob("*.md"))
    assert notes, "sample_vault/ must hold the demo vault"
    import shutil

    vault = tmp_path / "demo"
    shutil.copytree(SAMPLE_VAULT, vault)
    report = update_progress(vault)
    posts = sum(1 for p in notes if 'type: "post"' in p.read_text(encoding="utf-8"))
    assert report.rows[0].total == posts > 0
    assert any(r.level == "sequence" and r.total > 1 for r in report.rows)
    assert any(r.level == "collection" for r in report.rows)
    assert check_vault(vault).counts().get("unresolved-link", 0) == 0


def test_books_from_headings_in_a_collection_note(make_vault):
    from .conftest import note, post

    root = make_vault({
        "Guide.md": note({"type": "collection", "title": "Guide"},
                         "Intro [[Seq A]] is not under a book.\n## Book Two\n- [[Seq B]]\n- [[Solo]]\n"),
        "Seq A.md": note({"type": "sequence"}), "Seq B.md": note({"type": "sequence"}),
        "P1.md": post("p1", "P1", sequence="Seq A", status="read"),
        "P2.md": post("p2", "P2", sequence="Seq B"),
        "Solo.md": post("p3", "Solo", status="reading"),
        "Ada Writer.md": note({"type": "author"}),
    })
    assert figures(reading_progress(root)) == [
        ("all", "All posts", 0, 3, 1, 1, 1),
        ("collection", "Guide", 0, 3, 1, 1, 1),
        ("book", "Book Two", 1, 2, 0, 1, 1),
        ("sequence", "Seq B", 2, 1, 0, 0, 1),
        ("sequence", "Seq A", 1, 1, 1, 0, 0),
    ]
