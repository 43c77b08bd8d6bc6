"""`vaultkit sync`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from vaultkit.cli import output

SOURCES = "Sources: which posts (none given: the whole site)"
FILTERS = "Filters: narrow every source given with them"
OPTIONS = "Options of this selection (for its posts only)"
RUN = "This run only (not saved)"
FORUM = "Forum (saved)"


def sync_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder (created if missing).")] = Path("."),
    post: Annotated[Optional[list[str]], typer.Option("--post", help="A post id, URL or slug.", rich_help_panel=SOURCES)] = None,
    author: Annotated[Optional[list[str]], typer.Option("--author", help="Every post of this user (slug).", rich_help_panel=SOURCES)] = None,
    tag: Annotated[Optional[list[str]], typer.Option("--tag", help="A tag or wiki page (slug) and its posts.", rich_help_panel=SOURCES)] = None,
    sequence: Annotated[Optional[list[str]], typer.Option("--sequence", help="A sequence (id or …/s/<id> URL) and its posts.", rich_help_panel=SOURCES)] = None,
    collection: Annotated[Optional[list[str]], typer.Option("--collection", help="rationality-a-z, codex, hpmor or a collection id: its books, sequences and posts.", rich_help_panel=SOURCES)] = None,
    library: Annotated[bool, typer.Option("--library", help="Rationality: A–Z, The Codex, HPMOR and the curated sequences, with book notes and the concepts of their posts.", rich_help_panel=SOURCES)] = False,
    all_concepts: Annotated[bool, typer.Option("--all-concepts", help="Every tag and wiki page of the forum (wiki-only ones too), with parent and child tags.", rich_help_panel=SOURCES)] = False,
    since: Annotated[Optional[str], typer.Option(help="Only posts posted on or after this date (YYYY-MM-DD).", rich_help_panel=FILTERS)] = None,
    until: Annotated[Optional[str], typer.Option(help="Only posts posted before this date (YYYY-MM-DD).", rich_help_panel=FILTERS)] = None,
    min_karma: Annotated[Optional[int], typer.Option(help="Only posts with at least this karma.", rich_help_panel=FILTERS)] = None,
    comments: Annotated[bool, typer.Option("--comments", help="A comments note beside each post.", rich_help_panel=OPTIONS)] = False,
    comment_min_karma: Annotated[Optional[int], typer.Option(help="With --comments: keep comments with at least this karma.", rich_help_panel=OPTIONS)] = None,
    concepts: Annotated[bool, typer.Option("--concepts", help="A concept note for each tag of the posts.", rich_help_panel=OPTIONS)] = False,
    images: Annotated[bool, typer.Option("--images", help="Download the posts' images into the vault.", rich_help_panel=OPTIONS)] = False,
    site: Annotated[Optional[str], typer.Option(help="lesswrong, alignmentforum or eaforum: a new vault's forum, or the forum this selection reads (several forums share a vault).", rich_help_panel=FORUM)] = None,
    endpoint: Annotated[Optional[str], typer.Option(help="GraphQL endpoint URL of the forum this command line reads.", rich_help_panel=FORUM)] = None,
    delay: Annotated[Optional[float], typer.Option(help="Seconds between requests (to keep it, set `delay` in vaultkit.toml).", rich_help_panel=RUN)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the plan; write nothing.", rich_help_panel=RUN)] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as JSON.", rich_help_panel=RUN)] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite owned regions the user edited.", rich_help_panel=RUN)] = False,
    restore: Annotated[bool, typer.Option("--restore", help="Recreate notes the user deleted.", rich_help_panel=RUN)] = False,
    demo: Annotated[bool, typer.Option("--demo", help="Build a demo vault from the bundled data, offline (a new or empty folder, or a demo vault).", rich_help_panel=RUN)] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero if the run reported warnings (its work is kept).", rich_help_panel=RUN)] = False,
) -> None:
    """Build or update an Obsidian vault from the forum.

    One command line is one selection: its sources (or, with none, the whole site), narrowed by its
    filters, with its options. It is saved as a "selection" table in VAULT/vaultkit.toml (with
    --site and --endpoint), so a plain `vaultkit sync VAULT` repeats every saved selection and
    fetches only what changed. Your text outside the vaultkit region and your own properties are
    never touched; edits inside it are kept and reported as conflicts.

    Example:

      vaultkit sync ./my-vault --collection rationality-a-z --concepts

      vaultkit sync ./my-vault --sequence mzgtmmTKKn5MuCzFJ --comments

      vaultkit sync ./my-vault --tag ai --since 2024-01-01 --min-karma 100

      vaultkit sync ./my-vault --library    # the three collections and the curated sequences

      vaultkit sync ./my-vault --dry-run

      vaultkit sync --demo ./demo-vault

      vaultkit sync ./my-vault --strict     # fail a scheduled run on lost formulas, missing images…
    """
    from vaultkit.config import Selection
    from vaultkit.errors import StrictError
    from vaultkit.sync.engine import SyncOptions
    from vaultkit.sync.run import sync

    select = Selection(posts=post or [], authors=author or [], tags=tag or [],
                       sequences=sequence or [], collections=collection or [],
                       library=library, all_concepts=all_concepts, since=since,
                       until=until, min_karma=min_karma, comments=comments,
                       comment_min_karma=comment_min_karma, concepts=concepts, images=images)
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
    for notice in report.notices:
        output.echo(f"  note  {notice}")
    c = report.counts
    output.echo(f"{verb} {report.vault}: {c['created']} created, {c['updated']} updated, "
                f"{c['unchanged']} unchanged, {output.counted(c['conflicts'], 'conflict')}, {c['skipped']} skipped "
                f"({len(report.tombstoned)} deleted by you), {output.counted(c['requests'], 'request')}.")
    if report.conflicts:
        output.echo("Conflicts keep your text; compare with the upstream copy, or rerun with --force "
                    "to take the upstream version.")
