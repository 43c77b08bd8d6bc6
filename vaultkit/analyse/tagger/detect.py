"""Does a note state a principle (a law, rule, heuristic, fallacy, bias, effect) or name a topic
(a field, a community, a broad tag such as "World Modeling")?

The decision reads the note's name and definition only, through explainable cues: name endings
("… Law", "… Fallacy", "X's …"), statement forms (a tendency, a relation, an imperative, a
condition) against topic forms ("the study of", "a field", "posts about", "community"), and the
definition's grammatical shape, a claim or a naming phrase (`shape.py`). A logistic
regression over those cue indicators weighs them (`data/detector-weights.json`, trained by
`python -m vaultkit.analyse.tagger.build.train_detector` on the train split of `data/concepts.jsonl`).
The note's `principle` property (true or false), when set, decides instead.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.analyse.tagger.cues import find_cues
from vaultkit.analyse.tagger.dataset import DATA_DIR
from vaultkit.analyse.tagger.shape import shape_cues
from vaultkit.errors import ConfigError

DETECTOR_PATH = DATA_DIR / "detector-weights.json"
CONCEPTS_PATH = DATA_DIR / "concepts.jsonl"
OVERRIDE_KEY = "principle"
# A probability at or above this is a principle. Above 0.5 because on text by a new writer the
# detector errs toward "principle" (grouped-by-origin cross-validation, docs/tagger.md).
PRINCIPLE_THRESHOLD = 0.55

_NAME_CUES: dict[str, re.Pattern] = {
    "name_law": re.compile(r"\b(law|razor|rule|principle|maxim|dictum|theorem|thesis|criterion|lemma|"
                           r"argument|hypothesis)$", re.I),
    "name_bias": re.compile(r"\b(fallacy|bias|effect|paradox|error|heuristic|illusion|neglect|"
                            r"insensitivity|aversion|curse|trap)$", re.I),
    "name_eponym": re.compile(r"\b\w+(?:'s|s')\s", re.I),
    "name_imperative": re.compile(r"^(beware|ask|hold|doubt|make|making|notice|noticing|avoid|"
                                  r"never|always|don't|do not|be|use|prefer|check)\b", re.I),
    "name_grouping": re.compile(r"&|\band\b|\(topic\)|\(format\)|\bmeta\b", re.I),
    "name_field": re.compile(r"(ology|ics|ism|theory|science|studies|governance|foundations|"
                             r"history|ethics|welfare|health|risk|writing|fiction|reviews|events|"
                             r"careers|agendas|problems|models|tools|maintenance|research|security)$", re.I),
    # a one-word name ("Transcripts", "Biosecurity") is more often a topic than a principle
    "name_single_word": re.compile(r"^[^\s']+$"),
    # a name that ends in a plural ("Charter Cities", "Dating Docs") names a collection of things
    "name_plural": re.compile(r"\b[A-Za-z-]{3,}(?<!ss)(?<!us)(?<!is)(?<!'s)s$"),
}

_DEFINITION_CUES: dict[str, re.Pattern] = {
    "tendency": re.compile(r"\b(the tendency|tends? to|are likely to|is likely to|more likely|"
                           r"less likely|usually|rarely|often|most people|people tend)\b", re.I),
    "relation": re.compile(r"\b(equals?|is proportional|never (?:decreases|exceeds)|approaches|"
                           r"grows|falls|expands|cannot|can be|will|is limited by|the more\b.*\bthe more)\b",
                           re.I),
    "modal": re.compile(r"\b(should|ought|must|need to|have to)\b", re.I),
    "condition": re.compile(r"^(when|if|before|after|once|among|without|in a|given)\b|\bthen\b", re.I),
    "act_gerund": re.compile(r"^(judging|believing|treating|assuming|ignoring|drawing|expecting|"
                             r"rejecting|continuing|searching|avoiding|reasoning|interpreting|"
                             r"picking|explaining|selecting|preferring)\b", re.I),
    "kind_definition": re.compile(r"^(a|an|any|one of)\s", re.I),
    "finite_claim": re.compile(r"\b(is|are|was|were|has|have|makes?|gives?|stops?|comes?|"
                               r"weigh|value|judge|overestimate|underestimate|believe|repeat|"
                               r"remembered|contain|remains?|stays?|holds?|rises?|increases?|"
                               r"decreases?|doubles?|beats?|wins?|loses?)\b", re.I),
    "topic_field": re.compile(r"\b(study|studies|field|discipline|branch|area|research|science|"
                              r"agenda)\b( of| on| concerned| studying| explaining| focused)?", re.I),
    "topic_posts": re.compile(r"^(posts?|discussions?|announcements?|reviews?|advice|stories|"
                              r"lists?|write-ups?|pages?|reports?)\b|\bposts (about|on|discussing)\b",
                              re.I),
    "topic_community": re.compile(r"\b(community|communities|movement|cause area|organisations?|"
                                  r"institutions?)\b", re.I),
    "topic_problem": re.compile(r"\b(the )?(problem|question|project|craft|art|practice|view) of\b", re.I),
    "topic_discussion": re.compile(r"\b(discussion|discussing|debate|topic)\b|"
                                   r"\b(posts|questions|writing|thinking|pages) about\b", re.I),
}

# The shape of a topic's definition: a plural noun followed by what qualifies it ("Threads where
# …", "Stories written …", "Arguments for and against …"); a claim's plural subject goes on to a verb.
_COLLECTION_RE = re.compile(r"^(?!people\b)([a-z-]+s)\s+(that|where|in which|who|of|written|posted|about|on|"
                            r"for|from|by|with|and|collecting|offered|to)\b", re.I)
# A definition headed by a noun for an activity, a method or a gathering ("Work to …", "Methods for
# …", "Local gatherings of …") names something to be done or attended, not a claim. The nouns are
# those that open only topic definitions in the train split.
_HEAD_NOUN_RE = re.compile(r"\b(gatherings?|conferences?|notices?|methods?|techniques?|nonprofits?|programmes?|"
                           r"workshops?|markets?|proposals?|questions|arguments|work|efforts?|disorders?|"
                           r"quantit(?:y|ies)|polic(?:y|ies)|episodes?|roundups?|stories|networks?|loss)\b", re.I)
_HEAD_WORDS = 4

_RELATIVE_RE = re.compile(r"\b(?:that|which|who|whom|whose|how|what|where|whether)\b", re.I)

# Cues of the axis tagger that also tell a statement from a topic.
_AXIS_CUES = ("imperative", "human_tendency", "frequency_hedge", "absolute", "third_person_subject",
              "human_subject")


@dataclass
class Detection:
    """The decision for one note. `source` is `property` when the user's `principle` value decided."""

    is_principle: bool
    probability: float
    source: str = "cues"
    cues: list[dict] = field(default_factory=list)

    def reason(self) -> str:
        """One line a reader can check."""
        if self.source == "property":
            return f"its `{OVERRIDE_KEY}` property is {str(self.is_principle).lower()}"
        kind = "states a principle" if self.is_principle else "names a topic"
        top = [c for c in self.cues if (c["weight"] > 0) == self.is_principle][:3]
        why = ", ".join(f"{c['id']} ({c['text']!r})" for c in top) or "no cue of a principle"
        return f"{kind} (probability {self.probability:.2f}): {why}"

    def to_json(self) -> dict:
        return {"is_principle": self.is_principle, "probability": round(self.probability, 3),
                "source": self.source, "reason": self.reason(), "cues": self.cues}


def detection_cues(name: str, definition: str) -> list[tuple[str, str]]:
    """(cue id, matched text) for every detection cue in the name and the definition."""
    found: list[tuple[str, str]] = []
    clean_name = name.strip()
    for cue_id, pattern in _NAME_CUES.items():
        match = pattern.search(clean_name + (" " if cue_id == "name_eponym" else ""))
        if match:
            found.append((cue_id, match.group(0).strip()))
    text = _without_label(name, definition)
    main_clause = _RELATIVE_RE.split(text, maxsplit=1)[0]
    for cue_id, pattern in _DEFINITION_CUES.items():
        # a verb inside "that …"/"how …" describes the topic's object, not a claim of the note
        match = pattern.search(main_clause if cue_id == "finite_claim" else text)
        if match:
            found.append((cue_id, match.group(0).strip()))
    shape = shape_cues(text)
    found.extend(_shape_cues(text, {cue_id for cue_id, _ in found + shape}))
    found.extend(shape)
    if text:
        seen = set()
        for cue in find_cues(name, text):
            if cue.id in _AXIS_CUES and cue.id not in seen:
                seen.add(cue.id)
                found.append((f"axis_{cue.id}", cue.text))
    return found


def _shape_cues(text: str, found: set[str]) -> list[tuple[str, str]]:
    """Cues from the grammatical shape of the definition: a collection or an activity as its head."""
    cues = []
    match = _COLLECTION_RE.match(text)
    if match:
        cues.append(("topic_collection", match.group(0)))
    match = _HEAD_NOUN_RE.search(" ".join(text.split()[:_HEAD_WORDS]))
    if match and not found & {"finite_claim", "act_gerund", "shape_claim"}:
        cues.append(("topic_head_noun", match.group(0)))
    return cues


_COPULA_RE = re.compile(r"^(?:(?:the|a|an)\s+)?(?P<subject>[^,;:]{1,60}?)\s+(?:is|are|refers to|means)\s+(?P<rest>.+)$",
                        re.I)


def _without_label(name: str, definition: str) -> str:
    """The definition without a leading "Name:" label or "The name is" subject, so that what is
    left says what the name stands for."""
    text = " ".join(definition.split())
    head, colon, rest = text.partition(":")
    if colon and len(head) <= len(name) + 20 and rest.strip():
        text = rest.strip()
    match = _COPULA_RE.match(text)
    if match and _same_stem(match.group("subject"), name):
        return match.group("rest")
    return text


def _same_stem(subject: str, name: str) -> bool:
    """Whether a definition's subject is the note's name ("AI alignment" for "AI Alignment", "A
    Fermi estimate" for "Fermi Estimation"): the first word of the name opens the subject."""
    first = re.sub(r"[^\w]", "", name.split()[0].lower()) if name.split() else ""
    words = [re.sub(r"[^\w]", "", w.lower()) for w in subject.split()]
    return bool(first) and any(w[:5] == first[:5] for w in words[:2])


@functools.lru_cache(maxsize=2)
def load_detector(path: Path | None = None) -> dict:
    """The shipped detector weights (or those at `path`), cached."""
    path = Path(path) if path is not None else DETECTOR_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {"bias": float(data["bias"]), "weights": dict(data["weights"]), "model_id": str(data["model_id"])}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"Cannot load the principle detector from {path}: {error}",
                          hint="Reinstall vaultkit, or retrain with "
                               "`python -m vaultkit.analyse.tagger.build.train_detector`.") from error


def override_value(properties: dict) -> bool | None:
    """The user's `principle` property as a decision, or None when unset or not a yes/no."""
    value = properties.get(OVERRIDE_KEY)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
        return value.strip().lower() in ("true", "yes")
    return None


def detect_principle(name: str, definition: str, *, override: bool | None = None,
                     detector: dict | None = None) -> Detection:
    """Whether `name` with `definition` states a principle; `override` (the user's) wins."""
    detector = detector or load_detector()
    cues = detection_cues(name, definition)
    weights = detector["weights"]
    rows = [{"id": cue_id, "text": text, "weight": round(weights.get(cue_id, 0.0), 3)}
            for cue_id, text in cues]
    rows.sort(key=lambda row: -abs(row["weight"]))
    z = detector["bias"] + sum(weights.get(cue_id, 0.0) for cue_id, _ in cues)
    probability = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
    if override is not None:
        return Detection(override, 1.0 if override else 0.0, "property", rows)
    return Detection(probability >= PRINCIPLE_THRESHOLD, probability, "cues", rows)


def load_concepts(path: Path | None = None) -> list[dict]:
    """The labelled concept names and definitions (`principle`: true/false, `split`)."""
    path = Path(path) if path is not None else CONCEPTS_PATH
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate_detector(split: str = "heldout", detector: dict | None = None) -> dict:
    """Precision, recall and accuracy of "is a principle" on a split of the labelled concepts."""
    rows = [row for row in load_concepts() if row["split"] == split]
    guesses = [detect_principle(r["name"], r["definition"], detector=detector).is_principle for r in rows]
    gold = [bool(r["principle"]) for r in rows]
    tp = sum(g and p for g, p in zip(gold, guesses))
    fp = sum(p and not g for g, p in zip(gold, guesses))
    fn = sum(g and not p for g, p in zip(gold, guesses))
    return {"split": split, "rows": len(rows), "principles": sum(gold),
            "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
            "accuracy": round(sum(g == p for g, p in zip(gold, guesses)) / len(rows), 3) if rows else 0.0,
            "errors": [r["name"] for r, g, p in zip(rows, gold, guesses) if g != p]}
