"""vaultkit: the forum as a personal knowledge base.

The pipeline runs left to right, one package per stage; `analyse` and `export` read the vault:

    fetch -> model -> render -> sync -> vault

`vaultkit.cli` is a thin Typer layer over these packages; nothing outside it imports Typer.
"""

from vaultkit.errors import VaultkitError

__version__ = "0.1.0"
HOMEPAGE = "https://github.com/vaultkit/vaultkit"
# The one User-Agent of every request vaultkit sends (the forum's API and images alike).
USER_AGENT = f"vaultkit/{__version__} (+{HOMEPAGE}; Obsidian vault builder; one request at a time)"

__all__ = ["HOMEPAGE", "USER_AGENT", "__version__", "VaultkitError"]
