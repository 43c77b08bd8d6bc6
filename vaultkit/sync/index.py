"""Which note holds which forum id: a scan of the vault's frontmatter, cached by file stat.

Identity lives in the `lw_id` property, never in the path, so a note the user moved or renamed is
found where it is. Only files whose (size, mtime_ns) changed since the last scan are read, and of
those only the frontmatter lines naming `lw_id` and `lw_conflict_of`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from vaultkit.vault.notes import split_frontmatter
from vaultkit.vault.scan import list_notes  # noqa: F401 -- the engine lists notes through here

_ID_LINE = re.compile(r'^(lw_id|lw_conflict_of):[ \t]*(.*?)[ \t]*$', re.MULTILINE)


@dataclass
class VaultIndex:
    paths: list[str]                                     # every note, vault-relative, sorted
    by_id: dict[str, str] = field(default_factory=dict)  # lw_id -> path
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # lw_id -> other paths
    conflicts: dict[str, str] = field(default_factory=dict)         # conflict copy -> lw_id
    cache: dict[str, list] = field(default_factory=dict)


def _ids_in(path: Path) -> tuple[str | None, str | None]:
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return None, None
    yaml_text, _ = split_frontmatter(head.decode("utf-8", errors="replace"))
    if not yaml_text:
        return None, None
    found = {}
    for key, raw in _ID_LINE.findall(yaml_text):
        value = raw
        if raw.startswith('"'):
            try:
                value = json.loads(raw)
            except ValueError:
                value = raw.strip('"')
        elif raw.startswith("'"):
            value = raw.strip("'")
        found.setdefault(key, str(value) if value else None)
    return found.get("lw_id"), found.get("lw_conflict_of")


def signature(stats: Iterable[tuple[str, int, int]]) -> str:
    """A hash of every note's path, size and mtime: equal only if no note changed on disk."""
    digest = hashlib.sha1()
    for rel, size, mtime in sorted(stats):
        digest.update(f"{rel}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def cache_signature(cache: dict[str, list]) -> str:
    """`signature` of the notes described by a scan cache."""
    return signature((rel, v[0], v[1]) for rel, v in cache.items())


def index_notes(root: Path, stats: list[tuple[str, int, int]], cache: dict[str, list]) -> VaultIndex:
    """Index the notes listed in `stats`, reading only those whose cache entry is stale."""
    root = Path(root)
    index = VaultIndex(paths=[])
    for rel, size, mtime in stats:
        cached = cache.get(rel)
        if cached and cached[0] == size and cached[1] == mtime:
            lw_id, conflict_of = cached[2], cached[3]
            index.cache[rel] = cached   # one list for both (they are replaced, never changed)
        else:
            lw_id, conflict_of = _ids_in(root / rel)
            index.cache[rel] = [size, mtime, lw_id, conflict_of]
        index.paths.append(rel)
        if lw_id:
            if lw_id in index.by_id:
                index.duplicates.setdefault(lw_id, []).append(rel)
            else:
                index.by_id[lw_id] = rel
        elif conflict_of:
            index.conflicts[rel] = conflict_of
    return index
