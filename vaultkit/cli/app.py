"""The `vaultkit` command: a root callback and one module per command."""

from __future__ import annotations

from typing import Annotated

import typer

from vaultkit import __version__
from vaultkit.cli import output
from vaultkit.cli.typer_app import new_app


app = new_app(
    help="Turn LessWrong, the Alignment Forum and the EA Forum into an Obsidian vault, "
    "Anki decks and link graphs.\n\n"
    "Run `vaultkit COMMAND --help` for a command's options and examples.\n\n"
    "Example:\n\n"
    "  vaultkit sync --demo ./my-vault\n\n"
    "  vaultkit sync ./my-vault --sequence oneQyj4pw77ynzwAF",
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"vaultkit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="Show details, including the cause of errors.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
) -> None:
    """vaultkit: the forum as a personal knowledge base."""
    output.configure(verbose=verbose, quiet=quiet)


def _mount_commands() -> None:
    from vaultkit.cli import check, export, progress, sync, tag

    app.command("sync")(sync.sync_command)
    app.command("tag")(tag.tag_command)
    app.add_typer(export.export_app, name="export")
    app.command("check")(check.check_command)
    app.command("progress")(progress.progress_command)


_mount_commands()


def main() -> None:
    app(prog_name="vaultkit")
