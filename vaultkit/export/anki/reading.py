"""Reading the vault into card specs, spread over worker processes when the vault is large.

Each note is read, filtered and turned into cards on its own, so the notes are cut into chunks
and each worker renders a chunk with its own Markdown renderer; the results come back in vault
order, so the export is the same whether it ran in one process or several.

A note the shared index has no current facts for is read here once for both: its facts go back to
the index (`ReadResult.indexed`) and it yields cards only if those facts say it may hold one.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from vaultkit.errors import VaultError
from vaultkit.export.anki.cards import (CardContext, CardSpec, cards_for_note, concept_definition, note_tags,
                                        note_type, principle_statement, user_text)
from vaultkit.export.anki.html import CardHtml, MediaFile, MediaStore, MissingMedia
from vaultkit.progress import Progress
from vaultkit.vault.index import IndexedNote, encode_facts, facts_of_text, release_parse_caches
from vaultkit.vault.links import LinkResolver
from vaultkit.vault.notes import Note, parse_note_text, read_note_text

PARALLEL_FROM = 2000     # notes; below this, starting worker processes costs more than it saves
MAX_WORKERS = 8


@dataclass(frozen=True)
class ReadSettings:
    """Everything a worker needs to turn notes into cards (picklable)."""

    vault: Path
    files: tuple[str, ...]          # every vault file, for link and embed resolution
    deck: str
    reverse_concepts: bool = False
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()


@dataclass
class ReadResult:
    """The cards of the vault and what was noticed while reading it."""

    specs: list[CardSpec] = field(default_factory=list)
    mtimes: dict[str, int] = field(default_factory=dict)      # note -> file mtime, notes with cards
    untouched: set[str] = field(default_factory=set)          # filtered out or unreadable notes
    warnings: list[str] = field(default_factory=list)
    scanned: int = 0
    with_cards: int = 0
    without_definition: int = 0                               # concept notes left without a card
    without_statement: int = 0                                # principle notes left without a card
    media: list[MediaFile] = field(default_factory=list)
    missing: list[MissingMedia] = field(default_factory=list)
    # (note, stored form of its facts or None) of the notes read for the index; handed to the
    # index chunk by chunk, never kept for the whole vault
    indexed: list[tuple[str, str | None]] = field(default_factory=list)

    def extend(self, other: ReadResult) -> None:
        self.specs.extend(other.specs)
        self.mtimes.update(other.mtimes)
        self.untouched.update(other.untouched)
        self.warnings.extend(other.warnings)
        self.scanned += other.scanned
        self.with_cards += other.with_cards
        self.without_definition += other.without_definition
        self.without_statement += other.without_statement
        known = {item.name for item in self.media}
        self.media.extend(item for item in other.media if item.name not in known)
        self.missing.extend(other.missing)


# What to do with one note: (vault-relative path, read its facts for the index, make its cards:
# True always, False never (a template), None if its facts say it may hold one)
NoteTask = tuple[str, bool, "bool | None"]


def read_cards(settings: ReadSettings, tasks: list[NoteTask], progress: Progress,
               workers: int | None = None,
               indexed: Callable[[list[tuple[str, str | None]]], None] = lambda facts: None) -> ReadResult:
    """Cards of the notes of `tasks`, in that order; the facts read for the index are passed to
    `indexed` a chunk at a time."""
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if len(tasks) >= PARALLEL_FROM else 1
    result = ReadResult()
    if workers <= 1:
        progress.start(len(tasks), "Reading notes")
        reader = _ChunkReader(settings)
        chunk_results: Iterator[ReadResult] = map(reader.read, _chunks(tasks, 500))
        _gather(chunk_results, result, progress, indexed)
    else:
        size = max(50, min(1000, len(tasks) // (workers * 8) or 1))
        with ProcessPoolExecutor(max_workers=workers, mp_context=_process_context(),
                                 initializer=_start_worker, initargs=(settings,)) as pool:
            # Submitting starts the workers; only then may the progress bar start its thread.
            chunk_results = pool.map(_read_in_worker, _chunks(tasks, size))
            progress.start(len(tasks), "Reading notes")
            _gather(chunk_results, result, progress, indexed)
    progress.finish()
    return result


def _gather(chunk_results: Iterator[ReadResult], result: ReadResult, progress: Progress,
            indexed: Callable[[list[tuple[str, str | None]]], None]) -> None:
    for chunk_result in chunk_results:
        if chunk_result.indexed:
            indexed(chunk_result.indexed)
            chunk_result.indexed = []
        result.extend(chunk_result)
        progress.advance(chunk_result.scanned)


def _process_context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it (fast, and needs no importable `__main__`), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _chunks(items: list[NoteTask], size: int) -> Iterator[list[NoteTask]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class _ChunkReader:
    def __init__(self, settings: ReadSettings):
        self.settings = settings
        self.media = MediaStore()
        self.context = CardContext(root_deck=settings.deck, vault_name=settings.vault.absolute().name,
                                   html=CardHtml(settings.vault, LinkResolver(settings.files), self.media),
                                   reverse_concepts=settings.reverse_concepts)

    def read(self, tasks: list[NoteTask]) -> ReadResult:
        result = ReadResult()
        vault = self.settings.vault
        root = str(vault)
        for rel, index, cards in tasks:
            result.scanned += 1
            try:
                text = read_note_text(os.path.join(root, rel))  # strings: 50,000 Path objects cost
                properties, body, error = parse_note_text(text)
                if index:
                    facts = facts_of_text(rel, text, body, properties, error)
                    result.indexed.append((rel, encode_facts(facts)))
                    if cards is None:
                        cards = may_hold_cards(facts)
                if not cards:
                    continue
                path = vault / rel
                note = Note(path=path, rel=rel, text=text, properties=properties, body=body,
                            frontmatter_error=error)
                if note.frontmatter_error:
                    result.warnings.append(f"{rel}: properties not read ({note.frontmatter_error})")
                if not selected(note, self.settings):
                    result.untouched.add(rel)
                    continue
                specs = cards_for_note(note, self.context)
                if not note.properties.get("lw_conflict_of"):
                    kind = note_type(note)
                    if kind == "concept" and concept_definition(note) is None:
                        result.without_definition += 1
                    elif kind == "principle" and principle_statement(note) is None:
                        result.without_statement += 1
            except VaultError as error:
                result.warnings.append(f"{rel}: skipped, {error.message}")
                result.untouched.add(rel)
                continue
            if specs:
                result.with_cards += 1
                result.mtimes[rel] = int(path.stat().st_mtime)
                result.specs.extend(specs)
        release_parse_caches()
        result.media = self.media.files
        result.missing = list(self.media.missing)
        self.media.missing.clear()
        return result


def may_hold_cards(note: IndexedNote) -> bool:
    """Whether the indexed facts of a note leave it possible that it yields a card: concepts and
    principles do by their type, other notes only with a flashcard's marks in their text (a post's
    glossary lines have them too); a note whose properties did not parse is read for its warning."""
    kind = note.properties.get("type")
    kind = kind.strip().lower() if isinstance(kind, str) else ""
    return kind in CARD_TYPES or note.card_marks is not False or note.frontmatter_error is not None


CARD_TYPES = ("concept", "principle")   # the note types that yield a card without a flashcard's marks


def selected(note: Note, settings: ReadSettings) -> bool:
    """Whether the note passes the type, folder and tag filters."""
    if settings.types and note_type(note) not in {t.lower() for t in settings.types}:
        return False
    if settings.folders:
        folders = [folder.strip("/") for folder in settings.folders]
        if not any(not f or note.rel.startswith(f + "/") for f in folders):
            return False
    if settings.tags:
        wanted = [tag.lstrip("#").replace("::", "/").casefold() for tag in settings.tags]
        have = [tag.casefold() for tag in note_tags(note, user_text(note))]
        if not any(h == w or h.startswith(w + "/") for w in wanted for h in have):
            return False
    return True


_worker: _ChunkReader | None = None


def _start_worker(settings: ReadSettings) -> None:
    global _worker
    _worker = _ChunkReader(settings)


def _read_in_worker(tasks: list[NoteTask]) -> ReadResult:
    assert _worker is not None, "the pool initializer did not run"
    return _worker.read(tasks)
