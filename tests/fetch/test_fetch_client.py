"""ForumClient against the stand-in: every selection kind, the legacy fallback and the cache."""

from __future__ import annotations

import json

import contextlib
import os
import sqlite3

import pytest

from small_forum import (ALICE, BOB, COLLECTION, POST_COAUTHORED, POST_DRAFT, POST_LINK, POST_LOGGED_IN,
                      POST_PLAIN, POST_QUESTION, SEQUENCE, SHARED, TAG_RAT, TAG_WIKI, VISIBLE_POSTS, fid)
from vaultkit.errors import NotFoundError
from vaultkit.fetch.forum import open_client
from vaultkit.fetch.standin import StandinServer, load_fixtures
from vaultkit.vault.database import Database


@pytest.mark.parametrize("ref", [
    POST_PLAIN,
    f"https://www.lesswrong.com/posts/{POST_PLAIN}/a-plain-post",
    f"https://www.lesswrong.com/posts/{POST_PLAIN}/a-plain-post?commentId={fid('comment1')}",
    f"lesswrong.com/posts/{POST_PLAIN}",
    f"https://www.greaterwrong.com/posts/{POST_PLAIN}/a-plain-post",
    f"https://www.lesswrong.com/s/{SEQUENCE}/p/{POST_PLAIN}",
    "a-plain-post",
    "https://www.lesswrong.com/rationality/a-plain-post",
])
def test_resolve_post_from_id_url_or_slug(client, ref):
    post = client.resolve_post(ref)
    assert post["_id"] == POST_PLAIN
    assert post["user"]["slug"] == "alice"
    assert post["htmlBody"] == post["contents"]["html"] == "<p>Body of a-plain-post.</p>"


def test_resolve_lesswrong_one_links_by_legacy_id(client):
    assert client.resolve_post("https://www.lesswrong.com/lw/2tq/a_question/")["_id"] == POST_QUESTION
    with pytest.raises(NotFoundError, match="legacyId '9zz'"):
        client.resolve_post("http://lesswrong.com/lw/9zz/gone")


def test_missing_and_hidden_posts_raise_not_found(client):
    with pytest.raises(NotFoundError, match="does not exist.*app.missing_document"):
        client.post("noSuchPost2345678")
    with pytest.raises(NotFoundError, match="not public"):
        client.post(POST_DRAFT)
    with pytest.raises(NotFoundError, match="logged-in"):
        client.post(POST_LOGGED_IN)
    with pytest.raises(NotFoundError, match="no-such-slug"):
        client.resolve_post("no-such-slug")


def test_posts_by_ids_keeps_order_and_skips_the_invisible(standin):
    with open_client(endpoint=standin.url) as client:
        wanted = [*SHARED, POST_DRAFT, POST_QUESTION, POST_PLAIN, POST_PLAIN, "noSuchPost2345678"]
        result = client.posts_by_ids(wanted)
    assert [p["_id"] for p in result] == [*SHARED, POST_QUESTION, POST_PLAIN]
    assert all(p["title"] for p in result)


def test_posts_by_ids_splits_batches_that_are_too_large(standin):
    standin.faults.max_response_bytes = 6000    # one post is ~1 KB; the batch of 16 is too big
    with open_client(endpoint=standin.url) as client:
        result = client.posts_by_ids([*SHARED, POST_PLAIN, POST_QUESTION, POST_LINK, POST_COAUTHORED])
    assert len(result) == 16
    sizes = [len(v["ids"]) for name, v in standin.operations if name == "PostsByIds"]
    assert sizes[0] == 16 and sizes[1] == 8 and sum(sizes[1:]) >= 16


def test_comments_merge_both_views_oldest_first(client):
    plain = client.comments(POST_PLAIN)
    assert [c["_id"] for c in plain] == [fid("comment1"), fid("comment2"), fid("deletedComment")]
    assert plain[2]["htmlBody"] is None and plain[2]["deletedPublic"]
    question = client.comments(POST_QUESTION)
    assert [c["_id"] for c in question] == [fid("answer1"), fid("answerReply"), fid("questionComment")]
    assert question[0]["answer"] and question[1]["parentAnswerId"] == fid("answer1")
    assert question[2]["user"] is None          # deleted author


def test_sequence_chapters_in_order_with_visible_posts(client):
    sequence = client.sequence(f"https://www.lesswrong.com/s/{SEQUENCE}")
    assert [c["title"] for c in sequence["chapters"]] == ["One", "Two"]
    two = sequence["chapters"][1]
    assert two["postIds"] == [POST_QUESTION, POST_DRAFT]
    assert [p["_id"] for p in two["posts"]] == [POST_QUESTION]     # the draft is dropped
    assert sequence["user"]["slug"] == "alice"


@pytest.mark.parametrize("ref", ["rationality-a-z", COLLECTION, "rationality"])
def test_collection_tree(client, ref):
    collection = client.collection(ref)
    assert [b["title"] for b in collection["books"]] == ["Book I", "Book II"]
    book_one, book_two = collection["books"]
    assert book_one["sequences"][0]["_id"] == SEQUENCE
    assert [c["title"] for c in book_one["sequences"][0]["chapters"]] == ["One", "Two"]
    assert [p["_id"] for p in book_two["posts"]] == [POST_COAUTHORED]


def test_collection_by_slug_and_unknown_collection(client):
    assert client.collection("other")["_id"] == fid("otherCollection")
    with pytest.raises(NotFoundError, match="nope"):
        client.collection("nope")


def test_users_and_their_posts(client):
    alice = client.user("https://www.lesswrong.com/users/alice")
    assert alice["_id"] == ALICE and alice["htmlBio"] == "<p>Alice writes.</p>"
    assert client.user("alice-old")["_id"] == ALICE
    with pytest.raises(NotFoundError):
        client.user("gone")                          # deleted users cannot be read
    assert [u["_id"] for u in client.users_by_ids([BOB, fid("gone"), ALICE])] == [BOB, ALICE]
    bob_posts = client.posts_by_user("bob")
    assert [p["_id"] for p in bob_posts] == [POST_COAUTHORED]
    alice_posts = {p["_id"] for p in client.posts_by_user("alice")}
    assert POST_COAUTHORED in alice_posts            # co-authored posts count
    assert alice_posts == VISIBLE_POSTS - {POST_LINK}   # the link post's author is deleted


def test_tags_and_their_posts(client):
    tag = client.tag("https://www.lesswrong.com/tag/rationality")
    assert tag["_id"] == TAG_RAT and tag["description"]["html"] == "<p>Thinking well.</p>"
    assert client.tag_by_id(TAG_WIKI)["wikiOnly"] is True
    assert [p["_id"] for p in client.posts_by_tag("rationality")] == [POST_PLAIN, POST_LINK]
    assert client.posts_by_tag("ai-safety") == []    # relevance 0 is not tagged
    with pytest.raises(NotFoundError, match="no-such-tag"):
        client.tag("no-such-tag")


def test_legacy_fallback_on_a_deployment_without_the_selector_form(fixture_dir):
    with StandinServer(load_fixtures(fixture_dir), legacy_only=True) as server:
        with open_client(endpoint=server.url) as client:
            post = client.resolve_post("a-question")
            listed = {row["_id"] for row in client.list_posts()}
            comments = client.comments(POST_QUESTION)
            sequence = client.sequence(SEQUENCE)
            assert client.graphql.legacy
        names = [name for name, _ in server.operations]
    assert post["_id"] == POST_QUESTION
    assert listed == VISIBLE_POSTS
    assert len(comments) == 3 and len(sequence["chapters"]) == 2
    assert names[0] == "PostBySlug"                           # rejected once …
    assert all(name.endswith("Legacy") for name in names[1:])  # … then legacy for the whole run


@contextlib.contextmanager
def cached_client(standin, folder, **options):
    """A client whose cache is the database in `folder`, closed afterwards like a run's."""
    database = Database.in_folder(folder)
    try:
        with open_client(endpoint=standin.url, cache_db=database, **options) as client:
            yield client
    finally:
        database.close()


def cached_rows(folder) -> list[tuple[str, float]]:
    with contextlib.closing(sqlite3.connect(Database.in_folder(folder).path)) as db:
        return db.execute("SELECT key, saved_at FROM responses").fetchall()


def test_cache_lets_a_second_run_skip_documents_it_has(standin, tmp_path):
    ids = [POST_PLAIN, POST_QUESTION, *SHARED]
    with cached_client(standin, tmp_path) as first:
        first.posts_by_ids(ids)
        first.comments(POST_PLAIN)
        first.sequence(SEQUENCE)
        sent = first.request_count
    with cached_client(standin, tmp_path) as second:
        assert [p["_id"] for p in second.posts_by_ids(ids)] == ids
        assert second.post(POST_PLAIN)["_id"] == POST_PLAIN
        assert len(second.comments(POST_PLAIN)) == 3
        assert second.sequence(SEQUENCE)["_id"] == SEQUENCE
        assert second.request_count == 0
        # Listings are never cached: they decide what an incremental sync fetches.
        assert {r["_id"] for r in second.list_posts()} == VISIBLE_POSTS
        assert second.request_count > 0
    assert sent > 0
    assert sorted(os.listdir(tmp_path)) == ["vaultkit.sqlite3"]   # one file, WAL folded in on close


def test_cached_post_older_than_the_listing_is_refetched(standin, tmp_path):
    with cached_client(standin, tmp_path) as client:
        client.post(POST_PLAIN)
        standin.database.posts[POST_PLAIN]["title"] = "Edited"
        standin.database.posts[POST_PLAIN]["modifiedAt"] = "2024-01-01T00:00:00.000Z"
        assert client.posts_by_ids([POST_PLAIN])[0]["title"] != "Edited"     # within max_age
        fresh = client.posts_by_ids([POST_PLAIN], modified={POST_PLAIN: "2024-01-01T00:00:00.000Z"})
    assert fresh[0]["title"] == "Edited"


def test_expired_cache_entries_are_refetched_and_pruned(standin, tmp_path):
    with cached_client(standin, tmp_path, cache_max_age=0) as client:
        client.post(POST_PLAIN)
        client.post(POST_PLAIN)
        assert client.request_count == 2
    assert len(cached_rows(tmp_path)) == 1
    with cached_client(standin, tmp_path, cache_max_age=3600):
        assert len(cached_rows(tmp_path)) == 1               # still young: kept
    with cached_client(standin, tmp_path, cache_max_age=0):
        assert cached_rows(tmp_path) == []                    # expired: pruned on open


def test_a_prune_with_nothing_to_delete_writes_nothing(standin, tmp_path):
    with cached_client(standin, tmp_path, cache_max_age=3600) as client:
        client.post(POST_PLAIN)
    path = Database.in_folder(tmp_path).path
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with cached_client(standin, tmp_path, cache_max_age=3600):
        pass
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(os.listdir(tmp_path)) == ["vaultkit.sqlite3"]


def test_an_unreadable_cached_answer_is_a_miss(standin, tmp_path):
    with cached_client(standin, tmp_path) as client:
        client.post(POST_PLAIN)
    with contextlib.closing(sqlite3.connect(Database.in_folder(tmp_path).path)) as db, db:
        db.execute("UPDATE responses SET data = x'00ff'")
    with cached_client(standin, tmp_path) as client:
        assert client.post(POST_PLAIN)["_id"] == POST_PLAIN
        assert client.request_count == 1


def test_tags_by_ids_include_wiki_only_pages(client):
    tags = client.tags_by_ids([TAG_WIKI, "noSuchTag23456789", TAG_RAT])
    assert [t["_id"] for t in tags] == [TAG_WIKI, TAG_RAT]


def test_listing_is_an_iterator(client):
    listing = client.list_posts()
    first = next(listing)
    rest = list(listing)
    assert {first["_id"], *(r["_id"] for r in rest)} == VISIBLE_POSTS
    assert set(first) == {"_id", "postedAt", "modifiedAt", "baseScore", "commentCount",
                          "lastCommentedAt", "isEvent", "shortform"}


def test_total_posts_is_a_sanity_check_for_a_full_listing(client):
    listed = {row["_id"] for row in client.list_posts()}
    # The forum counts rows before its access check, so the total may exceed what a guest sees.
    assert client.total_posts() >= len(listed) == len(VISIBLE_POSTS)


class RecordingProgress:
    def __init__(self):
        self.events = []

    def start(self, total, label):
        self.events.append(("start", total, label))

    def advance(self, n=1):
        self.events.append(("advance", n))

    def finish(self):
        self.events.append(("finish",))


def test_progress_is_reported(standin):
    progress = RecordingProgress()
    with open_client(endpoint=standin.url, progress=progress) as client:
        client.posts_by_ids([POST_PLAIN, POST_QUESTION])
        list(client.list_posts())
    assert progress.events[0] == ("start", 2, "Fetching posts")
    assert sum(e[1] for e in progress.events[:4] if e[0] == "advance") == 2
    listing = progress.events[progress.events.index(("start", None, "Listing posts")):]
    assert sum(e[1] for e in listing if e[0] == "advance") == len(VISIBLE_POSTS)
    assert listing[-1] == ("finish",)


def test_a_comment_thread_cut_short_is_a_warning_for_the_report_not_a_python_warning(standin):
    import warnings
    with open_client(endpoint=standin.url) as probe:    # the size of an answer with one comment
        one = len(json.dumps(probe.graphql.run(
            "CommentsForPost", {"postId": POST_PLAIN, "limit": 1, "offset": 0})))
    standin.faults.max_response_bytes = one + 200          # pages shrink to a single comment
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # warnings.warn would fail the test
        with open_client(endpoint=standin.url, max_offset=0) as client:
            assert len(client.comments(POST_PLAIN)) == 1
    assert len(client.warnings) == 1 and POST_PLAIN in client.warnings[0]


def test_a_thread_in_one_short_page_is_whole_and_costs_one_request(standin):
    with open_client(endpoint=standin.url, max_offset=0) as client:
        assert len(client.comments(POST_PLAIN)) == 3
        assert client.request_count == 1
    assert client.warnings == []
