"""Commands that only read the vault work on a vault that cannot be written to."""

from __future__ import annotations

import zipfile

from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()


def test_export_anki_from_a_read_only_vault_succeeds_with_a_warning(tmp_path, blocked_vault):
    vault = blocked_vault
    before = {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()}
    out = tmp_path / "out" / "deck.apkg"
    out.parent.mkdir()
    result = runner.invoke(app, ["export", "anki", str(vault), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "Warning: Cannot write" in result.output and "The package is complete" in result.output
    with zipfile.ZipFile(out) as package:
        assert any(name.startswith("collection.anki2") for name in package.namelist())
    assert {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()} == before
