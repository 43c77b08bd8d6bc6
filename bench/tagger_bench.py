"""Benchmark: tag a vault of N principle notes (dry run, real run), then re-tag it unchanged.

Wall-clock seconds and CPU seconds of this process (all threads) are both reported: on a shared
machine the gap between them is time spent waiting for the CPU or the disk.

    python bench/tagger_bench.py [--notes 5000] [--encoder both|off|auto]

`--encoder both` (the default) measures the default model and then the sentence encoder's (the
`embeddings` extra, when installed) in the same invocation, each in a fresh process on a fresh
vault, so that each first run and its peak memory are a new `vaultkit tag`'s. With the encoder, the
encoder's load (files read and checked, ONNX session made) is timed on its own, then the first run
(which batches and encodes every statement).

Statements are the labelled set's, each with a numbered suffix so that every note is distinct.
The reference, measured in the same run, is the I/O floor: rewriting every note once through
`write_atomic` (the same fsynced writes the first run makes), with no scanning or classifying.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vaultkit.analyse.tagger import sentence, tag_vault
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


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(notes: int, encoder: str) -> dict:
    """One configuration in this process: `encoder` "off" (default model) or "auto" (the encoder's)."""
    os.environ["VAULTKIT_TAG_ENCODER"] = encoder
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "vault"
        build_vault(root, notes)
        reference_s = reference_writes(root)
        start_rss = rss_mb()
        figures: dict = {"encoder": encoder}
        if encoder == "auto":
            if not sentence.installed():
                return {"encoder": encoder, "skipped": "the embeddings extra is not installed"}
            t, c = time.perf_counter(), time.process_time()
            loaded = sentence.encoder()
            figures.update(encoder_load_s=round(time.perf_counter() - t, 2),
                           encoder_load_cpu_s=round(time.process_time() - c, 2),
                           encoder_load_rss_mb=round(rss_mb() - start_rss, 1))
            run, spent = loaded._run, []

            def timed(texts):
                t = time.perf_counter()
                try:
                    return run(texts)
                finally:
                    spent.append((len(texts), time.perf_counter() - t))
            loaded._run = timed
        t0, c0 = time.perf_counter(), time.process_time()
        first = tag_vault(root)
        t1, c1 = time.perf_counter(), time.process_time()
        second = tag_vault(root)
        t2, c2 = time.perf_counter(), time.process_time()
        figures.update({"notes": notes, "model_id": first.model_id, "cpus": os.cpu_count(),
                        "load_average": round(os.getloadavg()[0], 1),
                        "reference_atomic_writes_s": round(reference_s, 2),
                        "first_run_s": round(t1 - t0, 2), "first_run_cpu_s": round(c1 - c0, 2),
                        "first_summary": first.summary(),
                        "rerun_s": round(t2 - t1, 2), "rerun_cpu_s": round(c2 - c1, 2),
                        "rerun_summary": second.summary(),
                        "rss_before_mb": round(start_rss, 1),
                        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})
        if encoder == "auto":
            figures.update(encoded_statements=sum(n for n, _ in spent),
                           encoding_s=round(sum(s for _, s in spent), 2))
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--encoder", choices=("both", "off", "auto"), default="both")
    args = parser.parse_args()
    if args.encoder != "both":
        print(json.dumps(measure(args.notes, args.encoder), indent=1))
        return
    results = []
    for encoder in ("off", "auto"):  # each in a fresh process: first runs and peak memory of their own
        done = subprocess.run([sys.executable, __file__, "--notes", str(args.notes), "--encoder", encoder],
                              capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
