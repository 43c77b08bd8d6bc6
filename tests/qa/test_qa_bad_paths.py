"""`sync --demo` into folders that cannot be created: one `Error:` line and a hint, no traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()


def _assert_clean_error(result, path: str) -> None:
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"Error: Cannot create the vault folder {path}"), result.stderr
    assert len(result.stderr.splitlines()) == 2, result.stderr  # the message and one hint


def test_vault_under_a_regular_file(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    target = tmp_path / "notes.txt" / "vault"
    result = runner.invoke(app, ["sync", "--demo", str(target)])
    _assert_clean_error(result, str(target))
    assert "is a file" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("target", ["/proc/vaultkit-qa/vault", "/proc/vaultkit-qa"])
def test_vault_in_a_folder_that_cannot_be_created(target):
    result = runner.invoke(app, ["sync", "--demo", target])
    _assert_clean_error(result, target)


def test_vault_under_a_read_only_parent():
    # /sys refuses new folders even to root, as a read-only parent does to a user
    result = runner.invoke(app, ["sync", "--demo", "/sys/vaultkit-qa-vault"])
    _assert_clean_error(result, "/sys/vaultkit-qa-vault")


def test_dry_run_into_an_impossible_folder_says_so_too(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    target = tmp_path / "notes.txt" / "vault"
    result = runner.invoke(app, ["sync", "--demo", "--dry-run", str(target)])
    _assert_clean_error(result, str(target))
