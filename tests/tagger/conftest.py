"""Fixtures for the tagger tests: small real vaults in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from vault_builders import snapshot, write_files


class VaultBuilder:
    """Writes notes into a vault folder and reads them back."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, rel: str, text: str) -> Path:
        write_files(self.root, {rel: text})
        return self.root / rel

    def principle(self, rel: str, statement: str, extra: str = "", body: str = "") -> Path:
        """A user principle note with a `statement` property and optional extra frontmatter lines."""
        return self.write(rel, f'---\ntype: "principle"\nstatement: "{statement}"\n{extra}---\n{body}')

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def snapshot(self) -> dict[str, tuple[bytes, int]]:
        """Bytes and mtime of every file, hidden folders included."""
        return snapshot(self.root)


@pytest.fixture
def vault(tmp_path: Path) -> VaultBuilder:
    root = tmp_path / "vault"
    root.mkdir()
    return VaultBuilder(root)
