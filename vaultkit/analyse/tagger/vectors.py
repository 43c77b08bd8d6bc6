"""What a statement's words mean, as one small vector (the scope axis's sense of wording).

Cue and word features only know the words the training rows used, and WordNet's categories know what
kind of thing a word names but not what a sentence is about. The table `data/word-vectors.bin.gz`
holds a short vector for each of about 75,000 English words, distilled at build time from the
sentence encoder all-MiniLM-L6-v2 (`build/word_vectors.py`; Apache-2.0, notice in
`data/MINILM-LICENSE.txt`). A statement's vector is the mean of its content words' rows: numpy only,
the table read once per process, on first use.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass

import numpy as np

from vaultkit.analyse.tagger.cues import tokenize
from vaultkit.analyse.tagger.dataset import DATA_DIR
from vaultkit.analyse.tagger.senses import FUNCTION_WORDS, lemma, sense_table
from vaultkit.errors import ConfigError

VECTORS_PATH = DATA_DIR / "word-vectors.bin.gz"


@dataclass(frozen=True)
class WordVectors:
    """The table: a row index per word and the rows, already scaled back to floats."""

    index: dict[str, int]
    rows: np.ndarray

    @property
    def dims(self) -> int:
        return int(self.rows.shape[1])


def parse_table(data: bytes) -> WordVectors:
    """Read the table's bytes (the format `build.word_vectors.serialise` writes)."""
    body = gzip.decompress(data)
    end = body.index(b"\n")
    header = json.loads(body[:end])
    words_end = end + 1 + header["words_bytes"]
    words = body[end + 1:words_end].decode("utf-8").split("\n")
    quantised = np.frombuffer(body[words_end:], dtype=np.int8).reshape(header["count"], header["dims"])
    rows = quantised.astype(np.float32) * np.asarray(header["scales"], dtype=np.float32)
    return WordVectors({w: i for i, w in enumerate(words)}, rows)


@functools.lru_cache(maxsize=1)
def word_vectors() -> WordVectors:
    """The shipped table (read once per process)."""
    try:
        return parse_table(VECTORS_PATH.read_bytes())
    except (OSError, ValueError, KeyError) as error:
        raise ConfigError(f"Cannot load the word-vector table from {VECTORS_PATH}: {error}",
                          hint="Reinstall vaultkit, or rebuild it with `python -m vaultkit.analyse.tagger.build.word_vectors`.") from error


@functools.lru_cache(maxsize=65536)
def word_row(word: str) -> int | None:
    """The table row of a lower-case word, else of its WordNet lemma ("tendons" → "tendon"), else
    of the word without a possessive; None for a function word or a word the table lacks."""
    if word in FUNCTION_WORDS:
        return None
    index = word_vectors().index
    if word in index:
        return index[word]
    table = sense_table()
    for candidate in (lemma(word, "n", table), lemma(word, "v", table), word.removesuffix("'s").rstrip("'")):
        if candidate and candidate in index:
            return index[candidate]
    return None


def statement_words(statement: str) -> list[str]:
    """The statement's words that have a row, in order (what its vector is the mean of)."""
    return [t.lower for t in tokenize(statement) if word_row(t.lower) is not None]


def statement_vector(statement: str) -> np.ndarray:
    """The mean of the statement's content words' rows (zeros when none is in the table)."""
    table = word_vectors()
    found = [r for r in (word_row(t.lower) for t in tokenize(statement)) if r is not None]
    if not found:
        return np.zeros(table.dims, dtype=np.float32)
    return table.rows[found].mean(axis=0)


@functools.lru_cache(maxsize=1)
def labelled_vectors() -> tuple[list, np.ndarray]:
    """The labelled training statements and their unit-length vectors (for `--explain` only)."""
    from vaultkit.analyse.tagger.dataset import load_examples

    rows = [e for e in load_examples() if e.split == "train" and not e.ambiguous]
    matrix = np.array([statement_vector(e.statement) for e in rows])
    return rows, matrix / (np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9)


def nearest_labelled(statement: str, count: int = 2) -> list:
    """The labelled training statements whose wording is closest to `statement` (itself excluded)."""
    rows, matrix = labelled_vectors()
    vector = statement_vector(statement)
    similarity = matrix @ (vector / (np.linalg.norm(vector) + 1e-9))
    order = [i for i in np.argsort(-similarity, kind="stable") if rows[i].statement != statement]
    return [rows[i] for i in order[:count]]


def wording_evidence(statement: str, contribution: float, axis: str, labels: tuple[str, str]) -> dict:
    """The statement vector's part in an axis's decision, in words, with the nearest labelled
    statements as examples of what that wording usually is."""
    direction = labels[0] if contribution >= 0 else labels[1]
    examples = ", ".join(f"{e.name} ({e.labels[axis]})" for e in nearest_labelled(statement))
    return {"id": "wording", "text": f"its words read {direction}; closest labelled: {examples}",
            "span": None, "direction": direction, "contribution": round(contribution, 3)}
