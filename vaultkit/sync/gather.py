"""Fetching what the selections want, and only what changed since the last run.

Each run re-lists the selections (an author's posts, a sequence's chapters, a date range from the
last run on), which finds new matches, and lists the posts modified since the last run (with an
overlap) to find edits. A post is fetched in full and converted only when it is new or its
upstream version differs from the one stored; everything else is left to the stored items.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from vaultkit.config import Selection
from vaultkit.errors import NotFoundError
from vaultkit.fetch.forum import ForumClient
from vaultkit.fetch.selections import passes_filters
from vaultkit.model import parse
from vaultkit.model.items import Item, Post
from vaultkit.model.sites import collection_alias, home_site
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.render.html_to_md import convert_html
from vaultkit.render.images import ImageStore
from vaultkit.sync.converter import IN_FLIGHT, Converted, InlineConverter, WorkerConverter, post_converter
from vaultkit.sync.kept import KeptItems
from vaultkit.sync.state import SyncState
from vaultkit.vault.database import pack

OVERLAP = dt.timedelta(days=1)
# Posts fetched and converted together: memory holds two batches of bodies (one converting, one
# fetched), not the selection. One request's worth (`vaultkit.fetch.forum.POST_BATCH`).
POST_BATCH = 50
LIBRARY_COLLECTIONS = ("rationality-a-z", "codex", "hpmor")
# Posts kept before a large sync hands them to be rendered ahead (see `Gatherer`).
AHEAD_BATCH = 50
# A batch of posts the converter has: (its place in the list, ids, raw posts, ids fetched now)
_Batch = tuple[int, list[str], dict[str, dict[str, Any]], set[str]]


@dataclass
class Gathered:
    """The outcome of the fetch stage."""

    items: KeptItems = field(default_factory=KeptItems)    # new or changed items, by id
    wanted: set[str] = field(default_factory=set)          # ids the selections match this run
    problems: list[str] = field(default_factory=list)      # warnings: unmet selections, lossy bodies
    missing: list[tuple[str, str]] = field(default_factory=list)  # (Selection field, ref) not found
    comments: dict[str, int | None] = field(default_factory=dict)  # posts whose comments are wanted


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _has_body(raw: dict[str, Any]) -> bool:
    return "htmlBody" in raw or "html" in (raw.get("contents") or {})


# What `_refresh_counts` and `_comments_mark` read of a listing row; only these are kept for the
# whole run (a whole row, or a post with its body, per post made memory grow with the selection).
_ROW_KEYS = ("baseScore", "commentCount", "lastCommentedAt")


def range_key(sel: Selection) -> list:
    """What identifies a whole-site selection's listing, so the next run can resume it."""
    return [sel.since, sel.until, sel.min_karma] + ([sel.site] if sel.site else [])


def _counted_version(version: str, row: dict[str, Any] | None) -> str | None:
    """`version` with the karma and comment count of a listing `row` (`parse.post_version` ends
    with them), or None when the row does not give both or they are unchanged."""
    if not row or "baseScore" not in row or "commentCount" not in row:
        return None
    head = version.rsplit("|", 2)[0]
    fresh = "|".join([head, *("" if row[k] is None else str(row[k]) for k in ("baseScore", "commentCount"))])
    return None if fresh == version else fresh


def _day(date: str | None) -> str | None:
    return f"{date}T00:00:00.000Z" if date else None


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    """What a sequence or collection answer says of a post: the fields filters read, and the
    counts that change without an edit. Its `modifiedAt` is left out: those answers are cached
    for a day and would look older than the note."""
    return {k: row[k] for k in ("_id", "postedAt", "baseScore", "commentCount", "lastCommentedAt")
            if k in row}


@dataclass
class PostOptions:
    """What the selections that matched a post ask for it (options belong to their selection)."""

    comments: dict[str, int | None] = field(default_factory=dict)  # post id -> comment min karma
    concepts: set[str] = field(default_factory=set)
    images: set[str] = field(default_factory=set)

    def add(self, pid: str, sel: Selection) -> None:
        if sel.comments:
            if pid in self.comments:
                known = self.comments[pid]
                floor = sel.comment_min_karma
                self.comments[pid] = None if known is None or floor is None else min(known, floor)
            else:
                self.comments[pid] = sel.comment_min_karma
        if sel.concepts or sel.library:
            self.concepts.add(pid)
        if sel.images:
            self.images.add(pid)


class Gatherer:
    """Runs the selections against a `ForumClient` (see `vaultkit.fetch.forum`)."""

    def __init__(self, client: ForumClient, state: SyncState, selections: list[Selection], site: str,
                 images: ImageStore | None = None, progress: Progress = NULL_PROGRESS, *,
                 trust_state: bool = False, vault_site: str | None = None,
                 items: KeptItems | None = None,
                 render_ahead: Callable[[list[Item], Gathered], None] | None = None):
        """`trust_state`: the last run completed and nothing changed since, so every synced post
        already has its author, concept and comments notes; only new posts are checked for them.
        `vault_site`: the vault's own forum, whose notes are those recorded without a site; a
        gatherer reads `site` only and never touches another forum's notes. `items`: where kept
        items go (by default they stay in memory). `render_ahead`: in a sync large enough to
        convert in a worker, each batch of posts, once stored, is handed to it (with what was
        gathered so far) to be rendered and written while the worker converts the next."""
        self.client = client
        self.home = home_site(site)
        self.vault_site = vault_site or self.home
        self.state = state
        self.selections = selections
        self.site = site
        self.images = images
        self.progress = progress
        self.trust_state = trust_state
        self.render_ahead = render_ahead
        self.out = Gathered(items=KeptItems() if items is None else items)
        self.options = PostOptions()
        self.out.comments = self.options.comments   # read by a run rendering ahead
        self._raw_posts: dict[str, dict[str, Any]] = {}   # full post dicts seen this run
        self._rows: dict[str, dict[str, Any]] = {}        # listing rows: karma, comment counts
        self._modified: dict[str, str] = {}               # post id -> modifiedAt a listing gave
        self._listed: list[str] = []                      # post ids in the order found
        self._author_ids: set[str] = set()                # sequence authors
        self._image_authors: set[str] = set()             # ... of selections asking for images
        self._body_warnings: list[str] = []               # the converter's, for the next _keep
        self._resumed: dict[str, Post] = {}               # posts a stopped run stored, to keep

    def to_markdown(self, html: str) -> str:
        """A forum body as Markdown; with an image store, its pictures are saved into the vault."""
        return self._markdown(html, self.images)

    def _plain_markdown(self, html: str) -> str:
        return self._markdown(html, None)

    def _markdown(self, html: str, images: ImageStore | None) -> str:
        if not html:
            return ""
        conversion = convert_html(html, images=images)
        self._body_warnings.extend(conversion.warnings)
        return conversion.markdown

    def _converter(self, images: bool) -> Callable[[str], str]:
        return self.to_markdown if images else self._plain_markdown

    def run(self, now: dt.datetime) -> Gathered:
        if not self.trust_state:
            self.state.entries  # noqa: B018 -- loaded first: lost entries reset the fetch cutoffs
        for sel in self.selections:
            self._selection(sel, now)
        self._modified_since()
        self._posts()
        self._authors()
        self._concepts()
        self._comments()
        self.out.problems.extend(self.client.warnings)
        self.client.warnings.clear()
        self.out.items.flush()
        return self.out

    # -- selections -----------------------------------------------------------------------

    def _selection(self, sel: Selection, now: dt.datetime) -> None:
        """Every post of the selection's sources (the whole site when it has none) that passes its
        filters is wanted, with the selection's options."""
        for row in self._source_rows(sel, now):
            if passes_filters(row, _day(sel.since), _day(sel.until), sel.min_karma):
                self._want_posts([row])
                self.options.add(row["_id"], sel)

    def _source_rows(self, sel: Selection, now: dt.datetime) -> Iterable[dict[str, Any]]:
        if sel.is_whole_site():
            yield from self._date_range(sel, now)
            return
        if sel.all_concepts:
            self._all_concepts(sel.images)
        if sel.library:
            yield from self._library(sel.images)
        yield from self._explicit_posts(sel.posts)
        for slug in sel.authors:
            yield from self._author(slug, sel.images)
        for slug in sel.tags:
            yield from self._tag(slug, sel.images)
        for ref in sel.collections:
            yield from self._collection(ref, sel.images)
        for sid in sel.sequences:
            yield from self._sequence(sid, sel.images)

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

    def _explicit_posts(self, refs: list[str]) -> list[dict[str, Any]]:
        found = []
        for ref in refs:
            try:
                found.append(self.client.resolve_post(ref))
            except NotFoundError:
                known = self.state.entries.get(ref)
                if known and known["kind"] == "post" and self._mine(known):
                    self._mark_deleted(ref)
                else:
                    self._not_found("posts", ref)
        return found

    def _mark_deleted(self, pid: str) -> None:
        item = self.state.load_item(pid)
        if isinstance(item, Post) and not item.deleted:
            item.deleted = True
            item.version += "|deleted"
            self.out.items[pid] = item

    def _not_found(self, selection: str, ref: str) -> None:
        self.out.problems.append(f"{selection[:-1]} {ref!r} was not found")
        self.out.missing.append((selection, ref))

    def _author(self, slug: str, images: bool) -> list[dict[str, Any]]:
        try:
            raw = self.client.user(slug)
        except NotFoundError:
            self._not_found("authors", slug)
            return []
        self._keep(parse.parse_author(raw, self.site, self._converter(images)))
        return self.client.posts_by_user(slug)

    def _tag(self, slug: str, images: bool) -> list[dict[str, Any]]:
        try:
            raw = self.client.tag(slug)
        except NotFoundError:
            self._not_found("tags", slug)
            return []
        self._keep(parse.parse_concept(raw, self.site, self._converter(images)))
        return self.client.posts_by_tag(slug)

    def _all_concepts(self, images: bool) -> None:
        """Every tag and wiki page of the forum, as concept notes (no posts)."""
        for raw in self.client.all_tags():
            self._keep(parse.parse_concept(raw, self.site, self._converter(images)))

    def _sequence(self, sid: str, images: bool) -> list[dict[str, Any]]:
        try:
            raw = self.client.sequence(sid)
        except NotFoundError:
            self._not_found("sequences", sid)
            return []
        return self._sequence_rows(raw, images)

    def _sequence_rows(self, raw: dict[str, Any], images: bool) -> list[dict[str, Any]]:
        """Keep a sequence from a fetched answer; the summaries of its posts, in order."""
        seq = parse.parse_sequence(raw, self.site, self._converter(images))
        self._keep(seq)
        if seq.author_id:
            self._author_ids.add(seq.author_id)
            if images:
                self._image_authors.add(seq.author_id)
        listed = {p["_id"]: _summary(p) for c in raw.get("chapters") or [] for p in c.get("posts") or []}
        return [listed.get(pid, {"_id": pid}) for pid in seq.post_ids]

    def _collection(self, ref: str, images: bool) -> list[dict[str, Any]]:
        key = collection_alias(ref) or ref
        try:
            raw = self.client.collection(key)
        except NotFoundError:
            self._not_found("collections", ref)
            return []
        convert = self._converter(images)
        self._keep(parse.parse_collection(raw, self.site, convert))
        for book in parse.parse_books(raw, self.site, convert):
            self._keep(book)
        rows = []
        for book in sorted(raw.get("books") or [], key=lambda b: b.get("number") or 0):
            # the answer carries each book's sequences whole: only a missing one is asked for
            carried = {s["_id"]: s for s in book.get("sequences") or [] if s}
            for sid in book.get("sequenceIds") or []:
                rows += self._sequence_rows(carried[sid], images) if sid in carried \
                    else self._sequence(sid, images)
            listed = {p["_id"]: _summary(p) for p in book.get("posts") or [] if p}
            rows += [listed.get(pid, {"_id": pid}) for pid in book.get("postIds") or []]
        return rows

    def _library(self, images: bool) -> list[dict[str, Any]]:
        """The three collections, then the curated sequences not already in them."""
        rows = []
        for name in LIBRARY_COLLECTIONS:
            rows += self._collection(name, images)
        for raw in self.client.curated_sequences():
            rows += self._sequence_rows(raw, images)   # one in a collection too is listed once
        return rows

    def _date_range(self, sel: Selection, now: dt.datetime) -> Iterable[dict[str, Any]]:
        """The site's posts in the selection's date range; from the last run on when this same
        range was listed then (with an overlap)."""
        after = _day(sel.since)
        last = self.state.meta.get("last_fetch")
        listed_before = self.state.meta.get("ranges") or [self.state.meta.get("range")]
        if last and range_key(sel) in listed_before:
            resume = iso(dt.datetime.fromisoformat(last.replace("Z", "+00:00")) - OVERLAP)
            after = max(after or resume, resume)
        return self.client.list_posts(after=after, before=_day(sel.until), time_field="postedAt",
                                      min_karma=sel.min_karma)

    def _modified_since(self) -> None:
        """Note the synced or wanted posts modified upstream since the last run (with an overlap)."""
        last = self.state.meta.get("last_fetch")
        if not last:
            return
        after = iso(dt.datetime.fromisoformat(last.replace("Z", "+00:00")) - OVERLAP)
        whole_site = [sel for sel in self.selections if sel.is_whole_site()]
        for row in self.client.list_posts(after=after, before=None, time_field="modifiedAt"):
            entry = self.state.entries.get(row["_id"])
            if (entry and entry["kind"] == "post" and self._mine(entry)) or row["_id"] in self.out.wanted:
                self._want_posts([row])
                # a resumed whole-site listing did not list it again: its options still apply
                for sel in whole_site:
                    if passes_filters(row, _day(sel.since), _day(sel.until), sel.min_karma):
                        self.options.add(row["_id"], sel)

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
        for lw_id in kinds.get("book", []):
            with contextlib.suppress(NotFoundError):
                raw = self.client.collection(self.state.entries[lw_id].get("collection") or "")
                found.update((b.id, b) for b in parse.parse_books(raw, self.site, self.to_markdown)
                             if b.id == lw_id)
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
                                                    self._comment_floor(pid), self.to_markdown)
        return found

    def _comment_floor(self, pid: str) -> int | None:
        """The comment karma floor for a post's comments note: its selections' when this run
        matched it, else the lowest any selection asking for comments sets (None: keep all)."""
        if pid in self.options.comments:
            return self.options.comments[pid]
        floors = [sel.comment_min_karma for sel in self.selections if sel.comments]
        return None if not floors or None in floors else min(floors)

    # -- items ----------------------------------------------------------------------------

    def _keep(self, item: Item) -> bool:
        """Keep `item` if it is new or differs from the stored version, with the warnings its
        bodies gave (an unchanged item was reported by the run that converted it); whether
        it was kept."""
        warnings, self._body_warnings = self._body_warnings, []
        entry = self.state.entries.get(item.id)
        if entry is None or entry.get("version") != item.version \
                or not self.state.has_item(item.id):
            self.out.items[item.id] = item
            self.out.problems.extend(f"{item.kind} {item.title!r}: {w}" for w in warnings)
            return True
        return False

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
        dropped once converted, each batch of items handed over, so memory stays flat). Bodies
        are converted by `vaultkit.sync.converter` (in a worker for a large sync) while the
        next batch is fetched; posts whose selection wants images are converted here, where
        the image store is."""
        todo = [pid for pid in self._listed if self._needs(pid)]
        self._refresh_counts(set(todo))
        converter = post_converter(self.site, len(todo))
        ahead = self.render_ahead if isinstance(converter, WorkerConverter) else None
        kept: list[Item] = []   # posts kept, not yet handed to `ahead`
        in_hand: deque[_Batch] = deque()   # the batches the converter has, oldest first
        try:
            for start in range(0, len(todo), POST_BATCH):
                chunk = todo[start:start + POST_BATCH]
                raws, fetched = self._fetch_batch(chunk)
                converter.submit([raws[pid] for pid in chunk
                                  if pid in raws and pid not in self.options.images])
                in_hand.append((start, chunk, raws, fetched))
                if len(in_hand) == IN_FLIGHT:
                    kept = self._keep_oldest(in_hand, converter, kept, ahead, len(todo))
            while in_hand:
                kept = self._keep_oldest(in_hand, converter, kept, ahead, len(todo))
        finally:
            converter.close()
        self.progress.finish()

    def _keep_oldest(self, in_hand: deque[_Batch], converter: InlineConverter | WorkerConverter,
                     kept: list[Item], ahead: Callable[[list[Item], Gathered], None] | None,
                     total: int) -> list[Item]:
        """Keep (and store) the oldest batch the converter has; once `AHEAD_BATCH` posts are kept
        (or the last batch is), hand them to `ahead`. Returns the posts not handed yet."""
        kept += self._keep_batch(*in_hand.popleft(), converter.result(), total)
        if ahead is None or (len(kept) < AHEAD_BATCH and in_hand):
            return kept
        if kept:
            ahead(kept, self.out)
        return []

    def _fetch_batch(self, chunk: list[str]) -> tuple[dict[str, dict[str, Any]], set[str]]:
        """The raw posts of `chunk` (fetched unless a listing brought them whole), by id, and
        the ids fetched now, which `_keep_batch` caches; a post the forum no longer returns is
        left out, and so is one a stopped run already stored (`_stored_posts`)."""
        to_fetch = [pid for pid in chunk if self._fresh_raw(pid) is None]
        self._resumed.update(self._stored_posts([pid for pid in to_fetch if pid not in self.state.entries]))
        to_fetch = [pid for pid in to_fetch if pid not in self._resumed]
        fetched: set[str] = set()
        if to_fetch:
            for raw in self.client.posts_by_ids(to_fetch, modified=self._modified, cache_later=fetched):
                self._raw_posts[raw["_id"]] = raw
        raws = {}
        for pid in chunk:
            raw = self._raw_posts.pop(pid, None)
            if raw is not None and pid not in self._resumed:
                self._note_row(raw)  # what `_comments_mark` may read later
                raws[pid] = raw
            # read no more once fetched (a row but by `_comments_mark`): memory stays flat
            self._modified.pop(pid, None)
            if pid not in self.options.comments:
                self._rows.pop(pid, None)
        return raws, fetched

    def _stored_posts(self, pids: list[str]) -> dict[str, Post]:
        """Posts new to the state that a run stopped before its end (killed, or failing later)
        already fetched, converted and stored, at least as recent as the listing says: the
        answers of new posts are not cached (each post is stored once), so their stored items
        serve this run instead, with the listing's karma and comment counts."""
        found: dict[str, Post] = {}
        for pid, item in (self.state.load_items(pids) if pids else {}).items():
            listed = self._modified.get(pid)
            if isinstance(item, Post) and not item.deleted and listed and (item.modified or "") >= listed:
                fresh = _counted_version(item.version, self._rows.get(pid))
                if fresh is not None:
                    item.karma = parse.whole(self._rows[pid]["baseScore"])
                    item.comment_count = parse.whole(self._rows[pid]["commentCount"])
                    item.version = fresh
                found[pid] = item
        return found

    def _keep_batch(self, start: int, chunk: list[str], raws: dict[str, dict[str, Any]],
                    fetched: set[str], converted: Converted, total: int) -> list[Item]:
        """Keep the batch's items in the order listed (so warnings come in a stable order) and
        store them; cache the fetched posts that the state knew (a new post's stored item serves
        a resumed run: `_stored_posts`). Returns the items kept (new or changed)."""
        done = iter(converted)
        kept: list[Item] = []
        packed_raws: dict[str, bytes] = {}
        self.progress.start(total, "Converting posts")
        self.progress.advance(start)
        for pid in chunk:
            self.progress.advance()
            if pid in self._resumed:   # its warnings were the stopped run's
                self._keep(self._resumed.pop(pid))
                continue
            if pid not in raws:
                if pid in self.state.entries and self._mine(self.state.entries[pid]):
                    self._mark_deleted(pid)
                continue
            if pid in self.options.images:   # converted here, where the image store is
                item, warnings = parse.parse_post(raws[pid], self.site, self.to_markdown), []
            else:
                item, warnings = next(done)
            if pid in fetched and pid in self.state.entries:
                packed_raws[pid] = pack(raws[pid])
            self._body_warnings.extend(warnings)
            if self._keep(item):
                kept.append(item)
        self.out.items.flush()   # stored batch by batch, as they came: what a stopped run leaves
        if packed_raws:
            self.client.cache_packed_posts(packed_raws)
        return kept

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
            fresh = _counted_version(version, row)
            if fresh is None:
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
                      if e["kind"] == "post" and not e.get("tombstone") and self._mine(e)]
        return found

    def _mine(self, entry: dict[str, Any]) -> bool:
        """Whether a state entry is a note of the forum this gatherer reads."""
        return (entry.get("site") or self.vault_site) == self.home

    def _missing(self, ids: Iterable[str]) -> list[str]:
        return sorted({i for i in ids if i not in self.state.entries and i not in self.out.items})

    def _authors(self) -> None:
        """Every author of a post in the vault gets a note (fetched once, when first needed)."""
        new = self._missing([*self._author_ids, *(a for authors, _t in self._posts_in_play() for a in authors)])
        if new:
            with_images = self._image_authors | {a for post in self._image_posts()
                                                 for a in [post.author_id, *post.coauthor_ids] if a}
            for raw in self.client.users_by_ids(new):
                convert = self._converter(raw["_id"] in with_images)
                self._keep(parse.parse_author(raw, self.site, convert))

    def _image_posts(self) -> list[Post]:
        """The posts fetched this run whose selection asked for images: the author and concept
        notes they bring download images too (another selection's do not)."""
        posts = (self.out.items.get(pid) for pid in sorted(self.options.images) if pid in self.out.items)
        return [item for item in posts if isinstance(item, Post)]

    def _concept_tags(self) -> Iterable[str]:
        """The tags of the posts whose selection asked for concepts."""
        for pid in sorted(self.options.concepts):
            facts = self._post_facts(pid) if pid in self.out.items else None
            if facts is not None:
                yield from facts[1]
            elif not self.trust_state:
                yield from (self.state.entries.get(pid) or {}).get("tags", [])

    def _concepts(self) -> None:
        """Concept notes for the tags not yet in the vault, asked for in batches (a library
        brings hundreds; wiki-only pages, which those batches leave out, in batches of single lookups)."""
        missing = self._missing(self._concept_tags())
        with_images = {t.id for post in self._image_posts() for t in post.tags}
        for raw in self.client.tags_by_ids(missing) if missing else []:
            convert = self._converter(raw["_id"] in with_images)
            self._keep(parse.parse_concept(raw, self.site, convert))

    def _comments(self) -> None:
        """Comments of the posts whose selection asked for them: of posts that changed (the
        version includes the comment count) or have no comments note yet."""
        for pid in sorted(self.options.comments):
            post = self.out.items.get(pid)
            if not isinstance(post, Post):
                if self.trust_state or f"{pid}-comments" in self.state.entries:
                    continue
                post = self.state.load_item(pid)
            if not isinstance(post, Post) or post.deleted:
                continue
            min_karma = self.options.comments[pid]
            mark = self._comments_mark(pid, min_karma)
            entry = self.state.entries.get(f"{pid}-comments")
            if mark and entry and (entry.get("version") or "").startswith(mark + "#"):
                continue                    # no comment since the thread was last read
            raws = [] if post.comment_count == 0 else self.client.comments(pid)
            item = parse.parse_comments(post, raws, min_karma,
                                        self._converter(pid in self.options.images))
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
