"""`export_anki`: read the vault, build every card, compare with the manifest, write the package.

Nothing is written until every card is built and checked: a missing image or two different cards
with the same identity stop the export before the `.apkg` or the manifest is touched.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from vaultkit.config import forum_of
from vaultkit.errors import ConfigError, ExportError, StateError
from vaultkit.export.anki.cards import BASIC, REMOVED_TAG, CardSpec
from vaultkit.export.anki.html import MissingMedia
from vaultkit.export.anki.manifest import Manifest, ManifestEntry, content_hash
from vaultkit.export.anki.package import PackageNote, card_ords, write_package
from vaultkit.export.anki.reading import CARD_TYPES, NoteTask, ReadSettings, may_hold_cards, read_cards
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.vault.atomic import WriteError, write_atomic
from vaultkit.vault.folder import require_vault_folder
from vaultkit.vault.index import NoteIndex, collector_paused
from vaultkit.vault.scan import in_folder, templates_folder

_LISTED = 10   # how many offending items an error message names


@dataclass(frozen=True)
class AnkiExportOptions:
    """What to export and how. Empty filters mean "everything"; several values of one filter are
    alternatives, different filters must all match."""

    deck: str | None = None            # root deck; None: the last export's, else the vault's forum
    types: tuple[str, ...] = ()        # note `type` values; "note" for notes without one
    tags: tuple[str, ...] = ()         # a tag matches itself and its nested tags (`a` matches `a/b`)
    folders: tuple[str, ...] = ()      # vault-relative folders
    reverse_concepts: bool = False     # also ask definition -> term
    dry_run: bool = False


@dataclass
class AnkiExportReport:
    """What an export did (or, with `dry_run`, would do)."""

    output: Path
    deck: str
    dry_run: bool
    notes_scanned: int = 0
    notes_with_cards: int = 0
    concepts_without_definition: int = 0   # no definition, so no card
    principles_without_statement: int = 0  # no statement, so no card
    cards_by_origin: dict[str, int] = field(default_factory=dict)   # concept, principle, glossary, flashcard
    anki_notes: int = 0            # notes in the package, removed ones included
    anki_cards: int = 0            # cards Anki will create for them (reverses, cloze deletions)
    decks: list[str] = field(default_factory=list)
    media_files: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    newly_removed: int = 0
    removed_total: int = 0
    moved: list[tuple[str, str, str]] = field(default_factory=list)   # (source, old deck, new deck)
    warnings: list[str] = field(default_factory=list)
    written: bool = False

    def as_dict(self) -> dict:
        """The report as plain data (for `--json`)."""
        data = dict(self.__dict__)
        data["output"] = str(self.output)
        data["moved"] = [{"source": s, "from": a, "to": b} for s, a, b in self.moved]
        return data


@collector_paused()  # tens of thousands of notes' facts: see its docstring
def export_anki(vault: Path, output: Path | None = None, options: AnkiExportOptions = AnkiExportOptions(), *,
                progress: Progress = NULL_PROGRESS,
                clock: Callable[[], float] = time.time,
                workers: int | None = None) -> AnkiExportReport:
    """Export the vault's concept, principle, glossary and flashcard cards to an Anki package at `output`.

    Re-running updates the same Anki notes (stable GUIDs, per-note mtimes); cards whose source is
    gone are exported again tagged `vaultkit::removed`. The manifest under `.vaultkit/` records
    what was exported. With `options.dry_run` nothing is written and the report tells what would be.
    `workers` sets how many processes read notes (default: one per CPU for large vaults).

    The root deck is `options.deck`, else the one the last export used (so cards stay where they
    are), else the vault's forum ("LessWrong", "EA Forum", "Alignment Forum"); the package goes to
    `output`, else to `<deck>.apkg` in the current folder.
    """
    vault = Path(vault)
    require_vault_folder(vault, "vaultkit export anki")
    manifest, previous, unreadable = None, {}, None
    try:
        manifest = Manifest(vault)
    except StateError as error:  # reported below, after the cards' own problems, as always
        unreadable = error
    options, output = _deck_and_output(vault, manifest, options, output)
    report = AnkiExportReport(output=output, deck=options.deck, dry_run=options.dry_run)
    try:
        previous = manifest.take(options.deck) if manifest is not None else {}
    except StateError as error:
        unreadable = error
    with NoteIndex(vault.absolute(), write=not options.dry_run) as index:
        templates = templates_folder(vault)  # templates for new notes are not study material
        note_paths = [rel for rel in index.stats if not in_folder(rel, templates)]
        settings = ReadSettings(vault=vault, files=tuple(index.files), deck=options.deck,
                                reverse_concepts=options.reverse_concepts, types=options.types,
                                tags=options.tags, folders=options.folders)
        read = read_cards(settings, _tasks(index, previous, templates), progress, workers, index.store)
    report.notes_scanned = len(note_paths)
    report.notes_with_cards = read.with_cards
    report.concepts_without_definition = read.without_definition
    report.principles_without_statement = read.without_statement
    report.warnings.extend(read.warnings)

    specs = _unique_cards(read.specs, report)
    _check_media(read.missing, report, options.dry_run)
    if unreadable is not None:
        raise unreadable
    notes, entries = _plan(specs, previous, read.mtimes, read.untouched, int(clock()), report)

    report.anki_notes = len(notes)
    report.anki_cards = sum(len(card_ords(note)) for note in notes)
    report.decks = sorted({note.deck for note in notes})
    report.media_files = len(read.media)
    report.cards_by_origin = dict(sorted(Counter(spec.origin for spec in specs).items()))
    if options.dry_run:
        return report
    if not notes:
        raise ExportError(f"No cards to export from {vault}.",
                          hint="Check the filters, or write cards as `Front::Back` in a note.")
    write_atomic(output, write_package(notes, sorted(read.media, key=lambda m: m.name), clock()))
    report.written = True
    if entries != previous or not manifest.exists:
        try:
            manifest.save(options.deck, entries)
        except WriteError as error:  # a read-only vault: the package is complete all the same
            report.warnings.append(f"{error.message} The package is complete; the next export cannot "
                                   "tell changed cards from new ones, and Anki still updates them in place.")
    return report


def _tasks(index: NoteIndex, previous: dict[str, ManifestEntry], templates: str | None) -> list[NoteTask]:
    """The notes to read, in vault order. Only a note that may hold a card is read for its cards;
    one that held a card at the last export is too, since whether the filters now leave it out
    decides what becomes of its cards. A note the index has no current facts for is read for them
    (templates included: the index is every command's) and, if they allow it, for its cards."""
    kept, stale = index.unchanged(CARD_TYPES, may_hold_cards)
    sources = {entry.source for entry in previous.values()}
    tasks: list[NoteTask] = []
    for rel in index.stats:
        template = in_folder(rel, templates)
        if rel in stale:
            tasks.append((rel, True, False if template else True if rel in sources else None))
        elif not template and (rel in sources or rel in kept):
            tasks.append((rel, False, True))
    return tasks


def package_name(deck: str) -> str:
    """The default file name of a deck's package: `Study::LessWrong` -> `Study-LessWrong.apkg`."""
    return "".join(ch if ch.isalnum() or ch in "-_ " else "-" for ch in deck.replace("::", "-")).strip() + ".apkg"


def _deck_and_output(vault: Path, manifest: Manifest | None, options: AnkiExportOptions,
                     output: Path | None) -> tuple[AnkiExportOptions, Path]:
    """`options` with the root deck filled in, and the package's path; both checked."""
    deck = options.deck or _remembered_deck(manifest) or forum_of(vault).title
    output = Path(output) if output is not None else Path(package_name(deck))
    if output.is_dir():
        raise ConfigError(f"The output {output} is a folder.",
                          hint="Give a file name, e.g. -o LessWrong.apkg.")
    if not deck.strip() or any(not part.strip() for part in deck.split("::")):
        raise ConfigError(f"The deck name {deck!r} is empty or has an empty part.",
                          hint='Use a name like "LessWrong" or "Study::LessWrong".')
    return replace(options, deck=deck), output


def _remembered_deck(manifest: Manifest | None) -> str | None:
    """The root deck of the previous export, when there was exactly one: exporting again without
    `--deck` then updates the same cards in the same decks."""
    decks = manifest.decks() if manifest is not None else []
    return decks[0] if len(decks) == 1 else None


def _unique_cards(specs: list[CardSpec], report: AnkiExportReport) -> list[CardSpec]:
    """Drop exact repeats of a card (warned); fail on different cards sharing one identity."""
    seen: dict[str, CardSpec] = {}
    clashes: list[str] = []
    unique: list[CardSpec] = []
    for spec in specs:
        first = seen.get(spec.guid)
        if first is None:
            seen[spec.guid] = spec
            unique.append(spec)
        elif _content(first) == _content(spec):
            report.warnings.append(f"{_place(spec)}: the same card as {_place(first)}; exported once")
        else:
            clashes.append(f"{_place(first)} and {_place(spec)}")
    if clashes:
        listed = "; ".join(clashes[:_LISTED])
        more = f" (and {len(clashes) - _LISTED} more)" if len(clashes) > _LISTED else ""
        raise ExportError(f"Different cards share one identity: {listed}{more}.",
                          hint="Give one of each pair a block id at the end of the card, e.g. "
                               "`Front::Back ^my-card`, or make the fronts differ.")
    return unique


def _content(spec: CardSpec) -> tuple:
    """A card's fields without the ones that name its note (Source, VaultkitId)."""
    fields = spec.fields[:3] + spec.fields[5:] if spec.model == BASIC else spec.fields[:2]
    return spec.model, fields


def _place(spec: CardSpec) -> str:
    return f"{spec.source}:{spec.line}" if spec.line else spec.source


def _check_media(missing: list[MissingMedia], report: AnkiExportReport, dry_run: bool) -> None:
    if not missing:
        return
    places = [f"{item.source} embeds {item.target}" for item in missing]
    if dry_run:
        report.warnings.extend(f"missing image: {place}" for place in places)
        return
    more = f" (and {len(places) - _LISTED} more)" if len(places) > _LISTED else ""
    raise ExportError(f"Images not found in the vault: {'; '.join(places[:_LISTED])}{more}.",
                      hint="Put the files into the vault (e.g. LessWrong/Attachments/) or fix the "
                           "embeds; nothing was written.")


def _plan(specs: list[CardSpec], previous: dict[str, ManifestEntry], mtimes: dict[str, int],
          untouched: set[str], now: int,
          report: AnkiExportReport) -> tuple[list[PackageNote], dict[str, ManifestEntry]]:
    """The notes to write and the next manifest, with an mtime for each note (see manifest.py)."""
    notes: list[PackageNote] = []
    entries: dict[str, ManifestEntry] = {}
    for spec in specs:
        digest = content_hash(spec.model, spec.fields, spec.tags)
        before = previous.get(spec.guid)
        file_mtime = mtimes[spec.source]
        if before is None:
            mtime = file_mtime
            report.new += 1
        elif before.hash == digest:
            mtime = before.mtime
            report.unchanged += 1
        else:
            mtime = file_mtime if file_mtime > before.mtime else max(now, before.mtime + 1)
            report.changed += 1
        if before is not None and not before.removed and before.deck != spec.deck:
            report.moved.append((spec.source, before.deck, spec.deck))
        notes.append(PackageNote(spec.guid, spec.model, spec.fields, spec.tags, spec.deck, mtime))
        entries[spec.guid] = ManifestEntry(spec.model, spec.deck, spec.source, mtime, digest, False,
                                           spec.tags, spec.fields)
    for guid in sorted(previous.keys() - entries.keys()):
        before = previous[guid]
        if before.source in untouched and not before.removed:
            entries[guid] = before
            continue
        if not before.removed:
            tags = tuple(sorted({*before.tags, REMOVED_TAG}, key=str.casefold))
            before = ManifestEntry(before.model, before.deck, before.source, max(now, before.mtime + 1),
                                   content_hash(before.model, before.fields, tags), True, tags,
                                   before.fields)
            report.newly_removed += 1
        report.removed_total += 1
        entries[guid] = before
        notes.append(PackageNote(guid, before.model, before.fields, before.tags, before.deck,
                                 before.mtime))
    return notes, entries
