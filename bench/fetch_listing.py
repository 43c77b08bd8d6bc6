"""Benchmark: full-history listing and body fetching against the stand-in (loopback, no delay).

    python bench/fetch_listing.py [N_POSTS ...]

Prints, per size: posts listed, HTTP requests, seconds for the listing, and seconds to fetch all
bodies in batches of 50. The stand-in runs in the same process, so the figures include its own
work (filtering, GraphQL execution); against the real forum the 3 s politeness delay dominates.
"""

from __future__ import annotations

import sys
import time

from vaultkit.fetch.forum import open_client
from vaultkit.fetch.standin import StandinServer, generate_fixtures
from vaultkit.fetch.standin.generate import is_hidden


def run(n_posts: int, listing_page: int) -> dict:
    fixtures = generate_fixtures(n_posts, seed=1)
    visible = {i for i, p in fixtures.posts.items() if not is_hidden(p)}
    with StandinServer(fixtures) as server, open_client(endpoint=server.url,
                                                        listing_page=listing_page) as client:
        started = time.perf_counter()
        rows = list(client.list_posts())
        listed = time.perf_counter() - started
        listing_requests = client.request_count
        started = time.perf_counter()
        bodies = client.posts_by_ids(row["_id"] for row in rows)
        fetched = time.perf_counter() - started
    assert {r["_id"] for r in rows} == visible and len(bodies) == len(visible)
    return {"posts": n_posts, "visible": len(visible), "page": listing_page,
            "listing_requests": listing_requests, "listing_s": round(listed, 2),
            "body_requests": client.request_count - listing_requests, "bodies_s": round(fetched, 2)}


def main(sizes: list[int]) -> None:
    print("| posts | visible | page | listing requests | listing s | body requests | bodies s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        for page in (5000, 1000):
            r = run(n, page)
            print(f"| {r['posts']} | {r['visible']} | {r['page']} | {r['listing_requests']} | "
                  f"{r['listing_s']} | {r['body_requests']} | {r['bodies_s']} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 50_000])
