"""Every command with every way of naming the vault: `.`, `./`, relative, absolute, symlinked.

Each case runs through the real CLI from a chosen working directory, and checks the command
succeeds, prints no traceback and writes nothing outside the vault (and its `-o` file).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()

# name -> (working directory relative to tmp, how the vault is named on the command line)
PATH_FORMS = {
    "dot": ("v", "."),
    "dot-slash": ("v", "./"),
    "relative": (".", "v"),
    "relative-up": ("elsewhere", "../v"),
    "absolute": ("elsewhere", "{tmp}/v"),
    "symlink": ("elsewhere", "{tmp}/link"),
    "inside-symlink": ("link", "."),
}

COMMANDS = {
    "sync-demo": ["sync", "--demo", "{vault}"],
    "sync-dry-run": ["sync", "{vault}", "--dry-run"],
    "sync": ["sync", "{vault}"],
    "tag": ["tag", "{vault}"],
    "export-anki": ["export", "anki", "{vault}", "-o", "{tmp}/out/deck.apkg"],
    "export-graph": ["export", "graph", "{vault}", "-o", "{tmp}/out/map.html"],
    "check": ["check", "{vault}"],
    "progress": ["progress", "{vault}"],
}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("form", PATH_FORMS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_with_every_path_form(tmp_path, monkeypatch, built_vault, command, form):
    shutil.copytree(built_vault, tmp_path / "v", symlinks=True)
    (tmp_path / "link").symlink_to(tmp_path / "v", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    cwd, vault_arg = PATH_FORMS[form]
    monkeypatch.chdir(tmp_path / cwd)
    outside_before = _outside(tmp_path)

    args = [a.format(vault=vault_arg.format(tmp=tmp_path), tmp=tmp_path) for a in COMMANDS[command]]
    result = runner.invoke(app, args)

    assert "Traceback" not in result.output, result.output
    assert result.exit_code == 0, result.output
    assert "Error" not in result.output
    assert _outside(tmp_path) == outside_before, "wrote outside the vault"


def _outside(tmp: Path) -> dict[str, bytes]:
    """Every file under tmp except the vault itself and the `-o` folder."""
    return {k: v for k, v in _snapshot(tmp).items()
            if not k.startswith(("v" + os.sep, "out" + os.sep))}


def test_check_reads_every_note_from_inside_the_vault(monkeypatch, built_vault):
    absolute = runner.invoke(app, ["check", str(built_vault), "--json"])
    monkeypatch.chdir(built_vault)
    result = runner.invoke(app, ["check", "--json"])
    assert result.exit_code == 0, result.output
    assert result.output == absolute.output
