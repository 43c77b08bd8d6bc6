"""Benchmark: the no-op re-sync of a 50,000-note vault (target: under 5 s and 500 MB peak).

    python bench/sync_noop.py [--posts 50000] [--workdir bench/out/sync] [--keep]

Builds a vault from a generated stand-in fixture (the first build is timed too, for information),
then runs `vaultkit sync VAULT` again in a fresh process with nothing changed upstream and measures
its wall time and peak RSS. Appends the figures to bench/RESULTS-sync.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "sync")
    parser.add_argument("--keep", action="store_true", help="reuse an existing built vault")
    args = parser.parse_args()

    from vaultkit.fetch.standin import StandinServer, generate_fixtures

    vault = args.workdir / "vault"
    if not args.keep and args.workdir.exists():
        shutil.rmtree(args.workdir)
    args.workdir.mkdir(parents=True, exist_ok=True)
    fixtures = generate_fixtures(args.posts, seed=1)
    with StandinServer(fixtures, max_offset=None) as server:
        base = [sys.executable, "-m", "vaultkit", "-q", "sync", str(vault), "--endpoint", server.url,
                "--delay", "0"]
        build = None
        if not (vault / "vaultkit.toml").exists():
            build = run(base + ["--since", "2000-01-01"])
        notes = sum(1 for _ in vault.rglob("*.md"))
        noop = [run(base) for _ in range(3)]
    slowest = max(t for t, _m in noop)
    lines = [
        f"\n## sync no-op re-sync, {notes:,} notes ({time.strftime('%Y-%m-%d')})\n",
        f"- command: `python bench/sync_noop.py --posts {args.posts}`",
        f"- machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}",
    ]
    if build:
        lines.append(f"- first build: {build[0]:.1f} s, peak {build[1]} MB")
    lines += [
        "- no-op re-sync (3 runs, fresh process each): "
        + ", ".join(f"{t:.2f} s" for t, _m in noop) + f"; peak RSS {max(m for _t, m in noop)} MB",
        f"- target: every run < 5 s and < 500 MB -> "
        f"{'met' if slowest < 5 and max(m for _t, m in noop) < 500 else 'NOT met'}",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    results = ROOT / "bench" / "RESULTS-sync.md"
    if not results.exists():
        results.write_text("# Sync benchmark results\n")
    with results.open("a") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
