"""Synthetic fixtures: many small posts with the awkward cases a crawler must survive.

The generator is deterministic for a given seed. Besides ordinary visible posts it mixes in rows
that the default view or the access filter hides (drafts, logged-in-only, unlisted, future,
shortform) and bursts of posts that share one `postedAt` to the millisecond, like bulk imports.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from vaultkit.fetch.standin.documents import LOGGED_IN_ONLY, is_listed, post_document
from vaultkit.fetch.standin.fixtures import Fixtures

ID_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTWXYZ23456789"
FIRST_POST = datetime(2006, 11, 1, tzinfo=timezone.utc)
LAST_POST = datetime(2026, 6, 30, tzinfo=timezone.utc)

# Share of generated rows hidden from guests, and how each is hidden.
HIDDEN_SHARE = 0.08
HIDDEN_KINDS = ({"draft": True}, {"onlyVisibleToLoggedIn": True}, {"unlisted": True},
                {"isFuture": True}, {"shortform": True}, {"rejected": True}, {"status": 4})


def new_id(rng: random.Random) -> str:
    """A 17-character id from the forum's alphabet."""
    return "".join(rng.choice(ID_ALPHABET) for _ in range(17))


def iso(moment: datetime) -> str:
    """UTC ISO-8601 with milliseconds, as the API serialises dates."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{moment.microsecond // 1000:03d}Z"


def is_hidden(row: dict) -> bool:
    """True when a post row is missing from a guest's listing (default filter or access check)."""
    doc = post_document(row, site_url="")
    return not is_listed(doc, include_related_questions=True) or doc[LOGGED_IN_ONLY]


def generate_fixtures(n_posts: int, *, seed: int = 0, n_users: int = 50, n_tags: int = 20,
                      shared_timestamp_group: int = 30,
                      hidden_share: float = HIDDEN_SHARE) -> Fixtures:
    """Build `n_posts` posts (visible and hidden) with their users and tags.

    Every 500th post starts a burst of `shared_timestamp_group` posts with an identical `postedAt`.
    """
    rng = random.Random(seed)
    fixtures = Fixtures()
    users = [{"_id": new_id(rng), "slug": f"user-{i}", "username": f"user{i}",
              "displayName": f"User {i}", "createdAt": iso(FIRST_POST),
              "karma": rng.randint(0, 5000)} for i in range(n_users)]
    tags = [{"_id": new_id(rng), "slug": f"tag-{i}", "name": f"Tag {i}",
             "createdAt": iso(FIRST_POST), "postCount": 0} for i in range(n_tags)]
    fixtures.add("users", users)
    fixtures.add("tags", tags)

    span = (LAST_POST - FIRST_POST).total_seconds()
    posts = []
    i = 0
    while i < n_posts:
        posted = FIRST_POST + timedelta(milliseconds=int(rng.random() * span * 1000))
        burst = shared_timestamp_group if i % 500 == 0 and shared_timestamp_group else 1
        for _ in range(min(burst, n_posts - i)):
            posts.append(_post(rng, i, posted, users, tags, hidden_share))
            i += 1
    fixtures.add("posts", posts)
    return fixtures


def _post(rng: random.Random, index: int, posted: datetime, users: list[dict], tags: list[dict],
          hidden_share: float) -> dict:
    modified = posted + timedelta(days=rng.random() * 400)
    post = {
        "_id": new_id(rng),
        "slug": f"post-{index}",
        "title": f"Post {index}",
        "postedAt": iso(posted),
        "modifiedAt": iso(min(modified, LAST_POST)),
        "baseScore": rng.randint(-5, 300),
        "userId": rng.choice(users)["_id"],
        "tagRelevance": {rng.choice(tags)["_id"]: rng.randint(1, 20)},
        "contents": {"html": f"<p>Body of post {index}.</p>", "wordCount": 4},
    }
    if rng.random() < hidden_share:
        post.update(rng.choice(HIDDEN_KINDS))
    return post
