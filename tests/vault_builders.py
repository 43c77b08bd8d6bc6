"""Vault builders every test package uses: write notes and files into a real folder, write a
note in the shape `vaultkit sync` does, and snapshot a vault to prove what a run did not touch.

Imported by `tests/conftest.py` (which also offers them as fixtures) and by the packages'
own conftests; `tests/` is on `sys.path` because the root conftest lives there.
"""

from __future__ import annotations

import os
from pathlib import Path

from vaultkit.vault.notes import format_properties
from vaultkit.vault.regions import BEGIN, END


def write_files(root: Path, files: dict[str, str | bytes], *, mtime: int | None = None,
                obsidian: bool = False) -> Path:
    """Write `files` (vault-relative path -> text or bytes) under `root` and return `root`.

    `mtime` sets every written file's modification time (seconds); `obsidian` adds the
    `.obsidian/` folder that makes Obsidian treat the folder as a vault.
    """
    root.mkdir(parents=True, exist_ok=True)
    if obsidian:
        (root / ".obsidian").mkdir(exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        if mtime is not None:
            os.utime(path, (mtime, mtime))
    return root


def note(properties: dict | None = None, region: str = "", user_text: str = "") -> str:
    """A note as sync writes it: properties, the owned region, then the user's own text."""
    head = format_properties(properties) if properties else ""
    body = f"{BEGIN}\n{region}\n{END}\n" if region else ""
    return head + "\n" + body + user_text


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `root` (hidden ones too) with its bytes and mtime."""
    result = {}
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = Path(dirpath) / name
            result[path.relative_to(root).as_posix()] = (path.read_bytes(), path.stat().st_mtime_ns)
    return dict(sorted(result.items()))
