"""`vaultkit export graph`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vaultkit.errors import VaultkitError


def export_graph_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder.")] = Path("."),
) -> None:
    """Not available yet.

    Example:

      vaultkit export graph ./my-vault
    """
    raise VaultkitError("`vaultkit export graph` is not available in this version yet.",
                        hint="See `vaultkit --help` for what works.")
