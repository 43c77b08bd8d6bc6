"""Sync state under ``.vaultkit/``: a cache of what vaultkit wrote, rebuilt from the vault if lost.

- ``entries.json``: one entry per forum id (last path, region hashes written, upstream version,
  the references its last rendering depended on, tombstone, conflict) and the scan cache keyed by
  (path, size, mtime_ns);
- ``state.json``: the time of the last fetch, and a summary of the last complete run (a signature
  of every note's path, size and mtime; tombstones; open conflicts).
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
from typing import Any

from vaultkit.errors import StateError
from vaultkit.model.items import Item, item_from_json
from vaultkit.vault.atomic import write_atomic

STATE_DIR = ".vaultkit"
FORMAT = 2


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format", FORMAT) != FORMAT:
        return None
    return data


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
        "members": [],       # sequences: post ids in reading order
        "post": "",          # comments: the post id
        "empty": False,      # comments: none kept, so no note
    }


class SyncState:
    """The state of one vault (see the module docstring).

    ``state.json`` is small (meta, the vault's stat signature, open conflicts and tombstones) and is
    read on every run; ``entries.json`` (every entry and the scan cache, tens of MB for 50,000
    notes) is read only when the run needs it, so a run with nothing to do never parses it.
    """

    def __init__(self, vault: Path):
        self.vault = Path(vault)
        self.dir = self.vault / STATE_DIR
        self.meta: dict[str, Any] = {}    # last_fetch (ISO), set_up, range …
        self.summary: dict[str, Any] = {}  # generation, vault_sig, notes, tombstones, conflicts
        self.dirty = False
        self._entries: dict[str, dict[str, Any]] | None = None
        self._scan: dict[str, list] | None = None
        self._journal = None

    # -- loading and saving ---------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.dir / "state.json"

    @property
    def entries_path(self) -> Path:
        return self.dir / "entries.json"

    @property
    def journal_path(self) -> Path:
        return self.dir / "journal.jsonl"

    @classmethod
    def load(cls, vault: Path) -> "SyncState":
        state = cls(vault)
        data = _read_json(state.path)
        if data is not None:
            state.meta = data.get("meta", {})
            state.summary = data.get("summary", {})
        if state.journal_path.exists():
            state._replay_journal()
        return state

    def _load_big(self) -> None:
        data = _read_json(self.entries_path)
        if data is None:
            # Lost or corrupt: the state is a cache, rebuilt from the vault (every region is then
            # treated as possibly edited).
            self._entries, self._scan = {}, {}
            if self.summary:
                self.summary, self.dirty = {}, True
            # The cutoffs only hold together with the entries: list every selection in full again,
            # or posts not listed since the cutoff would fall out of the vault's links and counts.
            for key in ("last_fetch", "range"):
                if self.meta.pop(key, None) is not None:
                    self.dirty = True
            return
        self._entries, self._scan = data.get("entries", {}), data.get("scan", {})
        if data.get("generation") != self.summary.get("generation"):
            self.summary.pop("vault_sig", None)  # written by a run killed between the two files

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
                and not self.dirty and not self.summary.get("conflicts")
                and (self._entries is not None or self.entries_path.exists()))

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

    def save(self, vault_sig: str | None = None) -> bool:
        """Write the state (only when something changed) and clear the journal.

        ``entries.json`` goes first, then ``state.json`` with the same generation: a kill in
        between leaves a mismatch, which only disables the shortcut of `unchanged_since_last_run`.
        """
        if not self.dirty:
            return False
        if self._entries is not None:
            entries = self._entries
            generation = int(self.summary.get("generation", 0)) + 1
            write_atomic(self.entries_path, json.dumps(
                {"generation": generation, "entries": entries, "scan": self._scan or {}},
                ensure_ascii=False, separators=(",", ":"), sort_keys=True))
            self.summary = {
                "generation": generation, "vault_sig": vault_sig, "notes": _notes_in_vault(entries),
                "tombstones": sorted(e.get("path") or i for i, e in entries.items() if e.get("tombstone")),
                "conflicts": sorted(i for i, e in entries.items() if e.get("conflict")),
            }
        write_atomic(self.path, json.dumps({"format": FORMAT, "meta": self.meta, "summary": self.summary},
                                           ensure_ascii=False, indent=1, sort_keys=True))
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
            self._scan = scan
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


def _notes_in_vault(entries: dict[str, dict]) -> int:
    """How many entries have a note in the vault (not empty comment threads, not deleted notes)."""
    return sum(1 for e in entries.values()
               if e.get("path") and not e.get("empty") and not e.get("tombstone"))
