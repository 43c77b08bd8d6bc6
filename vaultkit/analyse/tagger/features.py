"""Turn a principle (name + statement) into the sparse binary features the model scores.

The statement and the name are featurised separately: prefixing the name to the statement would
hide the imperative that opens it.
"""

from __future__ import annotations

from vaultkit.analyse.tagger.cues import Cue, find_cues, main_clause_start, tokenize


def cue_feature(cue: Cue) -> str:
    return f"cue:{cue.id}"


def text_features(name: str, statement: str) -> set[str]:
    """Word unigrams and bigrams of the statement, its first main-clause word, and the name's words."""
    words = [t.lower for t in tokenize(statement)]
    features = {f"w:{w}" for w in words}
    features.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    core = tokenize(statement[main_clause_start(statement):])
    if core:
        features.add(f"first:{core[0].lower}")
    features.update(f"n:{t.lower}" for t in tokenize(name))
    return features


def extract(name: str, statement: str) -> tuple[set[str], list[Cue]]:
    """(feature names, the cues behind the cue features)."""
    cues = find_cues(name, statement)
    return text_features(name, statement) | {cue_feature(c) for c in cues}, cues
