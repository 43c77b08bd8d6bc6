"""Renaming or moving a principle note without an `lw_id` in Obsidian: its record in
`.vaultkit/tagger.json` follows it (by statement), so vaultkit's own values still update and the
user's stay. Through the real Typer app, on real files."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from vaultkit.analyse.tagger.state import STATE_PATH
from vaultkit.cli.app import app
from vaultkit.vault.notes import read_note

runner = CliRunner()
HABIT = "Clear your desk at the end of every working day."        # normative, situational, deterministic
BIAS = "People usually overestimate how short their commute is."  # descriptive, situational, stochastic
LAW = "The sum of two odd numbers is always even."                # descriptive, universal, deterministic


def tag(vault, *args: str) -> dict:
    result = runner.invoke(app, ["tag", str(vault.root), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def props(vault, rel):
    return read_note(vault.root / rel, vault.root).properties


def move(vault, old: str, new: str) -> None:
    (vault.root / new).parent.mkdir(parents=True, exist_ok=True)
    (vault.root / old).rename(vault.root / new)


def edit_statement(vault, rel: str, old: str, new: str) -> None:
    vault.write(rel, vault.read(rel).replace(old, new))


def state_keys(vault) -> list[str]:
    return list(json.loads((vault.root / STATE_PATH).read_text(encoding="utf-8"))["notes"])


def test_a_renamed_note_keeps_its_record_so_vaultkits_values_follow_a_statement_edit(vault):
    vault.principle("Principles/Desk.md", HABIT, 'scope: "universal"\n')   # scope typed by the user
    assert tag(vault)["summary"]["user_set_kept"] == 1
    move(vault, "Principles/Desk.md", "Principles/Tidy desk.md")
    state = (vault.root / STATE_PATH).read_bytes()

    # --explain and --dry-run find the record as `vaultkit tag` will, and write nothing
    explained = runner.invoke(app, ["tag", str(vault.root), "--explain", "Tidy desk"])
    assert explained.exit_code == 0, explained.output
    assert "normativity: normative (confidence" in explained.stdout
    assert "scope: universal (set by you; the model says situational)" in explained.stdout
    assert tag(vault, "--dry-run")["summary"]["user_set_kept"] == 1
    assert (vault.root / STATE_PATH).read_bytes() == state

    data = tag(vault)
    assert data["summary"]["user_set_kept"] == 1 and data["notes"][0]["user_kept"] == ["scope"]
    assert state_keys(vault) == ["path:Principles/Tidy desk.md"]

    edit_statement(vault, "Principles/Tidy desk.md", HABIT, BIAS)
    result = runner.invoke(app, ["tag", str(vault.root)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("1 tagged, 0 unchanged, 1 user-set values kept, 0 with an uncertain axis.")
    p = props(vault, "Principles/Tidy desk.md")
    assert (p["normativity"], p["certainty"]) == ("descriptive", "stochastic")   # vaultkit's own, updated
    assert p["scope"] == "universal"                                              # the user's, kept
    assert "principle/normative" not in p["tags"] and "principle/descriptive" in p["tags"]


def test_a_note_moved_into_another_folder_keeps_its_record(vault):
    vault.principle("Principles/Odd.md", LAW)
    vault.principle("Principles/Desk.md", HABIT)
    tag(vault)
    move(vault, "Principles/Odd.md", "Archive/2026/Odd.md")
    data = tag(vault)
    assert data["summary"] == {**data["summary"], "tagged": 0, "user_set_kept": 0}
    assert sorted(state_keys(vault)) == ["path:Archive/2026/Odd.md", "path:Principles/Desk.md"]
    edit_statement(vault, "Archive/2026/Odd.md", LAW, BIAS)
    data = tag(vault)
    assert data["summary"]["user_set_kept"] == 0
    p = props(vault, "Archive/2026/Odd.md")
    assert (p["normativity"], p["scope"], p["certainty"]) == ("descriptive", "situational", "stochastic")


@pytest.mark.parametrize("copy", [False, True], ids=["both renamed", "renamed and copied"])
def test_two_notes_that_could_take_the_same_record_take_none(vault, copy):
    """Same statement, two candidates for the record (two renamed notes, or a renamed note and its
    copy): which is which cannot be told, so their values stay the user's. A note renamed alongside
    them, with a statement of its own, is still followed."""
    vault.principle("A.md", HABIT)
    if not copy:
        vault.principle("B.md", HABIT)
    vault.principle("Odd.md", LAW)
    tag(vault)
    move(vault, "A.md", "C.md")
    if copy:
        vault.write("D.md", vault.read("C.md"))
    else:
        move(vault, "B.md", "D.md")
    move(vault, "Odd.md", "Even.md")
    data = tag(vault)
    assert {n["note"]: len(n["user_kept"]) for n in data["notes"]} == {"C.md": 3, "D.md": 3, "Even.md": 0}
    assert sorted(state_keys(vault)) == ["path:C.md", "path:D.md", "path:Even.md"]  # the orphans are gone
    for rel in ("C.md", "D.md"):
        edit_statement(vault, rel, HABIT, BIAS)
    edit_statement(vault, "Even.md", LAW, BIAS)
    tag(vault)
    for rel in ("C.md", "D.md"):
        assert props(vault, rel)["normativity"] == "normative"        # kept as the user's
    assert props(vault, "Even.md")["normativity"] == "descriptive"    # followed, updated


def test_a_state_file_from_before_statement_hashes_still_works_and_gains_them(vault):
    vault.principle("Principles/Desk.md", HABIT, 'scope: "universal"\n')
    tag(vault)
    path = vault.root / STATE_PATH
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data["notes"].values():
        record.pop("statement_hash", None)
    assert data["version"] == 1
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")   # as the tagger wrote it before

    note = vault.read("Principles/Desk.md")
    data = tag(vault)
    assert data["summary"]["tagged"] == 0 and data["summary"]["user_set_kept"] == 1 and not data["warnings"]
    assert vault.read("Principles/Desk.md") == note
    assert json.loads(path.read_text(encoding="utf-8"))["notes"]["path:Principles/Desk.md"]["statement_hash"]

    move(vault, "Principles/Desk.md", "Principles/Tidy.md")
    tag(vault)
    edit_statement(vault, "Principles/Tidy.md", HABIT, BIAS)
    data = tag(vault)
    assert data["notes"][0]["user_kept"] == ["scope"]
    p = props(vault, "Principles/Tidy.md")
    assert (p["normativity"], p["scope"], p["certainty"]) == ("descriptive", "universal", "stochastic")
