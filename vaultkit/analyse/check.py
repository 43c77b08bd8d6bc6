"""`vaultkit check`: find what would confuse Obsidian, a sync, or the person reading the vault.

Each finding is a `Problem` with a kind:

    unresolved-link     a wikilink (body or property) whose target is no file of the vault
    invalid-frontmatter the properties block is not valid YAML, so Obsidian ignores all of it
    type-mismatch       a property value of another type than the key has across the vault
    invalid-value       a value outside its vocabulary, an invalid tag, a deprecated key
    unsafe-name         a file or folder name that breaks links or some platform
    name-collision      two paths that differ only by case or Unicode normalisation
    conflict            a sync conflict copy (`lw_conflict_of`) waiting for the user
    duplicate-id        two notes with the same `lw_id` (sync would not know which is which)
    region              unbalanced `%% vaultkit:begin %%` / `%% vaultkit:end %%` markers
    invalid-settings    `vaultkit.toml` or `.obsidian/types.json` cannot be read (defaults are used)
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from vaultkit.analyse.graph import CachedResolver, note_links
from vaultkit.vault.folder import require_vault_folder
from vaultkit.model.properties import ALLOWED_VALUES, OBSIDIAN_TYPES
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.vault.index import IndexedNote, collector_paused, load_notes
from vaultkit.vault.settings_files import unreadable_settings
from vaultkit.vault.scan import templates_folder

KINDS = ("unresolved-link", "invalid-frontmatter", "type-mismatch", "invalid-value", "unsafe-name",
         "name-collision", "conflict", "duplicate-id", "region", "invalid-settings")
LINK_KEYS = ("author", "coauthors", "sequence", "collection", "book", "prev", "next")
DEPRECATED_KEYS = {"tag": "tags", "alias": "aliases", "cssclass": "cssclasses"}
CONFLICT_KEY = "lw_conflict_of"
# Keys whose vocabulary binds only the notes vaultkit writes: on your own notes the values are yours
USER_VOCABULARY = frozenset({"type"})

# Obsidian's property type ids -> the Python values that fit them (None: an empty value always fits)
_TYPE_CHECKS = {
    "text": lambda v: isinstance(v, str),
    "multitext": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    "aliases": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    "tags": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "checkbox": lambda v: isinstance(v, bool),
    "date": lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
    "datetime": lambda v: isinstance(v, dt.date),
}
_UNSAFE_CHARS = re.compile('[\\\\?<>:*|"\\[\\]#^\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|%%|\\$')
_WINDOWS_DEVICES = re.compile(r"(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?")
_TAG_FORBIDDEN = re.compile("[\u2000-\u206f\u2e00-\u2e7f'!\"#$%&()*+,.:;<=>?@^`{|}~\\[\\]\\\\\\s]")
MAX_NAME_BYTES = 240


@dataclass(frozen=True)
class Problem:
    """One finding: what kind, where, and what to do about it."""

    kind: str
    path: str
    message: str
    key: str | None = None


@dataclass
class CheckReport:
    """Everything `check_vault` found."""

    notes: int
    files: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        counts = Counter(p.kind for p in self.problems)
        return {kind: counts[kind] for kind in KINDS if counts[kind]}

    def to_dict(self) -> dict:
        return {"ok": self.ok, "notes": self.notes, "files": self.files, "counts": self.counts(),
                "problems": [asdict(p) for p in self.problems]}


@collector_paused()  # tens of thousands of notes' facts: see its docstring
def check_vault(root: Path, *, progress: Progress = NULL_PROGRESS, write_index: bool = True) -> CheckReport:
    """Check every note and file name of the vault at `root`, from its note index (see
    `vaultkit.vault.index`; `write_index=False` leaves the index on disk as it is)."""
    root = Path(root)
    require_vault_folder(root, "vaultkit check")
    vault = load_notes(root, write=write_index, progress=progress)
    files = vault.files
    note_paths = list(vault.notes)
    resolver = CachedResolver(files)
    declared = {**OBSIDIAN_TYPES, **_declared_types(root)}
    problems: list[Problem] = list(_name_problems(files))
    problems += [Problem("invalid-settings", rel, f"cannot be read: {why}; defaults are used until "
                         "it is fixed.") for rel, why in unreadable_settings(root)]
    ids: dict[str, list[str]] = defaultdict(list)
    conflicts: list[tuple[str, str]] = []
    observed: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    templates = templates_folder(root)
    progress.start(len(note_paths), "Checking notes")
    for rel, note in vault.notes.items():
        if templates and rel.startswith(templates + "/"):
            # templates hold placeholders ({{title}}, empty links) until a note is made from them
            problems += _template_problems(note)
            progress.advance()
            continue
        problems += _note_problems(note, resolver, declared)
        for key, value in note.properties.items():
            if key not in declared and value is not None:
                observed[key][_kind_of(value)].append(rel)
        lw_id = note.properties.get("lw_id")
        if isinstance(lw_id, str) and lw_id:
            ids[lw_id].append(rel)
        conflict_of = note.properties.get(CONFLICT_KEY)
        if conflict_of:
            conflicts.append((rel, str(conflict_of)))
        progress.advance()
    progress.finish()
    problems += _inferred_type_problems(observed)
    for lw_id, paths in sorted(ids.items()):
        if len(paths) > 1:
            problems += [Problem("duplicate-id", p, f"lw_id {lw_id!r} is also used by "
                                 f"{', '.join(q for q in paths if q != p)}; keep one note per id "
                                 "(merge them, or delete the copy).", "lw_id") for p in paths]
    for rel, lw_id in conflicts:
        original = ids.get(lw_id, [])
        against = f" against {original[0]}" if original else ""
        problems.append(Problem("conflict", rel, f"sync conflict for lw_id {lw_id!r}: compare it{against}, "
                                "keep what you want, then delete this copy.", CONFLICT_KEY))
    problems.sort(key=lambda p: (KINDS.index(p.kind), p.path, p.key or "", p.message))
    return CheckReport(notes=len(note_paths), files=len(files), problems=problems)


def _template_problems(note: IndexedNote) -> list[Problem]:
    """Only what breaks a template itself: YAML that does not parse and unbalanced markers."""
    return [p for p in _note_problems(note, None, {}) if p.kind in ("invalid-frontmatter", "region")]


def _declared_types(root: Path) -> dict[str, str]:
    """Property types pinned in `.obsidian/types.json` (unreadable files are ignored)."""
    try:
        data = json.loads((root / ".obsidian" / "types.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    types = data.get("types") if isinstance(data, dict) else None
    if not isinstance(types, dict):
        return {}
    return {str(k): v for k, v in types.items() if isinstance(v, str) and v in _TYPE_CHECKS}


def _note_problems(note: IndexedNote, resolver: CachedResolver | None,
                   declared: dict[str, str]) -> list[Problem]:
    rel, props = note.rel, note.properties
    problems = []
    if note.frontmatter_error:
        problems.append(Problem("invalid-frontmatter", rel, f"{note.frontmatter_error}; Obsidian shows "
                                "none of this note's properties until the YAML is fixed (quote values "
                                "that contain ': ' or start with a special character)."))
    resolve = resolver.from_note(rel) if resolver else None
    for _kind, target, key in note_links(note) if resolver else ():
        if resolve(target) is None:
            where = f"property {key!r}" if key else "the body"
            problems.append(Problem("unresolved-link", rel, f"[[{target}]] in {where} points to no "
                                    "note; create the note or fix the link.", key))
    forum_note = bool(props.get("lw_id"))
    for key, value in props.items():
        problems += _property_problems(rel, key, value, declared.get(key),
                                       vocabulary=forum_note or key not in USER_VOCABULARY)
    if note.region_problem:
        problems.append(Problem("region", rel, note.region_problem))
    return problems


def _property_problems(rel: str, key: str, value: Any, expected: str | None, *,
                       vocabulary: bool = True) -> list[Problem]:
    if key in DEPRECATED_KEYS:
        return [Problem("invalid-value", rel, f"{key!r} is no longer read by Obsidian (dropped in 1.9); "
                        f"rename it to {DEPRECATED_KEYS[key]!r} as a list.", key)]
    if isinstance(value, dict):
        return [Problem("type-mismatch", rel, f"{key!r} holds nested keys, which Obsidian shows as a type "
                        "mismatch; use flat keys.", key)]
    if value is None:
        return []
    if expected is not None and not _TYPE_CHECKS[expected](value):
        hint = " (write links as quoted text: \"[[Note]]\")" if _looks_like_bare_link(value) else ""
        return [Problem("type-mismatch", rel, f"{key!r} should be {expected} but is "
                        f"{_kind_of(value)}: {_short(value)}{hint}.", key)]
    allowed = ALLOWED_VALUES.get(key) if vocabulary else None
    if allowed and isinstance(value, str) and value not in allowed:
        return [Problem("invalid-value", rel, f"{key!r} is {value!r}; use one of: "
                        f"{', '.join(allowed)}.", key)]
    if key == "tags" and isinstance(value, list):
        return [Problem("invalid-value", rel, f"tag {tag!r} is not a valid Obsidian tag ({reason}).", key)
                for tag in value if (reason := tag_problem(tag))]
    if key in LINK_KEYS:
        items = value if isinstance(value, list) else [value]
        return [Problem("invalid-value", rel, f"{key!r} should be a quoted wikilink like \"[[Name]]\", "
                        f"not {item!r}.", key)
                for item in items if isinstance(item, str) and item and not item.startswith("[[")]
    return []


def tag_problem(tag: str) -> str | None:
    """Why `tag` is not a valid Obsidian tag, or None when it is."""
    if not tag:
        return "empty"
    if tag.startswith("#"):
        return "tags in properties are written without '#'"
    bad = _TAG_FORBIDDEN.search(tag)
    if bad:
        return f"it contains {bad.group(0)!r}"
    if tag.replace("/", "").isdigit():
        return "it needs at least one character that is not a digit"
    return None


def _looks_like_bare_link(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and isinstance(value[0], list)


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "checkbox"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _inferred_type_problems(observed: dict[str, dict[str, list[str]]]) -> list[Problem]:
    """For keys outside the contract: notes whose value type differs from the key's usual type."""
    problems = []
    for key, by_kind in observed.items():
        if len(by_kind) < 2:
            continue
        usual = max(by_kind, key=lambda kind: (len(by_kind[kind]), kind))
        for kind, paths in by_kind.items():
            if kind != usual:
                problems += [Problem("type-mismatch", p, f"{key!r} is {kind} here but {usual} in "
                                     f"{len(by_kind[usual])} other notes; Obsidian gives a key one type "
                                     "across the vault.", key) for p in paths]
    return problems


def _name_problems(files: list[str]) -> list[Problem]:
    problems = []
    seen_folders: set[str] = set()
    for rel in files:
        parts = rel.split("/")
        for depth, part in enumerate(parts):
            path = "/".join(parts[:depth + 1])
            if depth < len(parts) - 1:
                if path in seen_folders:
                    continue
                seen_folders.add(path)
            reason = name_problem(part, is_note=depth == len(parts) - 1 and part.lower().endswith(".md"))
            if reason:
                what = "folder" if depth < len(parts) - 1 else "file"
                problems.append(Problem("unsafe-name", path, f"the {what} name {part!r} {reason}; "
                                        "rename it in Obsidian so that links are updated."))
    folded: dict[str, list[str]] = defaultdict(list)
    for rel in files:
        folded[unicodedata.normalize("NFC", rel).casefold()].append(rel)
    for paths in folded.values():
        if len(paths) > 1:
            problems += [Problem("name-collision", p, f"differs from {', '.join(q for q in paths if q != p)} "
                                 "only by case or Unicode form; macOS and Windows see one file. Rename one.")
                         for p in paths]
    return problems


def name_problem(name: str, *, is_note: bool = False) -> str | None:
    """Why a file or folder name is unsafe (see the Obsidian reference, file names), or None."""
    stem = name[:-3] if is_note else name
    bad = _UNSAFE_CHARS.search(stem)
    if bad:
        return f"contains {bad.group(0)!r}, which breaks links or is not allowed on every platform"
    if unicodedata.normalize("NFC", name) != name:
        return "is not in Unicode NFC form"
    if stem != stem.strip(" ") or stem.endswith(".") or name.startswith("."):
        return "starts or ends with a space or a dot"
    if _WINDOWS_DEVICES.fullmatch(stem):
        return "is a reserved device name on Windows"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"is longer than {MAX_NAME_BYTES} bytes"
    return None
