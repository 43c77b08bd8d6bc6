"""Walking a vault: which files are notes, in a stable order."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

from vaultkit.vault.atomic import TEMP_PREFIX
from vaultkit.vault.notes import Note, read_note


def iter_vault_files(root: Path) -> Iterator[Path]:
    """Every file of the vault, sorted, skipping hidden folders (.obsidian, .vaultkit, .trash, .git)
    and hidden files, including vaultkit's own temporary files."""
    root = Path(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and not name.startswith(TEMP_PREFIX):
                yield Path(dirpath) / name


def iter_note_paths(root: Path) -> Iterator[Path]:
    """Every Markdown note of the vault, sorted."""
    for path in iter_vault_files(root):
        if path.suffix.lower() == ".md":
            yield path


def scan_notes(root: Path) -> list[Note]:
    """Read every note of the vault (properties parsed, invalid YAML reported on the note)."""
    root = Path(root)
    return [read_note(path, root) for path in iter_note_paths(root)]


def templates_folder(root: Path) -> str | None:
    """The folder of Obsidian's core Templates plugin (`.obsidian/templates.json`), vault-relative.

    Notes there are templates for new notes, full of placeholders: they are not part of the
    knowledge base, so the graph, checks, tagger and exports leave them alone.
    """
    try:
        data = json.loads((Path(root) / ".obsidian" / "templates.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = data.get("folder") if isinstance(data, dict) else None
    return folder.strip("/") if isinstance(folder, str) and folder.strip("/") else None


def in_folder(rel: str, folder: str | None) -> bool:
    """Whether the vault-relative path `rel` lies inside `folder` (case-insensitively)."""
    return folder is not None and rel.casefold().startswith(folder.casefold() + "/")
