"""Benchmark: peak memory and CPU of `export graph` for each format at 50,000 notes, beside another
checkout's code in the same run.

    python bench/graph_write.py --baseline CHECKOUT [--notes 50000] [--links 500000] [--out bench/out/graph]

Generates the vault once (bench/graph_synthetic.py), fills its note index with one untimed export,
then runs `vaultkit export graph` in a child process per format and case, first the baseline
checkout's code, then this one's (`python -m` from each checkout), with the index warm, so what
differs is building the file and writing it:

- "new": the output file does not exist (it is written);
- "unchanged": it exists and holds the same bytes (compared, not rewritten);
- with `--cold`, instead: "cold", the note index emptied and the file absent (every note read, in
  worker processes, as a first export does).

Prints per run: wall seconds, CPU seconds of the process tree (the CLI and any worker), the peak
resident set of the CLI process (exact, from `wait4`; the largest of the process and its workers)
and the peak summed PSS of the tree (sampled every 0.1 s), the load average, and checks that both
checkouts wrote the same bytes.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from commands_index import empty_index  # noqa: E402
from graph_synthetic import make_vault  # noqa: E402
from map_ready import tree_rss  # noqa: E402

OUTPUTS = {"GraphML": "graph.graphml", "GEXF": "graph.gexf", "node-link JSON": "graph.json",
           "graphology JSON": "graph.graphology.json", "HTML map": "map.html"}


def run(command: list[str], cwd: str) -> dict:
    """Wall and CPU seconds, peak RSS (MB, largest process) and peak PSS (MB, whole tree) of one
    child process (`python -m` puts `cwd` first on the path: that checkout's code runs)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as quiet:
        process = subprocess.Popen(command, stdout=quiet, stderr=subprocess.PIPE, cwd=cwd)
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(process.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    errors = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode()[-2000:]}")
    return {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
            "rss": usage.ru_maxrss / 1024, "pss": peak[0] / 1e6}


def commit(checkout: Path) -> str:
    found = subprocess.run(["git", "-C", str(checkout), "log", "-1", "--format=%h %s"],
                           capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else "(not a git checkout)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--links", type=int, default=500_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/graph"))
    parser.add_argument("--baseline", type=Path, required=True, metavar="CHECKOUT",
                        help="the checkout to compare with (e.g. main), run in the same run")
    parser.add_argument("--only", action="append", default=[], choices=list(OUTPUTS),
                        help="run only this format; repeatable")
    parser.add_argument("--cold", action="store_true", help="run each export with the note index emptied")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    vault = out / f"vault-{args.notes}"
    if not vault.is_dir():
        make_vault(vault, args.notes, args.links)
    (vault / ".vaultkit").mkdir(exist_ok=True)  # where the note index lives, as in a synced vault
    here = Path(__file__).resolve().parents[1]
    checkouts = {"before": args.baseline.resolve(), "after": here}
    cli = [sys.executable, "-m", "vaultkit", "export", "graph", str(vault), "-o"]
    for label, checkout in checkouts.items():
        print(f"{label}: {checkout} at {commit(checkout)}", flush=True)
    print(f"vault: {vault}, {args.notes} notes; cpus {os.cpu_count()}; load {os.getloadavg()}", flush=True)
    run([*cli, str(out / "warm.graphml")], str(here))  # the note index, filled once, untimed
    for name, file_name in OUTPUTS.items():
        if args.only and name not in args.only:
            continue
        targets = {}
        for case in ("cold",) if args.cold else ("new", "unchanged"):
            for label, checkout in checkouts.items():
                target = targets.setdefault(label, out / f"{label}-{file_name}")
                if case != "unchanged":
                    target.unlink(missing_ok=True)
                if case == "cold":
                    empty_index(vault)
                figures = run([*cli, str(target)], str(checkout))
                print(f"{name:<16} {case:<9} {label:<6} wall {figures['wall']:6.1f} s  cpu {figures['cpu']:6.1f} s  "
                      f"peak RSS {figures['rss']:6.0f} MB  peak PSS (tree) {figures['pss']:6.0f} MB  "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
        same = filecmp.cmp(targets["before"], targets["after"], shallow=False)
        print(f"{name:<16} {targets['after'].stat().st_size / 1e6:.1f} MB, "
              f"{'same bytes' if same else 'BYTES DIFFER'} before and after", flush=True)
    print(f"load at the end {os.getloadavg()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
