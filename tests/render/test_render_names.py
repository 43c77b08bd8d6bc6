"""Note file names: safe everywhere, unique ignoring case, stable, readable."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.render.names import MAX_NAME_BYTES, NameAllocator, sanitize_filename


@pytest.mark.parametrize(
    "title, name",
    [
        ("Fermi Estimation: A Worked Example", "Fermi Estimation A Worked Example"),
        ('Why? <Because> *stars* | "quotes"', "Why Because stars quotes"),
        ("AI/ML and C\\C++", "AI-ML and C-C++"),
        ("[[Link]] #tag ^block $5 100%% sure", "Link tag block 5 100 sure"),
        ("  ...Leading dots and spaces. ", "Leading dots and spaces"),
        ("Tabs\tand\nnewlines\x00and\x85controls", "Tabs and newlines and controls"),
        ("...", "Untitled"),
        ("", "Untitled"),
        ("CON", "CON_"),
        ("aux.txt", "aux_.txt"),
        ("Console", "Console"),
        ("Cafe\u0301", "Café"),
        ("100% sure", "100% sure"),
    ],
)
def test_titles_become_safe_readable_names(title, name):
    assert sanitize_filename(title) == name


def test_long_titles_are_cut_at_a_space_within_the_byte_budget():
    title = "word " * 100 + "ünïcode" * 50
    name = sanitize_filename(title)
    assert len((name + ".md").encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith("word")
    assert len(sanitize_filename("é" * 500).encode("utf-8")) <= MAX_NAME_BYTES - 3


@given(st.text())
def test_any_title_gives_a_name_that_is_safe_and_a_fixed_point(title):
    name = sanitize_filename(title)
    assert name and name == unicodedata.normalize("NFC", name)
    assert not set(name) & set('/\\?<>:*|"[]#^$')
    assert "%%" not in name and not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in name)
    assert not name.startswith((".", " ")) and not name.endswith((".", " "))
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES - 3
    assert sanitize_filename(name) == name


def test_allocator_makes_names_unique_ignoring_case():
    alloc = NameAllocator(["LessWrong/Posts/Fermi Estimation.md", "Other/Note.md"])
    assert (
        alloc.allocate("LessWrong/Posts", "fermi estimation")
        == "LessWrong/Posts/fermi estimation 1.md"
    )
    assert (
        alloc.allocate("LessWrong/Posts/", "FERMI ESTIMATION")
        == "LessWrong/Posts/FERMI ESTIMATION 2.md"
    )
    assert alloc.allocate("LessWrong/Posts", "Note") == "LessWrong/Posts/Note.md"
    assert (
        alloc.allocate("LessWrong/Posts", "Fermi Estimation 1")
        == "LessWrong/Posts/Fermi Estimation 1 1.md"
    )


def test_existing_paths_may_be_path_objects():
    from pathlib import PurePosixPath

    alloc = NameAllocator([PurePosixPath("LessWrong/Posts/A.md")])
    assert alloc.allocate("LessWrong/Posts", "a") == "LessWrong/Posts/a 1.md"


def test_allocation_is_stable_across_runs_for_the_same_inputs():
    titles = ["A", "a", "B: b", "B b", "A"]
    first = [NameAllocator().allocate("F", t) for t in titles]
    again_alloc = NameAllocator()
    again = [again_alloc.allocate("F", t) for t in titles]
    assert [NameAllocator().allocate("F", t) for t in titles] == first
    assert again == ["F/A.md", "F/a 1.md", "F/B b.md", "F/B b 1.md", "F/A 2.md"]


def test_allocated_paths_stay_within_the_path_budget():
    path = NameAllocator().allocate("LessWrong/Posts", "A very long title " * 20)
    assert len(path) <= 160 and path.endswith(".md")
