"""A post's glossary (the `[!glossary]` callout sync writes) becomes cards, through the real Anki
backend: one card a term, keyed by the post's lw_id and the term, updated in place, tagged removed."""

from __future__ import annotations

import os
from pathlib import Path

from anki_samples import T0, import_package
from editor_model import editor_normalise
from vaultkit.export.anki import AnkiExportOptions, export_anki
from vaultkit.model.glossary import format_glossary
from vaultkit.model.items import GlossaryTerm

POST_PATH = "LessWrong/Posts/Estimating Things.md"
TERMS = [
    GlossaryTerm("Fermi estimate", "A rough **order-of-magnitude** calculation. Don't overthink it.",
                 ["Fermi problem", "back-of-the-envelope"]),
    GlossaryTerm("Base rate", "How often it happens in general, as in [[Reference Class]].", []),
]


def post(terms: list[GlossaryTerm] = TERMS, below: str = "") -> str:
    return f"""\
---
lw_id: "postGLOSS1"
type: "post"
title: "Estimating Things"
sequence: "[[Numbers|Numbers (sequence)]]"
tags:
  - "lesswrong/post"
---
%% vaultkit:begin %%
The post's text.

{format_glossary(terms)}
%% vaultkit:end %%
{below}"""


def export(vault: Path, out: Path, clock: float, **options):
    return export_anki(vault, out, AnkiExportOptions(**options), clock=lambda: clock)


def rewrite(vault: Path, text: str, mtime: int) -> None:
    path = vault / POST_PATH
    path.write_text(text)
    os.utime(path, (mtime, mtime))


def note_with_front(col, front: str):
    ids = col.find_notes(f'"Front:{front}"')
    assert len(ids) == 1, f"expected one note with front {front!r}, found {len(ids)}"
    return col.get_note(ids[0])


def test_each_term_becomes_a_card_of_the_post(make_vault, tmp_path, collection):
    vault = make_vault({POST_PATH: post(), "LessWrong/Concepts/Reference Class.md": "A class.\n"})
    report = export(vault, tmp_path / "deck.apkg", T0 + 10)
    log = import_package(collection, tmp_path / "deck.apkg")

    assert report.cards_by_origin == {"glossary": 2} and len(log.new) == 2
    fermi = note_with_front(collection, "Fermi estimate")
    assert fermi["Back"] == ("A rough <strong>order-of-magnitude</strong> calculation. "
                             "Don't overthink it.")
    assert fermi["Extra"] == "Also: Fermi problem, back-of-the-envelope"
    assert "file=LessWrong%2FPosts%2FEstimating%20Things" in fermi["Source"]
    assert set(fermi.tags) == {"lesswrong::post", "type::post", "folder::LessWrong::Posts",
                               "vaultkit::glossary"}
    assert collection.decks.name(fermi.cards()[0].did) == "LessWrong::Numbers (sequence)"
    assert "Reference Class" in note_with_front(collection, "Base rate")["Back"]
    # the fields are already in the form Anki's editor stores, so viewing a card changes nothing
    for nid in collection.find_notes(""):
        for name, value in collection.get_note(nid).items():
            assert editor_normalise(value) == value, (name, value)


def test_identity_is_the_posts_lw_id_and_the_term_not_the_path(make_vault, tmp_path):
    vault = make_vault({POST_PATH: post()})
    first = export(vault, tmp_path / "one.apkg", T0 + 10)
    (vault / "Archive").mkdir()
    os.replace(vault / POST_PATH, vault / "Archive/Renamed.md")
    second = export(vault, tmp_path / "two.apkg", T0 + 20)
    assert first.new == 2 and second.new == 0 and second.newly_removed == 0
    assert len(second.moved) == 0   # the sequence, not the folder, sets the deck


def test_an_edited_definition_updates_the_same_card(make_vault, tmp_path, collection):
    vault = make_vault({POST_PATH: post()})
    import_package(collection, export(vault, tmp_path / "v1.apkg", T0 + 10).output)
    before = note_with_front(collection, "Base rate")
    card = before.cards()[0]
    card.ivl = 9
    collection.update_card(card)

    text = (vault / POST_PATH).read_text()
    rewrite(vault, text.replace("How often it happens in general", "The prior frequency"), T0 + 100)
    report = export(vault, tmp_path / "v2.apkg", T0 + 200)
    log = import_package(collection, tmp_path / "v2.apkg")

    after = note_with_front(collection, "Base rate")
    assert report.changed == 1 and report.unchanged == 1 and len(log.updated) == 1
    assert after.id == before.id and after["Back"].startswith("The prior frequency")
    assert after.cards()[0].id == card.id and after.cards()[0].ivl == 9
    assert collection.note_count() == 2


def test_a_removed_term_is_tagged_removed(make_vault, tmp_path, collection):
    vault = make_vault({POST_PATH: post()})
    import_package(collection, export(vault, tmp_path / "v1.apkg", T0 + 10).output)

    rewrite(vault, post(TERMS[:1]), T0 + 100)
    report = export(vault, tmp_path / "v2.apkg", T0 + 200)
    import_package(collection, tmp_path / "v2.apkg")

    assert report.newly_removed == 1
    assert collection.find_notes("tag:vaultkit::removed") == collection.find_notes('"Front:Base rate"')
    assert "vaultkit::removed" not in note_with_front(collection, "Fermi estimate").tags


def test_a_glossary_moved_below_the_region_wins_and_is_not_read_as_flashcards(make_vault, tmp_path):
    mine = [GlossaryTerm("Fermi estimate", "My own wording.", [])]
    vault = make_vault({POST_PATH: post(below="\n" + format_glossary(mine) + "\n\nQ::A\n")})
    report = export(vault, tmp_path / "deck.apkg", T0 + 10)
    assert report.cards_by_origin == {"flashcard": 1, "glossary": 1}
    assert report.newly_removed == 0 and report.anki_notes == 2


def test_a_post_without_a_glossary_has_no_glossary_cards(make_vault, tmp_path):
    vault = make_vault({POST_PATH: post([], below="\nQ::A\n")})
    assert export(vault, tmp_path / "deck.apkg", T0 + 10).cards_by_origin == {"flashcard": 1}


def test_terms_differing_only_in_case_are_one_card(make_vault, tmp_path, collection):
    twins = [GlossaryTerm("Base rate", "How often it happens in general.", []),
             GlossaryTerm("base Rate", "The same term, spelled otherwise.", [])]
    vault = make_vault({POST_PATH: post(twins)})
    export(vault, tmp_path / "deck.apkg", T0 + 10)
    import_package(collection, tmp_path / "deck.apkg")
    note = note_with_front(collection, "Base rate")
    assert "How often" in note["Back"]
    assert len(collection.find_notes("tag:vaultkit::glossary")) == 1
