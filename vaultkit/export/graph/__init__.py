"""`vaultkit export graph`: the vault's link graph as GraphML, GEXF, JSON or an offline HTML map.

    from vaultkit.export.graph import export_graph
    report = export_graph(Path("my-vault"), Path("vault.graphml"))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.analyse.graph import GraphFilter, UnresolvedLink, add_metrics, build_graph
from vaultkit.analyse.layout import community_layout
from vaultkit.analyse.linkgraph import LinkGraph
from vaultkit.errors import ConfigError, ExportError
from vaultkit.export.graph import formats
from vaultkit.export.graph.colors import COLOR_SCHEMES
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.vault.atomic import would_write, write_atomic
from vaultkit.vault.index import collector_paused

FORMATS = ("graphml", "gexf", "json", "graphology", "html")
_BY_SUFFIX = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".html": "html", ".htm": "html"}


@dataclass
class GraphExportReport:
    """What `export_graph` wrote."""

    output: Path
    format: str
    nodes: int
    edges: int                          # links: one per (source, target, kind), as in GraphML
    pairs: int                          # linked pairs of notes, whatever the kinds: the map's lines
    written: bool                       # False when the file already held exactly these bytes
    unresolved: list[UnresolvedLink] = field(default_factory=list)
    dry_run: bool = False               # then `written` says whether the file would be written

    def to_dict(self) -> dict:
        return {"output": str(self.output), "format": self.format, "nodes": self.nodes,
                "edges": self.edges, "pairs": self.pairs, "written": self.written, "dry_run": self.dry_run,
                "unresolved": [{"source": u.source, "target": u.target, "kind": u.kind, "key": u.key}
                               for u in self.unresolved]}


def format_for_path(output: Path, requested: str | None = None) -> str:
    """The export format: `requested` if given, else from the file name (`x.graphology.json` too)."""
    if requested:
        fmt = requested.lower()
        if fmt not in FORMATS:
            raise ConfigError(f"Unknown graph format {requested!r}.",
                              hint=f"Use one of: {', '.join(FORMATS)}.")
        return fmt
    name = output.name.lower()
    if name.endswith(".graphology.json"):
        return "graphology"
    fmt = _BY_SUFFIX.get(output.suffix.lower())
    if fmt is None:
        raise ConfigError(f"Cannot tell the graph format from the file name {output.name!r}.",
                          hint="Use .graphml, .gexf, .json, .graphology.json or .html, "
                               f"or pass --format ({', '.join(FORMATS)}).")
    return fmt


def export_graph(vault: Path, output: Path, *, fmt: str | None = None,
                 filters: GraphFilter | None = None, include_unresolved: bool = False,
                 color_by: str = "type", progress: Progress = NULL_PROGRESS,
                 dry_run: bool = False) -> GraphExportReport:
    """Build the graph of `vault` from its notes and write it to `output` in one format.

    Nodes get PageRank, degrees and a community; GEXF, graphology and HTML also get a layout.
    With `dry_run` nothing is written; the report says whether the file would change.
    """
    fmt = format_for_path(Path(output), fmt)
    if color_by not in COLOR_SCHEMES:
        raise ConfigError(f"Cannot colour by {color_by!r}.",
                          hint=f"Use one of: {', '.join(COLOR_SCHEMES)}.")
    with collector_paused():
        return _export(Path(vault), Path(output), fmt, filters, include_unresolved, color_by, progress,
                       dry_run)


def _export(vault: Path, output: Path, fmt: str, filters: GraphFilter | None, include_unresolved: bool,
            color_by: str, progress: Progress, dry_run: bool) -> GraphExportReport:
    built = build_graph(Path(vault), filters=filters, include_unresolved=include_unresolved,
                        progress=progress, write_index=not dry_run)
    _check_types(filters, built.types)
    graph = built.links
    add_metrics(graph)
    # each writer yields the file in pieces, which write_atomic streams to a temporary file
    # (compared with the existing file on the way) and would_write only compares
    if fmt == "graphml":
        chunks = formats.graphml_chunks(graph)
    elif fmt == "json":
        chunks = formats.node_link_chunks(graph)
    else:
        positions = community_layout(graph)
        if fmt == "gexf":
            chunks = formats.gexf_chunks(graph, positions, color_by)
        elif fmt == "graphology":
            chunks = formats.graphology_chunks(graph, positions, color_by)
        else:
            from vaultkit.export.graph.html import map_chunks

            chunks = map_chunks(graph, positions, vault_name=Path(vault).resolve().name,
                                color_by=color_by)
    output = Path(output)
    if dry_run:
        return GraphExportReport(output=output, format=fmt, nodes=graph.number_of_nodes(),
                                 edges=graph.number_of_edges(), pairs=_pairs(graph),
                                 written=would_write(output, chunks),
                                 unresolved=built.unresolved, dry_run=True)
    try:
        written = write_atomic(output, chunks)
    except OSError as error:
        raise ExportError(f"Cannot write the graph to {output}: {error.strerror or error}",
                          hint="Check that the folder exists and is writable.") from error
    return GraphExportReport(output=output, format=fmt, nodes=graph.number_of_nodes(),
                             edges=graph.number_of_edges(), pairs=_pairs(graph), written=written,
                             unresolved=built.unresolved)


def _pairs(graph: LinkGraph) -> int:
    return len(graph.pair_codes())


def _check_types(filters: GraphFilter | None, present: frozenset[str]) -> None:
    """Refuse a `--type` no note of the vault has: a typo would otherwise export an empty graph."""
    missing = [t for t in (filters.types if filters else ()) if t not in present]
    if missing:
        raise ConfigError(f"No note of the vault has type {missing[0]!r}.",
                          hint=f"Types in this vault: {', '.join(sorted(present)) or 'none'}.")
