"""`.vaultkit/tagger.json`: what the tagger last wrote to each note, so that it only ever changes
its own values. A value that differs from the record (or existed before any record) is the user's."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.vault.atomic import write_atomic
from vaultkit.vault.folder import STATE_FOLDER

STATE_PATH = Path(STATE_FOLDER) / "tagger.json"
VERSION = 1


@dataclass
class NoteRecord:
    """What the tagger wrote to one note, and the input it last classified."""

    written: dict[str, str] = field(default_factory=dict)   # axis -> value vaultkit wrote
    tags: list[str] = field(default_factory=list)            # tags vaultkit added
    fingerprint: str = ""                                    # name + statement + model + thresholds
    labels: dict[str, str] = field(default_factory=dict)     # the model's answer for that fingerprint
    # The statement it read (first 16 hex of its sha256): how the record finds its note again after
    # a rename or a move. "" in records written before it was kept; those cannot be followed.
    statement_hash: str = ""

    def to_json(self) -> dict:
        extra = {"statement_hash": self.statement_hash} if self.statement_hash else {}
        return {"written": self.written, "tags": self.tags, "fingerprint": self.fingerprint,
                "labels": self.labels, **extra}

    @classmethod
    def from_json(cls, data: dict) -> "NoteRecord":
        return cls(written={str(k): str(v) for k, v in dict(data.get("written", {})).items()},
                   tags=[str(t) for t in data.get("tags", [])],
                   fingerprint=str(data.get("fingerprint", "")),
                   labels={str(k): str(v) for k, v in dict(data.get("labels", {})).items()},
                   statement_hash=str(data.get("statement_hash", "")))


@dataclass
class TaggerState:
    """Records by note key (`lw_id` when the note has one, else its vault-relative path)."""

    notes: dict[str, NoteRecord] = field(default_factory=dict)
    warning: str | None = None   # set when the file was corrupt and is being rebuilt

    @classmethod
    def load(cls, vault: Path) -> "TaggerState":
        path = Path(vault) / STATE_PATH
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except OSError as error:
            return cls(warning=f"Cannot read {STATE_PATH} ({error.strerror or error}); "
                               "treating every existing label as yours and rebuilding it.")
        try:
            data = json.loads(raw)
            notes = {str(key): NoteRecord.from_json(value) for key, value in data["notes"].items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls(warning=f"{STATE_PATH} is corrupt; rebuilding it (a label equal to the "
                               "model's answer is taken as vaultkit's, any other as yours).")
        return cls(notes=notes)

    def save(self, vault: Path) -> bool:
        data = {"version": VERSION,
                "notes": {key: self.notes[key].to_json() for key in sorted(self.notes)}}
        return write_atomic(Path(vault) / STATE_PATH, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
