"""Walking a vault: which files are notes, in a stable order."""

from __future__ import annotations

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
