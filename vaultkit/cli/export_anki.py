"""`vaultkit export anki`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from vaultkit.cli import output

if TYPE_CHECKING:
    from vaultkit.export.anki import AnkiExportReport


def export_anki_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder.")] = Path("."),
    out: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="The .apkg file to write (default: <deck>.apkg in the current folder).")] = None,
    deck: Annotated[Optional[str], typer.Option(
        help="Root deck; subdecks come from sequences or folders. Default: the deck of the last "
             "export, else the vault's forum (LessWrong, EA Forum, Alignment Forum).")] = None,
    note_type: Annotated[Optional[list[str]], typer.Option(
        "--type", help="Only notes of this type (concept, principle, post, note…). Repeatable.")] = None,
    tag: Annotated[Optional[list[str]], typer.Option(
        help="Only notes with this tag or one nested below it. Repeatable.")] = None,
    folder: Annotated[Optional[list[str]], typer.Option(
        help="Only notes under this vault folder. Repeatable.")] = None,
    reverse_concepts: Annotated[bool, typer.Option(
        "--reverse-concepts", help="Also ask each concept's definition and expect the term.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show what would be exported; write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Export concepts, principles and your flashcards as an Anki deck that updates in place.

    In Anki: File > Import, keep the default "Update notes: if newer".

    Importing a newer export updates the same cards and keeps their reviews.

    Each term of a post's glossary becomes a card too (tag vaultkit::glossary).

    Cards whose source left the vault get the tag vaultkit::removed.

    Example:

      vaultkit export anki ./my-vault -o LessWrong.apkg

      vaultkit export anki ./my-vault --type principle --deck Principles --dry-run
    """
    from vaultkit.export.anki import AnkiExportOptions, export_anki  # imported when used: see its package

    options = AnkiExportOptions(deck=deck, types=tuple(note_type or ()), tags=tuple(tag or ()),
                                folders=tuple(folder or ()), reverse_concepts=reverse_concepts,
                                dry_run=dry_run)
    output.warn_unreadable_settings(vault)
    report = export_anki(vault, out, options, progress=output.progress_for_terminal())
    if as_json:
        output.print_json(report.as_dict())
    else:
        for line in summary_lines(report):
            output.echo(line)


def summary_lines(report: AnkiExportReport) -> list[str]:
    """The human-readable report: counts first, then what needs the user's attention."""
    origins = ", ".join(f"{count} {origin}" for origin, count in report.cards_by_origin.items())
    lines = [
        f"{'Would export' if report.dry_run else 'Exported'} {report.anki_notes} notes "
        f"({report.anki_cards} cards) from {report.notes_with_cards} of {report.notes_scanned} "
        f"vault notes: {origins or 'no cards'}.",
        f"Decks: {len(report.decks)} under {report.deck}; media files: {report.media_files}.",
        f"Since the last export: {report.new} new, {report.changed} changed, "
        f"{report.unchanged} unchanged, {report.newly_removed} removed "
        f"({report.removed_total} removed in all).",
    ]
    if report.concepts_without_definition:
        has = "has" if report.concepts_without_definition == 1 else "have"
        lines.append(f"{output.counted(report.concepts_without_definition, 'concept')} {has} "
                     "no definition, so no card: write one in the note's [!definition] callout.")
    if report.principles_without_statement:
        has = "has" if report.principles_without_statement == 1 else "have"
        lines.append(f"{output.counted(report.principles_without_statement, 'principle')} {has} "
                     "no statement, so no card: give the note a `statement` property or a first paragraph.")
    if report.removed_total:
        lines.append("In Anki, search `tag:vaultkit::removed` to review and delete removed cards.")
    if report.moved:
        lines.append(f"{len(report.moved)} notes moved to another deck; Anki keeps existing cards "
                     "where they are: select them in Browse and use Change Deck.")
    lines.extend(f"Warning: {warning}" for warning in report.warnings)
    if report.written:
        lines.append(f"Wrote {report.output}. In Anki: File > Import, keep 'Update notes: if newer'.")
    return lines

