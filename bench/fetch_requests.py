"""Benchmark: how many requests a sync sends (at the forum's 3 s crawl delay, requests are time).

    python bench/fetch_requests.py [--seed 1]

Builds a synthetic collection shaped like Rationality: A–Z (6 books, 26 sequences, about 330
posts, comment counts drawn from a long-tailed distribution, 2–4 tags a post) and serves it from
the stand-in on 127.0.0.1. Then runs `vaultkit sync` (the engine, with its own on-disk cache, as
a user gets it) and counts the requests the stand-in received:

- reference, same run: the first sync of the collection alone (no concepts, no comments): the
  structure and bodies that any sync must fetch;
- the first sync with `--concepts --comments` into an empty vault;
- a re-sync with nothing new, and the same with the response cache deleted.

Targets: at most 1.2 requests per post on the first sync, comments included; at most 5 requests
for a re-sync with nothing new. Appends the figures and the machine's load to
bench/RESULTS-fetch.md.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CRAWL_DELAY = 3.0
BOOKS, SEQUENCES, POSTS, TAGS = 6, 26, 333, 120
COLLECTION_ID = "oneQyj4pw77ynzwAF"     # the id Rationality: A–Z has on the forum


def synthetic_collection(seed: int):
    """Fixtures: one collection of BOOKS books holding SEQUENCES sequences of POSTS posts."""
    from vaultkit.fetch.standin import Fixtures
    from vaultkit.fetch.standin.generate import new_id

    rng = random.Random(seed)
    author = {"_id": new_id(rng), "slug": "the-author", "displayName": "The Author", "karma": 90000}
    readers = [{"_id": new_id(rng), "slug": f"reader-{i}", "displayName": f"Reader {i}"}
               for i in range(40)]
    tags = [{"_id": new_id(rng), "slug": f"tag-{i}", "name": f"Tag {i}", "postCount": 30,
             "wikiOnly": i < 3, "description": {"html": f"<p>What tag {i} means.</p>"}}
            for i in range(TAGS)]
    posts, comments, sequences = [], [], []
    per_sequence = [POSTS // SEQUENCES + (i < POSTS % SEQUENCES) for i in range(SEQUENCES)]
    start = 1_199_145_600       # 2008-01-01
    for s, size in enumerate(per_sequence):
        ids = []
        for _ in range(size):
            pid, posted = new_id(rng), start + len(posts) * 86_400
            count = 0 if rng.random() < 0.06 else min(900, int(rng.lognormvariate(math.log(45), 0.9)))
            posts.append({"_id": pid, "slug": f"post-{len(posts)}", "title": f"Post {len(posts)}",
                          "postedAt": _iso(posted), "userId": author["_id"],
                          "baseScore": rng.randint(10, 400),
                          "tagRelevance": {t["_id"]: 1 for t in rng.sample(tags, rng.randint(2, 4))},
                          "contents": {"html": f"<p>Body of post {len(posts)}. " + "Text. " * 200
                                               + "</p>"}})
            for c in range(count):
                comments.append({"_id": new_id(rng), "postId": pid, "baseScore": rng.randint(0, 30),
                                 "userId": rng.choice(readers)["_id"],
                                 "postedAt": _iso(posted + 3600 * (c + 1)),
                                 "contents": {"html": f"<p>Comment {c}.</p>"}})
            ids.append(pid)
        sequences.append({"_id": new_id(rng), "title": f"Sequence {s}", "userId": author["_id"],
                          "chapters": [{"_id": new_id(rng), "title": "", "number": 0,
                                        "postIds": ids}]})
    books = [{"_id": new_id(rng), "title": f"Book {b}", "number": b,
              "sequenceIds": [q["_id"] for q in sequences[b::BOOKS]]} for b in range(BOOKS)]
    fixtures = Fixtures()
    for name, rows in (("users", [author, *readers]), ("tags", tags), ("posts", posts),
                       ("comments", comments), ("sequences", sequences),
                       ("collections", [{"_id": COLLECTION_ID, "slug": "rationality",
                                         "title": "Rationality: A-Z", "books": books}])):
        fixtures.add(name, rows)
    return fixtures, len(comments)


def _iso(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(seconds))


def requests_of(server, vault: Path, **select) -> tuple[int, float]:
    """(requests the stand-in received, wall seconds) for one `sync_vault` run."""
    from vaultkit.config import Selection
    from vaultkit.sync.engine import SyncOptions, sync_vault

    before, started = server.request_count, time.perf_counter()
    sync_vault(vault, SyncOptions(select=Selection(collections=[COLLECTION_ID], **select),
                                  endpoint=server.url, delay=0))
    return server.request_count - before, time.perf_counter() - started


def forget_cached_answers(vault: Path) -> None:
    """Empty the response cache (the `responses` table of the vault's database)."""
    from vaultkit.vault.database import FILE_NAME

    with sqlite3.connect(vault / ".vaultkit" / FILE_NAME) as connection:
        connection.execute("DELETE FROM responses")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from vaultkit.fetch.standin import StandinServer

    fixtures, n_comments = synthetic_collection(args.seed)
    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="vaultkit-bench-"))
    try:
        with StandinServer(fixtures) as server:
            reference = requests_of(server, work / "reference")
            first = requests_of(server, work / "vault", concepts=True, comments=True)
            again = requests_of(server, work / "vault", concepts=True, comments=True)
            forget_cached_answers(work / "vault")
            cold = requests_of(server, work / "vault", concepts=True, comments=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()
    per_post = first[0] / POSTS

    def row(name: str, measured: tuple[int, float]) -> str:
        minutes = measured[0] * CRAWL_DELAY / 60
        return f"| {name} | {measured[0]} | {measured[0] / POSTS:.2f} | {minutes:.1f} min | {measured[1]:.1f} s |"

    lines = [
        f"\n## Requests per sync: a collection shaped like Rationality: A–Z ({time.strftime('%Y-%m-%d')})\n",
        f"Command: `python bench/fetch_requests.py --seed {args.seed}`. Machine: {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, {platform.system()}; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after (other work running).",
        f"Data: {BOOKS} books, {SEQUENCES} sequences, {POSTS} posts, {n_comments:,} comments "
        f"(6% of posts without any; long tail up to 900), {TAGS} tags (3 wiki-only), 2–4 tags a post.\n",
        "| sync | requests | per post | at 3 s a request | loopback wall time |",
        "|---|---:|---:|---:|---:|",
        row("reference: the collection alone, first sync", reference),
        row("`--concepts --comments`, first sync", first),
        row("re-sync, nothing new", again),
        row("re-sync, nothing new, cache deleted", cold),
        "",
        f"Targets: first sync at most 1.2 requests per post -> {per_post:.2f}, "
        f"{'met' if per_post <= 1.2 else 'NOT met'}; re-sync with nothing new at most 5 -> "
        f"{again[0]} and {cold[0]} without the cache, "
        f"{'met' if max(again[0], cold[0]) <= 5 else 'NOT met'}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    with (ROOT / "bench" / "RESULTS-fetch.md").open("a", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
