"""vaultkit: the forum as a personal knowledge base.

The pipeline runs left to right, one package per stage; `analyse` and `export` read the vault:

    fetch -> model -> render -> sync -> vault

`vaultkit.cli` is a thin Typer layer over these packages; nothing outside it imports Typer.
"""

__version__ = "0.1.0"

from vaultkit.errors import VaultkitError

__all__ = ["__version__", "VaultkitError"]
