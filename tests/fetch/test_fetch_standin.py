"""The stand-in server behaves like the forum API (lesswrong-api.md §18), over raw HTTP."""

from __future__ import annotations

import json

import pytest
import requests

from small_forum import (ALICE, BOB, POST_DRAFT, POST_LOGGED_IN, POST_PLAIN, POST_QUESTION, SHARED,
                      SHARED_POSTED_AT, TAG_RAT, TAG_WIKI, VISIBLE_POSTS, fid)
from vaultkit.fetch.standin import StandinServer, generate_fixtures, load_fixtures
from vaultkit.fetch.standin.generate import is_hidden

UA = {"User-Agent": "vaultkit-tests"}


def gql(server, query: str, variables: dict | None = None, **extra) -> tuple[int, dict]:
    response = requests.post(server.url, json={"query": query, "variables": variables or {}, **extra},
                             headers=UA, timeout=10)
    return response.status_code, response.json()


def ids(body: dict, root: str = "posts") -> list[str]:
    return [row["_id"] for row in body["data"][root]["results"]]


def test_default_view_hides_drafts_and_logged_in_posts(standin):
    status, body = gql(standin, "{ posts(selector: {old: {}}, limit: 100) { results { _id } } }")
    assert status == 200
    assert set(ids(body)) == VISIBLE_POSTS


def test_old_and_new_sort_by_date_with_id_descending_tie_break(standin):
    _, old = gql(standin, "{ posts(selector: {old: {}}, limit: 100) { results { _id postedAt } } }")
    _, new = gql(standin, "{ posts(selector: {new: {}}, limit: 100) { results { _id postedAt } } }")
    old_rows = old["data"]["posts"]["results"]
    assert [r["postedAt"] for r in old_rows] == sorted(r["postedAt"] for r in old_rows)
    shared = [r["_id"] for r in old_rows if r["postedAt"] == SHARED_POSTED_AT]
    assert shared == sorted(SHARED, reverse=True)
    assert [r["_id"] for r in new["data"]["posts"]["results"] if r["_id"] in SHARED] == shared


def test_after_is_inclusive_and_before_exclusive(standin):
    query = ("query W($a: String, $b: String) { posts(selector: {old: {after: $a, before: $b}}, limit: 100)"
             " { results { _id } } }")
    _, at = gql(standin, query, {"a": SHARED_POSTED_AT, "b": "2015-03-01T12:00:00.001Z"})
    _, before = gql(standin, query, {"a": "2015-01-01T00:00:00.000Z", "b": SHARED_POSTED_AT})
    assert set(ids(at)) == set(SHARED)
    assert not set(ids(before)) & set(SHARED)


def test_limit_is_clamped_and_offset_is_capped():
    with StandinServer(generate_fixtures(30, hidden_share=0), max_limit=10, max_offset=20) as server:
        _, clamped = gql(server, "{ posts(selector: {old: {}}, limit: 1000) { results { _id } } }")
        _, zero = gql(server, "{ posts(selector: {old: {}}, limit: 0) { results { _id } } }")
        _, omitted = gql(server, "{ posts(selector: {old: {}}) { results { _id } } }")
        status, skipped = gql(server, "{ posts(selector: {old: {}}, limit: 5, offset: 21) { results { _id } } }")
    assert len(ids(clamped)) == len(ids(zero)) == len(ids(omitted)) == 10
    assert status == 200
    assert skipped["errors"][0]["message"] == "Exceeded maximum value for skip"
    assert skipped["data"] == {"posts": None}


def test_access_filter_runs_after_limit_so_pages_are_short_mid_list(standin):
    # Oldest first: plain, link, question, (draft filtered in SQL), logged-in-only (dropped after LIMIT).
    query = "query P($o: Int) { posts(selector: {old: {}}, limit: 4, offset: $o) { results { _id } } }"
    _, first = gql(standin, query, {"o": 0})
    _, second = gql(standin, query, {"o": 4})
    assert POST_LOGGED_IN not in ids(first) and POST_DRAFT not in ids(first)
    assert len(ids(first)) == 3            # short, although more posts follow
    assert len(ids(second)) == 4


def test_view_default_limits(standin):
    _, body = gql(standin, 'query U($u: String) { posts(selector: {userPosts: {userId: $u}}) { results { _id } } }',
                  {"u": ALICE})
    assert len(ids(body)) == 5


def test_errors_have_the_upstream_shapes(standin):
    status, missing = gql(standin, '{ post(selector: {_id: "nope"}) { result { _id } } }')
    assert status == 200 and missing["data"] == {"post": None}
    assert missing["errors"][0]["message"] == "app.missing_document"
    assert missing["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    _, draft = gql(standin, 'query D($id: String) { post(selector: {_id: $id}, allowNull: true) { result { _id } } }',
                   {"id": POST_DRAFT})
    assert draft["errors"][0]["message"] == "app.operation_not_allowed"
    _, allowed = gql(standin, '{ post(selector: {_id: "nope"}, allowNull: true) { result { _id } } }')
    assert allowed == {"data": {"post": {"result": None}}}
    status, invalid = gql(standin, "{ posts(selector: {new: {limit: 10}}) { results { _id } } }")
    assert status == 400 and "data" not in invalid
    assert invalid["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    status, unparsable = gql(standin, "{ posts(")
    assert status == 400 and unparsable["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    status, bad_input = gql(standin, "query P($id: String!) { post(selector: {_id: $id}) { result { _id } } }",
                            {"id": 5})
    assert status == 400 and bad_input["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_legacy_input_form_and_its_slug_pitfall(standin):
    _, by_view = gql(standin, '{ posts(input: {terms: {view: "slugPost", slug: "a-plain-post"}}) { results { _id } } }')
    _, no_view = gql(standin, '{ posts(input: {terms: {slug: "a-plain-post", limit: 3}}) { results { _id } } }')
    _, single = gql(standin, 'query P($id: String) { post(input: {selector: {_id: $id}}) { result { _id } } }',
                    {"id": POST_PLAIN})
    assert ids(by_view) == [POST_PLAIN]
    assert len(ids(no_view)) == 3          # the slug is ignored without the view
    assert single["data"]["post"]["result"]["_id"] == POST_PLAIN


def test_only_the_first_selector_key_counts(standin):
    _, body = gql(standin, '{ posts(selector: {slugPost: {slug: "a-question"}, new: {}}, limit: 5) { results { _id } } }')
    assert ids(body) == [POST_QUESTION]


def test_legacy_only_deployment_rejects_the_selector_form(fixture_dir):
    with StandinServer(load_fixtures(fixture_dir), legacy_only=True) as server:
        status, body = gql(server, "{ posts(selector: {new: {}}, limit: 1) { results { _id } } }")
        legacy_status, legacy = gql(server, '{ posts(input: {terms: {view: "new", limit: 1}}) { results { _id } } }')
    assert status == 400 and body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert legacy_status == 200 and len(ids(legacy)) == 1


def test_comment_views(standin):
    query = ('query C($p: String) { old: comments(selector: {postCommentsOld: {postId: $p}}) { results { _id htmlBody user { _id } } }'
             ' answers: comments(selector: {answersAndReplies: {postId: $p, sortBy: "oldest"}}) { results { _id } }'
             ' everything: comments(selector: {default: {}}) { results { _id } } }')
    _, plain = gql(standin, query, {"p": POST_PLAIN})
    _, question = gql(standin, query, {"p": POST_QUESTION})
    old = plain["data"]["old"]["results"]
    assert [c["_id"] for c in old] == [fid("comment1"), fid("comment2"), fid("deletedComment")]
    assert old[2]["htmlBody"] is None and old[2]["user"] == {"_id": BOB}
    assert ids(question, "old") == [fid("questionComment")]
    assert ids(question, "answers") == [fid("answer1"), fid("answerReply")]
    # The default view ignores postId: it returns comments of every post.
    assert len(ids(plain, "everything")) > len(old)


def test_nested_objects_and_nulls(standin):
    _, body = gql(standin, """{ posts(selector: {old: {}}, limit: 2) { results {
        _id user { slug } tags { _id } htmlBody pageUrl linkUrl postCategory } } }""")
    plain, link = body["data"]["posts"]["results"]
    assert plain["user"] == {"slug": "alice"} and plain["tags"] == [{"_id": TAG_RAT}]  # score 0 omitted
    assert plain["pageUrl"].endswith(f"/posts/{POST_PLAIN}/a-plain-post")
    assert link["user"] is None                 # deleted author
    assert link["postCategory"] == "linkpost" and link["linkUrl"] == " example.com/x "


def test_tag_views(standin):
    _, by_old_slug = gql(standin, '{ tags(selector: {tagBySlug: {slug: "rationality-old"}}, limit: 1) { results { _id } } }')
    _, by_ids = gql(standin, 'query T($ids: [String!]!) { tags(selector: {tagsByTagIds: {tagIds: $ids}}) { results { _id } } }',
                    {"ids": [TAG_RAT, TAG_WIKI]})
    _, wiki = gql(standin, '{ tags(selector: {tagBySlug: {slug: "wiki-only-page"}}, limit: 1) { results { _id } } }')
    assert ids(by_old_slug, "tags") == [TAG_RAT]
    assert ids(by_ids, "tags") == [TAG_RAT]     # tagsByTagIds silently drops wiki-only pages
    assert ids(wiki, "tags") == [TAG_WIKI]


def test_get_and_batched_requests(standin):
    get = requests.get(standin.url, params={"query": "{ posts(selector: {old: {}}, limit: 1) { results { _id } } }"},
                       headers=UA, timeout=10)
    batch = requests.post(standin.url, headers=UA, timeout=10, json=[
        {"query": "{ posts(selector: {old: {}}, limit: 1) { results { _id } } }"},
        {"query": '{ user(selector: {_id: "%s"}) { result { slug email } } }' % ALICE}])
    assert get.status_code == 200 and len(get.json()["data"]["posts"]["results"]) == 1
    first, second = batch.json()
    assert len(first["data"]["posts"]["results"]) == 1
    assert second["data"]["user"]["result"] == {"slug": "alice", "email": None}


def test_bot_wall_and_missing_user_agent(standin):
    no_agent = requests.post(standin.url, json={"query": "{ posts { results { _id } } }"},
                             headers={"User-Agent": ""}, timeout=10)
    assert no_agent.status_code == 403
    standin.faults.bot_wall = True
    wall = requests.post(standin.url, json={"query": "{ posts { results { _id } } }"}, headers=UA, timeout=10)
    assert wall.status_code == 429
    assert wall.headers["x-vercel-mitigated"] == "challenge"
    assert "Vercel Security Checkpoint" in wall.text and "html" in wall.headers["Content-Type"]


def test_payload_cap(standin):
    standin.faults.max_response_bytes = 200
    response = requests.post(standin.url, headers=UA, timeout=10,
                             json={"query": "{ posts(selector: {old: {}}) { results { _id title } } }"})
    assert response.status_code == 500 and "PAYLOAD_TOO_LARGE" in response.text


def test_generated_fixtures_are_deterministic_and_mix_hidden_rows():
    first, second = generate_fixtures(600, seed=3), generate_fixtures(600, seed=3)
    assert first.posts == second.posts and len(first.posts) == 600
    hidden = [p for p in first.posts.values() if is_hidden(p)]
    assert 0 < len(hidden) < 120
    posted = [p["postedAt"] for p in first.posts.values()]
    assert max(posted.count(t) for t in set(posted)) >= 30     # a bulk import burst


def test_fixture_loader_names_the_bad_file(tmp_path):
    (tmp_path / "posts.json").write_text(json.dumps({"not": "a list"}))
    from vaultkit.errors import ConfigError
    with pytest.raises(ConfigError, match="posts.json"):
        load_fixtures(tmp_path)


def test_a_field_the_standin_does_not_serve_is_an_error_not_a_null(standin, upstream_schema_path):
    """`Post.sticky` exists upstream, so the query validates, but the stand-in has no data for it:
    the answer names the field instead of passing a silent null to the client."""
    status, body = gql(standin, "query P($id: String) { post(selector: {_id: $id}) "
                                "{ result { _id sticky } } }", {"id": POST_PLAIN})
    assert status == 200
    assert "does not serve Post.sticky" in body["errors"][0]["message"]


def test_a_field_unknown_upstream_fails_validation(standin, upstream_schema_path):
    status, body = gql(standin, "{ posts(selector: {old: {}}) { results { _id notAField } } }")
    assert status == 400
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_the_offline_fallback_schema_serves_the_client(fixture_dir):
    """Without ../shared the stand-in runs on its own SDL: every kind of read still works."""
    from vaultkit.fetch.forum import open_client

    with StandinServer(load_fixtures(fixture_dir), own_sdl=True) as server:
        with open_client(endpoint=server.url) as client:
            assert {row["_id"] for row in client.list_posts()} == VISIBLE_POSTS
            assert len(client.comments(POST_QUESTION)) == 3
            assert client.tags_by_ids([TAG_RAT, TAG_WIKI])
            assert client.user("alice")["_id"] == ALICE
            assert not client.warnings
