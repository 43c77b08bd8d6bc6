"""What to sync: a `Selection` of posts named by the user, resolved to listing rows.

    selection = Selection(posts=["https://www.lesswrong.com/posts/<id>/<slug>"], authors=["alice"],
                          after="2020-01-01", min_karma=50)
    rows = select_posts(client, selection)    # [{_id, postedAt, baseScore, …}] in reading order

Sources are combined as a union in this order: posts, authors' posts (oldest first), tagged posts
(oldest first), sequences and collections (reading order); the date range and minimum karma then
filter the union. With no source at all, the date
range (or the whole history) of the site is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Iterator

from vaultkit.fetch.forum import ForumClient, as_datetime


@dataclass
class Selection:
    """Posts to fetch. Every list may be empty; dates are ISO-8601 strings or datetimes (UTC)."""

    posts: list[str] = field(default_factory=list)        # ids, URLs or slugs
    authors: list[str] = field(default_factory=list)      # user slugs or profile URLs
    tags: list[str] = field(default_factory=list)         # tag slugs or URLs
    sequences: list[str] = field(default_factory=list)    # sequence ids or URLs
    collections: list[str] = field(default_factory=list)  # rationality-a-z | codex | hpmor | id
    after: datetime | str | None = None                   # postedAt >= after
    before: datetime | str | None = None                  # postedAt < before
    min_karma: float | None = None

    def has_sources(self) -> bool:
        return bool(self.posts or self.authors or self.tags or self.sequences or self.collections)


def select_posts(client: ForumClient, selection: Selection) -> list[dict]:
    """Resolve a selection to post rows (each with `_id`, `postedAt`, `baseScore`), de-duplicated,
    in the order described in the module docstring."""
    if not selection.has_sources():
        rows: Iterable[dict] = client.list_posts(after=selection.after, before=selection.before,
                                                 min_karma=selection.min_karma)
        return list(rows)
    unique: dict[str, dict] = {}
    for row in _source_rows(client, selection):
        unique.setdefault(row["_id"], row)
    return [row for row in unique.values() if _wanted(row, selection)]


def _source_rows(client: ForumClient, selection: Selection) -> Iterator[dict]:
    for ref in selection.posts:
        yield client.resolve_post(ref)
    for slug in selection.authors:
        yield from client.posts_by_user(slug)
    for slug in selection.tags:
        yield from client.posts_by_tag(slug)
    for ref in selection.sequences:
        yield from sequence_posts(client.sequence(ref))
    for ref in selection.collections:
        yield from collection_posts(client.collection(ref))


def sequence_posts(sequence: dict) -> list[dict]:
    """The visible posts of a sequence in reading order (chapter by chapter)."""
    return [post for chapter in sequence["chapters"] for post in chapter["posts"]]


def collection_posts(collection: dict) -> list[dict]:
    """The visible posts of a collection in reading order: each book's own posts, then its
    sequences' posts."""
    posts: list[dict] = []
    for book in collection["books"]:
        posts += book["posts"]
        for sequence in book["sequences"]:
            posts += sequence_posts(sequence)
    return posts


def _wanted(row: dict, selection: Selection) -> bool:
    return passes_filters(row, selection.after, selection.before, selection.min_karma)


def passes_filters(row: dict, after: datetime | str | None = None,
                   before: datetime | str | None = None, min_karma: float | None = None) -> bool:
    """Whether a listing row (`postedAt`, `baseScore`) is posted in [after, before) with at least
    `min_karma`. A row without `postedAt` (a post the forum does not show) passes only when no
    filter is given."""
    if after is None and before is None and min_karma is None:
        return True
    if not row.get("postedAt"):
        return False
    posted = as_datetime(row["postedAt"])
    if after and posted < as_datetime(after):
        return False
    if before and posted >= as_datetime(before):
        return False
    return min_karma is None or (row.get("baseScore") or 0) >= min_karma
