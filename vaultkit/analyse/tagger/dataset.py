"""The labelled principles that ship with vaultkit, and gold files in the same shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from vaultkit.errors import ConfigError
from vaultkit.model.properties import AXES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PRINCIPLES_PATH = DATA_DIR / "principles.jsonl"
# Gold files written for the evaluation protocol call the first axis `normative`.
_AXIS_ALIASES = {"normativity": ("normativity", "normative")}


@dataclass(frozen=True)
class Example:
    """One labelled principle."""

    id: str
    name: str
    statement: str
    labels: dict[str, str]
    category: str = ""
    split: str = "train"
    ambiguous: bool = False
    origin: str = ""  # which later writing effort the row came from ("heldout-1", …); "" for the first


def _label(row: dict, axis: str, where: str) -> str:
    for key in _AXIS_ALIASES.get(axis, (axis,)):
        if key in row:
            value = str(row[key]).strip().lower()
            if value not in AXES[axis]:
                raise ConfigError(f"{where}: `{key}` is {row[key]!r}, not one of {', '.join(AXES[axis])}.",
                                  hint="Fix the label in the gold file.")
            return value
    raise ConfigError(f"{where}: the row has no `{axis}` label.",
                      hint="Every row needs name, statement, normativity (or normative), scope and certainty.")


def load_examples(path: Path | None = None) -> list[Example]:
    """Read a JSON Lines file of labelled principles (the shipped set when `path` is None)."""
    path = Path(path) if path is not None else PRINCIPLES_PATH
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ConfigError(f"Cannot read the labelled file {path}: {error.strerror or error}",
                          hint="Give the path of a JSON Lines file with one principle per line.") from error
    examples = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ConfigError(f"{where} is not valid JSON: {error.msg}.",
                              hint="Each line must be one JSON object.") from None
        if not isinstance(row, dict) or not str(row.get("statement", "")).strip():
            raise ConfigError(f"{where}: expected an object with a non-empty `statement`.",
                              hint="Each line needs at least name, statement and the three labels.")
        examples.append(Example(
            id=str(row.get("id", number)), name=str(row.get("name", "")), statement=str(row["statement"]),
            labels={axis: _label(row, axis, where) for axis in AXES},
            category=str(row.get("category", "")), split=str(row.get("split", "heldout")),
            ambiguous=bool(row.get("ambiguous", False)), origin=str(row.get("origin", "")),
        ))
    return examples
