"""Raw GraphQL answers cached in the vault's database (table ``responses``), so that a crashed or
interrupted run resumes without fetching again what it already has.

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
import sqlite3
import time
from typing import Any

from vaultkit.vault.database import Database, pack, unpack

DEFAULT_MAX_AGE = 24 * 3600.0


def cache_key(document: str, variables: dict) -> str:
    """sha256 of the operation text and its variables (canonical JSON)."""
    canonical = json.dumps(variables, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{document}\n{canonical}".encode()).hexdigest()


class ResponseCache:
    """The ``responses`` table of a `Database`: one row per cached answer.

    A cache is only ever an optimisation: a row that cannot be read is a miss, and a failure to
    write one is ignored (the answer is simply fetched again next time).
    """

    def __init__(self, database: Database, *, max_age: float = DEFAULT_MAX_AGE):
        self.database = database
        self.max_age = max_age
        self.hits = 0

    def get(self, key: str) -> Any | None:
        """The cached data for `key`, or None when absent, expired or unreadable."""
        try:
            row = self.database.execute("SELECT saved_at, data FROM responses WHERE key = ?", (key,)).fetchone()
            if row is None or time.time() - row[0] > self.max_age:
                return None
            data = unpack(row[1])
        except (sqlite3.DatabaseError, ValueError):
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: Any, *, operation: str = "") -> None:
        try:
            with self.database.transaction() as db:
                db.execute("INSERT OR REPLACE INTO responses (key, saved_at, operation, data) VALUES (?, ?, ?, ?)",
                           (key, time.time(), operation, pack(data)))
        except sqlite3.DatabaseError:
            pass

    def put_packed(self, rows: list[tuple[str, bytes]], *, operation: str = "") -> None:
        """Cache answers already packed (`vaultkit.vault.database.pack`), in one transaction."""
        now = time.time()
        try:
            with self.database.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO responses (key, saved_at, operation, data) "
                               "VALUES (?, ?, ?, ?)", [(key, now, operation, blob) for key, blob in rows])
        except sqlite3.DatabaseError:
            pass

    def prune(self) -> int:
        """Delete entries older than `max_age`; returns how many were deleted. An index on
        `saved_at` makes this cheap enough to run whenever a client opens, and a prune that finds
        nothing writes nothing."""
        if not self.database.path.exists():
            return 0  # nothing cached yet, and a run that fails must leave no file behind
        try:
            with self.database.transaction() as db:
                return db.execute("DELETE FROM responses WHERE saved_at < ?",
                                  (time.time() - self.max_age,)).rowcount
        except sqlite3.DatabaseError:
            return 0


class NoCache:
    """A cache that never holds anything (when no cache folder is given)."""

    hits = 0

    def get(self, key: str) -> None:
        return None

    def put(self, key: str, data: Any, *, operation: str = "") -> None:
        pass

    def put_packed(self, rows: list[tuple[str, bytes]], *, operation: str = "") -> None:
        pass
