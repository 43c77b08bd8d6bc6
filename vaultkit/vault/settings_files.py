"""Whether the vault's settings files can be read, said once for every command.

`vaultkit.toml` (vaultkit's settings) and `.obsidian/types.json` (Obsidian's property types) are
edited by hand. A command that cannot read one must say so instead of quietly using defaults:
`check` reports it as a problem, the other commands print a warning.
"""

from __future__ import annotations

import json
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from vaultkit.vault.folder import SETTINGS_NAME

OBSIDIAN_TYPES_FILE = ".obsidian/types.json"
SETTINGS_FILES = (SETTINGS_NAME, OBSIDIAN_TYPES_FILE)


def unreadable_settings(vault: Path) -> list[tuple[str, str]]:
    """(vault-relative path, why) for each settings file that exists but cannot be read."""
    found: list[tuple[str, str]] = []
    if not Path(vault).is_dir():
        return found  # the command itself says what is wrong with the vault folder
    for rel in SETTINGS_FILES:
        path = Path(vault) / rel
        try:
            text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            continue
        except (OSError, UnicodeDecodeError) as error:
            found.append((rel, getattr(error, "strerror", None) or str(error)))
            continue
        why = _toml_problem(text) if rel.endswith(".toml") else _types_problem(text)
        if why:
            found.append((rel, why))
    return found


def _toml_problem(text: str) -> str | None:
    try:
        tomlkit.parse(text)
    except TOMLKitError as error:
        return f"invalid TOML ({error})"
    return None


def _types_problem(text: str) -> str | None:
    try:
        data = json.loads(text)
    except ValueError as error:
        return f"invalid JSON ({error})"
    if not isinstance(data, dict) or not isinstance(data.get("types", {}), dict):
        return "it does not hold a `types` object"
    return None
