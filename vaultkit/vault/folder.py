"""Checking the vault folder a command was given, with one message for every command."""

from __future__ import annotations

from pathlib import Path

from vaultkit.errors import ConfigError


def require_vault_folder(vault: Path, command: str) -> Path:
    """Return `vault` as a Path; raise `ConfigError` when it is missing or is a file.

    `command` is the command's example line (e.g. ``"vaultkit tag"``) used in the hint.
    """
    vault = Path(vault)
    if vault.is_dir():
        return vault
    if vault.exists():
        problem = f"{vault} is a file, not a vault folder."
    else:
        problem = f"The vault folder {vault} does not exist."
    raise ConfigError(problem, hint=f"Give the folder of your Obsidian vault, e.g. `{command} ./my-vault`.")
