"""Fixtures every test package shares: real vault folders in tmp_path.

The builders themselves live in `vault_builders.py` (a package conftest cannot import this file:
each test folder's conftest is also named `conftest`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from vault_builders import snapshot, write_files


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[..., Path]:
    """Build a vault from {vault-relative path: text or bytes} under tmp_path/<name> (default
    "vault"); keyword options as `write_files` (`mtime`, `obsidian`). Packages may override it
    with their own defaults."""

    def make(files: dict[str, str | bytes], name: str = "vault", **options) -> Path:
        return write_files(tmp_path / name, files, **options)

    return make


@pytest.fixture
def vault_snapshot() -> Callable[[Path], dict[str, tuple[bytes, int]]]:
    """`snapshot(root)`: every file's bytes and mtime, to show a run left them alone."""
    return snapshot
