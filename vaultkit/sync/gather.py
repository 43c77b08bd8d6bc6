"""Fetching what the selections want, and only what changed since the last run.

Each run re-lists the selections (an author's posts, a sequence's chapters, a date range from the
last run on), which finds new matches, and lists the posts modified since the last run (with an
overlap) to find edits. A post is fetched in full and converted only when it is new or its
upstream version differs from the one stored; everything else is left to the stored items.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from vaultkit.config import Selections
from vaultkit.errors import NotFoundError
from vaultkit.fetch.forum import ForumClient
from vaultkit.model import parse
from vaultkit.model.items import Item, Post
from vaultkit.model.sites import collection_alias
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.render.html_to_md import convert_html
from vaultkit.render.images import ImageStore
from vaultkit.sync.kept import KeptItems
from vaultkit.sync.state import SyncState

OVERLAP = dt.timedelta(days=1)
# Posts fetched and converted together: memory holds one batch of bodies, not the selection.
POST_BATCH = 200


@dataclass
class Gathered:
    """The outcome of the fetch stage."""

    items: KeptItems = field(default_factory=KeptItems)    # new or changed items, by id
    wanted: set[str] = field(default_factory=set)          # ids the selections match this run
    problems: list[str] = field(default_factory=list)      # warnings: unmet selections, lossy bodies
    missing: list[tuple[str, str]] = field(default_factory=list)  # (Selections field, ref) not found


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _has_body(raw: dict[str, Any]) -> bool:
    return "htmlBody" in raw or "html" in (raw.get("contents") or {})


# What `_refresh_counts` and `_comments_mark` read of a listing row; only these are kept for the
# whole run (a whole row, or a post with its body, per post made memory grow with the selection).
_ROW_KEYS = ("baseScore", "commentCount", "lastCommentedAt")


class Gatherer:
    """Runs the selections against a `ForumClient` (see `vaultkit.fetch.forum`)."""

    def __init__(self, client: ForumClient, state: SyncState, select: Selections, site: str,
                 images: ImageStore | None = None, progress: Progress = NULL_PROGRESS, *,
                 trust_state: bool = False, items: KeptItems | None = None):
        """`trust_state`: the last run completed and nothing changed since, so every synced post
        already has its author, concept and comments notes; only new posts are checked for them.
        `items`: where kept items go (by default they stay in memory)."""
        self.client = client
        self.state = state
        self.select = select
        self.site = site
        self.images = images
        self.progress = progress
        self.trust_state = trust_state
        self.out = Gathered(items=KeptItems() if items is None else items)
        self._raw_posts: dict[str, dict[str, Any]] = {}   # full post dicts seen this run
        self._rows: dict[str, dict[str, Any]] = {}        # listing rows: karma, comment counts
        self._modified: dict[str, str] = {}               # post id -> modifiedAt a listing gave
        self._listed: list[str] = []                      # post ids in the order found
        self._author_ids: set[str] = set()                # sequence authors
        self._body_warnings: list[str] = []               # the converter's, for the next _keep

    def to_markdown(self, html: str) -> str:
        """A forum body as Markdown; with an image store, its pictures are saved into the vault."""
        if not html:
            return ""
        conversion = convert_html(html, images=self.images)
        self._body_warnings.extend(conversion.warnings)
        return conversion.markdown

    def run(self, now: dt.datetime) -> Gathered:
        if not self.trust_state:
            self.state.entries  # noqa: B018 -- loaded first: lost entries reset the fetch cutoffs
        sel = self.select
        self._explicit_posts(sel.posts)
        for slug in sel.authors:
            self._author(slug)
        for slug in sel.tags:
            self._tag(slug)
        for ref in sel.collections:
            self._collection(ref)
        for sid in sel.sequences:
            self._sequence(sid)
        if sel.since or sel.until:
            self._date_range(sel, now)
        self._modified_since()
        self._posts()
        self._authors()
        if sel.concepts:
            self._concepts()
        if sel.comments:
            self._comments()
        self.out.problems.extend(self.client.warnings)
        self.client.warnings.clear()
        self.out.items.flush()
        return self.out

    # -- selections -----------------------------------------------------------------------

    def _want_posts(self, raws: Iterable[dict[str, Any]]) -> None:
        for raw in raws:
            if raw is None:
                continue
            pid = raw["_id"]
            self._note_row(raw)
            if _has_body(raw):
                self._raw_posts[pid] = raw
            self._want_ids([pid])

    def _note_row(self, raw: dict[str, Any]) -> None:
        """Remember what a listing (or a sequence's chapter) says of a post: its last edit, and
        the karma and comment counts that change without an edit."""
        self._rows[raw["_id"]] = {k: raw[k] for k in _ROW_KEYS if k in raw}
        modified = raw.get("modifiedAt")
        if modified and modified > self._modified.get(raw["_id"], ""):
            self._modified[raw["_id"]] = modified

    def _want_ids(self, ids: Iterable[str]) -> None:
        for pid in ids:
            if pid not in self.out.wanted:
                self.out.wanted.add(pid)
                self._listed.append(pid)

    def _explicit_posts(self, refs: list[str]) -> None:
        for ref in refs:
            try:
                self._want_posts([self.client.resolve_post(ref)])
            except NotFoundError:
                known = self.state.entries.get(ref)
                if known and known["kind"] == "post":
                    self._mark_deleted(ref)
                else:
                    self._not_found("posts", ref)

    def _mark_deleted(self, pid: str) -> None:
        item = self.state.load_item(pid)
        if isinstance(item, Post) and not item.deleted:
            item.deleted = True
            item.version += "|deleted"
            self.out.items[pid] = item

    def _not_found(self, selection: str, ref: str) -> None:
        self.out.problems.append(f"{selection[:-1]} {ref!r} was not found")
        self.out.missing.append((selection, ref))

    def _author(self, slug: str) -> None:
        try:
            raw = self.client.user(slug)
        except NotFoundError:
            self._not_found("authors", slug)
            return
        self._keep(parse.parse_author(raw, self.site, self.to_markdown))
        self._want_posts(self.client.posts_by_user(slug))

    def _tag(self, slug: str) -> None:
        try:
            raw = self.client.tag(slug)
        except NotFoundError:
            self._not_found("tags", slug)
            return
        self._keep(parse.parse_concept(raw, self.site, self.to_markdown))
        self._want_posts(self.client.posts_by_tag(slug))

    def _sequence(self, sid: str, carried: dict[str, Any] | None = None) -> None:
        """A sequence and its posts; `carried` is the copy a collection's answer already holds."""
        if carried is None:
            try:
                carried = self.client.sequence(sid)
            except NotFoundError:
                self._not_found("sequences", sid)
                return
        seq = parse.parse_sequence(carried, self.site, self.to_markdown)
        self._keep(seq)
        for chapter in carried.get("chapters") or []:
            for row in chapter.get("posts") or []:
                self._note_row(row)
        self._want_ids(seq.post_ids)
        if seq.author_id:
            self._author_ids.add(seq.author_id)

    def _collection(self, ref: str) -> None:
        key = collection_alias(ref) or ref
        try:
            raw = self.client.collection(key)
        except NotFoundError:
            self._not_found("collections", ref)
            return
        col = parse.parse_collection(raw, self.site, self.to_markdown)
        self._keep(col)
        # The collection's answer carries its visible sequences whole: no request for each.
        carried = {s["_id"]: s for b in raw.get("books") or [] for s in b.get("sequences") or []}
        for book_raw in raw.get("books") or []:
            for row in book_raw.get("posts") or []:
                self._note_row(row)
        for book in col.books:
            for sid in book.sequence_ids:
                self._sequence(sid, carried.get(sid))
            self._want_ids(book.post_ids)

    def _date_range(self, sel: Selections, now: dt.datetime) -> None:
        after = f"{sel.since}T00:00:00.000Z" if sel.since else None
        last = self.state.meta.get("last_fetch")
        if last and self.state.meta.get("range") == [sel.since, sel.until, sel.min_karma]:
            resume = iso(dt.datetime.fromisoformat(last.replace("Z", "+00:00")) - OVERLAP)
            after = max(after or resume, resume)
        before = f"{sel.until}T00:00:00.000Z" if sel.until else None
        self._want_posts(self.client.list_posts(after=after, before=before, time_field="postedAt",
                                                min_karma=sel.min_karma))
        self._range = [sel.since, sel.until, sel.min_karma]

    def _modified_since(self) -> None:
        """Note the synced or wanted posts modified upstream since the last run (with an overlap)."""
        last = self.state.meta.get("last_fetch")
        if not last:
            return
        after = iso(dt.datetime.fromisoformat(last.replace("Z", "+00:00")) - OVERLAP)
        for row in self.client.list_posts(after=after, before=None, time_field="modifiedAt"):
            entry = self.state.entries.get(row["_id"])
            if (entry and entry["kind"] == "post") or row["_id"] in self.out.wanted:
                self._want_posts([row])

    def refetch(self, ids: Iterable[str]) -> dict[str, Item]:
        """Fetch again, whatever their version, items the state knows but whose stored copy is
        lost or unreadable (only ever the few a run found so)."""
        kinds: dict[str, list[str]] = {}
        for lw_id in ids:
            kinds.setdefault(self.state.entries[lw_id]["kind"], []).append(lw_id)
        found: dict[str, Item] = {}
        parsers = {"sequence": (self.client.sequence, parse.parse_sequence),
                   "collection": (self.client.collection, parse.parse_collection),
                   "concept": (self.client.tag_by_id, parse.parse_concept)}
        for kind, (fetch, parse_one) in parsers.items():
            for lw_id in kinds.get(kind, []):
                with contextlib.suppress(NotFoundError):
                    found[lw_id] = parse_one(fetch(lw_id), self.site, self.to_markdown)
        for raw in self.client.posts_by_ids(kinds.get("post", [])) if kinds.get("post") else []:
            found[raw["_id"]] = parse.parse_post(raw, self.site, self.to_markdown)
        for raw in self.client.users_by_ids(kinds.get("author", [])) if kinds.get("author") else []:
            found[raw["_id"]] = parse.parse_author(raw, self.site, self.to_markdown)
        for lw_id in kinds.get("comments", []):
            pid = self.state.entries[lw_id]["post"]
            post = found.get(pid) or self.state.load_item(pid)
            if post is None and pid in self.state.entries:
                post = self.refetch([pid]).get(pid)
            if isinstance(post, Post):
                found[lw_id] = parse.parse_comments(post, self.client.comments(pid),
                                                    self.select.comment_min_karma, self.to_markdown)
        return found

    # -- items ----------------------------------------------------------------------------

    def _keep(self, item: Item) -> None:
        """Keep `item` if it is new or differs from the stored version, with the warnings its
        bodies gave (an unchanged item was reported by the run that converted it)."""
        warnings, self._body_warnings = self._body_warnings, []
        entry = self.state.entries.get(item.id)
        if entry is None or entry.get("version") != item.version \
                or not self.state.has_item(item.id):
            self.out.items[item.id] = item
            self.out.problems.extend(f"{item.kind} {item.title!r}: {w}" for w in warnings)

    def _needs(self, pid: str) -> bool:
        """Whether the post must be (re)built: new, unfinished, or changed upstream."""
        entry = self.state.entries.get(pid)
        if entry is None or not entry.get("version"):
            return True
        listed = self._modified.get(pid)
        if listed and listed != entry.get("modified"):
            return True
        raw = self._raw_posts.get(pid)
        return raw is not None and parse.post_version(raw) != entry["version"]

    def _fresh_raw(self, pid: str) -> dict[str, Any] | None:
        raw = self._raw_posts.get(pid)
        if raw is not None and (raw.get("modifiedAt") or "") >= self._modified.get(pid, ""):
            return raw
        return None

    def _posts(self) -> None:
        """Fetch, convert and keep the posts that need it, a batch at a time (each raw post is
        dropped once converted, each batch of items handed over, so memory stays flat)."""
        todo = [pid for pid in self._listed if self._needs(pid)]
        self._refresh_counts(set(todo))
        for start in range(0, len(todo), POST_BATCH):
            chunk = todo[start:start + POST_BATCH]
            to_fetch = [pid for pid in chunk if self._fresh_raw(pid) is None]
            if to_fetch:
                for raw in self.client.posts_by_ids(to_fetch, modified=self._modified):
                    self._raw_posts[raw["_id"]] = raw
            self.progress.start(len(todo), "Converting posts")
            self.progress.advance(start)
            for pid in chunk:
                self.progress.advance()
                raw = self._raw_posts.pop(pid, None)
                if raw is None:
                    if pid in self.state.entries:
                        self._mark_deleted(pid)
                    continue
                self._note_row(raw)  # what `_comments_mark` may read later
                self._keep(parse.parse_post(raw, self.site, self.to_markdown))
        self.progress.finish()

    def _post_facts(self, lw_id: str) -> tuple[list[str], list[str]] | None:
        """(author ids, tag ids) of a post kept this run; None for other kinds. A kept item no
        longer in memory was handed over, so its entry holds them."""
        item = self.out.items.peek(lw_id)
        if item is not None:
            if not isinstance(item, Post):
                return None
            return [x for x in [item.author_id, *item.coauthor_ids] if x], [t.id for t in item.tags]
        entry = self.state.entries.get(lw_id)
        if entry is None or entry["kind"] != "post":
            return None
        return entry.get("authors", []), entry.get("tags", [])

    def _refresh_counts(self, rebuilt: set[str]) -> None:
        """Karma and comment counts change without an edit, so a listing row that disagrees with
        the stored post updates it without fetching the body again."""
        for pid in self._listed:
            row, entry = self._rows.get(pid), self.state.entries.get(pid)
            if pid in rebuilt or row is None or not entry or entry.get("kind") != "post":
                continue
            version = entry.get("version") or ""
            # `parse.post_version` ends with the karma and the comment count.
            head = version.rsplit("|", 2)[0]
            fresh = "|".join([head, *("" if row.get(k) is None else str(row[k])
                                      for k in ("baseScore", "commentCount"))])
            if fresh == version or "baseScore" not in row or "commentCount" not in row:
                continue
            item = self.state.load_item(pid)
            if isinstance(item, Post) and not item.deleted:
                item.karma = parse.whole(row["baseScore"])
                item.comment_count = parse.whole(row["commentCount"])
                item.version = fresh
                self.out.items[pid] = item

    def _posts_in_play(self) -> list[tuple[list[str], list[str]]]:
        """(author ids, tag ids) of every post fetched now or already in the state."""
        found = [facts for facts in map(self._post_facts, self.out.items) if facts is not None]
        if not self.trust_state:
            found += [(e.get("authors", []), e.get("tags", [])) for e in self.state.entries.values()
                      if e["kind"] == "post" and not e.get("tombstone")]
        return found

    def _missing(self, ids: Iterable[str]) -> list[str]:
        return sorted({i for i in ids if i not in self.state.entries and i not in self.out.items})

    def _authors(self) -> None:
        """Every author of a post in the vault gets a note (fetched once, when first needed)."""
        new = self._missing([*self._author_ids, *(a for authors, _t in self._posts_in_play() for a in authors)])
        if new:
            for raw in self.client.users_by_ids(new):
                self._keep(parse.parse_author(raw, self.site, self.to_markdown))

    def _concepts(self) -> None:
        """Tags in batches (wiki-only pages, which batches leave out, one by one)."""
        missing = self._missing(t for _a, tags in self._posts_in_play() for t in tags)
        for raw in self.client.tags_by_ids(missing):
            self._keep(parse.parse_concept(raw, self.site, self.to_markdown))

    def _comments(self) -> None:
        """Comments of posts that changed (the version includes the comment count) or have none yet."""
        fetched = {pid for pid in self.out.items if self._post_facts(pid) is not None}
        stored = {pid for pid, entry in ({} if self.trust_state else self.state.entries).items()
                  if entry["kind"] == "post" and pid not in fetched
                  and f"{pid}-comments" not in self.state.entries}
        min_karma = self.select.comment_min_karma
        for pid in sorted(fetched | stored):
            # one post in memory at a time
            post = self.out.items.get(pid) if pid in fetched else self.state.load_item(pid)
            if not isinstance(post, Post) or post.deleted:
                continue
            mark = self._comments_mark(pid, min_karma)
            entry = self.state.entries.get(f"{pid}-comments")
            if mark and entry and (entry.get("version") or "").startswith(mark + "#"):
                continue                    # no comment since the thread was last read
            raws = [] if post.comment_count == 0 else self.client.comments(pid)
            item = parse.parse_comments(post, raws, min_karma, self.to_markdown)
            if mark:
                item.version = f"{mark}#{item.version}"
            self._keep(item)

    def _comments_mark(self, pid: str, min_karma: int | None) -> str | None:
        """What says a post's thread is unchanged: its comment count and last comment's date
        (from the post or a listing row this run), and the karma filter it was read with."""
        for source in (self._raw_posts.get(pid), self._rows.get(pid)):
            if source and source.get("lastCommentedAt") and "commentCount" in source:
                return f"{source['commentCount']}|{source['lastCommentedAt']}|{min_karma}"
        return None
