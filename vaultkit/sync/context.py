"""The `LinkContext` of one sync run: which notes will exist, where, and how they relate.

Every lookup goes through `value(ref)` and is recorded, so that the sync can store the references
a note's rendering used and later check, in memory, whether any of them now resolves differently
(a linked post was synced, a note was renamed, an author got a new post). Only then is the note
rendered again.

Reference strings: ``post:<id>``, ``post-slug:<slug>``, ``user:<id>``, ``user-slug:<slug>``,
``tag:<id>``, ``tag-slug:<slug>``, ``sequence:<id>``, ``collection:<id>``,
``collection-slug:<slug>``, ``book:<id>``, ``comments:<post id>``; and the relations
``author-posts:<user id>``, ``tag-posts:<tag id>``, ``order:<post id>``, ``place:<post or sequence
id>`` (its book and collection).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping

from vaultkit.model.refs import ForumRef
from vaultkit.render.links import rewrite_forum_links
from vaultkit.render.notes import display_text

KIND_PREFIX = {"post": "post", "author": "user", "concept": "tag", "sequence": "sequence",
               "collection": "collection", "book": "book", "comments": "comments"}
SLUG_PREFIX = {"post": "post-slug", "author": "user-slug", "concept": "tag-slug",
               "collection": "collection-slug"}


def ref_for(kind: str, lw_id: str) -> str:
    """The reference string naming the note of an item."""
    if kind == "comments":
        return f"comments:{lw_id.removesuffix('-comments')}"
    return f"{KIND_PREFIX[kind]}:{lw_id}"


def forum_ref_key(ref: ForumRef) -> str | None:
    """The reference string for a link to the forum found in a body."""
    if ref.kind == "post":
        return f"post:{ref.id}" if ref.id else (f"post-slug:{ref.slug}" if ref.slug else None)
    if ref.kind == "sequence" and ref.id:
        return f"sequence:{ref.id}"
    if ref.kind == "tag" and ref.slug:
        return f"tag-slug:{ref.slug}"
    if ref.kind == "user" and ref.slug:
        return f"user-slug:{ref.slug}"
    if ref.kind == "legacy" and ref.slug:
        return f"post-slug:{ref.slug}"  # an LW1 URL: its slug is the post's
    return None


def _hash_refs(resolved: Iterable[tuple[str, str]]) -> str:
    """The signature of (reference, value) pairs in order: one hash of all of them."""
    text = "".join(f"{ref}\n{value}\n" for ref, value in resolved)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class VaultLinkContext:
    """Resolves references against the notes the vault will hold after this run."""

    def __init__(self, entries: Mapping[str, dict[str, Any]], paths: dict[str, str],
                 all_note_paths: Iterable[str]):
        """`entries`: state entries by id; `paths`: id -> vault path of every note that will exist;
        `all_note_paths`: every note of the vault (the user's too), for link-text uniqueness."""
        self.entries = entries
        self.paths = paths
        self._all_paths = all_note_paths
        self._stems: Counter = Counter()
        self._ids: dict[str, str] = {}
        self._author_posts: dict[str, list[str]] = defaultdict(list)
        self._tag_posts: dict[str, list[str]] = defaultdict(list)
        self._order: dict[str, tuple[str, str | None, str | None]] = {}
        self._place: dict[str, tuple[str, str]] = {}   # post or sequence id -> (book, collection)
        self._indexed = False
        self.used: dict[str, str] = {}

    def _index(self) -> None:
        self._stems = Counter(p.rsplit("/", 1)[-1][:-3].lower() for p in self._all_paths)
        posts = []
        for lw_id in self.paths:
            entry = self._index_names(lw_id)
            if entry is not None and entry["kind"] == "post":
                posts.append((entry.get("posted") or "", lw_id))
        for _posted, pid in sorted(posts):
            entry = self.entries[pid]
            for uid in entry.get("authors", []):
                self._author_posts[uid].append(pid)
            for tid in entry.get("tags", []):
                self._tag_posts[tid].append(pid)
        for sid in sorted(i for i in self.paths if self.entries.get(i, {}).get("kind") == "sequence"):
            members = self.entries[sid].get("members", [])
            for n, pid in enumerate(members):
                if pid not in self._order:
                    self._order[pid] = (sid, members[n - 1] if n else None,
                                        members[n + 1] if n + 1 < len(members) else None)

        self._index_books()

    def _index_names(self, lw_id: str) -> dict[str, Any] | None:
        """Make the note of `lw_id` found by its id and slugs; its entry (None if unknown)."""
        entry = self.entries.get(lw_id)
        if entry is None:
            return None
        kind = entry["kind"]
        self._ids[ref_for(kind, lw_id)] = lw_id
        if kind in SLUG_PREFIX:
            for slug in [entry.get("slug"), *entry.get("old_slugs", [])]:
                if slug:
                    self._ids.setdefault(f"{SLUG_PREFIX[kind]}:{slug}", lw_id)
        return entry

    def add_notes(self, paths: dict[str, str]) -> None:
        """Notes placed since this context was made (`paths`: id -> vault path), found by id,
        slug and name from now on. The relations (posts of an author or tag, reading order,
        places in books) are not extended: a sync rendering ahead checks every note's
        signature against the complete context at the end, which catches what they change."""
        self.paths.update(paths)
        if not self._indexed:
            self._all_paths = [*self._all_paths, *paths.values()]
            return
        for lw_id, path in paths.items():
            self._stems[path.rsplit("/", 1)[-1][:-3].lower()] += 1
            self._index_names(lw_id)

    def _index_books(self) -> None:
        """Where each sequence and post sits in a collection: the first book, in reading order
        of collections sorted by id, that holds it (directly or through a sequence)."""
        for cid in sorted(i for i in self.paths if self.entries.get(i, {}).get("kind") == "collection"):
            for bid in self.entries[cid].get("members", []):
                book = self.entries.get(bid)
                if book is None or bid not in self.paths:
                    continue
                for sid in book.get("members", []):
                    self._place.setdefault(sid, (bid, cid))
                    for pid in (self.entries.get(sid) or {}).get("members", []):
                        self._place.setdefault(pid, (bid, cid))
                for pid in book.get("book_posts", []):
                    self._place.setdefault(pid, (bid, cid))

    # -- the recorded lookup --------------------------------------------------------------

    def value(self, ref: str) -> str:
        """What `ref` resolves to now, as a string (recorded for `signature`)."""
        if not self._indexed:
            self._index()  # built on first use: a run with nothing to render never needs it
            self._indexed = True
        kind, _, key = ref.partition(":")
        if kind == "author-posts":
            result = ",".join(self._author_posts.get(key, []))
        elif kind == "tag-posts":
            result = ",".join(self._tag_posts.get(key, []))
        elif kind == "order":
            result = ",".join(x or "" for x in self._order.get(key, (None, None, None)))
        elif kind == "place":
            result = ",".join(self._place.get(key, ("", "")))
        else:
            lw_id = self._ids.get(ref)
            result = "" if lw_id is None else f"{self.target(lw_id)}\t{self.entries[lw_id]['title']}"
        self.used[ref] = result
        return result

    def signature(self, refs: Iterable[str]) -> str:
        """A hash of what `refs` resolve to now."""
        return _hash_refs((ref, self.value(ref)) for ref in sorted(refs))

    def used_signature(self) -> tuple[list[str], str]:
        """(the references used since `start_note`, sorted; their `signature`), from the values
        recorded as they were looked up (the same hash, without resolving each again)."""
        refs = sorted(self.used)
        return refs, _hash_refs((ref, self.used[ref]) for ref in refs)

    def start_note(self) -> None:
        self.used = {}

    # -- what renderers call (vaultkit.render.notes.LinkContext) --------------------------

    def target(self, lw_id: str) -> str:
        """The shortest link text that names the note: its file name, or its path if not unique."""
        path = self.paths[lw_id]
        stem = path.rsplit("/", 1)[-1][:-3]
        return stem if self._stems.get(stem.lower(), 0) <= 1 else path[:-3]

    def link(self, ref: str, display: str) -> str | None:
        resolved = self.value(ref)
        if not resolved:
            return None
        target, title = resolved.split("\t", 1)
        display = display_text(display or title)
        return f"[[{target}]]" if display == target else f"[[{target}|{display}]]"

    def title(self, ref: str) -> str | None:
        resolved = self.value(ref)
        return resolved.split("\t", 1)[1] if resolved else None

    def rewrite(self, markdown: str) -> str:
        def resolve(forum_ref: ForumRef) -> str | None:
            key = forum_ref_key(forum_ref)
            if key is None:
                return None
            resolved = self.value(key)
            return resolved.split("\t", 1)[0] if resolved else None

        return rewrite_forum_links(markdown, resolve) if markdown else markdown

    def posts_by_author(self, author_id: str) -> list[str]:
        value = self.value(f"author-posts:{author_id}")
        return value.split(",") if value else []

    def posts_with_tag(self, tag_id: str) -> list[str]:
        value = self.value(f"tag-posts:{tag_id}")
        return value.split(",") if value else []

    def placement(self, item_id: str) -> tuple[str | None, str | None]:
        book, collection = self.value(f"place:{item_id}").split(",")
        return book or None, collection or None

    def reading_order(self, post_id: str) -> tuple[str | None, str | None, str | None]:
        seq, prev, nxt = self.value(f"order:{post_id}").split(",")
        return seq or None, prev or None, nxt or None
