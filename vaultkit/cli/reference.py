"""The CLI reference (`docs/cli.md`), generated from every command's `--help`.

    python -m vaultkit.cli.reference > docs/cli.md

A test regenerates it and fails when the committed file differs, so the reference never drifts
from the commands.
"""

from __future__ import annotations

from importlib.metadata import version
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
# The boxes and wrapping come from Typer and Rich: the same commands may be drawn differently by
# other versions, so the reference names the versions that drew it.
RENDERED_BY = "typer", "rich"


def renderer_versions() -> str:
    return ", ".join(f"{name} {version(name)}" for name in RENDERED_BY)


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


def command_words(path: list[str]) -> list[str]:
    """Every option name and help string of `vaultkit <path>`, whatever draws them."""
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    words = [command.help.strip().splitlines()[0]] if command.help else []
    for param in command.params:
        words += [*param.opts, *param.secondary_opts]
    return words


def reference() -> str:
    """The whole reference as Markdown."""
    parts = [HEADER + f"Drawn by {renderer_versions()}.\n"]
    for path in command_paths():
        title = " ".join(["vaultkit", *path])
        parts.append(f"## `{title}`\n\n```text\n{help_text(path)}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
