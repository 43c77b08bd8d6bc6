"""Sync state in the vault's database (`vaultkit.vault.database`): a cache of what vaultkit wrote,
rebuilt from the vault if lost.

- table ``state``: ``meta`` (the time of the last fetch, template hashes …) and ``summary`` (the
  last complete run: a signature of every note's path, size and mtime; tombstones; open
  conflicts). Read on every run; a run over an untouched vault reads nothing else.
- table ``entries``: one entry per forum id (last path, region hashes written, upstream version,
  the references its last rendering depended on, tombstone, conflict), read when a run needs it;
- table ``scan``: the frontmatter scan cache keyed by path, with (size, mtime_ns);
- table ``items``: each item as fetched and converted (Markdown with forum links), so a note can
  be re-rendered when its links change without fetching or converting it again.

A note write is announced by committing its entry marked ``pending`` *before* the file is written
(and the summary marked unfinished in that same commit), so a run killed at any moment leaves a
record of every write it started; the next run checks those notes by hash. Everything else is
written by `SyncState.save` in one transaction at the end of a run.

Entries are plain dicts (fast to load for 50,000 notes); `new_entry` lists their keys. The lists
and the `items` of the entries in `SyncState.entries` are shared between equal entries, so they
are replaced, never changed in place (they refuse it: `SharedList`, `SharedDict`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from vaultkit.model.items import Item, item_from_json
from vaultkit.sync.migrate import migrate_json_state
from vaultkit.vault.database import Database, dumps, is_damage, pack, unpack
from vaultkit.vault.folder import STATE_FOLDER

_DECODE_BATCH = 1000
# Below SQLite's limit on the parameters of one statement (999 in builds before 3.32).
_ITEMS_PER_QUERY = 500
# An entry's lists that recur whole across entries (see `SyncState._share`).
_SHARED_LISTS = ("keys", "authors", "tags", "old_slugs", "members", "book_posts")


def new_entry(kind: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "path": None,        # vault-relative path where vaultkit last saw or wrote the note
        "title": "",
        "slug": "",
        "old_slugs": [],
        "version": "",       # upstream version of the stored item
        "hashes": [],        # hashes of regions vaultkit wrote: the last one, and one in flight
        "pending": False,    # a write was started and not confirmed
        "refs": [],          # references the last rendering depended on
        "sig": "",           # hash of what those references resolved to
        "keys": [],          # property keys vaultkit wrote
        "items": {},         # list items vaultkit added to `tags` and `aliases`
        "tombstone": False,  # the user deleted the note: do not recreate it
        "conflict": None,    # path of the conflict copy written for this note
        "conflict_hash": None,       # hash of the upstream region in that copy
        "conflict_copy_hash": None,  # hash of the copy's bytes as written (unedited if equal)
        "posted": "",        # for ordering lists of posts
        "authors": [],       # posts: author and co-author ids
        "tags": [],          # posts: tag ids
        "members": [],       # sequences: post ids in reading order; collections: book ids;
                             # books: sequence ids
        "collection": "",    # books: the collection id
        "book_posts": [],    # books: the posts the book holds directly
        "post": "",          # comments: the post id
        "empty": False,      # comments: none kept, so no note
    }


class _Entries(dict):
    """The entries by id; each entry set in it has its lists shared with equal ones of other
    entries (`SyncState._share`)."""

    __slots__ = ("_share",)

    def __init__(self, share):
        super().__init__()
        self._share = share

    def __setitem__(self, lw_id, entry):
        super().__setitem__(lw_id, self._share(entry))

    def update(self, entries=(), **more):
        for lw_id, entry in dict(entries, **more).items():
            self[lw_id] = entry


class SharedList(list):
    """A list several entries hold: equal to a list, written as one, never changed in place."""

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("entries share this list: replace it instead of changing it")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


class SharedDict(dict):
    """A dict of lists several entries hold (`items`): equal to a dict, never changed in place."""

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("entries share this dict: replace it instead of changing it")

    __setitem__ = __delitem__ = __ior__ = update = setdefault = pop = popitem = clear = _refuse


class SyncState:
    """The state of one vault (see the module docstring)."""

    def __init__(self, vault: Path, database: Database):
        self.vault = Path(vault)
        self.dir = self.vault / STATE_FOLDER
        self.database = database
        self.meta: dict[str, Any] = {}    # last_fetch (ISO), set_up, range …
        self.summary: dict[str, Any] = {}  # vault_sig, notes, tombstones, conflicts, unfinished
        self.dirty = False
        self._entries: dict[str, dict[str, Any]] | None = None
        self._scan: dict[str, list] | None = None
        # what the database holds, to write only the rows that changed: hash of each entry's JSON
        self._stored_entries: dict[str, int] = {}
        self._stored_scan: dict[str, tuple] = {}
        self._strings: dict[str, str] = {}   # see `_share`
        self._shared: dict[tuple, Any] = {}

    # -- loading and saving ---------------------------------------------------------------

    @classmethod
    def load(cls, vault: Path, database: Database | None = None) -> "SyncState":
        """The state of `vault` (by default in its own database, which the caller then closes
        with `SyncState.close`). A JSON state of vaultkit before the database is migrated first."""
        vault = Path(vault)
        state = cls(vault, database or Database.in_folder(vault / STATE_FOLDER))
        migrate_json_state(state.dir, state.database)
        try:
            rows = dict(state.database.execute("SELECT name, value FROM state"))
            state.meta = json.loads(rows.get("meta", "{}"))
            state.summary = json.loads(rows.get("summary", "{}"))
        except (sqlite3.DatabaseError, ValueError) as error:
            state._rebuild(error)
        # a run was killed after announcing a note write: nothing about the vault can be assumed
        state.dirty = state.dirty or bool(state.summary.get("unfinished"))
        return state

    def close(self) -> None:
        self.database.close()

    def _rebuild(self, error: BaseException) -> None:
        """The database is damaged: start an empty one. The state is a cache, rebuilt from the vault
        (every region is then treated as possibly edited)."""
        if isinstance(error, sqlite3.DatabaseError) and not is_damage(error):
            raise error
        self.database.rebuild()
        self._entries, self._scan = _Entries(self._share), {}
        self._stored_entries, self._stored_scan = {}, {}
        self.summary, self.dirty = {}, True
        # The cutoffs only hold together with the entries: list every selection in full again,
        # or posts not listed since the cutoff would fall out of the vault's links and counts.
        for key in ("last_fetch", "range"):
            self.meta.pop(key, None)

    def _load_big(self) -> None:
        try:
            entries, stored = self._decode_entries(self.database.execute("SELECT id, entry FROM entries"))
            scan = {path: [size, mtime, lw_id, conflict_of] for path, size, mtime, lw_id, conflict_of
                    in self.database.execute("SELECT path, size, mtime_ns, lw_id, conflict_of FROM scan")}
        except (sqlite3.DatabaseError, ValueError) as error:
            self._rebuild(error)
            return
        self._entries, self._scan = entries, scan
        self._stored_entries = stored
        self._stored_scan = {path: tuple(value) for path, value in scan.items()}

    def _decode_entries(self, rows: sqlite3.Cursor) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
        """(entries, the hash of each one's JSON) from the rows of `entries`, read and decoded a
        thousand per call: the decoder shares the key strings of one call (each entry repeating its
        own 25 keys was a third of its memory), and the JSON of every entry at once was a third
        of a re-render's peak."""
        entries, stored = _Entries(self._share), {}
        while chunk := rows.fetchmany(_DECODE_BATCH):
            decoded = json.loads("[" + ",".join(text for _id, text in chunk) + "]")
            for (lw_id, text), entry in zip(chunk, decoded):
                entries[lw_id] = entry
                stored[lw_id] = hash(text)
        return entries, stored

    def _share(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Make an entry's lists of ids one object with the equal lists of other entries (a
        post's property keys, its author, its tags: 50,000 notes have a few hundred distinct
        ones), and the ids it references one string each. Equal values, a third less memory."""
        shared, strings = self._shared, self._strings
        for key in _SHARED_LISTS:
            value = entry.get(key)
            if type(value) is list:
                try:
                    found = shared.get(("list", *value))
                    if found is None:
                        found = shared[("list", *value)] = SharedList(value)
                except TypeError:   # unhashable: a hand-edited value, kept as it is
                    continue
                entry[key] = found
        items = entry.get("items")
        if type(items) is dict:
            try:
                key = ("items", *sorted((k, *v) for k, v in items.items()))
                found = shared.get(key)
                if found is None:
                    found = shared[key] = SharedDict((k, SharedList(v)) for k, v in items.items())
                entry["items"] = found
            except TypeError:
                pass
        refs = entry.get("refs")
        if type(refs) is list:
            refs[:] = [strings.setdefault(x, x) if type(x) is str else x for x in refs]
        return entry

    @property
    def entries(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            self._load_big()
        return self._entries  # type: ignore[return-value]

    @property
    def scan(self) -> dict[str, list]:
        if self._scan is None:
            self._load_big()
        return self._scan  # type: ignore[return-value]

    def unchanged_since_last_run(self, vault_sig: str) -> bool:
        """True when the vault's files are exactly as the last complete run left them and that run
        left nothing open: then every entry is known to be consistent without reading it."""
        return (bool(self.summary.get("vault_sig")) and self.summary["vault_sig"] == vault_sig
                and not self.dirty and not self.summary.get("conflicts"))

    def save(self, vault_sig: str | None = None, *, copies: list[str] | None = None) -> bool:
        """Write what changed since the state was loaded, in one transaction (nothing when clean).
        `copies`: the conflict copies in the vault, reported again by a run that reads no entry."""
        if not self.dirty:
            return False
        with self.database.transaction() as db:
            if self._entries is not None:
                self._write_entries(db, self._entries)
                self._delete_entries_not_in(db, self._entries)
                self._write_scan(db, self._scan or {})
                entries = self._entries
                self.summary = {
                    "vault_sig": vault_sig, "notes": _notes_in_vault(entries),
                    "tombstones": sorted(e.get("path") or i for i, e in entries.items() if e.get("tombstone")),
                    "conflicts": sorted(i for i, e in entries.items() if e.get("conflict")),
                    "copies": sorted(copies or []),
                }
            self._write_state(db)
        self.dirty = False
        return True

    def _write_state(self, db: sqlite3.Connection) -> None:
        db.executemany("INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)",
                       [("meta", dumps(self.meta)), ("summary", dumps(self.summary))])

    def _write_entries(self, db: sqlite3.Connection, entries: dict[str, dict[str, Any]]) -> None:
        """Write the entries among `entries` that differ from the stored ones. Streamed into the
        statement: the JSON of every entry of a first sync at once was a large part of its peak."""
        def changed() -> Iterator[tuple[str, str]]:
            for lw_id, entry in entries.items():
                text = dumps(entry)
                if self._stored_entries.get(lw_id) != hash(text):
                    self._stored_entries[lw_id] = hash(text)
                    yield lw_id, text

        db.executemany("INSERT OR REPLACE INTO entries (id, entry) VALUES (?, ?)", changed())

    def _delete_entries_not_in(self, db: sqlite3.Connection, entries: dict[str, dict[str, Any]]) -> None:
        gone = [lw_id for lw_id in self._stored_entries if lw_id not in entries]
        db.executemany("DELETE FROM entries WHERE id = ?", [(lw_id,) for lw_id in gone])
        for lw_id in gone:
            del self._stored_entries[lw_id]

    def _write_scan(self, db: sqlite3.Connection, scan: dict[str, list]) -> None:
        changed = [(path, *value) for path, value in scan.items() if self._stored_scan.get(path) != tuple(value)]
        gone = [(path,) for path in self._stored_scan if path not in scan]
        db.executemany("INSERT OR REPLACE INTO scan (path, size, mtime_ns, lw_id, conflict_of) "
                       "VALUES (?, ?, ?, ?, ?)", changed)
        db.executemany("DELETE FROM scan WHERE path = ?", gone)
        self._stored_scan = {path: tuple(value) for path, value in scan.items()}

    # -- changing entries -----------------------------------------------------------------

    def record(self, lw_id: str, entry: dict[str, Any]) -> None:
        """Set an entry and commit it at once, so a kill right after loses nothing."""
        self.record_many({lw_id: entry})

    def record_many(self, entries: dict[str, dict[str, Any]]) -> None:
        """Set entries and commit them at once, in one transaction."""
        if not entries:
            return
        self.entries.update(entries)
        self.dirty = True
        with self.database.transaction() as db:
            if not self.summary.get("unfinished"):
                # the summary no longer describes the vault until `save` writes a new one
                self.summary = {**self.summary, "vault_sig": None, "unfinished": True}
                self._write_state(db)
            self._write_entries(db, entries)

    def set_meta(self, key: str, value: Any) -> None:
        if self.meta.get(key) != value:
            self.meta[key] = value
            self.dirty = True

    def set_scan(self, scan: dict[str, list]) -> None:
        if scan != self.scan:
            self._scan = scan
            self.dirty = True

    # -- stored items ---------------------------------------------------------------------

    def store_items(self, items: Iterable[Item]) -> None:
        """Store items in one transaction (packed here unless `attach_packed` did it)."""
        with self.database.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO items (id, data) VALUES (?, ?)",
                           ((item.id, item.__dict__.pop(PACKED, None) or pack(item.to_json()))
                            for item in items))

    def has_item(self, lw_id: str) -> bool:
        return self.database.execute("SELECT 1 FROM items WHERE id = ?", (lw_id,)).fetchone() is not None

    def load_item(self, lw_id: str) -> Item | None:
        """The stored item, or None when there is none or it cannot be read (then it is fetched
        again: the stored copy is only a cache)."""
        try:
            row = self.database.execute("SELECT data FROM items WHERE id = ?", (lw_id,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        return None if row is None else _decode_item(row[0])

    def load_items(self, ids: list[str]) -> dict[str, Item]:
        """The stored items of `ids` that are there and readable, in one query (a re-render of
        every note spent a seventh of its time on one query per note). Ids missing from the
        result are fetched again, as with `load_item`."""
        found: dict[str, Item] = {}
        for start in range(0, len(ids), _ITEMS_PER_QUERY):
            chunk = ids[start:start + _ITEMS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self.database.execute(f"SELECT id, data FROM items WHERE id IN ({marks})",
                                             tuple(chunk)).fetchall()
            except sqlite3.DatabaseError:   # a damaged table: each readable row on its own
                rows = [(i, item) for i in chunk if (item := self.load_item(i)) is not None]
            for lw_id, data in rows:
                item = data if isinstance(data, Item) else _decode_item(data)
                if item is not None:
                    found[lw_id] = item
        return found


def _decode_item(data: bytes) -> Item | None:
    """A stored item from its packed form, or None if it cannot be read."""
    try:
        return item_from_json(unpack(data))
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError):
        return None


# An item's stored form, attached where it was converted (a worker process) and used once by
# `SyncState.store_items`.
PACKED = "_packed"


def attach_packed(item: Item) -> Item:
    """Attach `item`'s stored form to it. Only for an item that does not change before it is
    stored: a freshly parsed one, kept at once."""
    item.__dict__[PACKED] = pack(item.to_json())
    return item


def _notes_in_vault(entries: dict[str, dict]) -> int:
    """How many entries have a note in the vault (not empty comment threads, not deleted notes)."""
    return sum(1 for e in entries.values()
               if e.get("path") and not e.get("empty") and not e.get("tombstone"))
