"""The export as a library call: package contents, identity, decks, tags, filters and failures.

These tests read the `.apkg` directly (zip + SQLite); the real-Anki round trips are in
test_anki_roundtrip.py.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from anki_samples import CONCEPT, PNG_RED, T0, sample_files, write_vault
from vaultkit.errors import ConfigError, ExportError, StateError
from vaultkit.export.anki import AnkiExportOptions, export_anki
from vaultkit.export.anki.manifest import MANIFEST_PATH


def read_package(apkg: Path, tmp_path: Path) -> tuple[list[dict], dict[str, str]]:
    """The notes of a package (guid, mtime, tags, fields, deck) and its media map."""
    with zipfile.ZipFile(apkg) as archive:
        db = tmp_path / "read.anki2"
        db.write_bytes(archive.read("collection.anki2"))
        media = json.loads(archive.read("media"))
    with sqlite3.connect(db) as connection:
        decks = json.loads(connection.execute("select decks from col").fetchone()[0])
        names = {int(did): deck["name"] for did, deck in decks.items()}
        rows = connection.execute(
            "select n.guid, n.mod, n.tags, n.flds, min(c.did) from notes n join cards c on c.nid = n.id "
            "group by n.id order by n.id").fetchall()
    db.unlink()
    notes = [{"guid": g, "mtime": m, "tags": t.split(), "fields": f.split("\x1f"), "deck": names[d]}
             for g, m, t, f, d in rows]
    return notes, media


def by_front(notes: list[dict]) -> dict[str, dict]:
    return {note["fields"][0]: note for note in notes}


def vk_id(note: dict) -> str:
    return next(field for field in note["fields"] if field.startswith("vk-"))


def test_package_holds_every_card_with_deck_and_tags(vault, tmp_path):
    report = export_anki(vault, tmp_path / "out.apkg", clock=lambda: T0 + 10)
    notes, media = read_package(tmp_path / "out.apkg", tmp_path)
    fronts = by_front(notes)

    assert report.written and report.anki_notes == len(notes) == 8 and report.anki_cards == 9
    assert report.cards_by_origin == {"concept": 1, "flashcard": 6, "principle": 1}
    assert media == {}
    assert fronts["What is the map?"]["deck"] == "LessWrong::Rationality A-Z::Map and Territory (sequence)"
    assert fronts["Inferential Distance"]["deck"] == "LessWrong::Concepts"
    assert fronts["Make beliefs pay rent"]["deck"] == "LessWrong::Principles"
    assert "flashcards::rationality" in fronts["Which bias?"]["tags"]
    assert "folder::Study" in fronts["Which bias?"]["tags"]
    assert all(note["mtime"] == T0 for note in notes)   # the files' own mtimes
    # the owned region's text is the forum's, not the user's: no cards from it
    assert not any("owned region" in field for note in notes for field in note["fields"])
    assert (vault / MANIFEST_PATH).is_file()


def test_dry_run_writes_nothing(vault, tmp_path):
    report = export_anki(vault, tmp_path / "out.apkg", AnkiExportOptions(dry_run=True))
    assert report.anki_notes == 8 and report.new == 8 and not report.written
    assert not (tmp_path / "out.apkg").exists() and not (vault / ".vaultkit").exists()


def test_guids_do_not_depend_on_path_deck_or_content(vault, tmp_path):
    export_anki(vault, tmp_path / "a.apkg", clock=lambda: T0 + 10)
    first = {vk_id(note): note["guid"] for note in read_package(tmp_path / "a.apkg", tmp_path)[0]}

    principle = vault / "Principles/Make beliefs pay rent.md"
    principle.write_text(principle.read_text().replace("ask what it predicts", "ask what it forbids"))
    principle.rename(vault / "Other folder name.md")
    export_anki(vault, tmp_path / "b.apkg", AnkiExportOptions(deck="Elsewhere"), clock=lambda: T0 + 20)
    second = {vk_id(note): note["guid"] for note in read_package(tmp_path / "b.apkg", tmp_path)[0]}

    assert first == second


def test_principle_without_title_property_is_keyed_by_file_name(make_vault, tmp_path):
    vault = make_vault({"P/Be kind.md": "---\ntype: \"principle\"\n---\nBe kind to people.\n"})
    export_anki(vault, tmp_path / "a.apkg")
    (vault / "P/Be kind.md").rename(vault / "P/Be kind always.md")
    report = export_anki(vault, tmp_path / "b.apkg")
    assert report.new == 1 and report.newly_removed == 1   # documented trade-off: retitling = new card


def test_filters_select_notes_and_leave_the_rest_alone(vault, tmp_path):
    export_anki(vault, tmp_path / "all.apkg", clock=lambda: T0 + 10)

    only = export_anki(vault, tmp_path / "p.apkg", AnkiExportOptions(types=("principle",)),
                       clock=lambda: T0 + 20)
    assert only.cards_by_origin == {"principle": 1} and only.newly_removed == 0

    tagged = export_anki(vault, tmp_path / "t.apkg", AnkiExportOptions(tags=("#flashcards",), dry_run=True))
    assert tagged.cards_by_origin == {"flashcard": 3}

    folder = export_anki(vault, tmp_path / "f.apkg", AnkiExportOptions(folders=("LessWrong/",), dry_run=True))
    assert folder.notes_with_cards == 2

    # The earlier full export is still in the manifest: nothing was marked removed.
    full = export_anki(vault, tmp_path / "again.apkg", clock=lambda: T0 + 30)
    assert full.unchanged == 8 and full.removed_total == 0


def test_highlights_are_clozes_only_in_flashcard_notes(vault, tmp_path):
    report = export_anki(vault, tmp_path / "out.apkg", AnkiExportOptions(dry_run=True))
    assert report.cards_by_origin["flashcard"] == 6   # not the highlight in Inbox/Plain note.md


def test_image_embeds_are_packaged(make_vault, tmp_path):
    vault = make_vault({"Cards.md": "Diagram?::![[d.png]]\n", "Attachments/d.png": PNG_RED})
    export_anki(vault, tmp_path / "out.apkg")
    notes, media = read_package(tmp_path / "out.apkg", tmp_path)
    assert list(media.values()) == [notes[0]["fields"][1].split('"')[1]]
    with zipfile.ZipFile(tmp_path / "out.apkg") as archive:
        assert archive.read("0") == PNG_RED


def test_missing_image_stops_before_writing(make_vault, tmp_path):
    vault = make_vault({"Cards.md": "Diagram?::![[gone.png]]\n"})
    with pytest.raises(ExportError, match="Cards.md embeds gone.png") as error:
        export_anki(vault, tmp_path / "out.apkg")
    assert "nothing was written" in error.value.hint
    assert not (tmp_path / "out.apkg").exists() and not (vault / MANIFEST_PATH).exists()
    dry = export_anki(vault, tmp_path / "out.apkg", AnkiExportOptions(dry_run=True))
    assert dry.warnings == ["missing image: Cards.md embeds gone.png"]


def test_two_different_cards_with_one_identity_fail(make_vault, tmp_path):
    vault = make_vault({"A.md": "Capital of France::Paris\n", "B.md": "capital of *France*::Lyon\n"})
    with pytest.raises(ExportError, match="A.md:1 and B.md:1") as error:
        export_anki(vault, tmp_path / "out.apkg")
    assert "^my-card" in error.value.hint


def test_an_identical_card_in_two_notes_is_exported_once(make_vault, tmp_path):
    vault = make_vault({"A.md": "Capital of France::Paris\n", "B.md": "Capital of France::Paris\n"})
    report = export_anki(vault, tmp_path / "out.apkg")
    assert report.anki_notes == 1 and "exported once" in report.warnings[0]


def test_block_ids_keep_identity_when_the_front_is_reworded(make_vault, tmp_path):
    vault = make_vault({"A.md": "Capital of France::Paris ^capital\n"})
    export_anki(vault, tmp_path / "a.apkg")
    (vault / "A.md").write_text("What is the capital of France?::Paris ^capital\n")
    report = export_anki(vault, tmp_path / "b.apkg")
    assert report.changed == 1 and report.new == 0 and report.newly_removed == 0


def test_conflict_copies_and_unbalanced_regions_are_skipped(make_vault, tmp_path):
    vault = make_vault({
        "A.md": "---\nlw_id: \"x1\"\n---\nQ::A\n",
        "A (conflict 2026-01-01).md": "---\nlw_conflict_of: \"x1\"\n---\nQ::A different\n",
        "B.md": "%% vaultkit:begin %%\nno end marker\nR::S\n",
    })
    report = export_anki(vault, tmp_path / "out.apkg")
    assert report.anki_notes == 1
    assert len(report.warnings) == 1 and report.warnings[0].startswith("B.md: skipped")


def test_deck_override_and_root_folder_notes(make_vault, tmp_path):
    vault = make_vault({
        "Top.md": "A::B\n",
        "Deep/Er/Note.md": "---\nanki_deck: \"Custom/Sub\"\n---\nC::D\n",
    })
    export_anki(vault, tmp_path / "out.apkg", AnkiExportOptions(deck="Study::Vault"))
    decks = {note["fields"][0]: note["deck"] for note in read_package(tmp_path / "out.apkg", tmp_path)[0]}
    assert decks == {"A": "Study::Vault", "C": "Study::Vault::Custom::Sub"}


def test_changed_content_with_an_old_file_mtime_still_gets_a_newer_mtime(make_vault, tmp_path):
    vault = make_vault({"A.md": "Q::A\n"})
    export_anki(vault, tmp_path / "a.apkg", clock=lambda: T0 + 10)
    write_vault(vault, {"A.md": "Q::A changed\n"}, mtime=T0 - 100)   # e.g. restored from a backup
    report = export_anki(vault, tmp_path / "b.apkg", clock=lambda: T0 + 500)
    assert report.changed == 1
    assert read_package(tmp_path / "b.apkg", tmp_path)[0][0]["mtime"] == T0 + 500


def test_manifests_of_two_root_decks_are_kept_apart(vault, tmp_path):
    export_anki(vault, tmp_path / "a.apkg", AnkiExportOptions(deck="One"))
    report = export_anki(vault, tmp_path / "b.apkg", AnkiExportOptions(deck="Two"))
    assert report.new == 8
    data = json.loads((vault / MANIFEST_PATH).read_text())
    assert set(data["decks"]) == {"One", "Two"}


def test_damaged_manifest_is_a_clear_error(vault, tmp_path):
    (vault / MANIFEST_PATH).parent.mkdir()
    (vault / MANIFEST_PATH).write_text("{not json")
    with pytest.raises(StateError, match="damaged") as error:
        export_anki(vault, tmp_path / "out.apkg")
    assert "Delete it" in error.value.hint


@pytest.mark.parametrize("options, message", [
    (AnkiExportOptions(deck=" "), "deck name"),
    (AnkiExportOptions(deck="A::::B"), "deck name"),
])
def test_bad_arguments(vault, tmp_path, options, message):
    with pytest.raises(ConfigError, match=message):
        export_anki(vault, tmp_path / "out.apkg", options)


def test_missing_vault_and_folder_output(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        export_anki(tmp_path / "nope", tmp_path / "out.apkg")
    with pytest.raises(ConfigError, match="is a folder"):
        export_anki(write_vault(tmp_path / "v", sample_files()), tmp_path)


def test_empty_vault_is_an_error_not_an_empty_deck(make_vault, tmp_path):
    vault = make_vault({"Plain.md": "Nothing to learn here.\n"})
    with pytest.raises(ExportError, match="No cards"):
        export_anki(vault, tmp_path / "out.apkg")


def test_worker_processes_give_the_same_package(vault, tmp_path):
    write_vault(vault, {f"Bulk/Note {i}.md": f"Bulk question {i}::answer $x_{i}$ ![[diagram.png]]\n"
                        for i in range(60)})
    one = export_anki(vault, tmp_path / "one.apkg", AnkiExportOptions(deck="One"), workers=1,
                      clock=lambda: T0 + 10)
    two = export_anki(vault, tmp_path / "two.apkg", AnkiExportOptions(deck="Two"), workers=2,
                      clock=lambda: T0 + 10)
    first, media_one = read_package(tmp_path / "one.apkg", tmp_path)
    second, media_two = read_package(tmp_path / "two.apkg", tmp_path)
    assert one.anki_notes == two.anki_notes == 68 and media_one == media_two and len(media_one) == 1
    assert [(n["guid"], n["fields"], n["mtime"]) for n in first] == \
        [(n["guid"], n["fields"], n["mtime"]) for n in second]


def test_odd_property_values_do_not_break_the_export(make_vault, tmp_path):
    vault = make_vault({
        "C.md": '---\ntype: "concept"\nlw_id: "c9"\ntitle: 42\naliases: "Single alias"\n'
                'definition: 7\ntags: "one two"\n---\n%% vaultkit:begin %%\n> [!definition] 42\n> Callout text.\n'
                '%% vaultkit:end %%\n',
        "Bad.md": "---\ntitle: [unclosed\n---\nQ::A\n",
    })
    report = export_anki(vault, tmp_path / "out.apkg")
    notes = by_front(read_package(tmp_path / "out.apkg", tmp_path)[0])
    assert notes["C"]["fields"][1:3] == ["Callout text.", "Also: Single alias"]
    assert {"one", "two"} <= set(notes["C"]["tags"]) and "Q" in notes
    assert report.warnings and report.warnings[0].startswith("Bad.md: properties not read")


def test_unchanged_export_leaves_the_manifest_file_alone(vault, tmp_path):
    export_anki(vault, tmp_path / "a.apkg", clock=lambda: T0 + 10)
    manifest = vault / MANIFEST_PATH
    os.utime(manifest, (T0, T0))
    export_anki(vault, tmp_path / "b.apkg", clock=lambda: T0 + 20)
    assert manifest.stat().st_mtime == T0
    (vault / "Study/Bayes.md").unlink()
    export_anki(vault, tmp_path / "c.apkg", clock=lambda: T0 + 30)
    assert manifest.stat().st_mtime != T0


def test_templates_for_new_notes_are_not_exported(make_vault, tmp_path):
    vault = make_vault({
        ".obsidian/templates.json": '{"folder": "Templates"}',
        "Templates/Principle.md": '---\ntype: "principle"\nstatement: "Write the principle here."\n---\n',
        "Principles/Bet.md": '---\ntype: "principle"\nstatement: "Bet on what you believe."\n---\n',
    })
    report = export_anki(vault, tmp_path / "deck.apkg")
    assert (report.notes_scanned, report.anki_notes) == (1, 1)


def test_a_card_written_into_a_note_without_one_is_found_by_the_next_export(make_vault, tmp_path):
    vault = make_vault({"Concept.md": CONCEPT, "Plain.md": "Nothing to ask here.\n"})
    first = export_anki(vault, tmp_path / "a.apkg", clock=lambda: T0 + 10)
    export_anki(vault, tmp_path / "b.apkg", clock=lambda: T0 + 20)  # the note index is now stored
    write_vault(vault, {"Plain.md": "Nothing to ask here.\nBut now::an answer\n"}, mtime=T0 + 30)
    later = export_anki(vault, tmp_path / "c.apkg", clock=lambda: T0 + 40)
    assert (first.anki_notes, later.anki_notes, later.new) == (2, 3, 1)


def test_a_note_whose_cards_are_gone_but_the_filters_leave_out_keeps_them(make_vault, tmp_path):
    vault = make_vault({"Asked.md": "#study\nQuestion::answer\n", "Other.md": "#other\nQ2::A2\n"})
    export_anki(vault, tmp_path / "a.apkg", clock=lambda: T0 + 10)
    write_vault(vault, {"Asked.md": "#study\nNo question left.\n"}, mtime=T0 + 20)
    only_other = export_anki(vault, tmp_path / "b.apkg", AnkiExportOptions(tags=("other",)),
                             clock=lambda: T0 + 30)
    assert (only_other.newly_removed, only_other.removed_total) == (0, 0)
    everything = export_anki(vault, tmp_path / "c.apkg", clock=lambda: T0 + 40)
    assert everything.newly_removed == 1


def test_only_notes_that_may_hold_cards_are_read_whole(tmp_path):
    from vaultkit.export.anki.export import may_hold_cards
    from vaultkit.vault.index import decode_facts, load_notes

    vault = write_vault(tmp_path / "v", {
        "Plain.md": "Prose, with a question? And [[links]].\n", "Card.md": "Q::A\n", "Multi.md": "Front\n ?? \nBack\n",
        "Concept.md": '---\ntype: "Concept"\n---\nNo definition yet.\n', "Bad.md": "---\na: [\n---\ntext\n"})
    notes = load_notes(vault).notes
    assert {rel for rel, note in notes.items() if may_hold_cards(note)} == {"Card.md", "Multi.md", "Concept.md", "Bad.md"}
    older_index_row = decode_facts("Plain.md", '{"p":{},"e":null,"r":null}\n[]')
    assert older_index_row.card_marks is None and may_hold_cards(older_index_row)
