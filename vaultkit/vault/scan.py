"""Walking a vault: which files are notes, in a stable order."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

from vaultkit.vault.atomic import TEMP_PREFIX


def walk_vault(root: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """(vault-relative POSIX path, directory entry) of every file of the vault, sorted by name
    within each folder, a folder's files before its subfolders.

    Hidden folders (.obsidian, .vaultkit, .trash, .git) and hidden files are skipped, including
    vaultkit's own temporary files; so are symbolic links to folders. `os.scandir` rather than
    `pathlib`: the entries carry their stat, which makes listing a 50,000-note vault 3x faster.
    """
    yield from _walk(str(root), "")


def _walk(root: str, rel: str) -> Iterator[tuple[str, os.DirEntry]]:
    try:
        entries = sorted(os.scandir(os.path.join(root, rel) if rel else root), key=lambda e: e.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name.startswith(TEMP_PREFIX):
            continue
        path = f"{rel}/{name}" if rel else name
        try:
            if entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif not entry.is_dir():
                yield path, entry
        except OSError:
            continue
    for folder in folders:
        yield from _walk(root, folder)


def vault_files(root: Path) -> list[str]:
    """Vault-relative POSIX paths of every file of the vault (see `walk_vault`), sorted."""
    return [rel for rel, _ in walk_vault(root)]


def is_note(rel: str) -> bool:
    """Whether a vault file is a Markdown note."""
    return rel[-3:].lower() == ".md"


def iter_vault_files(root: Path) -> Iterator[Path]:
    """Every file of the vault as a path under `root` (see `walk_vault`)."""
    root = Path(root)
    for rel, _ in walk_vault(root):
        yield root / rel


def iter_note_paths(root: Path) -> Iterator[Path]:
    """Every Markdown note of the vault, sorted."""
    root = Path(root)
    for rel, _ in walk_vault(root):
        if is_note(rel):
            yield root / rel


def list_notes(root: Path) -> list[tuple[str, int, int]]:
    """(path, size, mtime_ns) of every note of the vault, in `walk_vault` order."""
    found = []
    for rel, entry in walk_vault(root):
        if is_note(rel):
            try:
                stat = entry.stat()
            except OSError:
                continue
            found.append((rel, stat.st_size, stat.st_mtime_ns))
    return found


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
