"""`vaultkit sync`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from vaultkit.cli import output

SELECT = "Selections (saved in vaultkit.toml)"
RUN = "This run"


def sync_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder (created if missing).")] = Path("."),
    post: Annotated[Optional[list[str]], typer.Option("--post", help="A post id, URL or slug.", rich_help_panel=SELECT)] = None,
    author: Annotated[Optional[list[str]], typer.Option("--author", help="Every post of this user (slug).", rich_help_panel=SELECT)] = None,
    tag: Annotated[Optional[list[str]], typer.Option("--tag", help="A tag or wiki page (slug) and its posts.", rich_help_panel=SELECT)] = None,
    sequence: Annotated[Optional[list[str]], typer.Option("--sequence", help="A sequence id and its posts.", rich_help_panel=SELECT)] = None,
    collection: Annotated[Optional[list[str]], typer.Option("--collection", help="rationality-a-z, codex, hpmor or an id.", rich_help_panel=SELECT)] = None,
    since: Annotated[Optional[str], typer.Option(help="Every post from this date (YYYY-MM-DD).", rich_help_panel=SELECT)] = None,
    until: Annotated[Optional[str], typer.Option(help="…posted before this date.", rich_help_panel=SELECT)] = None,
    min_karma: Annotated[Optional[int], typer.Option(help="…with at least this karma.", rich_help_panel=SELECT)] = None,
    comments: Annotated[bool, typer.Option("--comments", help="Add a comments note beside each post.", rich_help_panel=SELECT)] = False,
    comment_min_karma: Annotated[Optional[int], typer.Option(help="Keep comments with at least this karma.", rich_help_panel=SELECT)] = None,
    concepts: Annotated[bool, typer.Option("--concepts", help="Add a note for each tag of the synced posts.", rich_help_panel=SELECT)] = False,
    images: Annotated[bool, typer.Option("--images", help="Download images into the vault.", rich_help_panel=SELECT)] = False,
    site: Annotated[Optional[str], typer.Option(help="lesswrong, alignmentforum or eaforum.")] = None,
    endpoint: Annotated[Optional[str], typer.Option(help="GraphQL endpoint URL (overrides --site).")] = None,
    delay: Annotated[Optional[float], typer.Option(help="Seconds between requests.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the plan; write nothing.", rich_help_panel=RUN)] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as JSON.", rich_help_panel=RUN)] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite owned regions the user edited.", rich_help_panel=RUN)] = False,
    restore: Annotated[bool, typer.Option("--restore", help="Recreate notes the user deleted.", rich_help_panel=RUN)] = False,
    demo: Annotated[bool, typer.Option("--demo", help="Build from the bundled demo data, offline.", rich_help_panel=RUN)] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero if the run reported warnings (its work is kept).", rich_help_panel=RUN)] = False,
) -> None:
    """Build or update an Obsidian vault from the forum.

    Selections are saved in VAULT/vaultkit.toml, so a plain `vaultkit sync VAULT` repeats them and
    fetches only what changed. Your text outside the vaultkit region and your own properties are
    never touched; edits inside it are kept and reported as conflicts.

    Example:

      vaultkit sync ./my-vault --sequence oneQyj4pw77ynzwAF --concepts

      vaultkit sync ./my-vault --dry-run

      vaultkit sync --demo ./demo-vault

      vaultkit sync ./my-vault --strict     # fail a scheduled run on lost formulas, missing images…
    """
    from vaultkit.config import Selections
    from vaultkit.errors import StrictError
    from vaultkit.sync.engine import SyncOptions
    from vaultkit.sync.run import sync

    select = Selections(posts=post or [], authors=author or [], tags=tag or [],
                        sequences=sequence or [], collections=collection or [], since=since,
                        until=until, min_karma=min_karma, comments=comments,
                        comment_min_karma=comment_min_karma, concepts=concepts,
                        images=images)
    options = SyncOptions(select=select, site=site, endpoint=endpoint, delay=delay, dry_run=dry_run,
                          force=force, restore=restore, demo=demo)
    progress = output.NULL_PROGRESS if json_output else output.progress_for_terminal()
    report = sync(vault, options, progress=progress)
    if json_output:
        output.print_json(report.to_dict())
    else:
        _print_summary(report)
    if strict and report.problems:
        raise StrictError(report.problems)


def _print_summary(report) -> None:
    verb = "Dry run, would sync" if report.dry_run else "Synced"
    if report.dry_run:
        for path in report.created:
            output.echo(f"  create  {path}")
        for path in report.updated:
            output.echo(f"  update  {path}")
    for conflict in report.conflicts:
        output.echo(f"  conflict  {conflict['note']}: {conflict['reason']}; "
                    f"upstream version in {conflict['upstream_copy']}")
    listed = {conflict["upstream_copy"] for conflict in report.conflicts}
    for copy in report.open_conflicts:
        if copy not in listed:
            output.echo(f"  conflict  {copy}: a conflict copy you edited; delete it when you are done")
    for skipped in report.skipped:
        output.echo(f"  skipped  {skipped['note']}: {skipped['reason']}")
    for problem in report.problems:
        output.echo(f"  warning  {problem}")
    c = report.counts
    output.echo(f"{verb} {report.vault}: {c['created']} created, {c['updated']} updated, "
                f"{c['unchanged']} unchanged, {output.counted(c['conflicts'], 'conflict')}, {c['skipped']} skipped "
                f"({len(report.tombstoned)} deleted by you), {output.counted(c['requests'], 'request')}.")
    if report.conflicts:
        output.echo("Conflicts keep your text; compare with the upstream copy, or rerun with --force "
                    "to take the upstream version.")
