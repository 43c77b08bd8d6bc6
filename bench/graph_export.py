"""Benchmark: graph and map of a 50,000-note vault with 500,000 links, from the notes on disk.

    python bench/graph_export.py [--notes 50000] [--links 500000] [--out bench/out/graph]

Generates the vault once (bench/graph_synthetic.py), then times, end to end through
`export_graph` (read notes, resolve links, PageRank, degrees, communities, layout, write):
GraphML, GEXF, node-link JSON, graphology JSON and the HTML map. Targets: under 30 s for the
graph exports, under 60 s for the map. Prints wall and CPU seconds per export.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph_synthetic import make_vault  # noqa: E402

from vaultkit.analyse.graph import add_metrics, build_graph  # noqa: E402
from vaultkit.analyse.layout import community_layout  # noqa: E402
from vaultkit.export.graph import export_graph  # noqa: E402


def cpu_seconds() -> tuple[float, float]:
    """CPU time of this process and of its finished worker processes (the parallel note reader)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children.ru_utime + children.ru_stime


def timed(label: str, func):
    wall, (cpu, child_cpu) = time.perf_counter(), cpu_seconds()
    result = func()
    end_cpu, end_child = cpu_seconds()
    wall = time.perf_counter() - wall
    print(f"{label:<28} wall {wall:6.1f} s   cpu {end_cpu - cpu:6.1f} s + workers {end_child - child_cpu:5.1f} s",
          flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--links", type=int, default=500_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/graph"))
    parser.add_argument("--stages", action="store_true", help="Also time each stage on its own.")
    args = parser.parse_args(argv)
    vault = args.out / f"vault-{args.notes}"
    if not vault.is_dir():
        timed(f"generate {args.notes} notes", lambda: make_vault(vault, args.notes, args.links))
    links = sum(p.read_text(encoding="utf-8").count("[[") for p in vault.rglob("*.md"))
    print(f"vault: {args.notes} notes, {links} wikilinks on disk", flush=True)
    if args.stages:
        built = timed("stage: build_graph", lambda: build_graph(vault))
        graph = built.links
        print(f"  {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
              f"{int(graph.weights.sum())} links")
        timed("stage: add_metrics", lambda: add_metrics(graph))
        timed("stage: community_layout", lambda: community_layout(graph))
    for name in ("graph.graphml", "graph.gexf", "graph.json", "graph.graphology.json", "map.html"):
        target = args.out / name
        target.unlink(missing_ok=True)
        report = timed(f"export {name}", lambda: export_graph(vault, target))
        print(f"  {report.nodes} nodes, {report.edges} edges, {target.stat().st_size / 1e6:.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
