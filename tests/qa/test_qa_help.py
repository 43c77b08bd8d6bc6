"""Item 17: help examples are indented alike in `vaultkit --help` and every subcommand's help."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app

COMMANDS = [[], ["sync"], ["tag"], ["check"], ["progress"], ["export"], ["export", "anki"],
            ["export", "graph"]]


def _example_indents(args: list[str]) -> set[int]:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    return {len(m.group(1)) for m in re.finditer(r"^( *)vaultkit \S", result.stdout, re.M)
            if "Usage:" not in m.group(0)}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "vaultkit")
def test_examples_are_indented_like_the_subcommands(command):
    assert _example_indents(command) == _example_indents(["check"]) == {3}
