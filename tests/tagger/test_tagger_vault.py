"""Tagging a real vault on disk: what is written, what is never touched, what re-runs do."""

from __future__ import annotations

import json

import pytest

from vaultkit.analyse.tagger import tag_vault
from vaultkit.errors import VaultLockedError
from vaultkit.vault.lock import vault_lock
from vaultkit.model.text import first_paragraph
from vaultkit.analyse.tagger.state import STATE_PATH
from vaultkit.vault.notes import read_note, split_frontmatter

HABIT = "Clear your desk at the end of every working day."        # normative, situational, deterministic
LAW = "The sum of two odd numbers is always even."                # descriptive, universal, deterministic
BIAS = "People usually overestimate how short their commute is."  # descriptive, situational, stochastic


def props(vault, rel):
    return read_note(vault.root / rel, vault.root).properties


def test_first_run_writes_labels_and_tags_and_leaves_every_other_byte(vault):
    body = "\n# My habit\n\nSome notes of mine.\n"
    vault.principle("Principles/Desk.md", HABIT, 'source: "[[Cal Newport]]"\ntags:\n  - "mine"\n', body)
    report = tag_vault(vault.root)
    text = vault.read("Principles/Desk.md")
    p = props(vault, "Principles/Desk.md")
    assert report.summary()["tagged"] == 1
    assert (p["normativity"], p["scope"], p["certainty"]) == ("normative", "situational", "deterministic")
    assert p["tags"] == ["mine", "principle/normative", "principle/situational", "principle/deterministic"]
    assert split_frontmatter(text)[1] == body
    assert text.startswith(f'---\ntype: "principle"\nstatement: "{HABIT}"\nsource: "[[Cal Newport]]"\ntags:\n  - "mine"\n')


def test_rerun_on_unchanged_notes_writes_no_file(vault):
    vault.principle("Principles/Desk.md", HABIT)
    vault.principle("Principles/Odd.md", LAW, 'normativity: "normative"\n')
    tag_vault(vault.root)
    before = vault.snapshot()
    report = tag_vault(vault.root)
    assert vault.snapshot() == before
    assert report.summary()["tagged"] == 0 and report.summary()["unchanged"] == 2


def test_a_hand_set_label_survives_every_retag(vault):
    """The user's value wins on the first run, after edits, with other thresholds and after a reset."""
    vault.principle("Principles/Odd.md", LAW, 'normativity: "normative"\n')
    for kwargs in ({}, {"threshold": 0.5}, {"threshold": 0.99}, {}):
        report = tag_vault(vault.root, **kwargs)
        assert props(vault, "Principles/Odd.md")["normativity"] == "normative"
        assert "normativity" in report.notes[0].user_kept
    text = vault.read("Principles/Odd.md").replace(LAW, "Prime numbers greater than two are odd.")
    vault.write("Principles/Odd.md", text)
    tag_vault(vault.root)
    (vault.root / STATE_PATH).unlink()
    tag_vault(vault.root)
    assert props(vault, "Principles/Odd.md")["normativity"] == "normative"


def test_a_value_the_user_edits_after_vaultkit_wrote_it_becomes_theirs(vault):
    vault.principle("Principles/Desk.md", HABIT)
    tag_vault(vault.root)
    text = vault.read("Principles/Desk.md").replace('scope: "situational"', 'scope: "universal"')
    vault.write("Principles/Desk.md", text.replace(HABIT, BIAS))
    report = tag_vault(vault.root)
    p = props(vault, "Principles/Desk.md")
    assert p["scope"] == "universal"
    assert report.notes[0].user_kept == ["scope"]
    assert (p["normativity"], p["certainty"]) == ("descriptive", "stochastic")  # vaultkit's own, updated


def test_a_cleared_value_stays_cleared(vault):
    vault.principle("Principles/Desk.md", HABIT)
    tag_vault(vault.root)
    vault.write("Principles/Desk.md", vault.read("Principles/Desk.md").replace('certainty: "deterministic"', "certainty:"))
    tag_vault(vault.root)
    assert props(vault, "Principles/Desk.md")["certainty"] is None


def test_when_the_label_changes_only_vaultkits_tag_is_replaced(vault):
    vault.principle("Principles/Desk.md", HABIT, 'tags:\n  - "zeta"\n  - "principle/normative"\n  - "alpha"\n')
    tag_vault(vault.root)
    text = vault.read("Principles/Desk.md").replace(HABIT, BIAS)
    vault.write("Principles/Desk.md", text)
    tag_vault(vault.root)
    tags = props(vault, "Principles/Desk.md")["tags"]
    # The user's own principle/normative tag stays; vaultkit's situational tag stays; its
    # deterministic tag becomes stochastic; user tags keep their order.
    assert tags[:3] == ["zeta", "principle/normative", "alpha"]
    assert "principle/deterministic" not in tags and "principle/stochastic" in tags
    assert "principle/descriptive" in tags


def test_a_tag_the_user_removed_is_not_added_again(vault):
    vault.principle("Principles/Desk.md", HABIT)
    tag_vault(vault.root)
    vault.write("Principles/Desk.md", vault.read("Principles/Desk.md").replace('  - "principle/situational"\n', ""))
    tag_vault(vault.root)
    tag_vault(vault.root)
    assert "principle/situational" not in props(vault, "Principles/Desk.md")["tags"]


def test_corrupt_state_warns_keeps_existing_values_and_is_rebuilt(vault):
    vault.principle("Principles/Desk.md", HABIT)
    tag_vault(vault.root)
    vault.write("Principles/Desk.md", vault.read("Principles/Desk.md").replace(HABIT, LAW))
    (vault.root / STATE_PATH).write_text("{not json", encoding="utf-8")
    report = tag_vault(vault.root)
    assert report.warnings and "corrupt" in report.warnings[0]
    p = props(vault, "Principles/Desk.md")
    assert (p["normativity"], p["scope"]) == ("normative", "situational")  # now treated as the user's
    assert json.loads((vault.root / STATE_PATH).read_text(encoding="utf-8"))["notes"]


def test_concepts_unless_turned_off_and_conflict_copies_never(vault):
    vault.write("LessWrong/Concepts/Anchoring.md",
                '---\nlw_id: "c1"\ntype: "concept"\ndefinition: "People tend to lean toward the first number they see."\n---\n')
    vault.write("LessWrong/Concepts/Anchoring (conflict 2026-01-01).md",
                '---\nlw_conflict_of: "c1"\ntype: "concept"\ndefinition: "x"\n---\n')
    assert tag_vault(vault.root, concepts=False).notes == []
    report = tag_vault(vault.root)
    assert [n.rel for n in report.notes] == ["LessWrong/Concepts/Anchoring.md"]
    assert props(vault, "LessWrong/Concepts/Anchoring.md")["normativity"] == "descriptive"
    assert "normativity" not in props(vault, "LessWrong/Concepts/Anchoring (conflict 2026-01-01).md")


def test_notes_with_an_lw_id_keep_their_record_when_renamed(vault):
    vault.principle("Old name.md", HABIT, 'lw_id: "abc"\n')
    tag_vault(vault.root)
    (vault.root / "Old name.md").rename(vault.root / "New name.md")
    vault.write("New name.md", vault.read("New name.md").replace(HABIT, BIAS))
    report = tag_vault(vault.root)
    assert report.notes[0].user_kept == []
    assert props(vault, "New name.md")["certainty"] == "stochastic"


def test_invalid_yaml_is_skipped_with_a_warning_and_left_alone(vault):
    path = vault.write("Broken.md", '---\ntype: principle\ntitle: Rationality: A-Z\n---\nDo good.\n')
    before = path.read_bytes()
    report = tag_vault(vault.root)
    assert path.read_bytes() == before
    assert report.summary()["skipped"] == 1 and "Broken.md" in report.warnings[0]


def test_a_principle_with_no_statement_is_skipped_untouched_until_it_has_one(vault):
    path = vault.write("Principles/Draft.md", '---\ntype: "principle"\nstatement: ""\n---\n# Just a heading\n')
    before = path.read_bytes()
    report = tag_vault(vault.root)
    assert path.read_bytes() == before
    assert report.summary()["skipped"] == 1 and report.summary()["tagged"] == 0
    assert report.warnings == ["Principles/Draft.md: skipped, it has no statement to label: write one in "
                               "its `statement` property (or as the note's first paragraph) and run again"]
    path.write_text(path.read_text().replace('statement: ""', f'statement: "{LAW}"'))
    report = tag_vault(vault.root)
    assert report.summary()["tagged"] == 1 and props(vault, "Principles/Draft.md")["scope"] == "universal"


def test_dry_run_writes_nothing(vault):
    vault.principle("Principles/Desk.md", HABIT)
    before = vault.snapshot()
    report = tag_vault(vault.root, dry_run=True)
    assert report.summary()["tagged"] == 1
    assert vault.snapshot() == before


def test_statement_comes_from_the_first_paragraph_of_the_body():
    body = ("%% a comment %%\n# Title\n\n> [!note] Summary\n> Keep your promises\n> to everyone.\n\n"
            "Second paragraph.\n")
    assert first_paragraph(body) == "Keep your promises to everyone."
    assert first_paragraph("## Only\n\n**Prefer** [[Simple Thing|simple]] plans.\n") == "Prefer simple plans."


def test_templates_are_never_tagged_and_notes_made_from_them_are(vault):
    from vaultkit.resources import templates_dir

    template = (templates_dir() / "user" / "Principle.md").read_text(encoding="utf-8")
    vault.write(".obsidian/templates.json", '{"folder": "My Templates"}')
    vault.write("My Templates/Principle.md", template)
    vault.write("Elsewhere/Principle copy.md", template)          # placeholders still unfilled
    before = vault.snapshot()
    assert tag_vault(vault.root).notes == []
    assert {k: v for k, v in vault.snapshot().items() if not k.startswith(".vaultkit")} == before
    # What Obsidian's Templates plugin makes from it: {{title}} filled in.
    vault.write("Principles/New.md", template.replace("{{title}}", "New"))
    made = vault.read("Principles/New.md")
    assert tag_vault(vault.root).summary()["skipped"] == 1   # the instructions are a comment: no statement yet
    assert vault.read("Principles/New.md") == made
    vault.write("Principles/New.md", vault.read("Principles/New.md").replace('statement: ""', f'statement: "{HABIT}"'))
    tag_vault(vault.root)
    assert props(vault, "Principles/New.md")["normativity"] == "normative"


def test_a_failed_write_is_a_clear_error_and_the_note_is_tagged_once_writable(vault):
    """The state must not claim values a note never received (they would then look like the user's)."""
    import shutil
    import subprocess

    import pytest

    from vaultkit.errors import VaultError

    if shutil.which("chattr") is None:
        pytest.skip("needs chattr to make a file unreplaceable")
    vault.principle("A.md", HABIT)
    locked = vault.principle("B.md", LAW)
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode != 0:
        pytest.skip("this filesystem or user cannot set the immutable attribute")
    try:
        with pytest.raises(VaultError, match="Cannot write .*B.md"):
            tag_vault(vault.root)
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert props(vault, "A.md")["normativity"] == "normative"
    assert "normativity" not in props(vault, "B.md")
    report = tag_vault(vault.root)
    assert props(vault, "B.md")["normativity"] == "descriptive"
    assert [n.user_kept for n in report.notes] == [[], []]


def test_a_running_sync_holds_the_tagger_off_and_nothing_is_written(vault):
    vault.principle("Principles/Desk.md", HABIT)
    lock = vault.root / ".vaultkit" / "lock"
    with vault_lock(lock.parent):  # a sync holding the vault
        before = vault.snapshot()
        with pytest.raises(VaultLockedError, match="Another vaultkit run"):
            tag_vault(vault.root)
        assert tag_vault(vault.root, dry_run=True).summary()["tagged"] == 1  # reading needs no lock
        assert vault.snapshot() == before
    assert tag_vault(vault.root).summary()["tagged"] == 1
    assert not lock.exists()
