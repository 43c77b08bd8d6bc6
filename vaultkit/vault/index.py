"""Which note holds which forum id: a scan of the vault's frontmatter, cached by file stat.

Identity lives in the `lw_id` property, never in the path, so a note the user moved or renamed is
found where it is. Only files whose (size, mtime_ns) changed since the last scan are read, and of
those only the frontmatter lines naming `lw_id` and `lw_conflict_of`.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.vault.notes import split_frontmatter
from vaultkit.vault.scan import iter_note_paths

_ID_LINE = re.compile(r'^(lw_id|lw_conflict_of):[ \t]*(.*?)[ \t]*$', re.MULTILINE)


@dataclass
class VaultIndex:
    paths: list[str]                                     # every note, vault-relative, sorted
    by_id: dict[str, str] = field(default_factory=dict)  # lw_id -> path
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # lw_id -> other paths
    conflicts: dict[str, str] = field(default_factory=dict)         # conflict copy -> lw_id
    cache: dict[str, list] = field(default_factory=dict)

    def stems(self) -> Counter:
        """How many notes share each file name (case-insensitively), for choosing link text."""
        return Counter(p.rsplit("/", 1)[-1][:-3].lower() for p in self.paths)


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


def scan_vault(root: Path, cache: dict[str, list]) -> VaultIndex:
    """Index the vault's notes, reusing `cache` entries whose file did not change."""
    root = Path(root)
    prefix = len(str(root)) + 1
    index = VaultIndex(paths=[])
    for path in iter_note_paths(root):
        rel = str(path)[prefix:].replace(os.sep, "/")
        try:
            st = path.stat()
        except OSError:
            continue
        cached = cache.get(rel)
        if cached and cached[0] == st.st_size and cached[1] == st.st_mtime_ns:
            lw_id, conflict_of = cached[2], cached[3]
        else:
            lw_id, conflict_of = _ids_in(path)
        index.cache[rel] = [st.st_size, st.st_mtime_ns, lw_id, conflict_of]
        index.paths.append(rel)
        if lw_id:
            if lw_id in index.by_id:
                index.duplicates.setdefault(lw_id, []).append(rel)
            else:
                index.by_id[lw_id] = rel
        elif conflict_of:
            index.conflicts[rel] = conflict_of
    return index
