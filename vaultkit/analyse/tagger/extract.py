"""What the tagger reads from a note: its name and its one-sentence statement."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from vaultkit.model.text import first_paragraph, plain_text
from vaultkit.vault.index import IndexedNote
from vaultkit.vault.notes import Note


@dataclass(frozen=True)
class Principle:
    """The tagger's input: `source` says where the statement came from (statement, definition,
    body, or none)."""

    name: str
    statement: str
    source: str


def note_name(note: Note | IndexedNote) -> str:
    """The principle's name: the `title` property, else the file name without `.md`."""
    title = note.properties.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return PurePosixPath(note.rel).stem


def extract_principle(note: Note) -> Principle:
    """Name and statement of a principle or concept note.

    The statement is the `statement` property when set, else (for concepts) the `definition`
    property, else the first paragraph of the body.
    """
    name = note_name(note)
    for key in ("statement", "definition"):
        value = note.properties.get(key)
        if isinstance(value, str) and value.strip():
            return Principle(name, plain_text(value), key)
    paragraph = first_paragraph(note.body)
    return Principle(name, paragraph, "body" if paragraph else "none")
