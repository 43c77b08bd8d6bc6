"""Fixtures for the demo-data tests: the shipped JSON files, loaded once."""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from vaultkit.demo import DEMO_DIR, FILE_NAMES


@pytest.fixture(scope="session")
def snapshot() -> dict[str, list[dict]]:
    """The shipped demo JSON, keyed by file stem (`"posts"`, `"comments"`, …)."""
    return {name.removesuffix(".json"): json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))
            for name in FILE_NAMES}


@pytest.fixture(scope="session")
def post_trees(snapshot) -> dict[str, HTMLParser]:
    """Each post's parsed `contents.html`, by post id."""
    return {post["_id"]: HTMLParser(post["contents"]["html"]) for post in snapshot["posts"]}


@pytest.fixture(scope="session")
def all_hrefs(snapshot) -> list[tuple[str, str]]:
    """(where, href) for every link in every HTML field of the snapshot."""
    found = []

    def collect(where: str, html_text: str | None) -> None:
        if html_text:
            found.extend((where, a.attributes.get("href") or "") for a in HTMLParser(html_text).css("a"))

    for post in snapshot["posts"]:
        collect(f"post {post['slug']}", post["contents"]["html"])
    for comment in snapshot["comments"]:
        collect(f"comment {comment['_id']}", (comment["contents"] or {}).get("html"))
    for tag in snapshot["tags"]:
        collect(f"tag {tag['slug']}", tag["description"]["html"])
    for user in snapshot["users"]:
        collect(f"user {user['slug']}", user["htmlBio"])
    for sequence in snapshot["sequences"]:
        collect(f"sequence {sequence['title']}", sequence["contents"]["html"])
    return found
