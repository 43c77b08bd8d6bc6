"""The vault's database, ``.vaultkit/vaultkit.sqlite3``: sync state, stored items and the response
cache in one SQLite file instead of tens of thousands of small JSON files.

Everything in it is a cache of what the vault and the forum hold, so a database that is missing,
damaged, foreign or from another schema version is never an error: it is moved aside as
``vaultkit.sqlite3.damaged`` (replacing an older one) and the run starts from an empty one, which
the sync rebuilds in that same run.

WAL with ``synchronous=NORMAL``: a commit survives the process being killed at any moment (only
a power cut may lose the last commits, which the next run redoes), and readers never wait for the
writer. The connection opens lazily, so a run that fails before it writes leaves no file behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path

from typing import Any

from vaultkit.errors import StateError

FILE_NAME = "vaultkit.sqlite3"
SCHEMA_VERSION = 1

# Every table, in one place; a change to any of them is a new SCHEMA_VERSION (the old file is then
# set aside and rebuilt, like a damaged one).
TABLES = {
    # "meta": the last fetch, template hashes …; "summary": the last complete run (vault signature,
    # open conflicts, tombstones). Read on every run: the no-op re-sync reads nothing else.
    "state": "name TEXT PRIMARY KEY, value TEXT NOT NULL",
    # one row per forum id: the entry dict of `vaultkit.sync.state.new_entry`, as JSON
    "entries": "id TEXT PRIMARY KEY, entry TEXT NOT NULL",
    # the frontmatter scan, by file stat
    "scan": "path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, "
            "lw_id TEXT, conflict_of TEXT",
    # each item as fetched and converted: JSON, zlib-compressed
    "items": "id TEXT PRIMARY KEY, data BLOB NOT NULL",
    # raw GraphQL answers: JSON, zlib-compressed
    "responses": "key TEXT PRIMARY KEY, saved_at REAL NOT NULL, operation TEXT NOT NULL, data BLOB NOT NULL",
    # the note index every reading command shares (`vaultkit.vault.index`): what each note says
    # (properties, links, problems) as JSON, valid while the file keeps its size and mtime
    "notes": "path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, facts TEXT NOT NULL",
}
# Tables added after schema 1 that only cache what the notes say: a file without them is not
# stale, it gets them on opening (set aside, it would lose the sync state for nothing).
ADDED_CACHES = ("notes",)
INDEXES = ("CREATE INDEX responses_saved_at ON responses (saved_at)",)


def is_damage(error: BaseException) -> bool:
    """Whether a sqlite3 error means the file is unusable ("file is not a database", "database
    disk image is malformed", a table missing), as opposed to busy, full, or a bug of ours."""
    if type(error) is sqlite3.DatabaseError:
        return True
    message = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and (
        "no such table" in message or "no such column" in message or "malformed" in message
        or "could not decode" in message)   # bytes damaged inside a text value


class Database:
    """One connection to a vault's database (opened on first use).

    `read_only`: never write, create or set anything aside (``--dry-run``); a missing or unusable
    file then reads as an empty database in memory.
    """

    def __init__(self, path: Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.created = False   # this object created the file (a failed first run removes it)
        self._connection: sqlite3.Connection | None = None
        self._in_memory = False

    @classmethod
    def in_folder(cls, folder: Path, *, read_only: bool = False) -> "Database":
        return cls(Path(folder) / FILE_NAME, read_only=read_only)

    # -- the connection -------------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = self._open()
        return self._connection

    @property
    def in_memory(self) -> bool:
        """A read-only database that found no usable file reads as an empty one in memory."""
        self.connection  # noqa: B018 -- opening decides it
        return self._in_memory

    def _open(self) -> sqlite3.Connection:
        if self.read_only:
            return self._open_read_only()
        if self.path.exists() and _looks_truncated(self.path):
            self._set_aside()
        existed = self.path.exists()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = _open_checked(self.path)
        except OSError as error:
            raise _unreadable(self.path, error) from error
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise _unreadable(self.path, error) from error
            self._set_aside()
            existed = False
            connection = _open_checked(self.path)
        self.created = self.created or not existed
        return connection

    def _open_read_only(self) -> sqlite3.Connection:
        if self.path.is_file() and not _looks_truncated(self.path):
            try:
                return _open_checked(self.path)
            except sqlite3.DatabaseError as error:
                if not is_damage(error):
                    raise _unreadable(self.path, error) from error
        self._in_memory = True
        return _create(sqlite3.connect(":memory:"))

    def _set_aside(self) -> None:
        try:
            os.replace(self.path, self.path.with_name(self.path.name + ".damaged"))
            for suffix in ("-wal", "-shm"):  # they belong to the old file: never apply them to a new one
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path.with_name(self.path.name + suffix))
        except OSError as error:
            raise _unreadable(self.path, error) from error

    def rebuild(self) -> None:
        """Set a database found damaged while in use aside and start an empty one."""
        self.close()
        if self.read_only:
            self._in_memory = True
            self._connection = _create(sqlite3.connect(":memory:"))
            return
        if self.path.exists():
            self._set_aside()
        self.created = True
        self._connection = _open_checked(self.path)

    def close(self) -> None:
        """Close the connection (SQLite then folds the WAL into the file and removes it)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def remove_if_created(self) -> None:
        """Undo the file a failed first run created."""
        self.close()
        if self.created:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path.with_name(self.path.name + suffix))

    # -- use ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        connection = self.connection
        with connection:
            yield connection

    def execute(self, sql: str, parameters: tuple = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, parameters)

    def is_empty(self) -> bool:
        return all(self.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None for table in TABLES)


def dumps(value: Any) -> str:
    """Canonical compact JSON: equal values give equal text, so unchanged rows are not rewritten."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def pack(value: Any) -> bytes:
    """JSON, zlib-compressed. Level 1 halves the demo's stored items and shrinks raw answers 3.5x
    for about 25 µs an item; zlib's checksum also tells a damaged row from a good one."""
    return zlib.compress(dumps(value).encode(), 1)


def unpack(data: bytes) -> Any:
    """The value `pack` stored; ValueError (zlib.error and JSON errors alike) when damaged."""
    try:
        return json.loads(zlib.decompress(data))
    except (zlib.error, TypeError) as error:
        raise ValueError(f"damaged stored value: {error}") from error


def _open_checked(path: Path) -> sqlite3.Connection:
    """A connection to `path`, with the tables created in a new file; a foreign, stale or
    unreadable file raises a damage error (see `is_damage`)."""
    connection = sqlite3.connect(path, timeout=30)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and not names:
            return _create(connection)
        missing = set(TABLES) - names
        if version == SCHEMA_VERSION and missing and missing <= set(ADDED_CACHES):
            with connection:
                for table in sorted(missing):
                    connection.execute(f"CREATE TABLE {table} ({TABLES[table]})")
            missing = set()
        if version != SCHEMA_VERSION or missing:
            raise sqlite3.DatabaseError(f"not a vaultkit database of schema {SCHEMA_VERSION}")
        return connection
    except BaseException:
        connection.close()
        raise


def _create(connection: sqlite3.Connection) -> sqlite3.Connection:
    with connection:
        for table, columns in TABLES.items():
            connection.execute(f"CREATE TABLE {table} ({columns})")
        for index in INDEXES:
            connection.execute(index)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return connection


def _looks_truncated(path: Path) -> bool:
    """A file shorter than its header says (cut by a full disk or a copy), checked without SQLite,
    which would only notice when a query reaches a missing page. Skipped while a WAL holds
    commits not yet folded into the file (after a kill): the file may be legitimately short then."""
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return False
        with open(path, "rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < 100:
        return size > 0  # an empty file is a new database; a few bytes are not one
    if not header.startswith(b"SQLite format 3\x00"):
        return False  # not SQLite at all: _open_checked reports it
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]  # the change counter the page count was valid for
    return header_valid and pages * page_size > size


def _unreadable(path: Path, error: BaseException) -> StateError:
    return StateError(f"Cannot open the vault's database {path}: {error}.",
                      hint="Check the permissions and free space of the .vaultkit folder.")
