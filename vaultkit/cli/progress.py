"""`vaultkit progress`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vaultkit.cli import output


def progress_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder.")] = Path("."),
    folder: Annotated[str | None, typer.Option("--folder", show_default=False, help="Vault folder "
                      "for the Progress note and the Views/*.base files (default: the vault's forum's "
                      "folder, e.g. LessWrong or EA Forum).")] = None,
    write: Annotated[bool, typer.Option("--write/--no-write", help="Refresh the Progress note and "
                                        "create missing .base views in the vault.")] = True,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show which files would be written; "
                                          "write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Show reading progress per collection, book and sequence (from each post's `status`).

    Also keeps a Progress note and Bases views (reading list, concepts, principles by axis) in the
    vault, so Obsidian shows the same figures without any community plugin.

    Example:

      vaultkit progress ./my-vault

      vaultkit progress ./my-vault --no-write --json

      vaultkit progress ./my-vault --dry-run
    """
    from vaultkit.analyse.progress import progress_bar, update_progress
    from vaultkit.config import forum_of

    output.warn_unreadable_settings(vault)
    report = update_progress(vault, folder=folder or forum_of(vault).folder, write=write, dry_run=dry_run)
    if as_json:
        output.print_json(report.to_dict())
        return
    width = max(len("  " * r.depth + r.name) for r in report.rows)
    width = min(max(width, 12), 48)
    output.echo(f"{'':{width}}  {'read':>5} {'reading':>7} {'to read':>7}")
    for row in report.rows:
        name = ("  " * row.depth + row.name)[:width]
        output.echo(f"{name:{width}}  {row.read:>5} {row.reading:>7} {row.to_read:>7}  "
                    f"{progress_bar(row.fraction)} {round(row.fraction * 100):>3}%")
    for rel in report.written:
        output.echo(f"{'Would write' if dry_run else 'Wrote'} {rel}")

