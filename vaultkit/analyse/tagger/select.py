"""Which weight set labels notes: the default, or the minilm weights when the sentence encoder of
the `embeddings` extra is installed and loads.

The choice (`encoder`): "auto" (the default) uses the encoder when the extra is installed, else the
default weights, silently; "off" always uses the default weights. `$VAULTKIT_TAG_ENCODER`, when
set, wins over `[tag] encoder` in vaultkit.toml (which the CLI passes in as `encoder`).
"""

from __future__ import annotations

import os

from vaultkit.analyse.tagger import sentence
from vaultkit.analyse.tagger.model import MINILM_WEIGHTS_PATH, WEIGHTS_PATH, TaggerModel, load_model
from vaultkit.errors import ConfigError, ModelError

ENCODER_ENV = "VAULTKIT_TAG_ENCODER"
ENCODER_CHOICES = ("auto", "off")
MODEL_NAMES = ("default", "minilm")


def encoder_choice(setting: str | None = None) -> str:
    """`$VAULTKIT_TAG_ENCODER`, else `setting` (vaultkit.toml's `[tag] encoder`), else "auto"."""
    from_env = os.environ.get(ENCODER_ENV, "").strip().lower()
    choice = from_env or (setting or "auto").strip().lower()
    if choice not in ENCODER_CHOICES:
        where = f"${ENCODER_ENV}" if from_env else "`[tag] encoder` in vaultkit.toml"
        raise ConfigError(f"{where} is {choice!r}, not one of {', '.join(ENCODER_CHOICES)}.",
                          hint='"auto" uses the sentence encoder when vaultkit[embeddings] is installed; "off" never does.')
    return choice


def choose_model(setting: str | None = None) -> TaggerModel:
    """The model `vaultkit tag` uses: minilm when the choice is "auto" and the extra is installed
    (a damaged or replaced model file raises ModelError), else the default."""
    if encoder_choice(setting) == "off" or not sentence.installed():
        return load_model()
    sentence.encoder()  # loads and checks the files now: a damaged one fails before any note is read
    return load_model(MINILM_WEIGHTS_PATH)


def named_model(name: str) -> TaggerModel:
    """A weight set by name, for `--evaluate --model`: "default" or "minilm" (needs the extra)."""
    if name not in MODEL_NAMES:
        raise ConfigError(f"Unknown tagger model {name!r}.", hint=f"Use one of: {', '.join(MODEL_NAMES)}.")
    if name == "default":
        return load_model(WEIGHTS_PATH)
    if not sentence.installed():
        raise ModelError("The minilm model needs the sentence encoder, which is not installed.",
                         hint='Install it with pip install "vaultkit[embeddings]".')
    sentence.encoder()
    return load_model(MINILM_WEIGHTS_PATH)
