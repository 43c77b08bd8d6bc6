"""Benchmark: the converter's forum-link recogniser, `vaultkit.model.refs.parse_forum_url`.

    python bench/forum_refs.py [--posts 600] [--rounds 7]

Every link of every post goes through it. The reference, measured in the same run on the same
links, is `urllib.parse.urlsplit` (what the fast path avoids); the ratio between the two is what
to compare across machines and versions. Links come from bench/render_corpus.py.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_corpus import generate_corpus  # noqa: E402

try:
    from vaultkit.model.refs import parse_forum_url  # noqa: E402
except ImportError:  # before issue 13 it lived in render/links.py
    from vaultkit.render.links import parse_forum_url  # noqa: E402


def _best(func, urls: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for url in urls:
            func(url)
        best = min(best, time.process_time() - start)
    return best / len(urls) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    urls = [u for html in generate_corpus(args.posts) for u in re.findall(r'href="([^"]*)"', html)]
    forum = sum(parse_forum_url(u) is not None for u in urls)
    ours = _best(parse_forum_url, urls, args.rounds)
    reference = _best(urlsplit, urls, args.rounds)
    print(f"{len(urls)} links ({forum} forum links) from {args.posts} posts, best of {args.rounds}")
    print(f"parse_forum_url {ours:.2f} us/link; urlsplit (reference) {reference:.2f} us/link; "
          f"ratio {ours / reference:.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
