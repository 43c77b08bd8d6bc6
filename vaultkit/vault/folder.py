"""Checking the vault folder a command was given, with one message for every command."""

from __future__ import annotations

from pathlib import Path

from vaultkit.errors import ConfigError, VaultError

STATE_FOLDER = ".vaultkit"          # vaultkit's own state, inside the vault
OBSIDIAN_FOLDER = ".obsidian"       # Obsidian's settings: the folder that holds it is the vault
SETTINGS_NAME = "vaultkit.toml"
_VAULTKIT_MARKS = (STATE_FOLDER, SETTINGS_NAME)
_VAULT_MARKS = (OBSIDIAN_FOLDER, *_VAULTKIT_MARKS)


def require_vault_folder(vault: Path, command: str, *, whole_vault: bool = True) -> Path:
    """Return `vault` as a Path; raise `ConfigError` when it is missing, is a file, or is a
    folder inside another vault.

    A folder inside a vault (`./LessWrong/Posts`) would be read as a vault of its own, with every
    link out of it unresolved; with `whole_vault` any vault above it counts, without it (sync,
    which may make a vault inside a larger Obsidian vault) only a vaultkit vault above it.
    `command` is the command's example line (e.g. ``"vaultkit tag"``) used in the hint.
    """
    vault = Path(vault)
    if vault.is_dir():
        refuse_folder_inside_a_vault(vault, command, whole_vault=whole_vault)
        return vault
    if vault.exists():
        problem = f"{vault} is a file, not a vault folder."
    else:
        problem = f"The vault folder {vault} does not exist."
    raise ConfigError(problem, hint=f"Give the folder of your Obsidian vault, e.g. `{command} ./my-vault`.")


def refuse_folder_inside_a_vault(folder: Path, command: str, *, whole_vault: bool = True) -> None:
    """Raise `ConfigError` when `folder` (existing or not) is not a vault itself but lies inside
    one; see `require_vault_folder` for `whole_vault`."""
    if any((folder / mark).exists() for mark in _VAULT_MARKS):
        return
    marks = _VAULT_MARKS if whole_vault else _VAULTKIT_MARKS
    resolved = folder.resolve()
    for above in resolved.parents:
        if any((above / mark).exists() for mark in marks):
            inside = resolved.relative_to(above).as_posix()
            raise ConfigError(
                f"{folder} is the folder {inside!r} inside the vault {above}, not a vault of its own.",
                hint=f"Give the vault's own folder, e.g. `{command} {above}`"
                     + ("; `--folder` keeps the notes of one folder where a command has it." if command.startswith("vaultkit export") else "."))


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
