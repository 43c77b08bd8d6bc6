"""Train the principle detector's cue weights on the train split of `data/concepts.jsonl`.

    python -m vaultkit.analyse.tagger.build.train_detector          # rewrites data/detector-weights.json
    python -m vaultkit.analyse.tagger.build.train_detector --check  # fails if retraining changes the file
    python -m vaultkit.analyse.tagger.build.train_detector --cv     # 5-fold and grouped-by-origin CV, train split

The held-out split is never read here. Needs numpy (the `test` extra).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

from vaultkit.analyse.tagger.detect import DETECTOR_PATH, PRINCIPLE_THRESHOLD, detection_cues, load_concepts
from vaultkit.analyse.tagger.build.train import fit

L2 = 0.003


def train_detector(rows: list[dict] | None = None) -> dict:
    """The weights document, fitted on the rows whose split is `train`."""
    import numpy as np

    rows = [r for r in (rows if rows is not None else load_concepts()) if r["split"] == "train"]
    cue_sets = [{cue_id for cue_id, _ in detection_cues(r["name"], r["definition"])} for r in rows]
    vocab = sorted(set().union(*cue_sets))
    x = _design(cue_sets, vocab)
    y = np.array([1.0 if r["principle"] else 0.0 for r in rows])
    w = fit(x, y, L2)
    weights = {cue: round(float(v), 4) for cue, v in zip(vocab, w[1:])}
    body = json.dumps({"bias": round(float(w[0]), 4), "weights": weights}, sort_keys=True)
    return {"model_id": "det-" + hashlib.sha256(body.encode()).hexdigest()[:12],
            "trained_on": {"rows": len(rows), "split": "train"}, "l2": L2,
            "bias": round(float(w[0]), 4), "weights": weights}


def _design(cue_sets: list[set[str]], vocab: list[str]):
    import numpy as np

    return np.array([[1.0 if cue in cues else 0.0 for cue in vocab] for cues in cue_sets])


# Origins written later than the first rows, each by a fresh effort: grouped cross-validation
# holds out one at a time to show the gap text by a new writer opens.
LATER_ORIGINS = ("heldout-1", "fresh-1", "heldout-2", "heldout-3", "heldout-5")


def _out_of_sample(cue_sets, y, fit_idx: list[int], test_idx: list[int]):
    import numpy as np

    vocab = sorted(set().union(*(cue_sets[i] for i in fit_idx)))
    w = fit(_design([cue_sets[i] for i in fit_idx], vocab), y[fit_idx], L2)
    return 1.0 / (1.0 + np.exp(-(w[0] + _design([cue_sets[i] for i in test_idx], vocab) @ w[1:])))


def _scores(rows: list[dict], probs, gold) -> dict:
    guess = probs >= PRINCIPLE_THRESHOLD
    tp = int((guess & gold).sum())
    return {"rows": len(rows), "precision": round(tp / max(1, int(guess.sum())), 3),
            "recall": round(tp / max(1, int(gold.sum())), 3), "accuracy": round(float((guess == gold).mean()), 3),
            "errors": [f"{r['name']} ({p:.2f})" for r, p, g, q in zip(rows, probs, gold, guess) if q != g]}


def cross_validate(rows: list[dict] | None = None, folds: int = 5) -> dict:
    """Out-of-fold precision, recall and errors on the train split (fold = row index mod `folds`):
    the figure every change to the detector's cues is judged by (docs/tagger.md)."""
    import numpy as np

    rows = [r for r in (rows if rows is not None else load_concepts()) if r["split"] == "train"]
    cue_sets = [{cue_id for cue_id, _ in detection_cues(r["name"], r["definition"])} for r in rows]
    y = np.array([1.0 if r["principle"] else 0.0 for r in rows])
    probs = np.zeros(len(rows))
    for fold in range(folds):
        fit_idx = [i for i in range(len(rows)) if i % folds != fold]
        test_idx = [i for i in range(len(rows)) if i % folds == fold]
        probs[test_idx] = _out_of_sample(cue_sets, y, fit_idx, test_idx)
    return _scores(rows, probs, y == 1.0)


def cross_validate_by_origin(rows: list[dict] | None = None) -> dict:
    """Fit on every other origin, score one later-written origin; per origin and pooled."""
    import numpy as np

    rows = [r for r in (rows if rows is not None else load_concepts()) if r["split"] == "train"]
    cue_sets = [{cue_id for cue_id, _ in detection_cues(r["name"], r["definition"])} for r in rows]
    y = np.array([1.0 if r["principle"] else 0.0 for r in rows])
    report, pooled_idx, pooled_probs = {}, [], []
    for origin in LATER_ORIGINS:
        test_idx = [i for i, r in enumerate(rows) if r.get("origin") == origin]
        fit_idx = [i for i, r in enumerate(rows) if r.get("origin") != origin]
        if not test_idx:
            continue
        probs = _out_of_sample(cue_sets, y, fit_idx, test_idx)
        report[origin] = _scores([rows[i] for i in test_idx], probs, y[test_idx] == 1.0)
        pooled_idx += test_idx
        pooled_probs += list(probs)
    report["pooled"] = _scores([rows[i] for i in pooled_idx], np.array(pooled_probs), y[pooled_idx] == 1.0)
    return report


def render(document: dict) -> str:
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if retraining changes the shipped weights")
    parser.add_argument("--cv", action="store_true", help="print 5-fold and grouped-by-origin cross-validation on the train split")
    args = parser.parse_args(argv)
    if args.cv:
        print(json.dumps({"folds": cross_validate(), "by_origin": cross_validate_by_origin()}, indent=1))
        return 0
    text = render(train_detector())
    if args.check:
        same = DETECTOR_PATH.exists() and DETECTOR_PATH.read_text(encoding="utf-8") == text
        print("detector weights reproduce" if same else f"detector weights differ from {DETECTOR_PATH}")
        return 0 if same else 1
    from vaultkit.vault.atomic import write_atomic

    write_atomic(DETECTOR_PATH, text)
    print(f"wrote {DETECTOR_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
