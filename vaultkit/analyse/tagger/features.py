"""Turn a principle (name + statement) into the sparse binary features the model scores.

The statement and the name are featurised separately: prefixing the name to the statement would
hide the imperative that opens it.
"""

from __future__ import annotations

from vaultkit.analyse.tagger.cues import Cue, find_cues, main_clause_start, tokenize
from vaultkit.analyse.tagger.senses import statement_sense_cues, statement_sense_features


def cue_feature(cue: Cue) -> str:
    return f"cue:{cue.id}"


_STEM_SUFFIXES = ("ing", "ed", "es", "s")


def crude_stem(word: str) -> str:
    """The word without one inflection ending, so "students" and "student" share a feature."""
    for suffix in _STEM_SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[:-len(suffix)]
    return word


def text_features(name: str, statement: str) -> set[str]:
    """Word unigrams and bigrams of the statement, its first main-clause word, the name's words, and
    the crude stems of both (domain words recur in many inflections; stems were chosen for the scope
    axis by cross-validation on the train split, docs/tagger.md)."""
    words = [t.lower for t in tokenize(statement)]
    name_words = [t.lower for t in tokenize(name)]
    features = {f"w:{w}" for w in words}
    features.update(f"s:{crude_stem(w)}" for w in words + name_words)
    features.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    core = tokenize(statement[main_clause_start(statement):])
    if core:
        features.add(f"first:{core[0].lower}")
    features.update(f"n:{w}" for w in name_words)
    return features


def extract(name: str, statement: str, *, explain: bool = True) -> tuple[set[str], list[Cue]]:
    """(feature names, the cues behind the cue features). Without `explain` the WordNet cues are left
    out of the list (their features are not): spelling them out for a reader is most of their cost."""
    cues = find_cues(name, statement)
    features = text_features(name, statement) | {cue_feature(c) for c in cues} | statement_sense_features(statement)
    return features, cues + statement_sense_cues(statement) if explain else cues
