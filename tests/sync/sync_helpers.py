"""Hand-made items and notes for the sync tests."""

from __future__ import annotations

import datetime as dt

from vaultkit.model.items import Post, TagRef
from vaultkit.render.notes import RenderedNote

TODAY = dt.date(2024, 3, 1)


def make_post(pid: str = "postAAAAAAAAAAAAA", title: str = "Fermi Estimation", body: str = "Hello.",
              **kw) -> Post:
    values = dict(id=pid, title=title, url=f"https://www.lesswrong.com/posts/{pid}/x", version="v1",
                  slug="x", posted="2020-01-02T03:04:05.000Z", modified="2020-01-03T00:00:00.000Z",
                  karma=10, author_id="userAAAAAAAAAAAAA", author_name="Jane Doe",
                  tags=[TagRef("tagAAAAAAAAAAAAAA", "rationality", "Rationality")], body=body)
    values.update(kw)
    return Post(**values)


def make_note(lw_id: str = "postAAAAAAAAAAAAA", title: str = "Fermi Estimation",
              region: str = "Body text.", **props) -> RenderedNote:
    properties = {"lw_id": lw_id, "type": "post", "title": title,
                  "url": f"https://www.lesswrong.com/posts/{lw_id}", "karma": 10, **props}
    return RenderedNote(lw_id=lw_id, kind="post", title=title, properties=properties, region=region,
                        list_items={"aliases": [title], "tags": ["lesswrong/post", "lw/rationality"]})


# -- a small forum for end-to-end runs against the stand-in server ---------------------------

ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTWXYZ23456789"


def forum_id(prefix: str, n: int) -> str:
    """A 17-character id in the forum's alphabet, readable in test output."""
    body = f"{prefix}{n}".replace("0", "z").replace("1", "y").replace("l", "L").replace("I", "J")
    body = "".join(c if c in ALPHABET else "x" for c in body)
    return (body + "q" * 17)[:17]


def small_forum(n_posts: int = 8) -> dict[str, list[dict]]:
    """Rows (fixture format) for two authors, tags, one sequence, one collection and comments.

    Every post links to the next one, so link rewriting across notes is exercised.
    """
    users = [
        {"_id": forum_id("userjane", 1), "slug": "jane-doe", "username": "jane", "displayName": "Jane Doe",
         "karma": 1200, "biography": {"html": "<p>Jane writes about <em>estimation</em>.</p>"}},
        {"_id": forum_id("userbob", 2), "slug": "bob", "username": "bob", "displayName": "Bob Roe",
         "karma": 40},
    ]
    tags = [
        {"_id": forum_id("tagfermi", 1), "slug": "fermi-estimation", "name": "Fermi Estimation",
         "postCount": 3, "description": {"html": "<p>A <b>Fermi estimate</b> is a rough calculation.</p>"
                                         "<p>More detail.</p>", "version": "1.0.0"}},
        {"_id": forum_id("tagbias", 2), "slug": "heuristics-and-biases", "name": "Heuristics & Biases",
         "postCount": 2, "description": {"html": "<p>Systematic errors of judgement.</p>"}},
    ]
    post_ids = [forum_id("post", i) for i in range(n_posts)]
    posts = []
    for i, pid in enumerate(post_ids):
        nxt = post_ids[(i + 1) % n_posts]
        posts.append({
            "_id": pid, "slug": f"post-{i}", "title": f"Post number {i}",
            "postedAt": f"2020-01-{i + 1:02d}T10:00:00.000Z", "modifiedAt": f"2020-02-{i + 1:02d}T10:00:00.000Z",
            "baseScore": 10 * i, "voteCount": i, "commentCount": 2 if i == 0 else 0, "wordCount": 20,
            "userId": users[i % 2]["_id"], "coauthorUserIds": [users[1]["_id"]] if i == 3 else [],
            "tagRelevance": {tags[i % 2]["_id"]: 1},
            "contents": {"html": f"<p>Body of post {i}. Read "
                                 f"<a href=\"https://www.lesswrong.com/posts/{nxt}/post-x\">the next one</a>.</p>",
                         "version": "1.0.0", "editedAt": f"2020-02-{i + 1:02d}T10:00:00.000Z"},
        })
    sequences = [{"_id": forum_id("seqone", 1), "title": "A Small Sequence", "userId": users[0]["_id"],
                  "contents": {"html": "<p>Three posts in order.</p>"},
                  "chapters": [{"_id": forum_id("chap", 1), "title": "Beginnings", "number": 1,
                                "postIds": post_ids[:2]},
                               {"_id": forum_id("chap", 2), "title": "Endings", "number": 2,
                                "postIds": post_ids[2:3]}]}]
    collections = [{"_id": forum_id("colone", 1), "slug": "small-collection", "title": "A Small Collection",
                    "contents": {"html": "<p>A collection.</p>"},
                    "books": [{"_id": forum_id("book", 1), "title": "Book One", "number": 1,
                               "sequenceIds": [sequences[0]["_id"]], "postIds": []}]}]
    comments = [
        {"_id": forum_id("comA", 1), "postId": post_ids[0], "postedAt": "2020-01-05T00:00:00.000Z",
         "baseScore": 5, "userId": users[1]["_id"], "contents": {"html": "<p>Nice post.</p>"}},
        {"_id": forum_id("comB", 2), "postId": post_ids[0], "parentCommentId": forum_id("comA", 1),
         "topLevelCommentId": forum_id("comA", 1), "postedAt": "2020-01-06T00:00:00.000Z",
         "baseScore": 3, "userId": None, "contents": {"html": "<p>A reply by a deleted account.</p>"}},
        {"_id": forum_id("comC", 3), "postId": post_ids[0], "postedAt": "2020-01-07T00:00:00.000Z",
         "baseScore": 1, "deleted": True, "deletedPublic": True, "userId": users[0]["_id"],
         "contents": {"html": "<p>gone</p>"}},
    ]
    return {"users": users, "tags": tags, "posts": posts, "sequences": sequences,
            "collections": collections, "comments": comments}


def just_now() -> str:
    """An upstream `modifiedAt` for an edit made now (listings stop at a day from now)."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
