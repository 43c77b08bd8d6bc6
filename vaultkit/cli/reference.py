"""The CLI reference (`docs/cli.md`), generated from every command's `--help`.

    python -m vaultkit.cli.reference > docs/cli.md

A test regenerates it and fails when the committed file differs, so the reference never drifts
from the commands.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.testing import CliRunner

from vaultkit.cli.app import app

WIDTH = 100  # the help is rendered for a terminal this wide, whatever the real one is
HEADER = """\
# vaultkit command reference

Generated from each command's `--help` by `python -m vaultkit.cli.reference > docs/cli.md`;
`tests/test_cli_reference.py` fails when this file is out of date. Do not edit it by hand.
"""


def command_paths() -> list[list[str]]:
    """Every command and command group, depth first, as the words one types after `vaultkit`."""
    paths: list[list[str]] = [[]]

    def walk(command: Any, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():  # a group: in the app's order
            paths.append([*path, name])
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


def help_text(path: list[str]) -> str:
    """The `--help` of `vaultkit <path>` as a plain terminal of WIDTH columns shows it."""
    result = CliRunner().invoke(app, [*path, "--help"], prog_name="vaultkit", color=False,
                                env={"COLUMNS": str(WIDTH), "NO_COLOR": "1", "TERM": "dumb"})
    if result.exit_code != 0:
        raise RuntimeError(f"vaultkit {' '.join(path)} --help failed: {result.output}")
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()).strip("\n")


def reference() -> str:
    """The whole reference as Markdown."""
    parts = [HEADER]
    for path in command_paths():
        title = " ".join(["vaultkit", *path])
        parts.append(f"## `{title}`\n\n```text\n{help_text(path)}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
