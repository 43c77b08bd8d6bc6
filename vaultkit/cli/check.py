"""`vaultkit check`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vaultkit.errors import VaultkitError


def check_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder.")] = Path("."),
) -> None:
    """Not available yet.

    Example:

      vaultkit check ./my-vault
    """
    raise VaultkitError("`vaultkit check` is not available in this version yet.",
                        hint="Watch the changelog; until then see `vaultkit --help` for what works.")
