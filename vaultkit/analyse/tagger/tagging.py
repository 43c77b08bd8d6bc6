"""`vaultkit tag`: label the principle notes of a vault, never touching a value the user set.

For each axis the note's property is the user's unless it is empty or still holds exactly what
vaultkit last wrote there (recorded in `.vaultkit/tagger.json`). vaultkit adds one
`principle/<label>` tag per labelled axis and only ever removes tags it added itself.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from vaultkit.analyse.tagger.detect import Detection, detect_principle, override_value
from vaultkit.analyse.tagger.extract import Principle, extract_principle
from vaultkit.analyse.tagger.model import TaggerModel, classify
from vaultkit.analyse.tagger.select import choose_model
from vaultkit.analyse.tagger.state import NoteRecord, TaggerState
from vaultkit.analyse.tagger.writer import NoteWrite, NoteWriter
from vaultkit.errors import ConfigError
from vaultkit.model.properties import AXES, UNCERTAIN
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.vault.folder import STATE_FOLDER, require_vault_folder
from vaultkit.vault.index import IndexedNote, load_notes
from vaultkit.vault.lock import vault_lock
from vaultkit.vault.notes import Note, read_note, set_properties
from vaultkit.vault.scan import in_folder, templates_folder

TAG_PREFIX = "principle/"


@dataclass
class NoteOutcome:
    """What happened to one note. `status`: tagged (written), unchanged, or skipped."""

    rel: str
    status: str
    labels: dict[str, str] = field(default_factory=dict)       # the model's answer per axis
    values: dict[str, Any] = field(default_factory=dict)       # the note's values after the run
    user_kept: list[str] = field(default_factory=list)         # axes left alone because the user set them
    reason: str = ""
    detection: Detection | None = None                          # concepts: principle or topic, and why

    def to_json(self) -> dict:
        extra = {"reason": self.reason} if self.reason else {}
        if self.detection is not None:
            extra["detection"] = self.detection.to_json()
        return {"note": self.rel, "status": self.status, "labels": self.labels, "values": self.values,
                "user_kept": self.user_kept, **extra}


@dataclass
class TagReport:
    """The result of tagging a vault."""

    notes: list[NoteOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    model_id: str = ""

    def count(self, status: str) -> int:
        return sum(n.status == status for n in self.notes)

    @property
    def topics(self) -> int:
        """Concept notes that name a topic rather than state a principle: no axis labels."""
        return sum(n.status in ("topic", "untagged") for n in self.notes)

    @property
    def user_kept(self) -> int:
        """Axis values kept because the user set them."""
        return sum(len(n.user_kept) for n in self.notes)

    @property
    def uncertain(self) -> int:
        """Notes with at least one axis the model abstained on."""
        return sum(UNCERTAIN in n.labels.values() for n in self.notes)

    def summary(self) -> dict:
        return {"tagged": self.count("tagged"), "unchanged": self.count("unchanged"),
                "user_set_kept": self.user_kept, "uncertain": self.uncertain,
                "skipped": self.count("skipped"), "topics": self.topics,
                "untagged": self.count("untagged")}

    def to_json(self) -> dict:
        return {"dry_run": self.dry_run, "model_id": self.model_id, "summary": self.summary(),
                "warnings": self.warnings, "notes": [n.to_json() for n in self.notes]}


def note_key(note: Note | IndexedNote) -> str:
    """The state key of a note: its `lw_id` when present (survives renames), else its path."""
    lw_id = note.properties.get("lw_id")
    return f"id:{lw_id}" if isinstance(lw_id, str) and lw_id else f"path:{note.rel}"


TEMPLATE_PLACEHOLDERS = ("{{title}}", "{{date", "{{time", "<%")


def is_template(note: Note, folder: str | None) -> bool:
    """A template for new notes (in the Templates folder, or with unfilled placeholders): tagging
    it would copy vaultkit's values into every note made from it, where they would look like yours."""
    return in_folder(note.rel, folder) or any(marker in note.text for marker in TEMPLATE_PLACEHOLDERS)


def is_candidate(note: Note | IndexedNote, concepts: bool) -> bool:
    """Principle notes (unless `principle: false`) and, with `concepts`, concept notes; the
    detector then decides which concepts state a principle. Conflict copies never."""
    if "lw_conflict_of" in note.properties:
        return False
    kind = note.properties.get("type")
    if kind == "principle":
        return override_value(note.properties) is not False
    return concepts and kind == "concept"


def detect_note(note: Note) -> Detection | None:
    """For a concept note: whether it states a principle, from its name and definition (or the
    user's `principle` property). None for the user's principle notes, which always are."""
    if note.properties.get("type") != "concept":
        return None
    principle = extract_principle(note)
    return detect_principle(principle.name, principle.statement, override=override_value(note.properties))


def statement_hash(statement: str) -> str:
    """What a record remembers of the statement it was made from: the first 16 hex of its sha256."""
    return hashlib.sha256(statement.encode("utf-8")).hexdigest()[:16]


def _orphans(state: TaggerState, existing: set[str]) -> dict[str, list[str]]:
    """Keys of the records whose `path:` names none of the `existing` notes, by statement hash."""
    orphans: dict[str, list[str]] = {}
    for key, record in state.notes.items():
        if key.startswith("path:") and key.removeprefix("path:") not in existing and record.statement_hash:
            orphans.setdefault(record.statement_hash, []).append(key)
    return orphans


def take_over_records(state: TaggerState, notes: Iterable[Note], existing: set[str]) -> dict[str, str]:
    """Give a renamed or moved note the record it had under its old path; returns {new key: old key}.

    A record is orphaned when its key is a `path:` that names none of the `existing` notes (vault-
    relative paths). A note of `notes` without a record of its own takes over the orphaned record
    made from the same statement, when exactly one orphan and exactly one such note share that
    statement; otherwise (none, or ambiguous) nothing moves and the note's values stay the user's,
    as they would without a record. `notes` is read only when there are orphans.
    """
    orphans = _orphans(state, existing)
    if not orphans:
        return {}
    claimants: dict[str, list[str]] = {}
    for note in notes:
        key = note_key(note)
        if note.frontmatter_error or key in state.notes:
            continue
        statement = extract_principle(note).statement
        if statement:
            claimants.setdefault(statement_hash(statement), []).append(key)
    moved: dict[str, str] = {}
    for digest, keys in claimants.items():
        old = orphans.get(digest, [])
        if len(old) == 1 and len(keys) == 1:
            state.notes[keys[0]] = state.notes.pop(old[0])
            moved[keys[0]] = old[0]
    return moved


def candidate_notes(vault: Path, indexed: Iterable[IndexedNote], concepts: bool) -> list[Note]:
    """The notes `tag_vault` goes through (principles, concepts with `concepts`, and notes whose
    properties do not parse), templates left out. The index says which; only those are read whole."""
    folder = templates_folder(vault)
    return [n for n in (read_note(vault / i.rel, vault) for i in indexed
                        if (is_candidate(i, concepts) or i.frontmatter_error)
                        and not in_folder(i.rel, folder))
            if (is_candidate(n, concepts) or n.frontmatter_error) and not is_template(n, folder)]


def find_record(vault: Path, note: Note, state: TaggerState) -> NoteRecord | None:
    """The record `tag_vault` would use for `note`: its own, or the one it would take over after a
    rename or a move. Reads the vault and changes nothing on disk (`--explain`)."""
    key = note_key(note)
    if key in state.notes:
        return state.notes[key]
    statement = extract_principle(note).statement
    if not statement:
        return None
    indexed = list(load_notes(vault, write=False).notes.values())
    existing = {i.rel for i in indexed}
    if statement_hash(statement) not in _orphans(state, existing):
        return None  # no orphan it could take over: spare reading every candidate note
    take_over_records(state, candidate_notes(vault, indexed, concepts=True), existing)
    return state.notes.get(key)


def _fingerprint(principle: Principle, model: TaggerModel, threshold: float | None) -> str:
    parts = [principle.name, principle.statement, model.model_id, repr(threshold)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _current_tags(properties: dict) -> list[str]:
    tags = properties.get("tags")
    if tags is None:
        return []
    if isinstance(tags, str):
        return [t for t in tags.replace(",", " ").split() if t]
    if isinstance(tags, list):
        return [str(t) for t in tags if t is not None]
    return [str(tags)]


def merge_values(properties: dict, labels: dict[str, str], record: NoteRecord | None,
                 ) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """Decide each axis value: (updates to write, axes kept as the user's, values now vaultkit's).

    A value is vaultkit's to change only when the property is empty and vaultkit never wrote it, or
    when it still equals what vaultkit last wrote. Without a record (first run, or a corrupt state
    file) every non-empty value is the user's.
    """
    updates: dict[str, str] = {}
    user_kept: list[str] = []
    owned: dict[str, str] = {}
    written = record.written if record else {}
    for axis in AXES:
        current = properties.get(axis)
        previous = written.get(axis)
        if _is_empty(current) and previous is None:
            mine = True
        elif previous is not None and not _is_empty(current) and current == previous:
            mine = True
        else:
            mine = False  # typed by hand, or a value vaultkit wrote that the user then cleared
        if not mine:
            user_kept.append(axis)
            continue
        owned[axis] = labels[axis]
        if current != labels[axis]:
            updates[axis] = labels[axis]
    return updates, user_kept, owned


def merge_tags(current: list[str], effective: dict[str, Any], record: NoteRecord | None,
               ) -> tuple[list[str] | None, list[str]]:
    """The new `tags` list (None when unchanged) and the tags vaultkit now owns.

    The user's tags keep their order; a tag vaultkit added and the user removed is not re-added."""
    wanted = [f"{TAG_PREFIX}{value}" for axis, value in effective.items()
              if isinstance(value, str) and value in AXES[axis]]
    previously_added = set(record.tags) if record else set()
    lowered = {t.lower() for t in current}
    keep = [t for t in current if t not in previously_added or t in wanted]
    # Still vaultkit's, even when the user deleted it: remembering it stops vaultkit re-adding it.
    owned = [t for t in wanted if t in previously_added]
    for tag in wanted:
        if tag.lower() in lowered or tag in previously_added:
            continue  # the user's already, or removed by the user after vaultkit added it
        keep.append(tag)
        owned.append(tag)
    return (None if keep == current else keep), owned


def _adopted(properties: dict[str, Any], labels: dict[str, str]) -> NoteRecord:
    """After a corrupt state file: the values equal to the model's answer are taken as the
    tagger's own (they are what it would write), so they do not turn into "set by you" forever."""
    written = {axis: value for axis, value in labels.items() if properties.get(axis) == value}
    tags = [f"{TAG_PREFIX}{value}" for value in written.values()
            if f"{TAG_PREFIX}{value}" in _current_tags(properties)]
    return NoteRecord(written=written, tags=tags)


NO_STATEMENT = ("it has no statement to label: write one in its `statement` property (or as the "
                "note's first paragraph) and run again")


def _tag_note(note: Note, key: str, state: TaggerState, model: TaggerModel, threshold: float | None,
              writer: NoteWriter | None) -> NoteOutcome:
    """Decide one note's new values and hand the new text to `writer` (None: a dry run)."""
    principle = extract_principle(note)
    if not principle.statement:  # nothing to read: three `uncertain` values would only be noise
        return NoteOutcome(note.rel, "skipped", reason=NO_STATEMENT)
    record = state.notes.get(key)
    fingerprint = _fingerprint(principle, model, threshold)
    if record is not None and record.fingerprint == fingerprint and set(record.labels) == set(AXES):
        labels = dict(record.labels)
    else:
        labels = classify(principle.name, principle.statement, model=model, threshold=threshold).labels()
    if record is None and state.warning:
        record = _adopted(note.properties, labels)
    updates, user_kept, owned_values = merge_values(note.properties, labels, record)
    effective = {axis: updates.get(axis, note.properties.get(axis)) for axis in AXES}
    new_tags, owned_tags = merge_tags(_current_tags(note.properties), effective, record)
    if new_tags is not None:
        updates["tags"] = new_tags
    status = "tagged" if updates else "unchanged"
    if updates and writer is not None:
        writer.submit(NoteWrite(note.path, set_properties(note.text, updates), undo=(key, record)))
    state.notes[key] = NoteRecord(written=owned_values, tags=owned_tags, fingerprint=fingerprint,
                                  labels=labels, statement_hash=statement_hash(principle.statement))
    return NoteOutcome(note.rel, status, labels, effective, user_kept)


def _untag_topic(note: Note, key: str, state: TaggerState, detection: Detection,
                 writer: NoteWriter | None) -> NoteOutcome:
    """A topic gets no axis labels: values and tags vaultkit wrote earlier (e.g. by an older
    `--concepts` run) are taken back when they still hold what vaultkit wrote; the user's stay."""
    record = state.notes.pop(key, None)
    if record is None:
        return NoteOutcome(note.rel, "topic", detection=detection)
    remove = [axis for axis, value in record.written.items() if note.properties.get(axis) == value]
    updates: dict[str, Any] = {}
    current = _current_tags(note.properties)
    kept_tags = [t for t in current if t not in record.tags]
    if kept_tags != current:
        updates["tags"] = kept_tags
    if not remove and not updates:
        return NoteOutcome(note.rel, "topic", detection=detection)
    if writer is not None:
        writer.submit(NoteWrite(note.path, set_properties(note.text, updates, remove), undo=(key, record)))
    values = {axis: note.properties.get(axis) for axis in AXES if axis not in remove}
    return NoteOutcome(note.rel, "untagged", values=values, detection=detection)


def _encode_ahead(candidates: list[Note], state: TaggerState, model: TaggerModel,
                  threshold: float | None) -> None:
    """With a model that weighs the sentence encoder: encode, in batches, the statements that will be
    classified (the encoder caches them), so notes are not encoded one at a time. Concepts that name
    a topic are never classified, so they are not encoded (with every wiki tag synced, most are)."""
    if model.encoder is None:
        return
    from vaultkit.analyse.tagger.sentence import encoder

    statements = []
    for note in candidates:
        if note.frontmatter_error:
            continue
        detection = detect_note(note)
        if detection is not None and not detection.is_principle:
            continue
        principle = extract_principle(note)
        record = state.notes.get(note_key(note))
        if principle.statement and (record is None or record.fingerprint != _fingerprint(principle, model, threshold)):
            statements.append(principle.statement.strip())
    loaded = encoder()
    if loaded is not None and statements:
        loaded.encode(statements)


def tag_vault(vault: Path, *, concepts: bool = True, dry_run: bool = False,
              threshold: float | None = None, model: TaggerModel | None = None,
              progress: Progress = NULL_PROGRESS, encoder: str | None = None) -> TagReport:
    """Tag every principle note of `vault`, and (with `concepts`) the concept notes detected as
    principles; concepts that name a topic get no labels.

    Without `model`, the sentence encoder's weights when the `embeddings` extra is installed and
    `encoder` (vaultkit.toml's `[tag] encoder`, overridden by `$VAULTKIT_TAG_ENCODER`) is not "off",
    else the default weights (`select.py`).

    Writes only notes whose values change, plus `.vaultkit/tagger.json`; with `dry_run` nothing is
    written. Re-running on unchanged notes writes nothing.
    """
    vault = require_vault_folder(vault, "vaultkit tag")
    if threshold is not None and not 0.5 <= threshold <= 1.0:
        raise ConfigError(f"--threshold must be between 0.5 and 1.0, not {threshold}.",
                          hint="Labels with a confidence below the threshold become `uncertain`.")
    # A sync rewriting the same notes at the same time would race the tagger's splices.
    guard = contextlib.nullcontext() if dry_run else vault_lock(vault / STATE_FOLDER)
    with guard:
        model = model or choose_model(encoder)
        state = TaggerState.load(vault)
        report = TagReport(dry_run=dry_run, model_id=model.model_id)
        if state.warning:
            report.warnings.append(state.warning)
        indexed = load_notes(vault, write=not dry_run).notes.values()
        candidates = candidate_notes(vault, indexed, concepts)
        # Before any value is merged: a renamed or moved note gets back the record of what vaultkit
        # wrote to it, else every one of those values would count as the user's from now on.
        take_over_records(state, candidates, {i.rel for i in indexed})
        _encode_ahead(candidates, state, model, threshold)
        progress.start(len(candidates), "Tagging principles")
        writer = None if dry_run else NoteWriter()
        try:
            for note in candidates:
                if note.frontmatter_error:
                    if "type: \"principle\"" in note.text or "type: principle" in note.text:
                        report.notes.append(NoteOutcome(note.rel, "skipped", reason=note.frontmatter_error))
                        report.warnings.append(f"{note.rel}: skipped, its properties are not valid YAML "
                                               f"({note.frontmatter_error}). Fix them in Obsidian and run again.")
                else:
                    detection = detect_note(note)
                    if detection is not None and not detection.is_principle:
                        report.notes.append(_untag_topic(note, note_key(note), state, detection, writer))
                    else:
                        outcome = _tag_note(note, note_key(note), state, model, threshold, writer)
                        outcome.detection = detection
                        report.notes.append(outcome)
                        if outcome.status == "skipped":
                            report.warnings.append(f"{note.rel}: skipped, {outcome.reason}")
                progress.advance()
            # only now, after the takeovers: records of notes that are gone
            present = {note_key(n) for n in indexed}
            state.notes = {k: v for k, v in state.notes.items() if k in present}
            if writer is not None:
                writer.wait(progress)
            else:
                progress.finish()
        finally:
            if writer is not None:
                writer.close()
                # A note that was not written must not be recorded as holding vaultkit's new values.
                for write in writer.unwritten():
                    key, previous = write.undo
                    if previous is None:
                        state.notes.pop(key, None)
                    else:
                        state.notes[key] = previous
                state.save(vault)
        return report
