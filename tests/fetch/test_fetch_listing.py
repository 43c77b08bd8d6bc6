"""Full-history and incremental listing by date windows."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from small_forum import POST_COAUTHORED, POST_LINK, POST_PLAIN, POST_QUESTION, SHARED
from vaultkit.errors import SourceError
from vaultkit.fetch.forum import open_client
from vaultkit.fetch.paginate import WindowedListing, iso, midpoint, parse_iso
from vaultkit.fetch.standin import StandinServer, generate_fixtures
from vaultkit.fetch.standin.generate import is_hidden


@pytest.fixture(scope="module")
def big_forum():
    """10,000 generated posts (about 8% hidden, with bulk-import bursts) behind the stand-in,
    with the real caps: limit clamped at 5000, offset capped at 2000."""
    fixtures = generate_fixtures(10_000, seed=7)
    visible = {i for i, p in fixtures.posts.items() if not is_hidden(p)}
    with StandinServer(fixtures, max_limit=5000, max_offset=2000) as server:
        yield server, fixtures, visible


@pytest.mark.slow
@pytest.mark.parametrize("page", [5000, 700])
def test_full_history_lists_every_visible_post_exactly_once(big_forum, page):
    server, fixtures, visible = big_forum
    first_request = server.request_count
    with open_client(endpoint=server.url, listing_page=page) as client:
        listing = client.list_posts()
        rows = list(listing)
    listed = [row["_id"] for row in rows]
    assert len(listed) == len(set(listed))
    assert set(listed) == visible
    assert 8_000 < len(visible) < 10_000
    assert listing.resume_from > datetime.now(timezone.utc)     # every window finished
    windows = server.operations[-(server.request_count - first_request):]
    assert all(v["limit"] <= 5000 and v["offset"] <= 2000 for _, v in windows)
    # Short pages happened mid-list and did not end a window early.
    assert any(v["offset"] > 0 for _, v in windows)


def test_bursts_sharing_one_millisecond_are_listed_whole(standin):
    with open_client(endpoint=standin.url, listing_page=5) as client:
        rows = list(client.list_posts(after="2015-01-01T00:00:00.000Z", before="2016-01-01T00:00:00.000Z"))
    assert sorted(r["_id"] for r in rows) == sorted(SHARED)      # 12 posts, one timestamp, pages of 5


def test_date_range_and_minimum_karma(standin):
    with open_client(endpoint=standin.url) as client:
        ranged = {r["_id"] for r in client.list_posts(after="2011-01-01T00:00:00.000Z",
                                                      before="2013-01-01T00:00:00.000Z")}
        karma = {r["_id"] for r in client.list_posts(min_karma=10)}
    assert ranged == {POST_LINK, POST_QUESTION}
    assert karma == {POST_PLAIN, POST_LINK, POST_COAUTHORED, SHARED[10], SHARED[11]}


def test_incremental_listing_by_modified_at_with_overlap():
    fixtures = generate_fixtures(2_000, seed=11)
    since = datetime(2020, 1, 1, tzinfo=timezone.utc)
    with StandinServer(fixtures) as server, open_client(endpoint=server.url, listing_page=300) as client:
        rows = list(client.posts_modified_since(since))
    expected = {i for i, p in fixtures.posts.items()
                if not is_hidden(p) and parse_iso(p["modifiedAt"]) >= parse_iso("2019-12-31T00:00:00.000Z")}
    assert {r["_id"] for r in rows} == expected
    assert len(rows) == len(expected)


def test_ignored_offset_stops_with_an_error():
    rows = [{"_id": f"id{i}", "postedAt": "2020-01-01T00:00:00.000Z"} for i in range(5)]

    def server_that_ignores_offset(after, before, limit, offset):
        return rows[:3]        # a short page (hidden rows), the same whatever the offset

    listing = WindowedListing(server_that_ignores_offset, parse_iso("2020-01-01"), parse_iso("2020-01-02"),
                              limit=4)
    with pytest.raises(SourceError, match="ignore `offset`"):
        list(listing)


def test_window_helpers():
    a, b = parse_iso("2020-01-01T00:00:00.000Z"), parse_iso("2020-01-01T00:00:00.002Z")
    assert iso(midpoint(a, b)) == "2020-01-01T00:00:00.001Z"
    assert midpoint(a, parse_iso("2020-01-01T00:00:00.001Z")) > a
    assert iso(parse_iso("2020-01-01")) == "2020-01-01T00:00:00.000Z"
