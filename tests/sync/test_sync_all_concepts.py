"""`--all-concepts`: every tag and wiki page, wiki-only ones included, with parent and child tags
as properties holding links."""

from __future__ import annotations

import copy


from sync_e2e_support import cli_sync, fixtures_from, notes_by_id
from sync_helpers import forum_id, small_forum


def _wiki_forum() -> dict[str, list[dict]]:
    rows = copy.deepcopy(small_forum())
    parent, child = rows["tags"]
    parent["subTagIds"] = [child["_id"]]
    child["parentTagId"] = parent["_id"]
    rows["tags"].append({"_id": forum_id("wikionly", 3), "slug": "map-and-territory",
                         "name": "Map and Territory", "wikiOnly": True, "postCount": 0,
                         "description": {"html": "<p>The map is not the territory.</p>"}})
    rows["tags"].append({"_id": forum_id("secret", 4), "slug": "admin-page", "name": "Admin Page",
                         "adminOnly": True, "description": {"html": "<p>Hidden.</p>"}})
    return rows


def test_all_concepts_brings_wiki_only_pages_and_parent_child_links(tmp_path):
    vault = tmp_path / "v"
    result = cli_sync(vault, _wiki_forum(), ["--all-concepts"])
    assert result.exit_code == 0, result.output
    notes = notes_by_id(vault)
    concepts = {i: n for i, n in notes.items() if n.properties.get("type") == "concept"}
    assert set(concepts) == {forum_id("tagfermi", 1), forum_id("tagbias", 2), forum_id("wikionly", 3)}
    assert not any(n.properties.get("type") == "post" for n in notes.values())   # pages, not posts
    wiki = concepts[forum_id("wikionly", 3)]
    assert wiki.properties["definition"] == "The map is not the territory."
    assert "> [!definition]" in wiki.body
    parent, child = concepts[forum_id("tagfermi", 1)], concepts[forum_id("tagbias", 2)]
    assert parent.properties["child_tags"] == ["[[Heuristics & Biases]]"]
    assert child.properties["parent_tag"] == "[[Fermi Estimation]]"
    assert "all_concepts = true" in (vault / "vaultkit.toml").read_text()
    again = cli_sync(vault, _wiki_forum(), [])
    assert again.exit_code == 0 and ": 0 created, 0 updated" in again.output


def test_every_page_is_listed_across_pages_of_the_listing(tmp_path):
    from vaultkit.fetch.forum import open_client
    from vaultkit.fetch.standin import StandinServer

    rows = _wiki_forum()
    rows["tags"] += [{"_id": forum_id(f"extra{n}x", n), "slug": f"extra-{n}", "name": f"Extra {n}",
                      "wikiOnly": n % 2 == 0} for n in range(5)]
    with StandinServer(fixtures_from(rows), max_offset=5) as server:
        client = open_client(endpoint=server.url, min_interval=0, listing_page=3, max_offset=5)
        tags = client.all_tags()
        assert any("may list more tags" in w for w in client.warnings)   # the last page was full
    assert len(tags) == 8 and len({t["_id"] for t in tags}) == 8
    assert forum_id("secret", 4) not in {t["_id"] for t in tags}


def test_wiki_only_pages_come_in_one_batch_not_a_request_each(tmp_path):
    """`tagsByTagIds` leaves wiki-only pages out and they can number thousands: they are asked
    for as one batch of `TagById` operations (one HTTP request), in either form of the query."""
    from vaultkit.fetch.forum import open_client
    from vaultkit.fetch.standin import StandinServer

    rows = _wiki_forum()
    rows["tags"] += [{"_id": forum_id(f"wiki{n}x", n), "slug": f"wiki-{n}", "name": f"Wiki {n}",
                      "wikiOnly": True, "description": {"html": f"<p>Page {n}.</p>"}}
                     for n in range(12)]
    for legacy in (False, True):
        with StandinServer(fixtures_from(rows)) as server:
            client = open_client(endpoint=server.url, min_interval=0, legacy=legacy)
            tags = client.all_tags()
            asked = [name for name, _ in server.operations]
        by_id = {t["_id"]: t for t in tags}
        assert len(by_id) == 15 and forum_id("secret", 4) not in by_id
        assert by_id[forum_id("wiki7x", 7)]["description"]["html"] == "<p>Page 7.</p>"
        # the id listing, one tagsByTagIds batch, one TagById alone, then the other 12 together
        assert client.request_count == 4
        assert asked.count("TagByIdLegacy" if legacy else "TagById") == 13


def test_a_forum_that_refuses_batches_is_asked_one_request_each(tmp_path):
    """Apollo Server refuses batches unless configured to take them: the pages still all come,
    one request each after the refusal, and the run says so once."""
    from vaultkit.fetch.forum import open_client
    from vaultkit.fetch.standin import StandinServer

    rows = _wiki_forum()
    rows["tags"] += [{"_id": forum_id(f"wiki{n}x", n), "slug": f"wiki-{n}", "name": f"Wiki {n}",
                      "wikiOnly": True} for n in range(5)]
    with StandinServer(fixtures_from(rows)) as server:
        server.faults.reject_batches = True
        client = open_client(endpoint=server.url, min_interval=0)
        first = client.all_tags()
        requests = client.request_count
        client.tags_by_ids([forum_id("wiki1x", 1), forum_id("wiki2x", 2), forum_id("gone", 9)])
    assert len(first) == 8 and forum_id("wiki4x", 4) in {t["_id"] for t in first}
    # the id listing, tagsByTagIds, one TagById alone, the refused batch, then the other 5 alone
    assert requests == 9
    # afterwards no batch is tried: tagsByTagIds, then three lookups alone (a batch would add one)
    assert client.request_count == requests + 4
    assert sum("does not take batches" in w for w in client.warnings) == 1
