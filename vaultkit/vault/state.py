"""Sync state under ``.vaultkit/``: a cache of what vaultkit wrote, rebuilt from the vault if lost.

- ``state.json``: one entry per forum id (last path, region hashes written, upstream version, the
  references its last rendering depended on, tombstones, conflicts), the scan cache keyed by
  (path, size, mtime_ns), and the time of the last successful fetch.
- ``journal.jsonl``: entries changed since ``state.json`` was last saved, one JSON line each,
  appended *before* and *after* each note write. A run killed at any moment therefore leaves a
  record of every write it started, and the next run folds the journal into the state.
- ``items/<id>.json``: each item as fetched and converted (Markdown with forum links), so a note
  can be re-rendered when its links change without fetching or converting it again.

Entries are plain dicts (fast to load for 50,000 notes); `new_entry` lists their keys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from vaultkit.errors import StateError
from vaultkit.model.items import Item, item_from_json
from vaultkit.vault.atomic import write_atomic

STATE_DIR = ".vaultkit"
FORMAT = 1


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
        "posted": "",        # for ordering lists of posts
        "authors": [],       # posts: author and co-author ids
        "tags": [],          # posts: tag ids
        "post": "",          # comments: the post id
        "empty": False,      # comments: none kept, so no note
    }


class SyncState:
    """The state of one vault (see the module docstring)."""

    def __init__(self, vault: Path):
        self.vault = Path(vault)
        self.dir = self.vault / STATE_DIR
        self.entries: dict[str, dict[str, Any]] = {}
        self.scan: dict[str, list] = {}   # rel path -> [size, mtime_ns, lw_id, lw_conflict_of]
        self.meta: dict[str, Any] = {}    # last_fetch (ISO), first_sync_done …
        self.dirty = False
        self._journal = None

    # -- loading and saving ---------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.dir / "state.json"

    @property
    def journal_path(self) -> Path:
        return self.dir / "journal.jsonl"

    @classmethod
    def load(cls, vault: Path) -> "SyncState":
        state = cls(vault)
        if state.path.exists():
            try:
                data = json.loads(state.path.read_text(encoding="utf-8"))
                if data.get("format") != FORMAT:
                    raise ValueError(f"unknown format {data.get('format')!r}")
                state.entries = data["entries"]
                state.scan = data.get("scan", {})
                state.meta = data.get("meta", {})
            except (OSError, ValueError, KeyError, TypeError):
                # The state is a cache: rebuild it from the vault, treating every region as edited.
                state.entries, state.scan, state.meta = {}, {}, {}
                state.dirty = True
        state._replay_journal()
        return state

    def _replay_journal(self) -> None:
        try:
            lines = self.journal_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        for line in lines:
            try:
                record = json.loads(line)
                self.entries[record["id"]] = record["entry"]
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a kill: the write it announced is checked by hash
            self.dirty = True

    def save(self) -> bool:
        """Write ``state.json`` (only when something changed) and clear the journal."""
        if not self.dirty:
            return False
        data = {"format": FORMAT, "meta": self.meta, "entries": self.entries, "scan": self.scan}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                                           sort_keys=True))
        self.close_journal()
        try:
            self.journal_path.unlink()
        except FileNotFoundError:
            pass
        self.dirty = False
        return True

    # -- changing entries -----------------------------------------------------------------

    def record(self, lw_id: str, entry: dict[str, Any]) -> None:
        """Set an entry and append it to the journal, so a kill right after loses nothing."""
        self.entries[lw_id] = entry
        self.dirty = True
        if self._journal is None:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._journal = open(self.journal_path, "a", encoding="utf-8")
        self._journal.write(json.dumps({"id": lw_id, "entry": entry}, ensure_ascii=False) + "\n")
        self._journal.flush()

    def close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def set_meta(self, key: str, value: Any) -> None:
        if self.meta.get(key) != value:
            self.meta[key] = value
            self.dirty = True

    def set_scan(self, scan: dict[str, list]) -> None:
        if scan != self.scan:
            self.scan = scan
            self.dirty = True

    # -- stored items ---------------------------------------------------------------------

    def item_path(self, lw_id: str) -> Path:
        return self.dir / "items" / f"{lw_id}.json"

    def store_item(self, item: Item) -> None:
        write_atomic(self.item_path(item.id),
                     json.dumps(item.to_json(), ensure_ascii=False, sort_keys=True, indent=1))

    def load_item(self, lw_id: str) -> Item | None:
        try:
            return item_from_json(json.loads(self.item_path(lw_id).read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise StateError(f"The stored copy of {lw_id} in {self.item_path(lw_id)} is damaged.",
                             hint="Delete that file; the next sync fetches the item again.") from error

    def ids_of_kind(self, kinds: Iterable[str]) -> list[str]:
        wanted = set(kinds)
        return [i for i, e in self.entries.items() if e["kind"] in wanted]

