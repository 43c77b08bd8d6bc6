"""Evaluation figures for the tagger: accuracy, macro-F1, coverage, selective and strict accuracy,
with seeded bootstrap intervals. The command-line entry point is `evaluate.py`."""

from __future__ import annotations

import random
from pathlib import Path

from vaultkit.analyse.tagger.dataset import Example, load_examples
from vaultkit.analyse.tagger.detect import evaluate_detector
from vaultkit.analyse.tagger.model import TaggerModel, classify, load_model
from vaultkit.model.properties import AXES, UNCERTAIN

BOOTSTRAP_ROUNDS = 1000
SEED = 20260


def macro_f1(gold: list[str], guess: list[str], labels: tuple[str, str]) -> float:
    """Mean over the two labels of F1, guessing treated as forced choice."""
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, guess))
        fp = sum(g != label and p == label for g, p in zip(gold, guess))
        fn = sum(g == label and p != label for g, p in zip(gold, guess))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


def _axis_metrics(gold: list[str], guess: list[str], label: list[str], labels: tuple[str, str]) -> dict:
    n = len(gold)
    labelled = [i for i in range(n) if label[i] != UNCERTAIN]
    return {
        "accuracy": sum(g == p for g, p in zip(gold, guess)) / n,
        "macro_f1": macro_f1(gold, guess, labels),
        "coverage": len(labelled) / n,
        "selective_accuracy": (sum(gold[i] == label[i] for i in labelled) / len(labelled)) if labelled else 0.0,
        "strict_accuracy": sum(g == p for g, p in zip(gold, label)) / n,
    }


def _interval(values: list[float]) -> list[float]:
    values = sorted(values)
    return [round(values[int(0.025 * len(values))], 3), round(values[int(0.975 * len(values)) - 1], 3)]


def evaluate(examples: list[Example], *, model: TaggerModel | None = None,
             threshold: float | None = None, rounds: int = BOOTSTRAP_ROUNDS) -> dict:
    """All figures of the evaluation protocol for `examples` (ambiguous rows dropped)."""
    scored = [e for e in examples if not e.ambiguous]
    if not scored:
        return {"rows": 0, "ambiguous_dropped": len(examples), "axes": {}}
    results = [classify(e.name, e.statement, model=model, threshold=threshold) for e in scored]
    rng = random.Random(SEED)
    samples = [[rng.randrange(len(scored)) for _ in scored] for _ in range(rounds)]
    report = {"rows": len(scored), "ambiguous_dropped": len(examples) - len(scored),
              "model_id": (model or load_model()).model_id, "axes": {}}
    for axis, labels in AXES.items():
        gold = [e.labels[axis] for e in scored]
        guess = [r.axes[axis].guess for r in results]
        label = [r.axes[axis].label for r in results]
        point = _axis_metrics(gold, guess, label, labels)
        boot = [_axis_metrics([gold[i] for i in s], [guess[i] for i in s], [label[i] for i in s], labels)
                for s in samples]
        report["axes"][axis] = {
            **{k: round(v, 3) for k, v in point.items()},
            "ci95": {k: _interval([b[k] for b in boot]) for k in point},
            "threshold": results[0].axes[axis].threshold,
            "confusion": {g: {p: sum(a == g and b == p for a, b in zip(gold, guess)) for p in labels}
                          for g in labels},
        }
    return report


def evaluate_split(split: str = "heldout", *, gold: Path | None = None,
                   threshold: float | None = None, model: TaggerModel | None = None) -> dict:
    """Evaluate on a split of the shipped set (with principle detection on the same split of the
    labelled concepts), or on every row of a `gold` file. `model`: the default weights unless given
    (`select.named_model("minilm")` for the sentence encoder's)."""
    if gold:
        return evaluate(load_examples(gold), threshold=threshold, model=model)
    report = evaluate([e for e in load_examples() if e.split == split], threshold=threshold, model=model)
    report["detection"] = evaluate_detector(split)
    return report


def format_report(report: dict) -> str:
    lines = [f"{report['rows']} rows scored ({report['ambiguous_dropped']} ambiguous dropped), "
             f"model {report.get('model_id', '?')}",
             f"{'axis':<12} {'accuracy':>18} {'macro-F1':>9} {'coverage':>18} {'selective':>18} {'strict':>18}"]
    for axis, m in report["axes"].items():
        def cell(key: str) -> str:
            lo, hi = m["ci95"][key]
            return f"{m[key]:.3f} [{lo:.2f}-{hi:.2f}]"
        lines.append(f"{axis:<12} {cell('accuracy'):>18} {m['macro_f1']:>9.3f} {cell('coverage'):>18} "
                     f"{cell('selective_accuracy'):>18} {cell('strict_accuracy'):>18}")
    for axis, m in report["axes"].items():
        (a, row_a), (b, row_b) = m["confusion"].items()
        lines.append(f"confusion {axis} (gold → guess): {a}: {row_a}; {b}: {row_b}")
    if "detection" in report:
        d = report["detection"]
        lines.append(f"principle detection ({d['split']}, {d['rows']} concepts, {d['principles']} principles): "
                     f"precision {d['precision']:.3f}, recall {d['recall']:.3f}, accuracy {d['accuracy']:.3f}; "
                     f"errors: {', '.join(d['errors']) or 'none'}")
    return "\n".join(lines)
