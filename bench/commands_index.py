"""The reading commands on a 50,000-note vault, with the shared note index cold and warm.

    python bench/commands_index.py [--notes 50000] [--links 500000] [--out bench/out/graph]

Generates the vault once (bench/graph_synthetic.py, with a `.vaultkit/` folder as a synced vault
has, plus cards: a definition callout in every concept and a flashcard in every tenth post, so
`export anki` builds and writes a package rather than stopping at "No cards to export"), then runs each command through the real CLI in a child process: first with the note index
emptied (every note read and parsed), then again on the unchanged vault (the index answers). Prints
wall seconds and the peak memory of the child's whole process tree (summed PSS, sampled every
0.1 s) and its CPU seconds (workers included), plus the reference of issue 15 in the same run: networkx building the same graph from
memory and writing it as GraphML (`nx.write_graphml`), which a first `export graph` should match.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph_synthetic import make_vault  # noqa: E402
from map_ready import tree_rss  # noqa: E402


def run(command: list[str], cwd: str | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak MB of the process tree, CPU seconds of the tree) of one child process
    (`python -m` puts `cwd` first on the path: that checkout's code runs)."""
    start, cpu = time.perf_counter(), _children_cpu()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode not in (0, 1):  # check exits 1 when it finds problems
        print(errors.decode()[-2000:], file=sys.stderr)
    return wall, peak[0] / 1e6, _children_cpu() - cpu


def _children_cpu() -> float:
    """CPU seconds of every waited-for descendant so far (worker processes included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def add_cards(vault: Path) -> None:
    """Give every concept a definition callout and every tenth post a flashcard, after the region
    (where a user writes), so `export anki` has cards to build."""
    for rel in sorted(vault.rglob("*.md")):
        folder, name = rel.parent.name, rel.stem
        if folder == "Concepts":
            extra = f"\n> [!definition] {name}\n> What {name} means, in a sentence or two.\n"
        elif folder == "Posts" and int(name.rsplit(" ", 1)[-1]) % 10 == 0:
            extra = f"\nWhat does {name} argue::That the reader should check the claim ^q{name[-6:]}\n"
        else:
            continue
        with rel.open("a", encoding="utf-8") as file:
            file.write(extra)


def empty_index(vault: Path) -> None:
    database = vault / ".vaultkit" / "vaultkit.sqlite3"
    if database.exists():
        connection = sqlite3.connect(database)
        with connection:
            connection.execute("DELETE FROM notes")
        connection.close()


def networkx_reference(vault: Path, out: Path) -> tuple[float, float]:
    """Seconds for networkx to build the vault's graph from edge lists in memory and write GraphML."""
    import networkx as nx

    from vaultkit.analyse.graph import build_graph

    built = build_graph(vault).graph
    nodes = list(built.nodes(data=True))
    edges = list(built.edges(keys=True, data=True))
    del built
    start, cpu = time.perf_counter(), time.process_time()
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    nx.write_graphml(graph, out / "reference.graphml")
    return time.perf_counter() - start, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--links", type=int, default=500_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/graph"))
    parser.add_argument("--only", action="append", default=[], metavar="COMMAND",
                        help='run only this command (e.g. "export graph"); repeatable')
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT", action="append", default=[],
                        help="also run each command with the vaultkit of another checkout, in the same "
                             "run; repeatable")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    vault = args.out / f"vault-{args.notes}-cards"
    if not vault.is_dir():
        make_vault(vault, args.notes, args.links)
        add_cards(vault)
    (vault / ".vaultkit").mkdir(exist_ok=True)
    cli = [sys.executable, "-m", "vaultkit"]
    run([*cli, "tag", str(vault)])  # once, untimed: later runs find the labels already written
    time.sleep(2.5)  # let the notes the tagger wrote settle (see vaultkit.vault.index.SETTLE_NS)
    commands = {
        "check": [*cli, "check", str(vault)],
        "progress": [*cli, "progress", str(vault)],
        "tag": [*cli, "tag", str(vault)],
        "export anki": [*cli, "export", "anki", str(vault), "-o", str(args.out / "vault.apkg")],
        "export graph": [*cli, "export", "graph", str(vault), "-o", str(args.out / "vault.graphml")],
    }
    print(f"vault: {vault}, {args.notes} notes; cpus {os.cpu_count()}; load {os.getloadavg()}", flush=True)
    commands = {name: command for name, command in commands.items() if not args.only or name in args.only}
    # the baseline checkout's code is measured beside this one's, on the same vault at the same load
    here = str(Path(__file__).resolve().parents[1])
    checkouts = {f"{checkout.name}: ": str(checkout.resolve()) for checkout in args.baseline}
    checkouts["this checkout: "] = here
    for name, command in commands.items():
        for label, checkout in checkouts.items():
            empty_index(vault)
            first = run(command, checkout)
            second = run(command, checkout)
            print(f"{label}{name:<13} first (index empty) {first[0]:6.1f} s wall {first[2]:6.1f} s cpu "
                  f"{first[1]:5.0f} MB   second (unchanged vault) {second[0]:6.1f} s wall {second[2]:6.1f} s cpu "
                  f"{second[1]:5.0f} MB   load {os.getloadavg()[0]:.1f}", flush=True)
    wall, cpu = networkx_reference(vault, args.out)
    print(f"reference: networkx builds the same graph from memory and writes GraphML: {wall:.1f} s wall, "
          f"{cpu:.1f} s cpu; "
          f"load {os.getloadavg()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
