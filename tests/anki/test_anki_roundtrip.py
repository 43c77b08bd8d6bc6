"""Export, import into the real Anki backend, edit, re-export, re-import (anki.md §2, §10)."""

from __future__ import annotations

import os
from pathlib import Path


from anki_samples import PNG_BLUE, T0, import_package, write_vault
from vaultkit.export.anki import AnkiExportOptions, export_anki


def export(vault: Path, out: Path, clock: float, **options) -> Path:
    export_anki(vault, out, AnkiExportOptions(**options), clock=lambda: clock)
    return out


def note_by_vaultkit_field(col, front: str):
    ids = col.find_notes(f'"Front:{front}"')
    assert len(ids) == 1, f"expected one note with front {front!r}, found {len(ids)}"
    return col.get_note(ids[0])


def test_first_import_creates_decks_fields_tags_and_media(vault, tmp_path, collection):
    (vault / "Study" / "Pictures.md").write_text("Which colour?::![[swatch.png]]\n")
    write_vault(vault, {"Study/swatch.png": PNG_BLUE})

    log = import_package(collection, export(vault, tmp_path / "deck.apkg", T0 + 10))

    assert len(log.new) == 9 and not log.conflicting and not log.duplicate
    assert collection.note_count() == 9
    # one reversed basic (Map:::Territory) makes two cards; the rest one each
    assert collection.card_count() == 10
    decks = {d.name for d in collection.decks.all_names_and_ids()}
    assert {"LessWrong", "LessWrong::Concepts", "LessWrong::Principles", "LessWrong::Study",
            "LessWrong::Rationality A-Z", "LessWrong::Rationality A-Z::Map and Territory (sequence)"} <= decks

    concept = note_by_vaultkit_field(collection, "Inferential Distance")
    assert "\\(n\\)" in concept["Back"]
    assert concept["Source"].startswith('<a href="obsidian://open?vault=My%20Vault&amp;file=LessWrong%2FConcepts')
    assert concept["VaultkitId"].startswith("vk-")
    assert set(concept.tags) >= {"lesswrong::concept", "lw::communication", "type::concept"}

    principle = note_by_vaultkit_field(collection, "Make beliefs pay rent")
    assert "<strong>constrain anticipation</strong>" in principle["Back"]
    assert "Certainty</b>: uncertain" in principle["Extra"]
    assert {"principle::normative", "principle::universal", "type::principle"} <= set(principle.tags)

    picture = note_by_vaultkit_field(collection, "Which colour?")
    media_name = picture["Back"].split('src="')[1].split('"')[0]
    assert media_name.endswith("-swatch.png") and collection.media.have(media_name)
    check = collection.media.check()
    assert not check.missing and not check.unused


def test_cloze_cards_render_with_math_inside(vault, tmp_path, collection):
    import_package(collection, export(vault, tmp_path / "deck.apkg", T0 + 10))

    cloze_ids = collection.find_cards('"note:vaultkit Cloze"')
    questions = [collection.get_card(cid).question() for cid in cloze_ids]
    answers = [collection.get_card(cid).answer() for cid in cloze_ids]
    assert len(cloze_ids) == 2
    assert any("[...]" in q and "posterior" not in q.split("</style>")[-1] for q in questions)
    assert any("posterior" in a for a in answers)
    # The `}}` that closes the TeX braces does not end the cloze early.
    math_answer = next(a for a in answers if "sqrt" in a)
    assert "\\sqrt{\\frac{a}{b} }" in math_answer and "\\)}}" not in math_answer
    assert not collection.get_empty_cards().notes


def test_edit_updates_the_same_note_and_keeps_review_state(vault, tmp_path, collection):
    import_package(collection, export(vault, tmp_path / "v1.apkg", T0 + 10))
    before = note_by_vaultkit_field(collection, "What is the map?")
    card = before.cards()[0]
    card.ivl = 7
    collection.update_card(card)

    post = vault / "LessWrong/Posts/The Map Is Not the Territory.md"
    post.write_text(post.read_text().replace("Your beliefs about the world", "Your model of reality"))
    os.utime(post, (T0 + 100, T0 + 100))
    log = import_package(collection, export(vault, tmp_path / "v2.apkg", T0 + 200))

    after = note_by_vaultkit_field(collection, "What is the map?")
    assert after.id == before.id and after["Back"] == "Your model of reality"
    assert after.cards()[0].id == card.id and after.cards()[0].ivl == 7
    assert collection.note_count() == 8 and not log.conflicting and len(log.duplicate) == 7
    # Only the edited card is newer; the other card of the same file kept its content and mtime.
    assert len(log.updated) == 1


def test_rename_and_move_do_not_duplicate(vault, tmp_path, collection):
    import_package(collection, export(vault, tmp_path / "v1.apkg", T0 + 10))
    ids = set(collection.find_notes(""))
    (vault / "Archive").mkdir()
    os.replace(vault / "Principles/Make beliefs pay rent.md", vault / "Archive/Pay rent.md")
    os.replace(vault / "Study/Bayes.md", vault / "Archive/Bayes notes.md")

    report = export_anki(vault, tmp_path / "v2.apkg", clock=lambda: T0 + 200)
    import_package(collection, tmp_path / "v2.apkg")

    assert set(collection.find_notes("")) == ids
    assert not collection.find_notes("tag:vaultkit::removed")
    assert report.newly_removed == 0 and len(report.moved) == 4   # 1 principle + 3 study cards


def test_removed_source_is_tagged_and_comes_back(vault, tmp_path, collection):
    import_package(collection, export(vault, tmp_path / "v1.apkg", T0 + 10))
    study = vault / "Study/Bayes.md"
    saved = study.read_text()
    study.unlink()

    report = export_anki(vault, tmp_path / "v2.apkg", clock=lambda: T0 + 200)
    log = import_package(collection, tmp_path / "v2.apkg")

    removed = collection.find_notes("tag:vaultkit::removed")
    assert report.newly_removed == 3 and len(removed) == 3 and len(log.updated) == 3
    assert collection.note_count() == 8   # Anki never deletes on import
    assert all(collection.get_note(nid).fields[0] for nid in removed)  # content kept

    # A later export keeps the tombstones without touching them again.
    report = export_anki(vault, tmp_path / "v3.apkg", clock=lambda: T0 + 300)
    log = import_package(collection, tmp_path / "v3.apkg")
    assert report.newly_removed == 0 and report.removed_total == 3 and not log.updated

    study.write_text(saved)
    os.utime(study, (T0, T0))   # restored with its old mtime: vaultkit still makes the update newer
    report = export_anki(vault, tmp_path / "v4.apkg", clock=lambda: T0 + 400)
    log = import_package(collection, tmp_path / "v4.apkg")
    assert report.removed_total == 0 and len(log.updated) == 3
    assert not collection.find_notes("tag:vaultkit::removed")


def test_same_second_and_unchanged_exports_change_nothing(vault, tmp_path, collection):
    import_package(collection, export(vault, tmp_path / "v1.apkg", T0 + 10))
    for path in vault.rglob("*.md"):
        os.utime(path, (T0 + 50, T0 + 50))   # a fresh checkout: new mtimes, same content
    report = export_anki(vault, tmp_path / "v2.apkg", clock=lambda: T0 + 60)
    log = import_package(collection, tmp_path / "v2.apkg")
    assert report.unchanged == 8 and report.new == report.changed == 0
    assert not log.updated and not log.new and len(log.duplicate) == 8


def test_turning_on_reverse_adds_a_card_to_the_same_note(vault, tmp_path, collection):
    import_package(collection, export(vault, tmp_path / "v1.apkg", T0 + 10))
    before = note_by_vaultkit_field(collection, "Inferential Distance")
    assert len(before.cards()) == 1

    log = import_package(collection, export(vault, tmp_path / "v2.apkg", T0 + 20,
                                            reverse_concepts=True))

    after = note_by_vaultkit_field(collection, "Inferential Distance")
    assert after.id == before.id and len(after.cards()) == 2 and len(log.updated) == 1
    reverse = next(card for card in after.cards() if card.ord == 1)
    assert "gap between what you know" in reverse.question()


def test_edit_made_in_anki_survives_an_unrelated_export(vault, tmp_path, collection):
    import_package(collection, export(vault, tmp_path / "v1.apkg", T0 + 10))
    note = note_by_vaultkit_field(collection, "Make beliefs pay rent")
    note["Extra"] = "my own remark"
    collection.update_note(note)   # stamped with the current time, long after T0

    concept = vault / "LessWrong/Concepts/Inferential Distance.md"
    concept.write_text(concept.read_text().replace("listener knows", "reader knows"))
    os.utime(concept, (T0 + 100, T0 + 100))
    import_package(collection, export(vault, tmp_path / "v2.apkg", T0 + 200))

    assert note_by_vaultkit_field(collection, "Make beliefs pay rent")["Extra"] == "my own remark"
    assert "reader knows" in note_by_vaultkit_field(collection, "Inferential Distance")["Back"]
    assert collection.fix_integrity()[1]
