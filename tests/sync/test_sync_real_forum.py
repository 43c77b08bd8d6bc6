"""End-to-end through `vaultkit sync`: what the real forum does that a naive client does not survive.

Each test runs the CLI against the stand-in behaving like the forum (on by default where the forum
does it, or switched on through `server.faults`) and looks at the exit, the output and the vault.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync_e2e_support import fixtures_from, notes_by_id
from vault_builders import snapshot
from sync_helpers import forum_id, small_forum

SEQUENCE = forum_id("seqone", 1)
COLLECTION = forum_id("colone", 1)
POST0 = forum_id("post", 0)


def cli(server, vault: Path, *args: str):
    """`vaultkit sync VAULT --endpoint <stand-in> --delay 0 ARGS` through Typer's runner."""
    from typer.testing import CliRunner

    from vaultkit.cli import app

    return CliRunner().invoke(app, ["sync", str(vault), "--endpoint", server.url, "--delay", "0",
                                    *args])


def serve(rows: dict, **options):
    from vaultkit.fetch.standin import StandinServer

    return StandinServer(fixtures_from(rows), **options)


def assert_clean_error(result, *words: str) -> None:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    first = result.output.strip().splitlines()[0]
    assert first.startswith("Error: "), result.output
    for word in words:
        assert word in result.output


@pytest.mark.parametrize("selection", [["--sequence", SEQUENCE], ["--collection", COLLECTION]])
def test_a_document_answered_with_a_null_result_is_not_found_not_a_crash(tmp_path, selection):
    with serve(small_forum()) as server:
        server.faults.null_result_ids.add(selection[1])
        result = cli(server, tmp_path / "vault", *selection)
    assert_clean_error(result, "Not found", selection[1])
    assert notes_by_id(tmp_path / "vault") == {}


def test_a_draft_sequence_reads_as_null_and_is_reported_not_found(tmp_path):
    rows = small_forum()
    rows["sequences"][0]["draft"] = True
    with serve(rows) as server:
        result = cli(server, tmp_path / "vault", "--sequence", SEQUENCE)
    assert_clean_error(result, "Not found", SEQUENCE)


def test_a_concept_answered_with_null_is_skipped_and_the_rest_is_synced(tmp_path):
    rows = small_forum()
    wiki_only = rows["tags"][0]
    wiki_only["wikiOnly"] = True           # fetched on its own, where the null answer comes
    with serve(rows) as server:
        server.faults.null_result_ids.add(wiki_only["_id"])
        result = cli(server, tmp_path / "vault", "--post", POST0, "--concepts")
    assert result.exit_code == 0, result.output
    notes = notes_by_id(tmp_path / "vault")
    assert POST0 in notes and wiki_only["_id"] not in notes


def test_an_answer_of_the_wrong_shape_is_an_error_and_writes_nothing(tmp_path):
    vault = tmp_path / "vault"
    with serve(small_forum()) as server:
        server.faults.wrong_shape_next_n = 1
        result = cli(server, vault, "--sequence", SEQUENCE)
        assert_clean_error(result, "unexpected shape", f"sequence {SEQUENCE}")
        assert notes_by_id(vault) == {}
        before = snapshot(vault)
        assert not any(path.endswith(".md") for path in before)
        again = cli(server, vault, "--sequence", SEQUENCE)      # the next run is whole
    assert again.exit_code == 0, again.output
    assert SEQUENCE in notes_by_id(vault)


@pytest.mark.parametrize("args", [["--author", "jane-doe"], ["--post", POST0, "--comments"],
                                  ["--since", "2020-01-01"], ["--tag", "fermi-estimation"]])
def test_wrong_shapes_anywhere_never_end_in_a_traceback(tmp_path, args):
    with serve(small_forum()) as server:
        server.faults.wrong_shape_next_n = 1000
        result = cli(server, tmp_path / "vault", *args)
    assert_clean_error(result, "unexpected shape")
    assert notes_by_id(tmp_path / "vault") == {}


def sync_with(server, vault: Path, select, **client_options):
    """One `sync_vault` run (the engine behind `vaultkit sync`) with a client tuned for the test."""
    from vaultkit.fetch.forum import open_client
    from vaultkit.sync.engine import SyncOptions, sync_vault
    from sync_helpers import TODAY

    client = open_client(site="lesswrong", endpoint=server.url, min_interval=0, **client_options)
    with client:
        return sync_vault(vault, SyncOptions(select=select, today=TODAY), client=client)


def big_tag_forum(n_tagged: int = 37) -> tuple[dict, set[str]]:
    """`small_forum` plus a tag on `n_tagged` posts: some hidden from guests, some sharing one
    `postedAt`, some with relevance below 1. Returns the rows and the ids a tag sync must bring."""
    rows = small_forum()
    tag = {"_id": forum_id("tagbig", 3), "slug": "big-tag", "name": "Big Tag", "postCount": n_tagged}
    rows["tags"].append(tag)
    expected = set()
    for i in range(n_tagged):
        pid = forum_id("tagged", i)
        hidden = i % 7 == 3
        relevance = 0 if i % 11 == 5 else 2
        posted = "2021-05-05T05:05:05.000Z" if i % 5 == 0 else f"2021-{i % 12 + 1:02d}-{i % 27 + 1:02d}T08:00:00.000Z"
        rows["posts"].append({
            "_id": pid, "slug": f"tagged-{i}", "title": f"Tagged {i}", "postedAt": posted,
            "userId": rows["users"][0]["_id"], "tagRelevance": {tag["_id"]: relevance},
            "onlyVisibleToLoggedIn": hidden, "contents": {"html": f"<p>Tagged post {i}.</p>"}})
        if not hidden and relevance >= 1:
            expected.add(pid)
    return rows, expected


def test_a_tag_with_more_posts_than_a_page_is_synced_whole_without_offset(tmp_path):
    from vaultkit.config import Selection

    rows, expected = big_tag_forum()
    with serve(rows) as server:                  # tag filters ignore offset, as on the forum
        report = sync_with(server, tmp_path / "vault", Selection(tags=["big-tag"]),
                           listing_page=6)
        listed = [v for op, v in server.operations if op == "PostsByTagWindow"]
    posts = {i for i, n in notes_by_id(tmp_path / "vault").items() if n.properties["type"] == "post"}
    assert posts == expected
    assert not report.problems
    assert all(not v.get("offset") for v in listed)


def forum_with_event_and_shortform() -> tuple[dict, list[str]]:
    rows = small_forum()
    jane = rows["users"][0]["_id"]
    event, container = forum_id("eventpost", 1), forum_id("shortformbox", 1)
    rows["posts"] += [
        {"_id": event, "slug": "meetup", "title": "Meetup in the park", "isEvent": True,
         "postedAt": "2020-01-15T18:00:00.000Z", "userId": jane, "contents": {"html": "<p>Come.</p>"}},
        {"_id": container, "slug": "jane-s-shortform", "title": "Jane's Shortform", "shortform": True,
         "postedAt": "2020-01-16T18:00:00.000Z", "userId": jane, "commentCount": 40,
         "contents": {"html": ""}},
    ]
    return rows, [event, container]


@pytest.mark.parametrize("args", [["--author", "jane-doe"], ["--since", "2020-01-01"]])
def test_events_and_the_shortform_container_never_enter_the_vault(tmp_path, args):
    rows, unwanted = forum_with_event_and_shortform()
    with serve(rows) as server:                  # both are listed, as on the forum
        result = cli(server, tmp_path / "vault", *args)
    assert result.exit_code == 0, result.output
    notes = notes_by_id(tmp_path / "vault")
    assert forum_id("post", 0) in notes
    assert not set(unwanted) & set(notes)


def test_a_rejected_query_falls_back_alone_and_the_summary_says_which(tmp_path):
    with serve(small_forum()) as server:
        server.faults.reject_operations.add("Sequence")
        result = cli(server, tmp_path / "vault", "--sequence", SEQUENCE, "--json")
        names = [name for name, _ in server.operations]
        text = cli(server, tmp_path / "vault2", "--sequence", SEQUENCE)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [p for p in report["problems"] if "Sequence" in p and "input" in p], report["problems"]
    assert names.count("Sequence") == 1 and "SequenceLegacy" in names
    assert "PostsByIds" in names and "PostsByIdsLegacy" not in names   # the others stay current
    assert SEQUENCE in notes_by_id(tmp_path / "vault")
    assert "warning" in text.output and "Sequence" in text.output


def forum_with_a_long_thread(n_comments: int = 60) -> dict:
    rows = small_forum()
    rows["posts"][0]["commentCount"] = n_comments
    rows["comments"] = [
        {"_id": forum_id("longcom", i), "postId": POST0, "userId": rows["users"][1]["_id"],
         "postedAt": f"2020-03-{i % 28 + 1:02d}T{i % 24:02d}:00:00.000Z", "baseScore": 1,
         "contents": {"html": f"<p>Comment {i}. " + "Words " * 300 + "</p>"}}
        for i in range(n_comments)]
    return rows


def test_a_comment_page_too_large_is_halved_until_it_passes(tmp_path):
    with serve(forum_with_a_long_thread()) as server:
        server.faults.max_response_bytes = 60_000          # about 25 of these comments
        result = cli(server, tmp_path / "vault", "--post", POST0, "--comments")
    assert result.exit_code == 0, result.output
    thread = notes_by_id(tmp_path / "vault")[f"{POST0}-comments"]
    assert all(f"Comment {i}." in thread.body for i in range(60))


def test_a_thread_longer_than_the_api_pages_is_reported_in_the_summary(tmp_path):
    import warnings

    from vaultkit.config import Selection

    with serve(forum_with_a_long_thread(), max_offset=20) as server:
        server.faults.max_response_bytes = 60_000
        with warnings.catch_warnings():
            warnings.simplefilter("error")                 # never through warnings.warn
            report = sync_with(server, tmp_path / "vault", Selection(posts=[POST0], comments=True),
                               max_offset=20)
    partial = [p for p in report.problems if POST0 in p and "partial" in p]
    assert partial, report.problems
    assert f"{POST0}-comments" in notes_by_id(tmp_path / "vault")


# --- fewer requests: the crawl delay makes every request cost 3 s --------------------------------

def operations_of(rows: dict, vault: Path, select) -> list[str]:
    with serve(rows) as server:
        sync_with(server, vault, select)
        return [name for name, _ in server.operations]


def test_a_collection_reuses_the_sequences_its_answer_carries(tmp_path):
    from vaultkit.config import Selection

    names = operations_of(small_forum(), tmp_path / "vault", Selection(collections=[COLLECTION]))
    assert "Collection" in names and "Sequence" not in names
    assert SEQUENCE in notes_by_id(tmp_path / "vault")


def test_concepts_are_fetched_in_batches(tmp_path):
    from vaultkit.config import Selection

    rows = small_forum()
    rows["tags"][0]["wikiOnly"] = True       # batches leave wiki-only pages out: fetched alone
    rows["posts"][0]["tagRelevance"][rows["tags"][1]["_id"]] = 1
    names = operations_of(rows, tmp_path / "vault", Selection(authors=["jane-doe"], concepts=True))
    assert names.count("TagsByIds") == 1 and names.count("TagById") == 1
    notes = notes_by_id(tmp_path / "vault")
    assert {t["_id"] for t in rows["tags"]} <= set(notes)
    assert names.count("UserBySlug") == 1            # the author is looked up once


def test_a_resync_refreshes_karma_and_comment_counts_without_fetching_bodies(tmp_path):
    from vaultkit.config import Selection

    rows, vault = small_forum(), tmp_path / "vault"
    select = Selection(authors=["jane-doe"])
    operations_of(rows, vault, select)
    rows["posts"][2]["baseScore"] = 999
    rows["posts"][2]["commentCount"] = 7
    names = operations_of(rows, vault, select)
    post = notes_by_id(vault)[forum_id("post", 2)]
    assert post.properties["karma"] == 999 and post.properties["comment_count"] == 7
    assert "PostsByIds" not in names


def test_comments_are_read_again_only_when_the_thread_changed(tmp_path):
    from sync_helpers import just_now
    from vaultkit.config import Selection

    rows, vault = small_forum(), tmp_path / "vault"
    select = Selection(authors=["jane-doe"], comments=True)
    first = operations_of(rows, vault, select)
    assert first.count("CommentsForPost") == 1        # posts without comments cost nothing
    rows["posts"][0]["modifiedAt"] = just_now()       # the post is edited, its thread is not
    rows["posts"][0]["contents"]["html"] = "<p>Edited body.</p>"
    edited = operations_of(rows, vault, select)
    assert "PostsByIds" in edited and "CommentsForPost" not in edited
    assert "Edited body." in notes_by_id(vault)[POST0].body
    rows["comments"].append({"_id": forum_id("comNew", 9), "postId": POST0, "baseScore": 2,
                             "postedAt": just_now(), "userId": rows["users"][0]["_id"],
                             "contents": {"html": "<p>A new comment.</p>"}})
    rows["posts"][0]["commentCount"] = 3
    rows["posts"][0]["lastCommentedAt"] = just_now()
    commented = operations_of(rows, vault, select)
    assert "CommentsForPost" in commented
    assert "A new comment." in notes_by_id(vault)[f"{POST0}-comments"].body
