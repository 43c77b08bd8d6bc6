"""Benchmark: how long building the demo snapshot and loading its JSON take.

Run from the repository root: `python bench/demo_build.py`. Prints the median of several runs.
"""

from __future__ import annotations

import json
import statistics
import time

from vaultkit.demo import DEMO_DIR, FILE_NAMES
from vaultkit.demo.build import build_snapshot, render_files


def _median_ms(action, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    build_ms = _median_ms(lambda: render_files(build_snapshot()), runs=20)
    load_ms = _median_ms(lambda: [json.loads((DEMO_DIR / n).read_text(encoding="utf-8")) for n in FILE_NAMES], runs=50)
    size_kb = sum((DEMO_DIR / n).stat().st_size for n in FILE_NAMES) / 1024
    print(f"build + render JSON: {build_ms:.1f} ms (median of 20)")
    print(f"load all JSON files: {load_ms:.1f} ms (median of 50)")
    print(f"snapshot size: {size_kb:.0f} KiB in {len(FILE_NAMES)} files")


if __name__ == "__main__":
    main()
