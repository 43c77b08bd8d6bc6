"""`vaultkit export`: Anki decks and link graphs."""

from __future__ import annotations

from vaultkit.cli import export_anki, export_graph
from vaultkit.cli.typer_app import new_app

export_app = new_app(help="Export the vault as an Anki deck or a link graph.\n\n"
                     "Run `vaultkit export anki --help` or `vaultkit export graph --help` for "
                     "their options.\n\n"
                     "Example:\n\n"
                     "  vaultkit export anki ./my-vault -o LessWrong.apkg\n\n"
                     "  vaultkit export graph ./my-vault -o map.html")
export_app.command("anki")(export_anki.export_anki_command)
export_app.command("graph")(export_graph.export_graph_command)
