"""A post's glossary (`Post.glossary`, the forum's JargonTerms) becomes a `[!glossary]` callout in
its note, in a format the Anki export reads back; unapproved or deleted terms are left out."""

from __future__ import annotations

import copy

from vaultkit.model.glossary import read_glossary
from vaultkit.model.items import GlossaryTerm

from sync_e2e_support import cli_sync, notes_by_id
from sync_helpers import forum_id, small_forum


def _forum_with_glossary() -> dict[str, list[dict]]:
    rows = copy.deepcopy(small_forum())
    rows["posts"][0]["glossary"] = [
        {"term": "Fermi estimate", "altTerms": ["Fermi problem"],
         "contents": {"html": "<p>A rough <b>order-of-magnitude</b> calculation.</p><p>Quick.</p>"}},
        {"term": "Base rate", "contents": {"html": "<p>How often it happens in general.</p>"}},
        {"term": "Draft term", "approved": False, "contents": {"html": "<p>Not shown.</p>"}},
        {"term": "Gone term", "deleted": True, "contents": {"html": "<p>Deleted.</p>"}},
    ]
    return rows


def test_glossary_becomes_a_callout_the_anki_export_can_read(tmp_path):
    vault = tmp_path / "v"
    result = cli_sync(vault, _forum_with_glossary(), ["--post", forum_id("post", 0)])
    assert result.exit_code == 0, result.output
    note = notes_by_id(vault)[forum_id("post", 0)]
    assert "> [!glossary]- Glossary" in note.body
    assert read_glossary(note.body) == [
        GlossaryTerm("Fermi estimate", "A rough **order-of-magnitude** calculation. Quick.",
                     ["Fermi problem"]),
        GlossaryTerm("Base rate", "How often it happens in general.", []),
    ]
    again = cli_sync(vault, _forum_with_glossary(), [])
    assert again.exit_code == 0 and ": 0 created, 0 updated" in again.output


def test_a_post_without_a_glossary_has_no_callout(tmp_path):
    vault = tmp_path / "v"
    assert cli_sync(vault, small_forum(), ["--post", forum_id("post", 0)]).exit_code == 0
    body = notes_by_id(vault)[forum_id("post", 0)].body
    assert "[!glossary]" not in body and read_glossary(body) == []
