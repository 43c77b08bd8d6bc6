"""`vaultkit check` on a clean vault and on vaults seeded with each kind of problem."""

from __future__ import annotations

import json
import unicodedata

import pytest
from typer.testing import CliRunner

from vaultkit.analyse.check import KINDS, check_vault, name_problem, tag_problem
from vaultkit.cli.app import app

from .conftest import note, post, reading_vault_files

P = "LessWrong/Posts/"


def found(report, kind):
    return sorted({(p.path, p.key) for p in report.problems if p.kind == kind})


def test_clean_vault_has_no_problems(reading_vault):
    report = check_vault(reading_vault)
    assert report.ok, report.problems
    assert report.notes == 13 and report.files == 14


@pytest.fixture
def seeded(make_vault):
    """One problem of each kind, each in its own note or file."""
    files = reading_vault_files()
    files.update({
        "Unresolved.md": "A link to [[Nowhere Note]].\n",
        P + "Bad Author.md": post("pst0000000000000a", "Bad Author", author="Nobody Known"),
        "Broken YAML.md": "---\ntitle: Rationality: A-Z\n---\nbody\n",
        P + "Mismatch.md": post("pst0000000000000b", "Mismatch", karma="lots"),
        P + "Bare Link.md": "---\ntype: \"post\"\nauthor: [[Ada Writer]]\n---\n",
        "Nested.md": "---\nsource:\n  book: \"x\"\n---\n",
        "Custom A.md": note({"rating": 3}), "Custom B.md": note({"rating": 4}),
        "Custom C.md": note({"rating": "high"}),
        P + "Bad Status.md": post("pst0000000000000c", "Bad Status", status="done"),
        "Principles/Bad Axis.md": note({"type": "principle", "scope": "global"}),
        "Bad Tags.md": note({"tags": ["#hash", "has space", "1984", "fine/tag"]}),
        "Old Key.md": "---\ntag: \"x\"\n---\n",
        "Unquoted Seq.md": note({"type": "post", "sequence": "Calibration Basics"}),
        "What? A Title.md": "x\n",
        "Folder: odd/Note.md": "x\n",
        "CON.md": "x\n",
        "Twin.md": "x\n", "twin.md": "x\n",
        unicodedata.normalize("NFD", "Café.md"): "x\n",
        P + "Bets (conflict 2026-01-02).md": note({"lw_conflict_of": "pst00000000000001", "type": "post"}),
        P + "Bets copy.md": post("pst00000000000001", "Bets again"),
        "Unbalanced.md": "text\n%% vaultkit:begin %%\nno end\n",
        "vaultkit.toml": "select = [\n",
    })
    return check_vault(make_vault(files))


def test_every_kind_is_found(seeded):
    assert set(seeded.counts()) == set(KINDS)


def test_unresolved_links_in_body_and_properties(seeded):
    assert found(seeded, "unresolved-link") == [(P + "Bad Author.md", "author"), ("Unresolved.md", None)]


def test_invalid_frontmatter(seeded):
    assert found(seeded, "invalid-frontmatter") == [("Broken YAML.md", None)]


def test_type_mismatches(seeded):
    assert found(seeded, "type-mismatch") == [
        ("Custom C.md", "rating"), (P + "Bare Link.md", "author"), (P + "Mismatch.md", "karma"),
        ("Nested.md", "source")]
    bare = next(p for p in seeded.problems if p.path == P + "Bare Link.md" and p.kind == "type-mismatch")
    assert 'quoted text: "[[Note]]"' in bare.message


def test_invalid_values(seeded):
    assert found(seeded, "invalid-value") == [
        ("Bad Tags.md", "tags"), (P + "Bad Status.md", "status"), ("Old Key.md", "tag"),
        ("Principles/Bad Axis.md", "scope"), ("Unquoted Seq.md", "sequence")]
    tags = [p.message for p in seeded.problems if p.path == "Bad Tags.md"]
    assert len(tags) == 3 and not any("fine/tag" in m for m in tags)


def test_unsafe_and_colliding_names(seeded):
    assert found(seeded, "unsafe-name") == [
        ("CON.md", None), (unicodedata.normalize("NFD", "Café.md"), None), ("Folder: odd", None),
        ("What? A Title.md", None)]
    assert found(seeded, "name-collision") == [("Twin.md", None), ("twin.md", None)]


def test_conflicts_duplicates_and_regions(seeded):
    assert found(seeded, "conflict") == [(P + "Bets (conflict 2026-01-02).md", "lw_conflict_of")]
    conflict = next(p for p in seeded.problems if p.kind == "conflict")
    assert "Bets.md" in conflict.message or "Bets copy.md" in conflict.message
    assert found(seeded, "duplicate-id") == [(P + "Bets copy.md", "lw_id"), (P + "Bets.md", "lw_id")]
    assert found(seeded, "region") == [("Unbalanced.md", None)]


@pytest.mark.parametrize("name, bad", [("Fine Name.md", False), ("a#b.md", True), ("x|y.md", True),
                                       ("trail .md", True), ("$5.md", True), ("LPT1.txt", True), ("LPT10.md", False),
                                       ("lpt1", True), ("é" * 130 + ".md", True)])
def test_name_rules(name, bad):
    assert (name_problem(name, is_note=name.endswith(".md")) is not None) is bad


@pytest.mark.parametrize("tag, bad", [("lesswrong/post", False), ("y1984", False), ("1984", True),
                                      ("a b", True), ("#a", True), ("heuristics-&-biases", True)])
def test_tag_rules(tag, bad):
    assert (tag_problem(tag) is not None) is bad


def test_cli_exit_codes_and_json(reading_vault, make_vault):
    runner = CliRunner()
    clean = runner.invoke(app, ["check", str(reading_vault)])
    assert clean.exit_code == 0 and "No problems in 13 notes" in clean.output
    bad_vault = make_vault({"A.md": "[[Missing]]\n", "B.md": "---\nstatus: \"done\"\n---\n"}, name="bad")
    bad = runner.invoke(app, ["check", str(bad_vault)])
    assert bad.exit_code == 1
    assert "A.md: [unresolved-link]" in bad.output and "2 problems in 2 notes" in bad.output
    as_json = runner.invoke(app, ["check", str(bad_vault), "--json"])
    data = json.loads(as_json.output)
    assert as_json.exit_code == 1 and data["ok"] is False
    assert data["counts"] == {"unresolved-link": 1, "invalid-value": 1}
    assert {p["path"] for p in data["problems"]} == {"A.md", "B.md"}
    missing = runner.invoke(app, ["check", str(reading_vault / "nope")])
    assert missing.exit_code == 2 and "Error: The vault folder" in missing.output  # as every command


def test_templates_folder_holds_placeholders_not_problems(make_vault):
    root = make_vault({
        ".obsidian/templates.json": '{"folder": "Templates"}',
        "Templates/Principle.md": '---\ntype: "principle"\nscope: ""\nsource: "[[{{title}}]]"\n---\n# {{title}}\n',
        "Templates/Broken.md": "---\ntitle: a: b\n---\n",
        "Notes/Real.md": '---\nscope: ""\n---\n[[{{title}}]]\n',
    })
    report = check_vault(root)
    assert found(report, "invalid-frontmatter") == [("Templates/Broken.md", None)]
    assert {p.path for p in report.problems} == {"Templates/Broken.md", "Notes/Real.md"}
