"""Raw GraphQL answers cached on disk, so that a crashed or interrupted run resumes without
fetching again what it already has.

What is cached, and for how long:

* Document fetches (a post, a user, a tag, a sequence, a collection, a post's comments), keyed by
  a hash of the operation text and its variables. An entry is served for `max_age` seconds (a day
  by default): long enough to resume a run, short enough that a later sync sees edits.
* A post fetched as part of a batch is stored under the key of the single-post query, so a
  resumed run finds it however it asks. When the caller knows the post's current `modifiedAt`
  (from a fresh listing), an entry with an older `modifiedAt` is never served.
* Listings (date windows, posts of a user or tag) are never cached: they decide what an
  incremental sync fetches, and a stale listing would hide new posts.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from vaultkit.vault.atomic import write_atomic

DEFAULT_MAX_AGE = 24 * 3600.0


def cache_key(document: str, variables: dict) -> str:
    """sha256 of the operation text and its variables (canonical JSON)."""
    canonical = json.dumps(variables, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{document}\n{canonical}".encode()).hexdigest()


class ResponseCache:
    """A folder of JSON files, one per cached answer (`<key[:2]>/<key>.json`)."""

    def __init__(self, folder: Path, *, max_age: float = DEFAULT_MAX_AGE):
        self.folder = Path(folder)
        self.max_age = max_age
        self.hits = 0
        self._marker_written = False

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The cached data for `key`, or None when absent, expired or unreadable."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or time.time() - entry.get("saved_at", 0) > self.max_age:
            return None
        self.hits += 1
        return entry.get("data")

    def put(self, key: str, data: Any, *, operation: str = "") -> None:
        entry = {"saved_at": time.time(), "operation": operation, "data": data}
        write_atomic(self._path(key), json.dumps(entry, ensure_ascii=False))
        if not self._marker_written:
            if not self._marker.exists():
                self._marker.touch()  # a new cache counts as freshly pruned
            self._marker_written = True

    def prune(self) -> int:
        """Delete entries older than `max_age` (by file time); returns how many were deleted."""
        removed = 0
        cutoff = time.time() - self.max_age
        for path in self.folder.glob("??/*.json"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                pass
        return removed

    def prune_if_due(self) -> int:
        """Prune at most once per `max_age`: walking a large cache costs about a second per
        50,000 entries, which would dominate a re-sync that has nothing to do.

        The time of the last prune is the mtime of a marker file, touched only when a prune
        deleted something, so a run with nothing to do writes nothing.
        """
        try:
            if time.time() - self._marker.stat().st_mtime < self.max_age:
                return 0
        except OSError:  # missing, or a path through a file: is_dir() tells
            if not self.folder.is_dir():
                return 0  # nothing cached yet, and a run that fails must leave no folder behind
        removed = self.prune()
        if removed:
            self._marker.touch()
        return removed

    @property
    def _marker(self) -> Path:
        return self.folder / ".last-prune"


class NoCache:
    """A cache that never holds anything (when no cache folder is given)."""

    hits = 0

    def get(self, key: str) -> None:
        return None

    def put(self, key: str, data: Any, *, operation: str = "") -> None:
        pass
