"""Assemble the demo snapshot's JSON files from the readable sources in `vaultkit/demo/source/`.

Run `python -m vaultkit.demo.build` after editing a source; the JSON files beside this module must
always equal `render_files(build_snapshot())` (a test checks it).

The sources name things by short keys. This module turns keys into forum ids and slugs, renders
each post body in its editor's dialect (`dialects.py`), resolves `@@form:key@@` link placeholders,
and derives the counts and back-references the API would serve (comment counts, tag post counts,
`topLevelCommentId`, `canonicalSequenceId`, …).
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from vaultkit.demo import DEMO_DIR, FILE_NAMES
from vaultkit.demo.dialects import render_footnotes, render_math
from vaultkit.demo.ids import make_id, slugify, unique_slug
from vaultkit.demo.source import collections, comments, posts, tags, users
from vaultkit.vault.atomic import write_atomic


_PLACEHOLDER = re.compile(r"@@(?P<form>[a-z0-9]+):(?P<key>[\w/.-]+)@@")
_TAG = re.compile(r"<[^>]+>")
_MATH_SPAN = re.compile(r"\\\(.+?\\\)|\\\[.+?\\\]", re.S)


def timestamp(text: str, shift: timedelta = timedelta()) -> str:
    """`"2019-05-09 01:02"` (UTC) as the API's ISO form with milliseconds, `2019-05-09T01:02:00.000Z`."""
    moment = datetime.strptime(text, "%Y-%m-%d %H:%M:%S" if text.count(":") == 2 else "%Y-%m-%d %H:%M")
    moment = moment.replace(tzinfo=timezone.utc) + shift
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def word_count(source_html: str) -> int:
    """Words of prose in a source body (tags and formulas left out)."""
    return len(_TAG.sub(" ", _MATH_SPAN.sub(" ", source_html)).split())


class _Index:
    """Ids and slugs of everything in the snapshot, for resolving keys and link placeholders."""

    def __init__(self) -> None:
        self.user = {u["key"]: {"id": make_id("user", u["key"]), "slug": u.get("slug") or slugify(u["display"])}
                     for u in users.USERS}
        self.tag = {t["key"]: {"id": make_id("tag", t["key"]), "slug": t.get("slug") or slugify(t["name"])}
                    for t in tags.TAGS}
        taken: set[str] = set()
        self.post = {}
        for p in sorted(posts.POSTS, key=lambda p: p["posted"]):
            self.post[p["key"]] = {"id": make_id("post", p["key"]), "slug": unique_slug(p["title"], taken),
                                   "legacy_id": p.get("legacy_id")}
        self.sequence = {s["key"]: {"id": make_id("sequence", s["key"])} for s in collections.SEQUENCES}
        self.comment = {c["key"]: {"id": make_id("comment", c["key"])} for c in comments.COMMENTS}
        self.external = {key: {"id": make_id("external", key), "slug": key} for key in posts.EXTERNAL_POSTS}

    def url(self, form: str, key: str) -> str:
        """The URL of link placeholder `@@form:key@@`."""
        if form in ("post", "lw", "af", "missing"):
            post = self.external[key] if form == "missing" else self.post[key]
            host = {"lw": "https://www.lesswrong.com", "missing": "https://www.lesswrong.com",
                    "af": "https://www.alignmentforum.org"}.get(form, "")
            return f"{host}/posts/{post['id']}/{post['slug']}"
        if form in ("lw1", "lw1abs"):
            post = self.post[key]
            host = "http://lesswrong.com" if form == "lw1abs" else ""
            return f"{host}/lw/{post['legacy_id']}/{post['slug']}"
        if form == "seq":
            sequence_key, post_key = key.split("/")
            return f"/s/{self.sequence[sequence_key]['id']}/p/{self.post[post_key]['id']}"
        if form == "comment":
            post_key, comment_key = key.split("/")
            post = self.post[post_key]
            return f"/posts/{post['id']}/{post['slug']}?commentId={self.comment[comment_key]['id']}"
        if form in ("tag", "wiki"):
            return f"/{form if form == 'tag' else 'w'}/{self.tag[key]['slug']}"
        if form == "user":
            return f"/users/{self.user[key]['slug']}"
        if form == "postid":
            return self.post[key]["id"]
        if form == "userid":
            return self.user[key]["id"]
        if form == "missingid":
            return self.external[key]["id"]
        raise ValueError(f"unknown link form @@{form}:…@@")

    def resolve(self, text: str) -> str:
        """`text` with every `@@form:key@@` replaced by its URL."""
        return _PLACEHOLDER.sub(lambda m: self.url(m.group("form"), m.group("key")), text)


def build_snapshot() -> dict[str, list[dict]]:
    """Every demo object, keyed by file name (`"posts"`, `"comments"`, …), in API shape."""
    index = _Index()
    snapshot = {
        "users": [_user(u, index) for u in users.USERS],
        "tags": [_tag(t, index) for t in tags.TAGS],
        "posts": [_post(p, index) for p in sorted(posts.POSTS, key=lambda p: p["posted"])],
        "comments": [_comment(c, index) for c in sorted(comments.COMMENTS, key=lambda c: c["posted"])],
        "sequences": [_sequence(s, index) for s in collections.SEQUENCES],
        "collections": [_collection(c, index) for c in collections.COLLECTIONS],
    }
    _derive_counts(snapshot)
    _derive_reading_order(snapshot)
    return snapshot


def external_post_ids() -> set[str]:
    """Ids of the posts that bodies link to on purpose although they are not in the snapshot."""
    return {make_id("external", key) for key in posts.EXTERNAL_POSTS}


def render_files(snapshot: dict[str, list[dict]]) -> dict[str, str]:
    """The text of each JSON file (`"posts.json"` → text) for `snapshot`."""
    return {name: json.dumps(snapshot[name.removesuffix(".json")], indent=1, ensure_ascii=False) + "\n"
            for name in FILE_NAMES}


def _revision(html_text: str, edited: str, markdown: str | None = None, editor: str | None = None) -> dict:
    revision = {"html": html_text, "markdown": markdown, "version": "1.0.0", "editedAt": edited}
    if editor:
        revision["originalContents"] = {"type": editor}
    return revision


def _user(source: dict, index: _Index) -> dict:
    bio = source.get("bio", "")
    created = timestamp(source["joined"])
    return {
        "_id": index.user[source["key"]]["id"],
        "slug": index.user[source["key"]]["slug"],
        "oldSlugs": source.get("old_slugs", []),
        "username": source["username"],
        "displayName": source["display"],
        "fullName": source.get("full_name"),
        "createdAt": created,
        "deleted": source.get("deleted", False),
        "karma": source["karma"],
        "afKarma": source.get("af_karma", 0),
        "postCount": 0,
        "commentCount": 0,
        "sequenceCount": 0,
        "htmlBio": index.resolve(bio),
        "biography": _revision(index.resolve(bio), created),
        "website": source.get("website"),
    }


def _tag(source: dict, index: _Index) -> dict:
    edited = timestamp(source["updated"])
    parent = source.get("parent")
    return {
        "_id": index.tag[source["key"]]["id"],
        "name": source["name"],
        "slug": index.tag[source["key"]]["slug"],
        "oldSlugs": source.get("old_slugs", []),
        "shortName": source.get("short_name"),
        "subtitle": source.get("subtitle"),
        "core": source.get("core", False),
        "wikiOnly": source.get("wiki_only", False),
        "deleted": False,
        "adminOnly": False,
        "postCount": 0,
        "createdAt": timestamp(source["created"]),
        "textLastUpdatedAt": edited,
        "baseScore": source["karma"],
        "description": _revision(index.resolve(source["description"]), edited),
        "parentTagId": index.tag[parent]["id"] if parent else None,
        "subTagIds": [index.tag[t["key"]]["id"] for t in tags.TAGS if t.get("parent") == source["key"]],
    }


def _post(source: dict, index: _Index) -> dict:
    key = source["key"]
    posted = timestamp(source["posted"])
    body = source["body"]
    if source.get("notes"):
        body = render_footnotes(body, source["notes"], source["footnotes"], key)
    body = index.resolve(render_math(body, source.get("math", "bare")))
    words = word_count(source["body"])
    crosspost = source.get("crosspost")
    author = source.get("author")
    return {
        "_id": index.post[key]["id"],
        "slug": index.post[key]["slug"],
        "title": source["title"],
        "url": source.get("url"),
        "postCategory": "linkpost" if source.get("url") else ("question" if source.get("question") else "post"),
        "postedAt": posted,
        "modifiedAt": timestamp(source.get("modified", source["posted"])),
        "createdAt": timestamp(source["posted"], -timedelta(hours=2, minutes=17)),
        "curatedDate": timestamp(source["curated"]) if source.get("curated") else None,
        "frontpageDate": posted if source.get("frontpage", True) else None,
        "baseScore": source["karma"],
        "voteCount": source.get("votes", max(1, source["karma"] // 3)),
        "commentCount": 0,
        "wordCount": words,
        "af": source.get("af", False),
        "afBaseScore": source.get("af_karma", 0),
        "question": source.get("question", False),
        "draft": source.get("draft", False),
        "isEvent": False,
        "shortform": False,
        "unlisted": False,
        "rejected": False,
        "status": 2,
        "isFuture": False,
        "authorIsUnreviewed": False,
        "hiddenRelatedQuestion": False,
        "onlyVisibleToLoggedIn": source.get("only_logged_in", False),
        "legacy": bool(source.get("legacy_id")),
        "legacyId": source.get("legacy_id"),
        "userId": index.user[author]["id"] if author else None,
        "coauthorUserIds": [index.user[u]["id"] for u in source.get("coauthors", [])],
        "tagRelevance": {index.tag[t]["id"]: score for t, score in source.get("tags", {}).items()},
        "canonicalSequenceId": None,
        "canonicalCollectionSlug": None,
        "canonicalBookId": None,
        "fmCrosspost": ({"isCrosspost": True, "hostedHere": crosspost["hosted_here"],
                         "foreignPostId": crosspost["foreign_id"]} if crosspost else {"isCrosspost": False}),
        "contents": _revision(body, timestamp(source.get("modified", source["posted"])),
                              markdown=index.resolve(source["markdown"]) if source.get("markdown") else None, editor=source["editor"]) | {"wordCount": words},
    }


_COMMENTS_BY_KEY = {c["key"]: c for c in comments.COMMENTS}


def _comment(source: dict, index: _Index) -> dict:
    parent = source.get("parent")
    top, answer = source, None
    while top.get("parent"):
        top = _COMMENTS_BY_KEY[top["parent"]]
        if top.get("answer"):
            answer = top
    deleted = source.get("deleted", False)
    posted = timestamp(source["posted"])
    author = source.get("author")
    body = source.get("body")
    return {
        "_id": index.comment[source["key"]]["id"],
        "postId": index.post[source["post"]]["id"],
        "tagId": None,
        "parentCommentId": index.comment[parent]["id"] if parent else None,
        "topLevelCommentId": index.comment[top["key"]]["id"] if parent else None,
        "parentAnswerId": index.comment[answer["key"]]["id"] if answer else None,
        "answer": source.get("answer", False),
        "postedAt": posted,
        "lastEditedAt": timestamp(source.get("edited", source["posted"])),
        "baseScore": source["karma"],
        "voteCount": source.get("votes", max(1, abs(source["karma"]) // 2)),
        "af": source.get("af", False),
        "deleted": deleted,
        "deletedPublic": deleted,
        "deletedReason": source.get("deleted_reason", "") if deleted else None,
        "retracted": source.get("retracted", False),
        "shortform": False,
        "draft": False,
        "userId": index.user[author]["id"] if author else None,
        "contents": None if deleted else {"html": index.resolve(render_math(body, source.get("math", "bare"))),
                                          "markdown": None},
    }


def _sequence(source: dict, index: _Index) -> dict:
    sequence_id = index.sequence[source["key"]]["id"]
    created = timestamp(source["created"])
    return {
        "_id": sequence_id,
        "title": source["title"],
        "userId": index.user[source["author"]]["id"],
        "createdAt": created,
        "draft": False,
        "isDeleted": False,
        "hidden": False,
        "af": False,
        "curatedOrder": source.get("curated_order"),
        "canonicalCollectionSlug": None,
        "contents": {"html": index.resolve(source["description"]), "markdown": None},
        "chapters": [{
            "_id": make_id("chapter", f"{source['key']}:{number}"),
            "title": chapter.get("title"),
            "subtitle": chapter.get("subtitle"),
            "number": number,
            "contents": {"html": index.resolve(chapter["description"])} if chapter.get("description") else None,
            "postIds": [index.post[p]["id"] for p in chapter["posts"]],
        } for number, chapter in enumerate(source["chapters"], start=1)],
    }


def _collection(source: dict, index: _Index) -> dict:
    return {
        "_id": make_id("collection", source["key"]),
        "slug": source["slug"],
        "title": source["title"],
        "userId": index.user[source["author"]]["id"],
        "createdAt": timestamp(source["created"]),
        "firstPageLink": index.resolve(source["first_page"]),
        "contents": {"html": index.resolve(source["description"])},
        "books": [{
            "_id": make_id("book", f"{source['key']}:{number}"),
            "title": book["title"],
            "subtitle": book.get("subtitle"),
            "number": number,
            "contents": {"html": index.resolve(book["description"])},
            "postIds": [index.post[p]["id"] for p in book.get("posts", [])],
            "sequenceIds": [index.sequence[s]["id"] for s in book["sequences"]],
        } for number, book in enumerate(source["books"], start=1)],
    }


def _is_visible(post: dict) -> bool:
    return not post["draft"] and not post["onlyVisibleToLoggedIn"]


def _derive_counts(snapshot: dict[str, list[dict]]) -> None:
    """Fill the counters the API keeps denormalised: comments per post, posts per tag and user."""
    for post in snapshot["posts"]:
        post["commentCount"] = sum(1 for c in snapshot["comments"] if c["postId"] == post["_id"] and not c["deleted"])
    visible = [p for p in snapshot["posts"] if _is_visible(p)]
    for tag in snapshot["tags"]:
        tag["postCount"] = sum(1 for p in visible if p["tagRelevance"].get(tag["_id"], 0) > 0)
    for user in snapshot["users"]:
        user["postCount"] = sum(1 for p in visible if p["userId"] == user["_id"])
        user["commentCount"] = sum(1 for c in snapshot["comments"] if c["userId"] == user["_id"])
        user["sequenceCount"] = sum(1 for s in snapshot["sequences"] if s["userId"] == user["_id"])


def _derive_reading_order(snapshot: dict[str, list[dict]]) -> None:
    """Point each sequence post at its sequence, and each collection sequence at its collection."""
    posts_by_id = {p["_id"]: p for p in snapshot["posts"]}
    placement = {}
    for collection in snapshot["collections"]:
        for book in collection["books"]:
            for sequence_id in book["sequenceIds"]:
                placement[sequence_id] = (collection["slug"], book["_id"])
    for sequence in snapshot["sequences"]:
        collection_slug, book_id = placement.get(sequence["_id"], (None, None))
        sequence["canonicalCollectionSlug"] = collection_slug
        for chapter in sequence["chapters"]:
            for post_id in chapter["postIds"]:
                post = posts_by_id[post_id]
                if post["canonicalSequenceId"] is None:
                    post["canonicalSequenceId"] = sequence["_id"]
                    post["canonicalCollectionSlug"] = collection_slug
                    post["canonicalBookId"] = book_id


def write_files(folder: Path = DEMO_DIR) -> list[str]:
    """Rebuild the snapshot and write its JSON files into `folder`; returns the names it changed."""
    return [name for name, text in render_files(build_snapshot()).items() if write_atomic(folder / name, text)]


if __name__ == "__main__":
    written = write_files()
    sys.stdout.write(("wrote " + ", ".join(written) if written else "demo JSON already up to date") + "\n")
