"""Writing the `.apkg`: genanki note types, decks and notes, each note with its own mtime.

The note types are a public API. Their ids and field lists never change: Anki matches a re-imported
note to its note type by id, and a changed field list makes it skip the note as "conflicting".
Templates and CSS may change freely; they update on import.

    vaultkit Basic   Front, Back, Extra, Source, VaultkitId, AddReverse  (card 2, the reverse,
                     exists only while AddReverse is not empty)
    vaultkit Cloze   Text, Extra, Source, VaultkitId
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from typing import Iterable, Sequence

import genanki

from vaultkit.export.anki.cards import BASIC, BASIC_FIELDS, CLOZE, CLOZE_FIELDS
from vaultkit.export.anki.html import MediaFile

BASIC_MODEL_ID = 1839201745
CLOZE_MODEL_ID = 1839201746

_CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.45; text-align: left;
        color: black; background-color: white; max-width: 40em; margin: 0 auto; }
.extra { margin-top: 1em; font-size: 0.85em; color: #555; }
.source { margin-top: 1.5em; font-size: 0.7em; color: #888; }
.cloze { font-weight: bold; color: #1a5fb4; }
mark { background: #fff3a3; }
img { max-width: 100%; height: auto; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 0.8em; color: #333; }
"""
_EXTRA_AND_SOURCE = ("{{#Extra}}<div class=extra>{{Extra}}</div>{{/Extra}}"
                     "{{#Source}}<div class=source>{{Source}}</div>{{/Source}}")

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID, "vaultkit Basic",
    fields=[{"name": name} for name in BASIC_FIELDS],
    templates=[
        {"name": "Forward", "qfmt": "{{Front}}",
         "afmt": "{{FrontSide}}<hr id=answer>{{Back}}" + _EXTRA_AND_SOURCE},
        {"name": "Reverse", "qfmt": "{{#AddReverse}}{{Back}}{{/AddReverse}}",
         "afmt": "{{FrontSide}}<hr id=answer>{{Front}}" + _EXTRA_AND_SOURCE},
    ],
    css=_CSS,
)

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID, "vaultkit Cloze",
    fields=[{"name": name} for name in CLOZE_FIELDS],
    templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}",
                "afmt": "{{cloze:Text}}" + _EXTRA_AND_SOURCE}],
    css=_CSS,
    model_type=genanki.Model.CLOZE,
)

MODELS = {BASIC: BASIC_MODEL, CLOZE: CLOZE_MODEL}


@dataclass(frozen=True)
class PackageNote:
    """One note as it goes into the package."""

    guid: str
    model: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    deck: str
    mtime: int


class _TimedNote(genanki.Note):
    """A genanki note stamped with its own modification time instead of the package's.

    Anki updates a note on import only when the incoming mtime is newer (whole seconds), so each
    note carries the time its content last changed.
    """

    def __init__(self, *args, mtime: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.mtime = mtime

    def write_to_db(self, cursor, timestamp, deck_id, id_gen):
        super().write_to_db(cursor, self.mtime, deck_id, id_gen)


def deck_id(name: str) -> int:
    """A stable id for a deck name (Anki matches decks by name; the id only has to be consistent)."""
    return (1 << 40) | int(hashlib.sha1(name.encode()).hexdigest()[:10], 16)


def build_decks(notes: Iterable[PackageNote]) -> list[genanki.Deck]:
    """genanki decks holding the notes, one per deck name, sorted by name."""
    decks: dict[str, genanki.Deck] = {}
    for note in notes:
        deck = decks.get(note.deck)
        if deck is None:
            deck = decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck)
        deck.add_note(_TimedNote(model=MODELS[note.model], fields=list(note.fields),
                                 tags=list(note.tags), guid=note.guid, mtime=note.mtime))
    return [decks[name] for name in sorted(decks)]


def write_package(notes: Sequence[PackageNote], media: Sequence[MediaFile], timestamp: float) -> bytes:
    """The bytes of an `.apkg` holding the notes and media files.

    `timestamp` stamps the note types (so template changes arrive) and seeds note and card ids;
    each note keeps its own mtime.
    """
    package = genanki.Package(build_decks(notes))
    with tempfile.TemporaryDirectory(prefix="vaultkit-anki-") as folder:
        db_path = os.path.join(folder, "collection.anki2")
        connection = sqlite3.connect(db_path)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.write(db_path, "collection.anki2")
            archive.writestr("media", json.dumps({str(i): m.name for i, m in enumerate(media)}))
            for index, item in enumerate(media):
                archive.write(item.path, str(index))
    return buffer.getvalue()
