"""Checking the vault folder a command was given, with one message for every command."""

from __future__ import annotations

from pathlib import Path

from vaultkit.errors import ConfigError, VaultError


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


def create_vault_folder(vault: Path, *, dry_run: bool = False) -> None:
    """Create the folder of a new vault (and its parents); raise `VaultError` when that cannot work.

    With `dry_run` nothing is created, but a path that could never be a folder (one under a file)
    is still refused, so a dry run does not promise a vault that the real run cannot make.
    """
    vault = Path(vault)
    blocker = _file_on_the_way(vault)
    if blocker is not None:
        raise VaultError(f"Cannot create the vault folder {vault}: {blocker} is a file.",
                         hint=_CREATE_HINT)
    if dry_run:
        return
    try:
        vault.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise VaultError(f"Cannot create the vault folder {vault}: {error.strerror or error}.",
                         hint=_CREATE_HINT) from error


_CREATE_HINT = "Give a folder that can be created and written to, e.g. `./my-vault` under your home folder."


def _file_on_the_way(path: Path) -> Path | None:
    """The nearest existing ancestor of `path` when it is not a folder."""
    for parent in (path, *path.parents):
        if parent.exists() or parent.is_symlink():
            return None if parent.is_dir() else parent
    return None


def vault_subfolder(value: object, setting: str) -> str:
    """`value` as a folder inside the vault ("LessWrong/Views"); raise `ConfigError` for anything
    that would lead outside it or into a hidden folder (absolute, `..`, `.obsidian`, backslashes).

    `setting` names where the value came from, e.g. ``"--folder"`` or ``"`[folders] post`"``.
    """
    text = str(value).strip()
    folder = text.strip("/")
    parts = folder.split("/")
    if (not folder or text.startswith("/") or any(p.startswith(".") for p in parts)
            or "\\" in folder or ":" in parts[0]):
        raise ConfigError(f"{setting} {text!r} is not a folder inside the vault.",
                          hint="Use a path relative to the vault, like \"LessWrong\" or \"LessWrong/Posts\".")
    return folder
