"""Benchmark: tag a vault of N principle notes (dry run, real run), then re-tag it unchanged.

Wall-clock seconds and CPU seconds of this process (all threads) are both reported: on a shared
machine the gap between them is time spent waiting for the CPU or the disk.

    python bench/tagger_bench.py [--notes 5000]

Statements are the labelled set's, each with a numbered suffix so that every note is distinct.
The reference, measured in the same run, is the I/O floor: rewriting every note once through
`write_atomic` (the same fsynced writes the first run makes), with no scanning or classifying.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from vaultkit.analyse.tagger import tag_vault
from vaultkit.analyse.tagger.dataset import load_examples
from vaultkit.vault.atomic import write_atomic
from vaultkit.vault.notes import format_properties


def build_vault(root: Path, count: int) -> None:
    examples = load_examples()
    folder = root / "Principles"
    folder.mkdir(parents=True)
    for i in range(count):
        e = examples[i % len(examples)]
        statement = f"{e.statement} (case {i})"
        text = format_properties({"type": "principle", "statement": statement,
                                  "normativity": None, "scope": None, "certainty": None,
                                  "tags": ["principle"]})
        (folder / f"{i:05d} {e.name.replace('/', '-')}.md").write_text(text + f"\n# {e.name}\n\nMy notes.\n",
                                                                        encoding="utf-8")


def reference_writes(root: Path) -> float:
    """Seconds to rewrite every note of a copy of the vault atomically (changed bytes, so none is skipped)."""
    notes = sorted((root / "Principles").glob("*.md"))
    texts = [(n.name, n.read_text(encoding="utf-8")) for n in notes]
    target = root.parent / "reference"
    target.mkdir()
    start = time.perf_counter()
    for name, text in texts:
        write_atomic(target / name, text + "\n")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "vault"
        build_vault(root, args.notes)
        reference_s = reference_writes(root)
        t = time.perf_counter()
        tag_vault(root, dry_run=True)
        dry_run_s = time.perf_counter() - t
        t0, c0 = time.perf_counter(), time.process_time()
        first = tag_vault(root)
        t1, c1 = time.perf_counter(), time.process_time()
        second = tag_vault(root)
        t2, c2 = time.perf_counter(), time.process_time()
        print(json.dumps({"notes": args.notes, "cpus": os.cpu_count(), "load_average": os.getloadavg()[0],
                          "reference_atomic_writes_s": round(reference_s, 2),
                          "dry_run_s": round(dry_run_s, 2),
                          "first_run_s": round(t1 - t0, 2), "first_run_cpu_s": round(c1 - c0, 2), "first_summary": first.summary(),
                          "rerun_s": round(t2 - t1, 2), "rerun_cpu_s": round(c2 - c1, 2), "rerun_summary": second.summary()}, indent=1))


if __name__ == "__main__":
    main()
