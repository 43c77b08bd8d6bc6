"""`vaultkit export anki`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vaultkit.errors import VaultkitError


def export_anki_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder.")] = Path("."),
) -> None:
    """Not available yet.

    Example:

      vaultkit export anki ./my-vault
    """
    raise VaultkitError("`vaultkit export anki` is not available in this version yet.",
                        hint="See `vaultkit --help` for what works.")
