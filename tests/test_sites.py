"""One table of sites and one forum-reference parser: pasted links and links in posts agree."""

import pytest

from vaultkit.config import DEFAULT_FOLDERS
from vaultkit.model.refs import collection_id, parse_forum_url, parse_post_ref, parse_sequence_ref
from vaultkit.model.sites import COLLECTION_ALIASES, SITES, site_of_host, site_of_url, site_origin

PID = "vX7hLLbGJkmrGoMdL"


@pytest.mark.parametrize("name", list(SITES))
def test_every_host_of_a_site_is_recognised_the_same_way_everywhere(name):
    for host in SITES[name].hosts:
        for variant in (host, "www." + host, host.upper()):
            assert site_of_host(variant) == name
            url = f"https://{variant}/posts/{PID}/x"
            assert parse_forum_url(url).site == name        # a link inside a post
            assert parse_post_ref(url).site == name         # a link a user pastes
            assert site_of_url(url) == name                 # a note's `url`
    assert site_of_url(f"{SITES[name].origin}/posts/{PID}/x") == name
    assert site_of_url(f"{SITES[name].origin}.example.org/posts/{PID}/x") is None


def test_origins_are_where_normalised_links_point():
    for name, site in SITES.items():
        assert parse_forum_url(f"/posts/{PID}", default_site=name).url.startswith(site.origin + "/")
    assert site_origin("no-such-site") == SITES["lesswrong"].origin


def test_every_collection_alias_resolves_wherever_a_collection_is_named():
    for alias, cid in COLLECTION_ALIASES.items():
        assert collection_id(alias) == cid
        assert collection_id(alias.upper()) == cid
    assert collection_id("the-codex") == COLLECTION_ALIASES["codex"]


def test_pasted_links_name_what_their_page_shows():
    gw_comment = f"https://www.greaterwrong.com/posts/{PID}/slug/comment/abcdefabcdefabcde"
    assert parse_post_ref(gw_comment).id == PID
    in_sequence = f"https://www.lesswrong.com/s/oneQyj4pw77ynzwAF/p/{PID}"
    assert parse_sequence_ref(in_sequence) == "oneQyj4pw77ynzwAF"
    assert parse_post_ref(f"http://127.0.0.1:8123/posts/{PID}/x").id == PID  # the stand-in


def test_default_folders_sit_under_the_default_sites_folder():
    root = SITES["lesswrong"].folder
    assert all(v.startswith(root + "/") for k, v in DEFAULT_FOLDERS.items() if k != "templates")
