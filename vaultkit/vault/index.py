"""The note index every reading command shares: what each note says, read once.

`check`, `progress`, `tag`, `export anki` and `export graph` all need the same facts about every
note: its properties, its wikilinks (body and properties), whether its properties parse and whether
its owned-region markers are balanced. The index keeps them in the vault's database (table
``notes``) keyed by path, with the file's size and mtime; a run re-reads only the notes whose size
or mtime changed, so an unchanged 50,000-note vault is listed, not read.

The index is a cache and never a reason to fail: when the database cannot be written (a read-only
vault, ``--dry-run``, a vault vaultkit never synced, so without ``.vaultkit/``) it is used read-only
or not at all, and the facts live in memory for that run only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import multiprocessing
import os
import re
import sqlite3
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from vaultkit.errors import VaultError, VaultkitError
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.vault.database import FILE_NAME, Database
from vaultkit.vault.folder import STATE_FOLDER
from vaultkit.vault.links import iter_property_links, link_targets, parse_wikilink
from vaultkit.vault.notes import Note, forget_parsed_lines, parse_note_text, read_note, read_note_text
from vaultkit.vault.regions import region_span
from vaultkit.vault.scan import is_note, walk_vault

PARALLEL_FROM = 2000   # notes to read; below this, starting worker processes costs more than it saves
CHUNK = 500
# A file changed twice within one mtime tick keeps its size and mtime: facts read from a file this
# young are used but not stored, so the next run reads it again.
SETTLE_NS = 2_000_000_000
_QUESTION_LINE = re.compile(r"\n\s*\?\??\s*(?:\n|$)")  # a line of only `?` or `??`, led by "\n"


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run a block with Python's cycle collector off: reading a 50,000-note vault creates millions
    of small containers (and no cycles), and the collector walking them over and over was a third
    of an export's time. It is switched back on (if it was on) when the block ends."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class IndexedNote:
    """What one note says, as the index keeps it.

    `links` is decoded from the database only when asked for: `progress` and `tag` never ask.
    """

    __slots__ = ("rel", "properties", "frontmatter_error", "region_problem", "_links", "_links_text", "root",
                 "card_marks")

    def __init__(self, rel: str, properties: dict, frontmatter_error: str | None, links: list[list] | None,
                 region_problem: str | None, links_text: str | None = None, root: Path | None = None,
                 card_marks: bool | None = None):
        self.rel = rel                              # vault-relative POSIX path
        self.properties = properties                # empty when they did not parse:
        self.frontmatter_error = frontmatter_error  # why they did not
        self.region_problem = region_problem        # why the `%% vaultkit:begin/end %%` markers are unusable
        # whether the body holds what a flashcard needs (`::`, `==`, a line of only `?` or `??`),
        # so `export anki` reads only those notes; None: not known (an index row older than this)
        self.card_marks = card_marks
        self._links = links
        self._links_text = links_text
        self.root = root  # where to read the note again if its stored links turn out damaged

    @property
    def links(self) -> list[list]:
        """[link | embed | property, target as written, property key or None] per wikilink, body first."""
        if self._links is None:
            try:
                if self._links_text is None and self.root is not None:
                    raise ValueError("links not loaded")  # only the first line was decoded
                self._links = json.loads(self._links_text or "[]")
            except ValueError:
                if self.root is None:
                    raise
                self._links = facts_of(read_note(self.root / self.rel, self.root)).links
            self._links_text = None  # decoded: 50,000 notes' worth of text need not stay beside it
        return self._links

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndexedNote) and self._fields() == other._fields()

    def _fields(self) -> tuple:
        return self.rel, self.properties, self.frontmatter_error, self.links, self.region_problem, self.card_marks

    def __repr__(self) -> str:
        return f"IndexedNote({self.rel!r}, properties={self.properties!r})"


@dataclass
class VaultNotes:
    """Every file of a vault and the indexed facts of every note, in vault order."""

    root: Path
    files: list[str]                                  # every file, vault-relative, sorted
    notes: dict[str, IndexedNote] = field(default_factory=dict)
    read: int = 0                                     # notes read from disk by this run

    def note(self, rel: str) -> Note:
        """The whole note (text and body), read from disk now."""
        return read_note(self.root / rel, self.root)


def facts_of(note: Note) -> IndexedNote:
    """The indexed facts of a note read from disk."""
    return facts_of_text(note.rel, note.text, note.body, note.properties, note.frontmatter_error)


def facts_of_text(rel: str, text: str, body: str, properties: dict, frontmatter_error: str | None) -> IndexedNote:
    """The indexed facts of a note's text, given what `parse_note_text` made of it."""
    links = [["embed" if embed else "link", target, None] for embed, target in link_targets(body)]
    links += [["property", link.target, key] for key, link in iter_property_links(properties)]
    try:
        region_span(text)
        region_problem = None
    except VaultError as error:
        region_problem = f"{error.message}. {error.hint or ''}".strip()
    return IndexedNote(rel, properties, frontmatter_error, links, region_problem,
                       card_marks=_card_marks(body))


def release_parse_caches() -> None:
    """Let go of what reading notes keeps for speed (parsed wikilinks and property lines, 25 MB
    when full). A worker process that reads its share of a vault chunk by chunk calls it between
    chunks: each worker held its own, for no measurable gain in time."""
    parse_wikilink.cache_clear()
    forget_parsed_lines()


def _card_marks(body: str) -> bool:
    """Whether the body holds what any flashcard needs (more than it needs: the question is only
    which notes `export anki` must read again)."""
    return "::" in body or "==" in body or ("?" in body and _QUESTION_LINE.search("\n" + body) is not None)


def load_notes(root: Path, *, write: bool = True, progress: Progress = NULL_PROGRESS,
               workers: int | None = None) -> VaultNotes:
    """List the vault and bring the index up to date: notes whose size or mtime changed are read
    again (in several processes when there are many), the others come from the database.

    With `write=False` (dry runs) nothing is written: the database is only read, if at all.
    """
    with collector_paused():
        return _load_notes(Path(root), write, progress, workers)


def _load_notes(root: Path, write: bool, progress: Progress, workers: int | None) -> VaultNotes:
    files, stats = _list_vault(root)
    result = VaultNotes(root=root, files=files)
    store = _Store.open(root, write)
    try:
        cached, known = store.load(stats, root)
        stale = [rel for rel in stats if rel not in cached]
        fresh = dict(_read_facts(root, stale, progress, workers))
        result.read = len(stale)
        result.notes = {rel: cached.get(rel) or fresh[rel][0] for rel in stats}
        settled = time.time_ns() - SETTLE_NS
        store.save([(rel, *stats[rel], fresh[rel][1]) for rel in stale
                    if fresh[rel][1] is not None and stats[rel][1] < settled],
                   [rel for rel in known if rel not in stats])
    finally:
        store.close()
    return result


def _list_vault(root: Path) -> tuple[list[str], dict[str, tuple[int, int]]]:
    """(every file, vault-relative and sorted; (size, mtime_ns) of every note, in that order)."""
    files = [rel for rel, _ in walk_vault(root)]
    # os.stat after the walk, not the entries' stat: an entry keeps its stat, and a folder's
    # 40,000 entries with theirs were 30 MB at the peak for the same CPU
    base = str(root)
    stats: dict[str, tuple[int, int]] = {}
    for rel in files:
        if is_note(rel):
            try:
                stat = os.stat(os.path.join(base, rel))
            except OSError:
                continue
            stats[rel] = (stat.st_size, stat.st_mtime_ns)
    return files, stats


class NoteIndex:
    """The index for a command that needs the facts of only a few notes (`export anki`).

    `load_notes` holds every note's facts for the run; this lists the vault, walks the table row
    by row and decodes only the rows `unchanged` keeps, so memory does not grow with the vault.
    The notes whose facts must be read again are the caller's to read (it reads them anyway) and
    to hand back through `store`: on a first run each note is read once, not twice.
    """

    def __init__(self, root: Path, write: bool = True):
        self.root = Path(root)
        self.files, self.stats = _list_vault(self.root)
        self._store = _Store.open(self.root, write)
        self._gone: list[str] = []

    def __enter__(self) -> "NoteIndex":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def unchanged(self, types: tuple[str, ...],
                  wanted: Callable[[IndexedNote], bool]) -> tuple[set[str], set[str]]:
        """(the unchanged notes whose facts (links not loaded) are `wanted`, asked only of those
        that may have one of `types`, a flashcard's marks (or not known) or properties that did
        not parse; the notes whose facts must be read again: no row, a changed size or mtime, a
        damaged row). The rows of the other unchanged notes are not decoded at all."""
        kept: set[str] = set()
        stale = set(self.stats)
        for rel, size, mtime_ns, head in self._store.rows(types):
            if rel not in self.stats:
                self._gone.append(rel)
                continue
            if self.stats[rel] != (size, mtime_ns):
                continue
            if head is not None:
                try:
                    if wanted(decode_head(rel, head, self.root)):
                        kept.add(rel)
                except (TypeError, ValueError, KeyError):
                    continue
            stale.discard(rel)
        return kept, stale

    def store(self, facts: list[tuple[str, str | None]]) -> None:
        """Keep the stored form of facts read by the caller (None: they have none, see
        `encode_facts`), unless the note is too young to trust its mtime (see SETTLE_NS)."""
        settled = time.time_ns() - SETTLE_NS
        self._store.save([(rel, *self.stats[rel], text) for rel, text in facts
                          if text is not None and rel in self.stats and self.stats[rel][1] < settled], [])

    def close(self) -> None:
        self._store.save([], self._gone)
        self._gone = []
        self._store.close()


# -- reading notes ---------------------------------------------------------------------------

def _read_facts(root: Path, rels: list[str], progress: Progress,
                workers: int | None) -> Iterator[tuple[str, tuple[IndexedNote, str | None]]]:
    """(rel, (facts, their stored form or None when they cannot be stored exactly)) per note."""
    if not rels:
        return
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    progress.start(len(rels), "Reading notes")
    if workers <= 1 or len(rels) < PARALLEL_FROM:
        for rel in rels:
            yield rel, _read_one(str(root), rel)
            progress.advance()
    else:
        chunks = [rels[i:i + CHUNK] for i in range(0, len(rels), CHUNK)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=_process_context()) as pool:
            for chunk, results in zip(chunks, pool.map(_read_chunk, [str(root)] * len(chunks), chunks)):
                for rel, (facts, text) in zip(chunk, results):
                    yield rel, (facts or decode_facts(rel, text, root), text)
                progress.advance(len(chunk))
    progress.finish()


def _read_one(root: str, rel: str) -> tuple[IndexedNote, str | None]:
    text = read_note_text(os.path.join(root, rel))  # strings, not paths: 50,000 Path objects cost
    properties, body, error = parse_note_text(text)
    facts = facts_of_text(rel, text, body, properties, error)
    return facts, encode_facts(facts)


def _read_chunk(root: str, rels: list[str]) -> list[tuple[IndexedNote | None, str | None]]:
    """(None, stored form) per note, or (facts, None) when they have no stored form: the text
    crosses between processes a hundred times faster than the facts would be pickled."""
    return [(None, text) if text is not None else (facts, None)
            for facts, text in (_read_one(root, rel) for rel in rels)]


def _process_context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it (fast, and needs no importable `__main__`), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


# -- the stored form -------------------------------------------------------------------------

def encode_facts(facts: IndexedNote) -> str | None:
    """The facts as text: JSON of the properties (dates tagged) and problems, a newline (which
    compact JSON never holds), JSON of the links; or None when JSON cannot give them back exactly
    (YAML sets, binary values, non-text keys, a user's value that looks like a tagged date…):
    such a note is simply read again on every run."""
    try:
        head = {"p": _storable(facts.properties), "e": facts.frontmatter_error, "r": facts.region_problem,
                "c": facts.card_marks}
        return _compact(head) + "\n" + _compact(facts.links)
    except (TypeError, ValueError):
        return None


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def decode_facts(rel: str, text: str, root: Path | None = None) -> IndexedNote:
    """The facts `encode_facts` stored (links still as text); ValueError when the text is damaged."""
    head, newline, links = text.partition("\n")
    if not newline or not links.startswith("["):
        raise ValueError("not a note index entry")
    return decode_head(rel, head, root, links)


def decode_head(rel: str, head: str, root: Path | None = None, links_text: str | None = None) -> IndexedNote:
    """The facts of a stored form's first line; without `links_text` their links are read from
    the note itself if asked for (`root` needed). ValueError when the line is damaged."""
    data = json.loads(head, object_hook=_untag_date) if '{"$date' in head else json.loads(head)
    if not isinstance(data, dict) or not isinstance(data.get("p"), dict):
        raise ValueError("not a note index entry")
    marks = data.get("c")
    return IndexedNote(rel, data["p"], data.get("e"), None, data.get("r"), links_text=links_text, root=root,
                       card_marks=marks if isinstance(marks, bool) else None)


_DATE_TAGS = {"$date": dt.date.fromisoformat, "$date-time": dt.datetime.fromisoformat}


def _storable(value: Any) -> Any:
    """`value` with its dates tagged, such that `decode_facts` gives back an equal value; ValueError
    when no such form exists (checked here rather than by decoding: reading 50,000 notes twice costs)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not a JSON number")
        return value
    if kind is dict:
        if len(value) == 1 and next(iter(value)) in _DATE_TAGS:
            raise ValueError("a value that would read back as a date")
        if not all(type(key) is str for key in value):
            raise ValueError("a key that is not text")
        return {key: _storable(item) for key, item in value.items()}
    if kind is list:
        return [_storable(item) for item in value]
    if kind is dt.datetime:
        if value.tzinfo is not None and not isinstance(value.tzinfo, dt.timezone):
            raise ValueError("a time zone ISO text cannot name")
        return {"$date-time": value.isoformat()}
    if kind is dt.date:
        return {"$date": value.isoformat()}
    raise ValueError(f"{kind.__name__} has no JSON form")


def _untag_date(data: dict) -> Any:
    if len(data) == 1:
        (tag, value), = data.items()
        if tag in _DATE_TAGS and isinstance(value, str):
            return _DATE_TAGS[tag](value)
    return data


class _Store:
    """The `notes` table, or nothing: every failure to read or write it only costs speed."""

    def __init__(self, database: Database | None, connection: sqlite3.Connection | None, writable: bool):
        self._database = database
        self._connection = connection
        self._writable = writable

    @classmethod
    def open(cls, root: Path, write: bool) -> "_Store":
        folder = root / STATE_FOLDER
        if write and folder.is_dir():
            database = Database.in_folder(folder)
            try:
                return cls(database, database.connection, True)
            except (VaultkitError, sqlite3.Error, OSError):
                database.close()
        path = folder / FILE_NAME
        if path.is_file():
            try:
                # immutable: no -wal or -shm file is created; a row it misses is only read again
                connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
                return cls(None, connection, False)
            except sqlite3.Error:
                pass
        return cls(None, None, False)

    def load(self, stats: dict[str, tuple[int, int]], root: Path) -> tuple[dict[str, IndexedNote], set[str]]:
        """(facts of the notes whose size and mtime are unchanged, every path in the table)."""
        cached: dict[str, IndexedNote] = {}
        known: set[str] = set()
        if self._connection is None:
            return cached, known
        try:
            rows = self._connection.execute("SELECT path, size, mtime_ns, facts FROM notes").fetchall()
        except sqlite3.Error:
            return cached, known
        for rel, size, mtime_ns, text in rows:
            known.add(rel)
            if stats.get(rel) == (size, mtime_ns):
                try:
                    cached[rel] = decode_facts(rel, text, root)
                except (TypeError, ValueError, KeyError):
                    continue  # a damaged row: the note is read again and the row replaced
        return cached, known

    def rows(self, types: tuple[str, ...]) -> Iterator[tuple[str, int, int, str | None]]:
        """(path, size, mtime_ns, first line of the stored form or None) of every row, the line
        only where it may say one of `types`, a flashcard's marks or properties that did not parse
        (or is damaged): SQLite tells the others apart from their text without Python decoding it.
        The test is looser than the exact one, never stricter: LIKE ignores ASCII case, and no
        other letter lowercases to one of "concept" or "principle"'s."""
        if self._connection is None:
            return
        head = "substr(facts, 1, instr(facts, char(10)) - 1)"
        keep = " OR ".join([f"substr({head}, -11) != ',\"c\":false}}'",     # marks, or not known
                            f"instr({head}, ',\"e\":null,\"r\":') = 0"]     # properties did not parse
                           + [f"{head} LIKE ?" for _ in types])
        try:
            yield from self._connection.execute(
                f"SELECT path, size, mtime_ns, CASE WHEN {keep} THEN {head} END FROM notes",
                [f"%{kind}%" for kind in types])
        except sqlite3.Error:
            return

    def save(self, rows: list[tuple[str, int, int, str]], gone: list[str]) -> None:
        if not self._writable or not (rows or gone):
            return
        try:
            with self._connection:
                self._connection.executemany(
                    "INSERT OR REPLACE INTO notes (path, size, mtime_ns, facts) VALUES (?, ?, ?, ?)", rows)
                self._connection.executemany("DELETE FROM notes WHERE path = ?", [(rel,) for rel in gone])
        except sqlite3.Error:
            pass  # read-only after all, or busy for too long: the next run tries again

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
        elif self._connection is not None:
            self._connection.close()
