"""Benchmark: `vaultkit export anki` on a generated 50,000-note vault.

    python bench/anki_export.py [--notes 50000] [--folder bench/out]

Writes a deterministic vault (concepts, principles, posts in sequences with the user's cards, and
flashcard notes with clozes, math and images), then runs the whole export (reading every note
included) twice in a fresh child process each: the first export, and a re-export with nothing
changed. Prints wall time and peak RSS of each run; figures go to bench/RESULTS-anki.md by hand.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
WORDS = ("map territory belief update evidence prior posterior bias calibration model agent "
         "utility policy inference distance rent anticipation noticing confusion curiosity").split()
T0 = 1_700_000_000


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def region(rng: random.Random, paragraphs: int) -> str:
    body = "\n\n".join(" ".join(sentence(rng) for _ in range(4)) for _ in range(paragraphs))
    return f"%% vaultkit:begin %%\n{body}\n%% vaultkit:end %%\n"


def concept(i: int, rng: random.Random) -> tuple[str, str]:
    text = (f'---\nlw_id: "concept{i:06d}"\ntype: "concept"\ntitle: "Concept {i}"\n'
            f'definition: "{sentence(rng, 20)} Measured as $x_{{{i % 7}}}^2$."\n'
            f'tags:\n  - "lesswrong/concept"\n  - "lw/topic-{i % 40}"\n---\n{region(rng, 3)}')
    return f"LessWrong/Concepts/Concept {i}.md", text


def principle(i: int, rng: random.Random) -> tuple[str, str]:
    axes = ("normative", "descriptive", "uncertain")[i % 3]
    text = (f'---\ntype: "principle"\ntitle: "Principle {i}"\nnormativity: "{axes}"\n'
            f'scope: "universal"\ncertainty: "stochastic"\ntags:\n  - "principle/{axes}"\n---\n'
            f"{sentence(rng, 18)} **Always** check [[Concept {i % 1000}]].\n\nMore notes.\n")
    return f"Principles/Principle {i}.md", text


def post(i: int, rng: random.Random) -> tuple[str, str]:
    text = (f'---\nlw_id: "post{i:06d}"\ntype: "post"\ntitle: "Post {i}"\n'
            f'sequence: "[[Sequence {i % 300}]]"\ncollection: "[[Collection {i % 5}]]"\n'
            f'tags:\n  - "lesswrong/post"\n---\n{region(rng, 6)}\n'
            f"Main claim of post {i}?::{sentence(rng)}\n"
            f"Key term {i}:::{sentence(rng, 6)}\n")
    return f"LessWrong/Posts/Post {i}.md", text


def flashcard_note(i: int, rng: random.Random) -> tuple[str, str]:
    image = f"![[figure {i % 200}.png|300]]" if i % 10 == 0 else ""
    text = (f'---\ntags:\n  - "flashcards/set-{i % 20}"\n---\n# Cards {i}\n\n'
            f"Question {i}\n?\n{sentence(rng)}\n{image}\n\n"
            f"The ==answer {i}== to $\\sqrt{{\\frac{{a}}{{b_{i}}}}}$ is {{{{c2::hidden {i}}}}}.\n\n"
            f"%% a private remark::not a card %%\n")
    return f"Study/Set {i % 20}/Cards {i}.md", text


def generate(folder: Path, notes: int) -> Path:
    """Write the vault once (skipped when it is already there with the same size)."""
    vault = folder / f"vault-{notes}"
    marker = vault / ".vaultkit" / "bench-complete"
    if marker.exists():
        return vault
    rng = random.Random(20261201)
    makers = [(post, 0.4), (concept, 0.3), (flashcard_note, 0.2), (principle, 0.1)]
    for maker, share in makers:
        for i in range(int(notes * share)):
            rel, text = maker(i, rng)
            path = vault / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            os.utime(path, (T0 + i, T0 + i))
    attachments = vault / "LessWrong" / "Attachments"
    attachments.mkdir(parents=True, exist_ok=True)
    for i in range(200):
        (attachments / f"figure {i}.png").write_bytes(PNG + i.to_bytes(2, "big"))
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text("ok\n")
    return vault


def run_export(vault: Path, output: Path) -> dict:
    """One export in a fresh interpreter, so the RSS figure is this run's alone."""
    code = (
        "import json, resource, sys, time\n"
        "t = time.perf_counter()\n"
        "from vaultkit.export.anki import export_anki\n"
        "r = export_anki(sys.argv[1], sys.argv[2])\n"
        "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'notes': r.anki_notes, 'cards': r.anki_cards,"
        " 'scanned': r.notes_scanned, 'new': r.new, 'unchanged': r.unchanged, 'media': r.media_files,"
        " 'cpu_main': me.ru_utime + me.ru_stime, 'cpu_workers': kids.ru_utime + kids.ru_stime,"
        " 'peak_rss_mb': me.ru_maxrss / 1024, 'worker_peak_rss_mb': kids.ru_maxrss / 1024}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(vault), str(output)], check=True,
                          capture_output=True, text=True)
    result = json.loads(done.stdout)
    result["apkg_mb"] = output.stat().st_size / 1e6
    return result


def calibration_seconds() -> float:
    """A fixed pure-Python loop: ~0.55 s on an idle modern core; shows how loaded the machine is."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--folder", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()

    started = time.perf_counter()
    vault = generate(args.folder, args.notes)
    print(f"vault: {vault} ({time.perf_counter() - started:.1f} s to generate or find)")
    manifest = vault / ".vaultkit" / "anki-manifest.json"
    if manifest.exists():
        manifest.unlink()
    print(f"load: {os.getloadavg()[0]:.1f}, calibration loop {calibration_seconds():.2f} s")
    for label in ("first export", "re-export, nothing changed"):
        result = run_export(vault, args.folder / "bench.apkg")
        print(f"{label}: {result['seconds']:.1f} s wall, CPU {result['cpu_main']:.1f} s main + "
              f"{result['cpu_workers']:.1f} s workers, peak RSS {result['peak_rss_mb']:.0f} MB "
              f"(each worker {result['worker_peak_rss_mb']:.0f} MB), "
              f"{result['notes']} Anki notes / {result['cards']} cards from {result['scanned']} "
              f"vault notes, {result['media']} media, {result['new']} new, "
              f"{result['unchanged']} unchanged, .apkg {result['apkg_mb']:.1f} MB")
    print(f"load: {os.getloadavg()[0]:.1f}, calibration loop {calibration_seconds():.2f} s")


if __name__ == "__main__":
    main()
