"""The manifest: what the last export of each root deck contained.

Anki never deletes a note on import, so a card whose source left the vault would linger unnoticed.
The manifest (`.vaultkit/anki-manifest.json`, one section per root deck) remembers every exported
note: its fields, tags, deck, mtime and a hash of its content. The next export then

- sends a vanished card once more, unchanged but tagged `vaultkit::removed`, and keeps sending it
  (with the same mtime, so Anki sees no change) until its source comes back;
- gives a note whose content changed a newer mtime even if the file's mtime did not move (e.g.
  after an upgrade of vaultkit's rendering), and keeps the old mtime for unchanged content, so a
  fresh checkout with new file times does not make every note "updated";
- reports notes whose deck changed (Anki never moves existing cards to another deck).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from vaultkit.errors import StateError
from vaultkit.vault.atomic import write_atomic
from vaultkit.vault.folder import STATE_FOLDER

MANIFEST_PATH = Path(STATE_FOLDER) / "anki-manifest.json"
VERSION = 1
# One row per note, not an object: a 50,000-note vault loads in a fraction of the memory.
COLUMNS = ("model", "deck", "source", "mtime", "hash", "removed", "tags", "fields")


@dataclass(frozen=True)
class ManifestEntry:
    """One note as last exported."""

    model: str
    deck: str
    source: str
    mtime: int
    hash: str
    removed: bool
    tags: tuple[str, ...]
    fields: tuple[str, ...]

    def row(self) -> list:
        return [self.model, self.deck, self.source, self.mtime, self.hash, self.removed,
                " ".join(self.tags), "\x1f".join(self.fields)]

    @classmethod
    def from_row(cls, row: list) -> ManifestEntry:
        model, deck, source, mtime, digest, removed, tags, fields = row
        if not all(isinstance(v, str) for v in (model, deck, source, digest, tags, fields)) \
                or not isinstance(mtime, int):
            raise TypeError(f"unexpected value types in {row[:6]!r}")
        return cls(model, deck, source, mtime, digest, bool(removed), tuple(tags.split()),
                   tuple(fields.split("\x1f")))


def content_hash(model: str, fields: tuple[str, ...], tags: tuple[str, ...]) -> str:
    """What decides whether Anki must update the note: its type, fields and tags."""
    data = "\x1e".join([model, "\x1f".join(fields), " ".join(tags)])
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


class Manifest:
    """The manifest file, read once; one root deck's section is taken out, replaced and saved."""

    def __init__(self, vault: Path):
        self.vault = vault
        self.exists = (vault / MANIFEST_PATH).is_file()
        self._document = _read(vault)

    def decks(self) -> list[str]:
        """The root decks exported before, in name order."""
        return sorted(self._document.get("decks", {}))

    def take(self, deck: str) -> dict[str, ManifestEntry]:
        """The entries (by GUID) of the last export of root deck `deck`; empty if there was none.

        The raw section is dropped from memory once parsed; `save` writes the new one.
        """
        section = self._document.setdefault("decks", {}).pop(deck, {})
        try:
            if section and section.get("columns") != list(COLUMNS):
                raise TypeError("unknown columns")
            return {guid: ManifestEntry.from_row(row) for guid, row in section.get("notes", {}).items()}
        except (TypeError, ValueError, AttributeError) as error:
            raise _corrupt(self.vault, f"an entry is malformed ({error})") from error

    def save(self, deck: str, entries: dict[str, ManifestEntry]) -> bool:
        """Write the file with `entries` as the section of `deck`. Returns True if it wrote."""
        self._document["version"] = VERSION
        self._document["decks"][deck] = {
            "columns": list(COLUMNS), "notes": {guid: entries[guid].row() for guid in sorted(entries)}}
        text = json.dumps(self._document, ensure_ascii=False, separators=(",", ":")) + "\n"
        return write_atomic(self.vault / MANIFEST_PATH, text)


def _read(vault: Path) -> dict:
    path = vault / MANIFEST_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):  # no manifest can be there
        return {"version": VERSION, "decks": {}}
    except OSError as error:
        raise StateError(f"Cannot read the Anki manifest {path}: {error.strerror or error}",
                         hint="Check the permissions of the .vaultkit folder.") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _corrupt(vault, f"it is not valid JSON ({error.msg} at line {error.lineno})") from error
    if not isinstance(document, dict) or not isinstance(document.get("decks", {}), dict):
        raise _corrupt(vault, "it does not hold a `decks` object")
    if document.get("version", VERSION) > VERSION:
        raise StateError(f"The Anki manifest {path} was written by a newer vaultkit.",
                         hint="Upgrade vaultkit, or delete the file to start afresh.")
    return document


def _corrupt(vault: Path, why: str) -> StateError:
    return StateError(
        f"The Anki manifest {vault / MANIFEST_PATH} is damaged: {why}.",
        hint="Delete it and export again: cards keep their identity, but cards removed from the "
             "vault since the last export will not be tagged vaultkit::removed.")
