"""Site presets, endpoint resolution, reference parsing and selections."""

from __future__ import annotations

import pytest

from small_forum import (POST_COAUTHORED, POST_LINK, POST_PLAIN, POST_QUESTION, SEQUENCE, SHARED,
                      VISIBLE_POSTS)
from vaultkit.errors import ConfigError
from vaultkit.model import refs
from vaultkit.fetch.selections import Selection, select_posts
from vaultkit.fetch.sites import ENDPOINT_ENV, resolve_endpoint, resolve_min_interval
from vaultkit.fetch.transport import USER_AGENT


def test_site_presets_and_endpoint_precedence(monkeypatch):
    monkeypatch.delenv(ENDPOINT_ENV, raising=False)
    assert resolve_endpoint("lesswrong")[1] == "https://www.lesswrong.com/graphql"
    assert resolve_endpoint("alignmentforum")[1] == "https://www.alignmentforum.org/graphql"
    assert resolve_endpoint("eaforum")[1] == "https://forum-bots.effectivealtruism.org/graphql"
    monkeypatch.setenv(ENDPOINT_ENV, "http://127.0.0.1:9/graphql")
    assert resolve_endpoint("lesswrong")[1] == "http://127.0.0.1:9/graphql"
    assert resolve_endpoint("lesswrong", "https://other.example/graphql")[1] == "https://other.example/graphql"
    with pytest.raises(ConfigError, match="Unknown site 'lw'"):
        resolve_endpoint("lw")
    with pytest.raises(ConfigError, match="not an http"):
        resolve_endpoint("lesswrong", "ftp://example.org")


def test_politeness_interval():
    assert resolve_min_interval("https://www.lesswrong.com/graphql", None) == 3.0
    assert resolve_min_interval("http://127.0.0.1:8000/graphql", None) == 0.0
    assert resolve_min_interval("http://localhost:8000/graphql", None) == 0.0
    assert resolve_min_interval("https://www.lesswrong.com/graphql", 10) == 10.0
    with pytest.raises(ConfigError, match="at least 1 s"):
        resolve_min_interval("https://www.lesswrong.com/graphql", 0.2)


def test_the_user_agent_names_vaultkit_and_its_homepage(standin, client):
    client.post(POST_PLAIN)
    assert USER_AGENT.startswith("vaultkit/") and "https://" in USER_AGENT
    assert client.graphql.transport.session.headers["User-Agent"] == USER_AGENT


def test_min_interval_spaces_requests(standin):
    import time
    from vaultkit.fetch.forum import open_client
    with open_client(endpoint=standin.url, min_interval=0.2) as client:
        started = time.monotonic()
        for _ in range(3):
            client.post(POST_PLAIN)
    assert time.monotonic() - started >= 0.4


@pytest.mark.parametrize("text, expected", [
    ("vX7hLLbGJkmrGoMdL", refs.PostRef(id="vX7hLLbGJkmrGoMdL")),
    ("https://www.lesswrong.com/posts/vX7hLLbGJkmrGoMdL/some-title", refs.PostRef(id="vX7hLLbGJkmrGoMdL", site="lesswrong")),
    ("https://www.alignmentforum.org/posts/vX7hLLbGJkmrGoMdL", refs.PostRef(id="vX7hLLbGJkmrGoMdL", site="alignmentforum")),
    ("https://forum.effectivealtruism.org/posts/vX7hLLbGJkmrGoMdL/x?commentId=abc", refs.PostRef(id="vX7hLLbGJkmrGoMdL", site="eaforum")),
    ("https://www.lesswrong.com/s/oneQyj4pw77ynzwAF/p/vX7hLLbGJkmrGoMdL", refs.PostRef(id="vX7hLLbGJkmrGoMdL", site="lesswrong")),
    ("https://www.lesswrong.com/codex/eight-short-studies", refs.PostRef(slug="eight-short-studies", site="lesswrong")),
    ("the-best-textbooks-on-every-subject", refs.PostRef(slug="the-best-textbooks-on-every-subject")),
    ("http://lesswrong.com/lw/h3k/on_keeping_a_journal/", refs.PostRef(legacy_id="h3k", site="lesswrong")),
])
def test_parse_post_ref(text, expected):
    assert refs.parse_post_ref(text) == expected


@pytest.mark.parametrize("bad", ["Not A Slug!", "https://www.lesswrong.com/tag/ai", ""])
def test_bad_post_refs_are_config_errors(bad):
    with pytest.raises(ConfigError):
        refs.parse_post_ref(bad)


def test_other_refs():
    assert refs.parse_sequence_ref("https://www.lesswrong.com/s/oneQyj4pw77ynzwAF") == "oneQyj4pw77ynzwAF"
    assert refs.parse_user_ref("https://www.lesswrong.com/users/eliezer_yudkowsky") == "eliezer_yudkowsky"
    assert refs.parse_tag_ref("https://www.lesswrong.com/w/ai") == "ai"
    assert refs.collection_id("rationality-a-z") == "oneQyj4pw77ynzwAF"
    assert refs.collection_id("HPMOR") == "ywQvGBSojSQZTMpLh"
    assert refs.collection_id("unknown") is None
    with pytest.raises(ConfigError):
        refs.parse_sequence_ref("not-an-id")


def test_selection_union_in_reading_order(client):
    rows = select_posts(client, Selection(posts=["a-question"], sequences=[SEQUENCE], authors=["bob"]))
    assert [r["_id"] for r in rows] == [POST_QUESTION, POST_COAUTHORED, POST_PLAIN, POST_LINK]


def test_selection_filters_by_date_and_karma(client):
    rows = select_posts(client, Selection(collections=["rationality-a-z"], after="2011-01-01", min_karma=5))
    assert [r["_id"] for r in rows] == [POST_LINK, POST_COAUTHORED]


def test_selection_without_sources_lists_the_date_range(client):
    everything = {r["_id"] for r in select_posts(client, Selection())}
    early = {r["_id"] for r in select_posts(client, Selection(before="2014-01-01"))}
    assert everything == VISIBLE_POSTS
    assert early == VISIBLE_POSTS - set(SHARED)


def test_concurrency_is_bounded(standin):
    import threading
    import time
    from vaultkit.fetch.forum import open_client
    standin.faults.slow_seconds = 0.2
    with open_client(endpoint=standin.url, max_concurrency=1) as client:
        started = time.monotonic()
        threads = [threading.Thread(target=client.post, args=(POST_PLAIN,)) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        serial = time.monotonic() - started
    assert serial >= 0.6          # one request in flight at a time
    assert standin.request_count == 3
