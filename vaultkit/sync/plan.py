"""Deciding what to do with one note: create, update, leave alone, or report a conflict.

The rules (obsidian.md §7): vaultkit owns its property keys and the region between the markers;
everything else belongs to the user. A region whose hash is not one vaultkit wrote was edited by
the user, so the new upstream version goes to a conflict copy beside the note instead (unless
`force`). `status` is set only when a note is created; `synced` changes only when the note does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from vaultkit.render.notes import RenderedNote
from vaultkit.vault.notes import format_properties, parse_properties, set_properties, split_frontmatter
from vaultkit.vault.regions import RegionError, content_hash, region_text, replace_region

# Keys vaultkit writes after the kind-specific ones, in this order.
LIST_KEYS = ("aliases", "tags")


@dataclass
class Action:
    """What the sync will do with one note."""

    lw_id: str
    kind: str
    op: str                      # create | update | unchanged | conflict | skipped | tombstoned
    path: str                    # vault-relative path of the note
    text: str | None = None      # the note's new text (create, update)
    conflict_path: str | None = None
    conflict_text: str | None = None
    # an earlier conflict copy this action settles (resolved, or replaced by a newer upstream
    # version): (its path, the hash of the bytes vaultkit wrote there)
    old_copy: tuple[str, str | None] | None = None
    reason: str = ""
    entry: dict[str, Any] = field(default_factory=dict)  # the state entry once applied

    @property
    def writes(self) -> bool:
        return self.text is not None or self.conflict_text is not None


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def merged_list(existing: Any, ours_before: list[str], desired: list[str], *,
                keep_ours: bool = False) -> list:
    """The user's list with vaultkit's items brought up to date.

    Items vaultkit added earlier and no longer wants are removed (unless `keep_ours`), the user's
    items stay in their order, and new items are appended.
    """
    result = [x for x in _as_list(existing) if keep_ours or x not in ours_before or x in desired]
    result += [d for d in desired if d not in result]
    return result


def owned_properties(note: RenderedNote) -> dict[str, Any]:
    """The kind-specific keys worth writing (no empty values, no false `lw_deleted`)."""
    return {k: v for k, v in note.properties.items()
            if v is not None and v != [] and not (k == "lw_deleted" and v is False)}


# The last line of every region vaultkit writes: the hash of the lines above it, so that a note
# whose `.vaultkit/` state was lost still tells vaultkit's own text from the user's edits.
# An Obsidian comment: invisible in reading view. Checked only when the state has no hash.
_SEAL = re.compile(r"%% vaultkit:sha256 ([0-9a-f]{64}) %%\n\Z")


def region_inner(region: str) -> str:
    """The text between the markers: the region, then its seal line."""
    if not region:
        return ""
    body = region + "\n"
    return f"{body}%% vaultkit:sha256 {content_hash(body)} %%\n"


def sealed_by_vaultkit(inner: str) -> bool:
    """Whether `inner` ends with a seal that matches the lines above it (not edited since)."""
    seal = _SEAL.search(inner)
    return seal is not None and content_hash(inner[:seal.start()]) == seal.group(1)


def render_new_note(note: RenderedNote, path: str, today: dt.date, *,
                    conflict_of: bool = False) -> str:
    """The whole text of a note vaultkit creates (or of a conflict copy)."""
    props = owned_properties(note)
    if conflict_of:
        props = {"lw_conflict_of": props.pop("lw_id"), **props}
    stem = path.rsplit("/", 1)[-1][:-3]
    props["aliases"] = [a for a in note.list_items["aliases"] if a != stem]
    props["tags"] = list(note.list_items["tags"])
    props["status"] = "to-read" if note.kind == "post" and not conflict_of else None
    props["synced"] = today
    props = {k: v for k, v in props.items() if v is not None}
    return replace_region(format_properties(props), region_inner(note.region))


def conflict_path_for(path: str, today: dt.date) -> str:
    return f"{path[:-3]} (conflict {today.isoformat()}).md"


def plan_note(note: RenderedNote, entry: dict[str, Any], path: str, existing: str | None,
              today: dt.date, *, force: bool = False, copy_exists: bool = True) -> Action:
    """Decide what to do with `note`, whose file is `path` and holds `existing` (None: absent).

    `copy_exists`: whether the conflict copy recorded in `entry` is still in the vault (a user who
    deleted it has seen that upstream version and kept their own).
    """
    inner = region_inner(note.region)
    new_hash = content_hash(inner)
    entry = {**entry, "title": note.title, "kind": note.kind, "pending": False}
    action = Action(note.lw_id, note.kind, "unchanged", path, entry=entry)
    if existing is None:
        action.op, action.text = "create", render_new_note(note, path, today)
        stem = path.rsplit("/", 1)[-1][:-3]
        entry.update(path=path, hashes=[new_hash], keys=sorted(owned_properties(note)),
                     items={"aliases": [a for a in note.list_items["aliases"] if a != stem],
                            "tags": list(note.list_items["tags"])},
                     tombstone=False, conflict=None, conflict_hash=None,
                     title_written=note.properties["title"])
        return action

    yaml_text, _body = split_frontmatter(existing)
    try:
        current = parse_properties(yaml_text) if yaml_text is not None else {}
        current_inner = region_text(existing)
    except (ValueError, RegionError) as error:
        action.op, action.reason = "skipped", f"cannot read the note safely: {_one_line(error)}"
        return action

    if current_inner is None:
        edited = True
    elif entry.get("hashes"):
        edited = content_hash(current_inner) not in entry["hashes"]
    else:  # the state was lost: the note's own seal tells
        edited = not sealed_by_vaultkit(current_inner)
    if edited and current_inner != inner and not force:
        return _conflict(action, note, path, today, new_hash, "the owned region was edited",
                         copy_exists=copy_exists)
    if entry.get("conflict"):
        action.old_copy = (entry["conflict"], entry.get("conflict_copy_hash"))

    updates, remove = _property_changes(note, entry, current, path)
    text = set_properties(existing, updates, remove) if updates or remove else existing
    text = replace_region(text, inner)
    entry.update(path=path, hashes=[new_hash], conflict=None, conflict_hash=None,
                 conflict_copy_hash=None, keys=sorted(owned_properties(note)))
    if text != existing:
        if current.get("synced") != today:
            text = set_properties(text, {"synced": today})
        action.op, action.text = "update", text
    return action


def _property_changes(note: RenderedNote, entry: dict[str, Any], current: dict[str, Any],
                      path: str) -> tuple[dict[str, Any], list[str]]:
    props = owned_properties(note)
    updates = {k: v for k, v in props.items() if current.get(k, _MISSING) != v}
    remove = [k for k in entry.get("keys", []) if k not in props and k in current]
    stem = path.rsplit("/", 1)[-1][:-3]
    items_before = entry.get("items", {})
    old_title = entry.get("title_written")
    desired_aliases = [a for a in note.list_items["aliases"] if a != stem]
    if old_title and old_title != note.properties["title"]:
        desired_aliases.append(old_title)  # an upstream rename: the old title stays findable
    new_items = {}
    for key, desired, keep in (("aliases", desired_aliases, True),
                               ("tags", note.list_items["tags"], False)):
        merged = merged_list(current.get(key), items_before.get(key, []), desired, keep_ours=keep)
        if merged != _as_list(current.get(key)) or key not in current:
            updates[key] = merged
        new_items[key] = sorted(set(items_before.get(key, [])) | set(desired)) if keep else list(desired)
    entry["items"] = new_items
    entry["title_written"] = note.properties["title"]
    return updates, remove


_MISSING = object()


def _one_line(error: Exception) -> str:
    """An error with its hint as one line: the summary prints one line per skipped note."""
    hint = getattr(error, "hint", None)
    message = getattr(error, "message", None) or str(error)
    return f"{message.rstrip('.')}. {hint}" if hint else message


def _conflict(action: Action, note: RenderedNote, path: str, today: dt.date, new_hash: str,
              reason: str, *, copy_exists: bool) -> Action:
    entry = action.entry
    if entry.get("conflict_hash") == new_hash:
        if entry.get("conflict") and copy_exists:
            action.op, action.reason = "conflict", reason
            action.conflict_path = entry["conflict"]  # already reported with this upstream version
        else:  # the user deleted the copy of this upstream version: their region stands
            entry["conflict"] = None
        return action
    action.op, action.reason = "conflict", reason
    if entry.get("conflict"):
        action.old_copy = (entry["conflict"], entry.get("conflict_copy_hash"))
    action.conflict_path = conflict_path_for(path, today)
    action.conflict_text = render_new_note(note, action.conflict_path, today, conflict_of=True)
    entry.update(conflict=action.conflict_path, conflict_hash=new_hash,
                 conflict_copy_hash=content_hash(action.conflict_text))
    return action
