"""File names vaultkit writes pass its own `check`, and links to them resolve (hostile titles)."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from vaultkit.analyse.check import name_problem
from vaultkit.render.names import NameAllocator, sanitize_filename
from vaultkit.vault.links import LinkResolver, iter_wikilinks

HOSTILE = ["aux.md..md", "aux.txt", "AUX .txt", "con", "nul.tar.gz", "name.md", "NAME.MD", "a.md.md", "\u202egnp.exe",
           "left\u2066to\u2069right", "a#\u0301b", "[[Draft]]", "#tag", "x|y", "^block", "..", ". .md",
           "%%", "$x$", "\u200f", "COM1.md", "%\u202e%", "%#%", "%[%]%"]


def _assert_safe_and_linkable(title: str) -> None:
    path = NameAllocator(["LessWrong/Posts/Other.md"]).allocate("LessWrong/Posts", title)
    name = path.rsplit("/", 1)[1]
    assert name.endswith(".md")
    assert name_problem(name, is_note=True) is None, (title, name)
    resolver = LinkResolver([path, "LessWrong/Posts/Other.md", "Notes/Mine.md"])
    links = list(iter_wikilinks(f"see [[{resolver.link_target(path)}]]"))
    assert len(links) == 1, (title, name)
    assert resolver.resolve(links[0].target, "Notes/Mine.md") == path, (title, name)


def test_hostile_titles_get_safe_linkable_names():
    for title in HOSTILE:
        _assert_safe_and_linkable(title)


def test_reserved_device_names_keep_their_extension_readable():
    assert sanitize_filename("aux.txt") == "aux_.txt"
    assert sanitize_filename("name.md") == "name"
    assert "\u202e" not in sanitize_filename("\u202egnp.exe")


def test_check_flags_bidirectional_controls():
    assert name_problem("\u202egnp.exe.md", is_note=True) is not None


# pieces that have broken names before, mixed with arbitrary text
FRAGMENTS = ["aux", "con", "lpt1", ".", ".md", "md", " ", "\u202e", "\u2067", "#", "[[", "]]", "|", "^",
             "$", "%%", "\u0301", "/", "\\", "\t", "e"]
TITLES = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(TITLES)
def test_any_title_gets_a_name_that_passes_check_and_resolves(title):
    _assert_safe_and_linkable(title)
