"""Listing every document of a query with half-open date windows that split when saturated.

The API caps `limit` at 5000 and `offset` at 2000, so no single ordering reaches the whole site.
Windows `[after, before)` on a date field never overlap, so they can be listed one after the other
(oldest first) and a crawl can resume from the end of the last finished window.

Within a window:

* A page with `limit` rows is *saturated*: the window holds more than one page, so it is split at
  its midpoint and both halves are listed instead. A saturated window of one millisecond (bulk
  imports share timestamps) is retried with the largest `limit`.
* A shorter page is *not* proof that the window is finished: the forum drops rows a guest may not
  see after applying `LIMIT`, so pages can be short in the middle of a list. The next page (by
  `offset`; at most the offset cap, so pages may overlap) is read until one brings nothing new.
  When more rows lie beyond the offset cap, the window is split instead. (This could only miss
  rows if a whole page of consecutive rows were hidden from guests.)
* A page at a non-zero offset identical to the first one means the server ignored `offset` (this
  has happened upstream); listing stops with an error rather than loop.
* Some listings cannot use `offset` at all: with `filterSettings` (a tag's posts) the forum ignores
  it (ForumMagnum#3099). With `use_offset=False` a window is split whenever its page is more than
  half full, and a page at most half full is taken as the whole window: it could only be wrong if
  more than half of a page's rows were hidden from guests.

Every document is yielded once, de-duplicated by `_id`.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterator

from vaultkit.errors import SourceError

MAX_LIMIT = 5000
MAX_OFFSET = 2000
DEFAULT_PAGE = 1000
ONE_MS = timedelta(milliseconds=1)

# fetch(after, before, limit, offset) -> the visible rows of that page
FetchPage = Callable[[str, str, int, int], list[dict]]


def iso(moment: datetime) -> str:
    """Full ISO-8601 UTC with milliseconds, the only date form the API parses unambiguously."""
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(value: str) -> datetime:
    """Parse an API date (or any ISO-8601 string; no zone means UTC)."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def midpoint(after: datetime, before: datetime) -> datetime:
    """The middle of a window, on a whole millisecond strictly inside it."""
    middle = after + (before - after) / 2
    middle = middle.replace(microsecond=middle.microsecond // 1000 * 1000)
    return max(middle, after + ONE_MS)


class WindowedListing:
    """Iterate every row between `start` (inclusive) and `end` (exclusive), each once.

    `resume_from` is the start of the first unfinished window: everything before it has been
    yielded, so a crashed crawl can restart there.
    """

    def __init__(self, fetch: FetchPage, start: datetime, end: datetime, *,
                 limit: int = DEFAULT_PAGE, max_limit: int = MAX_LIMIT,
                 max_offset: int | None = MAX_OFFSET, use_offset: bool = True,
                 on_page: Callable[[int], None] | None = None):
        if not 0 < limit <= max_limit:
            raise ValueError(f"limit must be in 1..{max_limit}")
        self.fetch = fetch
        self.start, self.end = start, end
        self.limit, self.max_limit, self.max_offset = limit, max_limit, max_offset
        self.use_offset = use_offset
        self.on_page = on_page
        self.resume_from = start
        self.requests = 0
        self._seen: set[str] = set()

    def __iter__(self) -> Iterator[dict]:
        windows = deque([(self.start, self.end)])
        while windows:
            after, before = windows.popleft()
            halves = yield from self._list_window(after, before)
            if halves:
                windows.extendleft(reversed(halves))
            else:
                self.resume_from = before

    def _list_window(self, after: datetime, before: datetime):
        """Yield the window's new rows; return its two halves when it must be split instead."""
        limit, offset = self.limit, 0
        can_split = before - after > ONE_MS
        first_page: list[str] = []
        in_window: set[str] = set()
        while True:
            page = self.fetch(iso(after), iso(before), limit, offset)
            self.requests += 1
            if not self.use_offset and 2 * len(page) > limit:
                if can_split:
                    return self._halves(after, before)
                if limit < self.max_limit:
                    limit = self.max_limit
                    continue
                if len(page) >= limit:
                    raise SourceError(
                        f"More than {limit} documents share the date {iso(after)}, and this "
                        "listing cannot page through them (the forum ignores `offset` here).",
                        hint="Please report this; vaultkit cannot list this window completely.")
            elif len(page) >= limit:
                if can_split:
                    return self._halves(after, before)
                if limit < self.max_limit:
                    limit, offset = self.max_limit, 0
                    continue
            ids = [row["_id"] for row in page]
            if offset == 0:
                first_page = ids
            elif ids and ids == first_page:
                raise SourceError(
                    f"The forum returned the same page for offset {offset} as for offset 0 "
                    f"(window {iso(after)} – {iso(before)}); it seems to ignore `offset`.",
                    hint="This is a server bug; try again later or report it.")
            new_here = set(ids) - in_window
            in_window |= new_here
            new = [row for row in page if row["_id"] not in self._seen]
            self._seen.update(row["_id"] for row in new)
            if self.on_page is not None:
                self.on_page(len(new))
            yield from new
            # Rows already yielded by a parent window still count as news for this window's scan.
            if not page or (offset and not new_here) or not self.use_offset:
                return None
            offset = self._next_offset(offset, limit)
            if offset is None:
                if can_split:
                    return self._halves(after, before)
                raise SourceError(
                    f"More than {self.max_offset + limit} documents share the date {iso(after)}; "
                    f"the API's offset cap ({self.max_offset}) cannot page through them.",
                    hint="Please report this; vaultkit cannot list this window completely.")

    def _next_offset(self, offset: int, limit: int) -> int | None:
        """The next page's offset: one page on, or the cap (an overlapping read); None past it."""
        following = offset + limit
        if self.max_offset is None or following <= self.max_offset:
            return following
        return self.max_offset if offset < self.max_offset else None

    @staticmethod
    def _halves(after: datetime, before: datetime) -> list[tuple[datetime, datetime]]:
        middle = midpoint(after, before)
        return [(after, middle), (middle, before)]
