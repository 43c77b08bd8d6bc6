"""Principle or topic: detection on the labelled concepts, in a vault, overrides and `--explain`."""

from __future__ import annotations

from typer.testing import CliRunner

from vaultkit.analyse.tagger import explain_note, tag_vault
from vaultkit.analyse.tagger.detect import detect_principle, evaluate_detector, load_concepts
from vaultkit.analyse.tagger.build.train_detector import cross_validate, cross_validate_by_origin
from vaultkit.cli.app import app
from vaultkit.vault.notes import read_note

TOPIC = ('---\nlw_id: "t1"\ntype: "concept"\ntitle: "World Modeling"\n'
         'definition: "Posts about how the world works: science, history and the models we use."\n---\n')
LAW = ('---\nlw_id: "p1"\ntype: "concept"\ntitle: "Hanlon\'s Razor"\n'
       'definition: "Never attribute to malice what carelessness explains well enough."\n---\n')


# The split the floor test scores: the sixth detection set (s001-s135), written by an engineer who did
# not change the detector and merged only after it was frozen, then scored once (docs/tagger.md).
FLOOR_SPLIT = "heldout"
PRECISION_FLOOR, RECALL_FLOOR = 0.90, 0.89


def props(vault, rel):
    return read_note(vault.root / rel, vault.root).properties


def test_scored_split_keeps_its_measured_figures():
    """Held-out figures: precision 0.924, recall 0.910 (sixth pass, s001-s135; docs/tagger.md).
    A floor just under the measured figures catches a regression; do not raise it by tuning cues on
    held-out rows."""
    report = evaluate_detector(FLOOR_SPLIT)
    assert report["rows"] >= 100 and 0.35 <= report["principles"] / report["rows"] <= 0.65
    assert report["precision"] >= PRECISION_FLOOR and report["recall"] >= RECALL_FLOOR, report["errors"]


def test_train_split_cross_validation_is_the_criterion_and_stays_high():
    # sixth pass: 0.981 / 0.930 over 5 folds, 0.952 / 0.929 by origin (docs/tagger.md)
    report = cross_validate()
    assert report["rows"] >= 560
    assert report["precision"] >= 0.96 and report["recall"] >= 0.91, report["errors"]
    pooled = cross_validate_by_origin()["pooled"]
    assert pooled["rows"] >= 420
    assert pooled["precision"] >= 0.93 and pooled["recall"] >= 0.91, pooled["errors"]


def test_heldout_concepts_are_new_names():
    rows = load_concepts()
    seen = {r["name"].lower() for r in rows if r["split"] != "heldout"}
    assert not [r["name"] for r in rows if r["split"] == "heldout" and r["name"].lower() in seen]


def test_next_evaluation_concepts_are_new_names_and_balanced():
    rows = load_concepts()
    pending = [r for r in rows if r["split"] == "heldout3"]
    seen = {r["name"].lower() for r in rows if r["split"] != "heldout3"}
    assert not [r["name"] for r in pending if r["name"].lower() in seen]
    assert not pending or (len(pending) >= 100 and sum(r["principle"] for r in pending) * 2 == len(pending))


def test_labelled_concepts_have_both_classes_in_both_splits():
    rows = load_concepts()
    assert len(rows) >= 300 and len({r["name"] for r in rows}) == len(rows)
    # `heldout3`: the next evaluation set, written before the pass that will score it (docs/tagger.md).
    assert {r["split"] for r in rows} <= {"train", "heldout", "heldout3"}
    for split in {r["split"] for r in rows}:
        assert {r["principle"] for r in rows if r["split"] == split} == {True, False}


def test_laws_and_biases_are_principles_fields_and_communities_are_not():
    assert detect_principle("Regression to the Mean",
                            "Extreme results tend to be followed by ones closer to the average.").is_principle
    assert detect_principle("Planning Fallacy", "The tendency to underestimate how long tasks take.").is_principle
    topic = detect_principle("Decision Theory", "The study of how agents should choose among actions.")
    assert not topic.is_principle and "topic_field" in topic.reason()


def test_topics_get_no_labels_and_the_property_overrides_both_ways(vault):
    vault.write("C/World Modeling.md", TOPIC)
    vault.write("C/Hanlon's Razor.md", LAW)
    report = tag_vault(vault.root)
    assert report.summary()["topics"] == 1 and report.summary()["tagged"] == 1
    assert "normativity" not in props(vault, "C/World Modeling.md")
    assert props(vault, "C/Hanlon's Razor.md")["normativity"] == "normative"

    for rel, value in (("C/World Modeling.md", "true"), ("C/Hanlon's Razor.md", "false")):
        text = vault.read(rel)
        vault.write(rel, text.replace('type: "concept"\n', f'type: "concept"\nprinciple: {value}\n'))
    report = tag_vault(vault.root)
    assert "normativity" in props(vault, "C/World Modeling.md")
    # labels vaultkit wrote earlier are taken back from a note that is no longer a principle
    hanlon = props(vault, "C/Hanlon's Razor.md")
    assert "normativity" not in hanlon and not any(t.startswith("principle/") for t in hanlon.get("tags") or [])
    assert report.count("untagged") == 1


def test_explain_says_why_a_topic_or_a_post_is_not_a_principle(vault):
    vault.write("C/World Modeling.md", TOPIC)
    vault.write("P/Some Post.md", '---\ntype: "post"\ntitle: "Some Post"\n---\n%% vaultkit:begin %%\n'
                                  "Posted 2026-03-05\n\nText.\n%% vaultkit:end %%\n")
    topic = explain_note(vault.root, "World Modeling")
    assert topic["is_principle"] is False and "topic" in topic["reason"] and topic["axes"] == {}
    post = explain_note(vault.root, "Some Post")
    assert post["is_principle"] is False and "a post note" in post["reason"]
    result = CliRunner().invoke(app, ["tag", str(vault.root), "--explain", "Some Post"])
    assert result.exit_code == 0 and "not a principle" in result.output and "Posted" not in result.output


def test_tag_on_a_vault_without_principles_says_what_to_do(vault):
    vault.write("Inbox/Note.md", "Just a note.\n")
    result = CliRunner().invoke(app, ["tag", str(vault.root)])
    assert result.exit_code == 0 and "No principle notes found" in result.output
