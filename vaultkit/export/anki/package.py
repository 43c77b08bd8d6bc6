"""Writing the `.apkg`: genanki's schema, note types and decks, and each note with its own mtime.

The note types are a public API. Their ids and field lists never change: Anki matches a re-imported
note to its note type by id, and a changed field list makes it skip the note as "conflicting".
Templates and CSS may change freely; they update on import.

    vaultkit Basic   Front, Back, Extra, Source, VaultkitId, AddReverse  (card 2, the reverse,
                     exists only while AddReverse is not empty)
    vaultkit Cloze   Text, Extra, Source, VaultkitId
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from typing import Sequence

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from vaultkit.export.anki.cards import BASIC, BASIC_FIELDS, CLOZE, CLOZE_FIELDS
from vaultkit.export.anki.flashcards import CLOZE_RE
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


def deck_id(name: str) -> int:
    """A stable id for a deck name (Anki matches decks by name; the id only has to be consistent)."""
    return (1 << 40) | int(hashlib.sha1(name.encode()).hexdigest()[:10], 16)


def card_ords(note: PackageNote) -> list[int]:
    """The cards Anki has for the note: one per cloze number; the reverse only with AddReverse."""
    if note.model == CLOZE:
        return sorted({int(number) - 1 for number in CLOZE_RE.findall(note.fields[0]) if int(number) > 0})
    back, add_reverse = note.fields[1], note.fields[-1]
    return [0, 1] if back and add_reverse else [0]


def _write_collection(cursor: sqlite3.Cursor, notes: Sequence[PackageNote], timestamp: float) -> None:
    """Fill an empty package database: genanki's schema, note types and decks, then the rows.

    Notes and cards are inserted in bulk, each note with its own mtime: Anki updates a note on
    import only when the incoming mtime is newer (whole seconds). genanki's `Package.write_to_db`
    would stamp every note with one time and rewrite the deck table once per deck.
    """
    cursor.executescript(APKG_SCHEMA)
    cursor.executescript(APKG_COL)
    decks = {name: genanki.Deck(deck_id(name), name) for name in sorted({n.deck for n in notes})}
    deck_table = json.loads(cursor.execute("SELECT decks FROM col").fetchone()[0])
    deck_table.update({str(deck.deck_id): deck.to_json() for deck in decks.values()})
    model_table = json.loads(cursor.execute("SELECT models FROM col").fetchone()[0])
    default_deck = next(iter(decks.values())).deck_id if decks else 1
    model_table.update({str(model.model_id): model.to_json(timestamp, default_deck)
                        for model in MODELS.values()})
    cursor.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(deck_table), json.dumps(model_table)))

    ids = itertools.count(int(timestamp * 1000))
    note_rows, card_rows = [], []
    for note in notes:
        note_id = next(ids)
        note_rows.append((note_id, note.guid, MODELS[note.model].model_id, note.mtime, -1,
                          f" {' '.join(note.tags)} ", "\x1f".join(note.fields), note.fields[0], 0, 0, ""))
        did = decks[note.deck].deck_id
        card_rows.extend((next(ids), note_id, did, ord_, note.mtime, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "")
                         for ord_ in card_ords(note))
    cursor.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", note_rows)
    cursor.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows)


def write_package(notes: Sequence[PackageNote], media: Sequence[MediaFile], timestamp: float) -> bytes:
    """The bytes of an `.apkg` holding the notes and media files.

    `timestamp` stamps the note types (so template changes arrive) and seeds note and card ids;
    each note keeps its own mtime.
    """
    with tempfile.TemporaryDirectory(prefix="vaultkit-anki-") as folder:
        db_path = os.path.join(folder, "collection.anki2")
        connection = sqlite3.connect(db_path)
        try:
            _write_collection(connection.cursor(), notes, timestamp)
            connection.commit()
        finally:
            connection.close()
        zip_path = os.path.join(folder, "package.apkg")
        with zipfile.ZipFile(zip_path, "w") as archive:
            archive.write(db_path, "collection.anki2")
            archive.writestr("media", json.dumps({str(i): m.name for i, m in enumerate(media)}))
            for index, item in enumerate(media):
                archive.write(item.path, str(index))
        with open(zip_path, "rb") as package:
            return package.read()
