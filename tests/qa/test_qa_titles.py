"""Titles stay exact: the `title` property holds the upstream title byte for byte, and a title made
of Obsidian syntax shows as text, never as a tag, link, block id or math."""

from __future__ import annotations

import json
import re

from vaultkit.analyse.check import check_vault
from vaultkit.model.items import Concept
from vaultkit.render.notes import render_note
from vaultkit.render.templates import Templates
from vaultkit.sync.context import VaultLinkContext
from vaultkit.sync.demo import DEMO_DIR, sync_demo
from vaultkit.sync.engine import describe
from vaultkit.sync.state import new_entry
from vaultkit.vault.links import iter_wikilinks
from vaultkit.vault.notes import read_note

HOSTILE = "#tag [[Draft]] x|y ^block $5 and $6 *em* %%c%%"


def test_the_title_property_is_the_upstream_title_and_check_stays_clean(tmp_path):
    vault = tmp_path / "v"
    sync_demo(vault)
    upstream = {p["_id"]: p["title"] for p in json.loads((DEMO_DIR / "posts.json").read_text("utf-8"))}
    seen = 0
    for path in (vault / "LessWrong" / "Posts").glob("*.md"):
        props = read_note(path, vault).properties
        if props.get("lw_id") in upstream:
            assert props["title"] == upstream[props["lw_id"]], path.name
            seen += 1
    assert seen > 30
    assert any("[[Draft]]" in t for t in upstream.values())
    assert check_vault(vault).ok


def test_a_title_of_obsidian_syntax_is_shown_as_text():
    concept = Concept(id="conceptAAAAAAAAAA", title=HOSTILE, url="u", version="1",
                      definition="A definition.", description="A definition.")
    ctx = VaultLinkContext({concept.id: {**new_entry("concept"), **describe(concept)}},
                           {concept.id: "C/tag Draft.md"}, ["C/tag Draft.md"])
    note = render_note(concept, ctx, Templates())
    assert note.properties["title"] == HOSTILE
    callout = next(line for line in note.region.splitlines() if line.startswith("> [!definition]"))
    shown = callout.removeprefix("> [!definition] ")
    assert list(iter_wikilinks(shown)) == []
    assert re.search(r"(?<!\\)[#^$*\[\]]", shown) is None, shown   # each one escaped
    assert "%%" not in shown
    # every escape is a backslash before the character, so reading view shows the title as is
    assert shown.replace("\\", "") == HOSTILE.replace("\\", "")
