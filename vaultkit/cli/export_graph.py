"""`vaultkit export graph`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from vaultkit.cli import output


def export_graph_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder.")] = Path("."),
    out: Annotated[Path, typer.Option("--output", "-o", help="The file to write; its extension "
                                      "picks the format (.graphml .gexf .json .graphology.json .html).")]
    = Path("vault-graph.graphml"),
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="graphml, gexf, json (node-link), "
                                               "graphology or html; overrides the extension.")] = None,
    types: Annotated[Optional[list[str]], typer.Option("--type", help="Keep only notes of this type "
                                                       "(repeatable), e.g. --type concept.")] = None,
    tags: Annotated[Optional[list[str]], typer.Option("--tag", help="Keep only notes with this tag or a "
                                                      "tag nested under it (repeatable).")] = None,
    folders: Annotated[Optional[list[str]], typer.Option("--folder", help="Keep only notes under this "
                                                         "vault folder (repeatable).")] = None,
    unresolved: Annotated[bool, typer.Option("--unresolved", help="Add unresolved link targets as "
                                             "nodes of type 'unresolved'.")] = False,
    color_by: Annotated[str, typer.Option("--color-by", help="Initial colours of the map and GEXF: type, "
                                          "community, normativity, scope, certainty or status.")] = "type",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Build the graph and say what would be "
                                          "written; write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Export the vault's link graph, built from the wikilinks in the notes.

    The extension of `-o` picks the format; `.html` is an offline interactive map.

    Example:

      vaultkit export graph ./my-vault -o vault.graphml

      vaultkit export graph ./my-vault -o map.html --color-by normativity

      vaultkit export graph ./my-vault -o concepts.gexf --type concept --type principle
    """
    from vaultkit.analyse.graph import GraphFilter
    from vaultkit.export.graph import export_graph

    filters = GraphFilter(types=tuple(types or ()), tags=tuple(tags or ()), folders=tuple(folders or ()))
    output.warn_unreadable_settings(vault)
    report = export_graph(vault, out, fmt=fmt, filters=filters, include_unresolved=unresolved,
                          color_by=color_by, progress=output.progress_for_terminal(), dry_run=dry_run)
    if as_json:
        output.print_json(report.to_dict())
        return
    if dry_run:
        state = "Dry run, would write" if report.written else "Dry run, unchanged:"
    else:
        state = "Wrote" if report.written else "Unchanged:"
    output.echo(f"{state} {report.output} ({report.format}): {report.nodes} notes, {report.edges} links "
                f"between {report.pairs} pairs of notes.")
    if report.unresolved:
        output.echo(f"{len(report.unresolved)} unresolved links were left out "
                    "(see `vaultkit check`, or add them with --unresolved).")
