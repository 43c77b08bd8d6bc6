"""Fixtures every test package shares: real vault folders in tmp_path.

The builders themselves live in `vault_builders.py` (a package conftest cannot import this file:
each test folder's conftest is also named `conftest`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from vault_builders import write_files


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[..., Path]:
    """Build a vault (with its `.obsidian/` folder) from {vault-relative path: text or bytes}
    under tmp_path/<name> (default "vault"); `mtime=` sets the files' modification time.
    A package may override it with its own defaults (the Anki tests fix every mtime)."""

    def make(files: dict[str, str | bytes], name: str = "vault", *, obsidian: bool = True,
             mtime: int | None = None) -> Path:
        return write_files(tmp_path / name, files, obsidian=obsidian, mtime=mtime)

    return make
