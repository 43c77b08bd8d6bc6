"""The obsidian-spaced-repetition card syntax, as `parse_flashcards` reads it."""

from __future__ import annotations

import pytest

from vaultkit.export.anki.flashcards import Flashcard, inline_tags, parse_flashcards, strip_comments


@pytest.mark.parametrize("text, expected", [
    ("Term::Definition", [Flashcard("basic", "Term", "Definition", line=1)]),
    ("Term:::Definition", [Flashcard("basic", "Term", "Definition", reverse=True, line=1)]),
    ("- Listed::card", [Flashcard("basic", "Listed", "card", line=1)]),
    ("Front::Back ^my-card", [Flashcard("basic", "Front", "Back", block_id="my-card", line=1)]),
    ("Front::Back <!--SR:!2024-08-16,51,230-->", [Flashcard("basic", "Front", "Back", line=1)]),
    ("intro\n\nA::B\nC::D", [Flashcard("basic", "A", "B", line=3), Flashcard("basic", "C", "D", line=4)]),
    ("Question\non two lines\n?\nAnswer\n", [Flashcard("basic", "Question\non two lines", "Answer", line=1)]),
    ("Q\n??\nA ^q1", [Flashcard("basic", "Q", "A", reverse=True, block_id="q1", line=1)]),
    ("A {{c1::cloze}} line", [Flashcard("cloze", "A {{c1::cloze}} line", line=1)]),
    ("A para\nwith {{c2::two}} lines", [Flashcard("cloze", "A para\nwith {{c2::two}} lines", line=1)]),
])
def test_cards_are_read(text, expected):
    assert parse_flashcards(text) == expected


@pytest.mark.parametrize("text", [
    "No cards here.",
    "`std::vector` in code is not a separator",
    "```\nCode::not a card\n```",
    "%% Hidden::card %%",
    "%%\nHidden::card\non lines\n%%",
    "::no front",
    "no back::",
    "# Heading::not a card",
    "A ==highlight== in an ordinary note",
    "?\nA lone question mark line",
])
def test_not_cards(text):
    assert parse_flashcards(text) == []


def test_highlights_are_clozes_only_when_asked():
    text = "The ==posterior== is what you ==update==."
    assert parse_flashcards(text) == []
    assert parse_flashcards(text, highlights_are_clozes=True) == [Flashcard("cloze", text, line=1)]


def test_basic_cards_and_a_cloze_line_in_one_block_stay_apart():
    cards = parse_flashcards("A::B\nThe {{c1::middle}} line\nC::D")
    assert [(card.kind, card.line) for card in cards] == [("basic", 1), ("cloze", 2), ("basic", 3)]


def test_cloze_separator_is_not_a_basic_card():
    assert parse_flashcards("Say {{c1::hello}} and {{c2::bye}}")[0].kind == "cloze"


def test_line_numbers_survive_a_multiline_comment():
    text = "%%\nnote\n%%\nA::B"
    assert strip_comments(text).count("\n") == text.count("\n")
    assert parse_flashcards(text)[0].line == 4


def test_inline_tags_skip_code_headings_and_comments():
    text = "# Heading\nSome #flashcards/deck and #1984 and `#code` %% #hidden %% x#no \\#escaped"
    assert inline_tags(text) == ["flashcards/deck"]


def test_the_flashcard_template_holds_no_sample_cards():
    """Notes made from the template must not all export the same example card."""
    from vaultkit.resources import templates_dir

    text = (templates_dir() / "user" / "Flashcards.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntags:\n  - "flashcards"\n---\n')
    assert "Front::Back" in text and parse_flashcards(text, highlights_are_clozes=True) == []
