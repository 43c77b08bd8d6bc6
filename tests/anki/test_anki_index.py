"""`export anki` and the shared note index: which notes it reads, and what it leaves in the index.

The export asks the index only for the notes that may hold a card and reads every note the index
has no current facts for itself, storing their facts as it goes; these tests pin both halves.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from anki_samples import CONCEPT, T0, write_vault
from vaultkit.export.anki import AnkiExportOptions, export_anki
from vaultkit.export.anki.reading import CARD_TYPES, may_hold_cards
from vaultkit.vault.index import NoteIndex, load_notes

FILES = {
    "Plain.md": "Prose, with a question? And [[links]].\n",
    "Card.md": "Q::A\n",
    "Multi.md": "Front\n ?? \nBack\n",
    "Concept.md": '---\ntype: " CONCEPT "\n---\nNo definition yet.\n',
    "Principle.md": '---\ntype: "Principle"\ntitle: "Not a concept"\n---\nBet.\n',
    "Bad.md": "---\na: [\n---\ntext\n",
    "Post.md": '---\ntype: "post"\ntitle: "On concepts and principles"\n---\nText.\n',
}


def _rows(vault: Path) -> dict[str, str]:
    connection = sqlite3.connect(vault / ".vaultkit" / "vaultkit.sqlite3")
    try:
        return dict(connection.execute("SELECT path, facts FROM notes"))
    finally:
        connection.close()


def _indexed_vault(tmp_path: Path) -> Path:
    vault = write_vault(tmp_path / "v", FILES)
    (vault / ".vaultkit").mkdir()
    load_notes(vault)
    return vault


def test_the_index_gives_back_exactly_the_unchanged_notes_that_may_hold_cards(tmp_path):
    vault = _indexed_vault(tmp_path)
    asked: list[str] = []

    def wanted(facts):
        asked.append(facts.rel)
        return may_hold_cards(facts)

    with NoteIndex(vault) as index:
        kept, stale = index.unchanged(CARD_TYPES, wanted)
    assert stale == set()
    assert kept == {"Card.md", "Multi.md", "Concept.md", "Principle.md", "Bad.md"}
    assert "Plain.md" not in asked   # its row was not even decoded


def test_changed_missing_and_damaged_rows_are_read_again_and_gone_notes_leave_the_index(tmp_path):
    vault = _indexed_vault(tmp_path)
    connection = sqlite3.connect(vault / ".vaultkit" / "vaultkit.sqlite3")
    with connection:
        connection.execute("UPDATE notes SET facts = 'not json' WHERE path = 'Card.md'")
        connection.execute("DELETE FROM notes WHERE path = 'Plain.md'")
        connection.execute("INSERT INTO notes VALUES ('Gone.md', 1, 1, 'x')")
    connection.close()
    write_vault(vault, {"Multi.md": "Front\n ?? \nBack, longer\n"})
    with NoteIndex(vault) as index:
        _, stale = index.unchanged(CARD_TYPES, may_hold_cards)
    assert stale == {"Card.md", "Plain.md", "Multi.md"}
    assert "Gone.md" not in _rows(vault)


def test_a_first_export_leaves_the_index_as_the_other_commands_would_have_built_it(tmp_path):
    vault = write_vault(tmp_path / "v", {**FILES, "Concept.md": CONCEPT,
                                         ".obsidian/templates.json": '{"folder": "Templates"}',
                                         "Templates/Principle.md": '---\ntype: "principle"\n---\n'})
    (vault / ".vaultkit").mkdir()
    report = export_anki(vault, tmp_path / "a.apkg", clock=lambda: T0 + 10)
    assert report.notes_scanned == len(FILES)   # the template is indexed, not exported
    by_export = _rows(vault)
    assert set(by_export) == set(FILES) | {"Templates/Principle.md"}
    (vault / ".vaultkit" / "vaultkit.sqlite3").unlink()
    (vault / ".vaultkit" / "vaultkit.sqlite3-wal").unlink(missing_ok=True)
    (vault / ".vaultkit" / "vaultkit.sqlite3-shm").unlink(missing_ok=True)
    assert load_notes(vault).read == len(by_export)
    assert _rows(vault) == by_export


def test_an_unchanged_note_is_read_for_cards_only_if_its_row_allows(tmp_path):
    vault = write_vault(tmp_path / "v", {**FILES, "Concept.md": CONCEPT})
    (vault / ".vaultkit").mkdir()
    export_anki(vault, tmp_path / "a.apkg", clock=lambda: T0 + 10)
    connection = sqlite3.connect(vault / ".vaultkit" / "vaultkit.sqlite3")
    with connection:  # the row of a card note now says "no marks": it is believed, so not read
        facts = connection.execute("SELECT facts FROM notes WHERE path = 'Card.md'").fetchone()[0]
        connection.execute("UPDATE notes SET facts = ? WHERE path = 'Card.md'",
                           (facts.replace('"c":true}', '"c":false}'),))
    connection.close()
    first = export_anki(vault, tmp_path / "b.apkg", clock=lambda: T0 + 20)
    assert first.anki_notes == first.unchanged   # Card.md held a card: read all the same
    other = export_anki(vault, tmp_path / "c.apkg", AnkiExportOptions(deck="Other"), clock=lambda: T0 + 30)
    assert other.anki_notes == first.anki_notes - 1   # no card of the Other deck, and its row says no marks


def test_a_dry_run_stores_nothing_in_the_index(tmp_path):
    vault = write_vault(tmp_path / "v", FILES)
    (vault / ".vaultkit").mkdir()
    export_anki(vault, tmp_path / "a.apkg", AnkiExportOptions(dry_run=True))
    assert not (vault / ".vaultkit" / "vaultkit.sqlite3").exists() or _rows(vault) == {}
