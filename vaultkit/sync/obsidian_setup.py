"""First-sync set-up of a vault: `.obsidian/` settings and the user's note templates.

Every file is written only where the user has none, and never overwritten: once a vault has been
opened in Obsidian these files are the user's. `types.json` is the one exception, and only gains
the keys it lacks (obsidian.md §6).
"""

from __future__ import annotations

import json
from pathlib import Path

from vaultkit.model.properties import OBSIDIAN_TYPES
from vaultkit.resources import templates_dir
from vaultkit.vault.atomic import write_atomic

# Graph colour groups by note type (rgb as a decimal integer).
GRAPH_COLOURS = [
    ("[type:post]", 0x4C8BF5),
    ("[type:sequence]", 0xE0A526),
    ("[type:collection]", 0xD9534F),
    ("[type:concept]", 0x3DAA6B),
    ("[type:author]", 0x9B59B6),
    ("[type:principle]", 0xF06292),
    ("[type:comments]", 0x95A5A6),
]

CORE_PLUGINS = {
    "file-explorer": True, "global-search": True, "switcher": True, "graph": True,
    "backlink": True, "outgoing-link": True, "tag-pane": True, "properties": True,
    "page-preview": True, "templates": True, "outline": True, "bookmarks": True, "bases": True,
}


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _write_if_absent(path: Path, text: str | bytes, written: list[str], vault: Path) -> None:
    if not path.exists():
        write_atomic(path, text)
        written.append(path.relative_to(vault).as_posix())


def obsidian_files(templates_folder: str) -> dict[str, str]:
    """The `.obsidian/` files vaultkit ships (besides `types.json`)."""
    return {
        "app.json": _json({"useMarkdownLinks": False, "newLinkFormat": "shortest",
                           "alwaysUpdateLinks": True}),
        "graph.json": _json({"colorGroups": [{"query": q, "color": {"a": 1, "rgb": rgb}}
                                             for q, rgb in GRAPH_COLOURS]}),
        "core-plugins.json": _json(CORE_PLUGINS),
        "templates.json": _json({"folder": templates_folder}),
    }


def merged_types(existing: dict | None) -> dict:
    """`types.json` with vaultkit's property types added for keys that have none."""
    data = dict(existing or {})
    types = dict(data.get("types") or {})
    for key, kind in OBSIDIAN_TYPES.items():
        types.setdefault(key, kind)
    data["types"] = types
    return data


def set_up_vault(vault: Path, templates_folder: str) -> list[str]:
    """Install `.obsidian/` settings and the user templates where absent; returns what was written."""
    vault = Path(vault)
    written: list[str] = []
    config = vault / ".obsidian"
    for name, text in obsidian_files(templates_folder).items():
        _write_if_absent(config / name, text, written, vault)
    types_path = config / "types.json"
    try:
        existing = json.loads(types_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        existing = None
    except (OSError, ValueError):
        existing = False  # the user's file is not JSON we can read: leave it alone (the run says so)
    usable = existing is None or (isinstance(existing, dict)
                                  and isinstance(existing.get("types", {}), dict))
    if usable:
        if write_atomic(types_path, _json(merged_types(existing))):
            written.append(types_path.relative_to(vault).as_posix())
    user_templates = templates_dir() / "user"
    if user_templates.is_dir():
        for source in sorted(user_templates.glob("*.md")):
            _write_if_absent(vault / templates_folder / source.name, source.read_bytes(), written, vault)
    return written
