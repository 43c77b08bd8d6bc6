"""Benchmark: requests of a library sync (`--library`) against the stand-in (loopback, no delay).

    python bench/fetch_library.py

A synthetic library shaped like the real one (approximate sizes: Rationality: A–Z 6 books, 26
sequences, 333 posts; The Codex 4 books, 12 sequences, 74 posts; HPMOR 6 books of one sequence,
122 posts; 40 curated sequences of 8 posts, 10 of them also in a collection). The reference,
measured in the same run, syncs the same sequences named one by one (`--sequence` for each, one
request per sequence, as collections were synced before the collection answer was reused).
Requests are the client's `request_count`; "at 3 s" is what the forum's politeness delay makes
of them.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from vaultkit.config import Selection
from vaultkit.fetch.forum import open_client
from vaultkit.fetch.standin import Fixtures, StandinServer
from vaultkit.model.sites import collection_alias
from vaultkit.sync.engine import SyncOptions, sync_vault

SHAPE = {"rationality-a-z": (6, 26, 333), "codex": (4, 12, 74), "hpmor": (6, 6, 122)}
CURATED, CURATED_POSTS, SHARED = 40, 8, 10
TAGS = 300


def _id(prefix: str, n: int) -> str:
    return (f"{prefix}{n}".replace("0", "z").replace("1", "y") + "q" * 17)[:17]


def library_fixtures() -> tuple[Fixtures, list[str]]:
    posts, sequences, collections = [], [], []
    tags = [{"_id": _id("tag", n), "slug": f"tag-{n}", "name": f"Tag {n}",
             "description": {"html": f"<p>Tag {n}.</p>"}} for n in range(TAGS)]
    users = [{"_id": _id("user", 0), "slug": "author", "username": "author", "displayName": "Author"}]

    def new_sequence(n_posts: int, **extra) -> str:
        sid = _id("seq", len(sequences))
        first = len(posts)
        for k in range(n_posts):
            n = first + k
            posts.append({"_id": _id("post", n), "slug": f"post-{n}", "title": f"Post {n}",
                          "postedAt": f"2015-01-01T{n % 24:02d}:00:00.000Z", "baseScore": n % 90,
                          "userId": users[0]["_id"], "tagRelevance": {tags[n % TAGS]["_id"]: 1},
                          "contents": {"html": f"<p>Body of post {n}.</p>" * 20}})
        sequences.append({"_id": sid, "title": f"Sequence {len(sequences)}", "userId": users[0]["_id"],
                          "chapters": [{"_id": _id("chap", len(sequences)), "number": 1,
                                        "postIds": [p["_id"] for p in posts[first:]]}], **extra})
        return sid

    for name, (n_books, n_sequences, n_posts) in SHAPE.items():
        per_book = n_sequences // n_books
        books = []
        for b in range(n_books):
            count = per_book if b < n_books - 1 else n_sequences - per_book * (n_books - 1)
            ids = [new_sequence(n_posts // n_sequences) for _ in range(count)]
            books.append({"_id": _id(f"book{name[:3]}", b), "title": f"{name} book {b + 1}",
                          "number": b + 1, "sequenceIds": ids})
        collections.append({"_id": collection_alias(name), "slug": name, "title": name, "books": books})
    for n in range(SHARED):   # curated sequences that a collection holds too
        sequences[n].update(curatedOrder=100 + n, gridImageId=f"grid{n}")
    for n in range(CURATED - SHARED):
        new_sequence(CURATED_POSTS, curatedOrder=n, gridImageId=f"grid-c{n}")
    fixtures = Fixtures()
    for table, rows in (("users", users), ("tags", tags), ("posts", posts),
                        ("sequences", sequences), ("collections", collections)):
        fixtures.add(table, rows)
    return fixtures, [s["_id"] for s in sequences]


def run(selection: Selection) -> dict:
    fixtures, _ = library_fixtures()
    with tempfile.TemporaryDirectory() as folder, StandinServer(fixtures) as server:
        vault = Path(folder) / "v"
        figures = {}
        for label in ("first", "again"):
            client = open_client(endpoint=server.url, min_interval=0, cache_db=None)
            started = time.perf_counter()
            report = sync_vault(vault, SyncOptions(select=selection), client=client)
            figures[label] = (client.request_count, time.perf_counter() - started,
                              report.counts["created"])
            client.close()
    return figures


def main() -> None:
    _, all_sequences = library_fixtures()
    print(f"load before: {os.getloadavg()[0]:.1f}")
    rows = [("--library", run(Selection(library=True))),
            ("reference: --sequence × each, --concepts",
             run(Selection(sequences=all_sequences, concepts=True)))]
    print("| selection | notes | requests | s (loopback) | at 3 s/request | re-run requests |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, fig in rows:
        requests, seconds, created = fig["first"]
        print(f"| {label} | {created} | {requests} | {seconds:.1f} | {requests * 3 / 60:.1f} min "
              f"| {fig['again'][0]} |")
    print(f"load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
