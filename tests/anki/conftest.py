"""Fixtures for the Anki export tests: small vaults written to tmp_path, and a real Anki collection."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from anki_samples import T0, sample_files, write_vault


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """The sample vault: a concept, a principle, a post in a sequence, a flashcard note, an image."""
    return write_vault(tmp_path / "My Vault", sample_files())


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Build a vault from a dict of files under tmp_path/vault."""

    def make(files: dict[str, str | bytes], mtime: int = T0) -> Path:
        return write_vault(tmp_path / "vault", files, mtime)

    return make


@pytest.fixture
def collection(tmp_path: Path):
    """A fresh, empty collection of the real Anki backend; always closed afterwards."""
    from anki.buildinfo import version
    from anki.collection import Collection

    assert version.startswith("26.09.3"), f"tests are written against anki 26.9.3, found {version}"
    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()
