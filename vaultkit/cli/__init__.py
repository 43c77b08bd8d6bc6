"""The command line: a thin Typer layer over the library. Only this package imports Typer."""

from vaultkit.cli.app import app, main

__all__ = ["app", "main"]
