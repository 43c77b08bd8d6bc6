"""`vaultkit check`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vaultkit.cli import output


def check_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder.")] = Path("."),
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
) -> None:
    """Check the vault: links, properties, file names, sync conflicts and duplicate ids.

    Exits with 1 when it finds a problem, so scripts and CI can use it.

    Example:

      vaultkit check ./my-vault

      vaultkit check ./my-vault --json > problems.json
    """
    from vaultkit.analyse.check import check_vault

    report = check_vault(vault, progress=output.progress_for_terminal())
    if as_json:
        output.print_json(report.to_dict())
    else:
        for problem in report.problems:
            output.echo(f"{problem.path}: [{problem.kind}] {problem.message}")
        if report.ok:
            output.echo(f"No problems in {report.notes} notes ({report.files} files).")
        else:
            summary = ", ".join(f"{count} {kind}" for kind, count in report.counts().items())
            output.echo(f"{output.counted(len(report.problems), 'problem')} in "
                        f"{output.counted(report.notes, 'note')}: {summary}.")
    if not report.ok:
        raise typer.Exit(1)
