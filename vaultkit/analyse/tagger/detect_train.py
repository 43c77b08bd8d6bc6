"""Train the principle detector's cue weights on the train split of `data/concepts.jsonl`.

    python -m vaultkit.analyse.tagger.detect_train          # rewrites data/detector-weights.json
    python -m vaultkit.analyse.tagger.detect_train --check  # fails if retraining changes the file

The held-out split is never read here. Needs numpy (the `test` extra).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

from vaultkit.analyse.tagger.detect import DETECTOR_PATH, detection_cues, load_concepts
from vaultkit.analyse.tagger.train import fit

L2 = 0.01


def train_detector(rows: list[dict] | None = None) -> dict:
    """The weights document, fitted on the rows whose split is `train`."""
    import numpy as np

    rows = [r for r in (rows if rows is not None else load_concepts()) if r["split"] == "train"]
    cue_sets = [{cue_id for cue_id, _ in detection_cues(r["name"], r["definition"])} for r in rows]
    vocab = sorted(set().union(*cue_sets))
    x = np.array([[1.0 if cue in cues else 0.0 for cue in vocab] for cues in cue_sets])
    y = np.array([1.0 if r["principle"] else 0.0 for r in rows])
    w = fit(x, y, L2)
    weights = {cue: round(float(v), 4) for cue, v in zip(vocab, w[1:])}
    body = json.dumps({"bias": round(float(w[0]), 4), "weights": weights}, sort_keys=True)
    return {"model_id": "det-" + hashlib.sha256(body.encode()).hexdigest()[:12],
            "trained_on": {"rows": len(rows), "split": "train"}, "l2": L2,
            "bias": round(float(w[0]), 4), "weights": weights}


def render(document: dict) -> str:
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if retraining changes the shipped weights")
    args = parser.parse_args(argv)
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
