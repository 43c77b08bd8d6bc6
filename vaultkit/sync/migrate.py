"""Once per vault: the JSON files of vaultkit before the database (``state.json``,
``entries.json``, ``journal.jsonl``, ``items/``, ``cache/`` under ``.vaultkit/``) are copied into
the database in one transaction, then removed.

A kill before the commit leaves the old files, and the next run migrates again; a kill after it
leaves a database that is no longer empty, and the next run only removes the old files. Anything
unreadable is skipped: the state is a cache, and the sync rebuilds what is missing.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from vaultkit.vault.database import Database, dumps, pack

OLD_FILES = ("state.json", "entries.json", "journal.jsonl")
OLD_FOLDERS = ("items", "cache")


def migrate_json_state(folder: Path, database: Database) -> bool:
    """Migrate the old state in `folder` into `database`; True when there was one."""
    if not any((folder / name).exists() for name in OLD_FILES + OLD_FOLDERS):
        return False
    if database.read_only and not database.in_memory:
        return True  # a dry run next to a database that exists: leave both as they are
    if database.is_empty():
        with database.transaction() as db:
            _copy(folder, db)
    if not database.read_only:
        for name in OLD_FILES:
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
        for name in OLD_FOLDERS:
            shutil.rmtree(folder / name, ignore_errors=True)
    return True


def _copy(folder: Path, db: sqlite3.Connection) -> None:
    state = _read_json(folder / "state.json") or {}
    big = _read_json(folder / "entries.json") or {}
    entries = big.get("entries", {}) if isinstance(big.get("entries"), dict) else {}
    summary = dict(state.get("summary") or {})
    journal = list(_journal(folder / "journal.jsonl"))
    for lw_id, entry in journal:
        entries[lw_id] = entry
    if journal or not entries or big.get("generation") != summary.pop("generation", None):
        # the files do not describe one complete run: no shortcut until a run completes
        summary.pop("vault_sig", None)
    if journal:
        summary["unfinished"] = True
    db.executemany("INSERT INTO state (name, value) VALUES (?, ?)",
                   [("meta", dumps(state.get("meta") or {})), ("summary", dumps(summary))])
    db.executemany("INSERT INTO entries (id, entry) VALUES (?, ?)",
                   ((lw_id, dumps(entry)) for lw_id, entry in entries.items() if isinstance(entry, dict)))
    db.executemany("INSERT INTO scan (path, size, mtime_ns, lw_id, conflict_of) VALUES (?, ?, ?, ?, ?)",
                   ((path, *value) for path, value in (big.get("scan") or {}).items()
                    if isinstance(value, list) and len(value) == 4))
    db.executemany("INSERT OR REPLACE INTO items (id, data) VALUES (?, ?)",
                   ((path.stem, pack(data)) for path, data in _json_files(folder / "items", "*.json")))
    db.executemany("INSERT OR REPLACE INTO responses (key, saved_at, operation, data) VALUES (?, ?, ?, ?)",
                   ((path.stem, float(data.get("saved_at", 0)), str(data.get("operation", "")),
                     pack(data.get("data"))) for path, data in _json_files(folder / "cache", "??/*.json")))


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _json_files(folder: Path, pattern: str) -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(folder.glob(pattern)):
        data = _read_json(path)
        if data is not None:
            yield path, data


def _journal(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in lines:
        try:
            record = json.loads(line)
            yield record["id"], record["entry"]
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a kill: the write it announced is checked by hash
