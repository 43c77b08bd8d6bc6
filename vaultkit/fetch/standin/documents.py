"""Turn fixture rows into the documents the API serves: defaults filled in, derived fields added.

Rows in fixtures are sparse (see docs/fixtures.md: missing flags mean the visible value). Each row
is completed once when the server starts, so resolvers only look things up.
"""

from __future__ import annotations

from datetime import datetime, timezone

# The posts default view: a post is listed only when every one of these has this value.
POST_LISTED = {"status": 2, "draft": False, "isFuture": False, "unlisted": False,
               "shortform": False, "authorIsUnreviewed": False, "rejected": False,
               "hiddenRelatedQuestion": False}
# Reading one post by id fails with app.operation_not_allowed when one of these differs.
POST_READABLE = {"status": 2, "draft": False, "isFuture": False, "authorIsUnreviewed": False,
                 "rejected": False}
LOGGED_IN_ONLY = "onlyVisibleToLoggedIn"

EPOCH = "1970-01-01T00:00:00.000Z"


def parse_time(value: str | None) -> datetime | None:
    """Parse an ISO-8601 date as the server does; a value without a zone is taken as UTC."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def revision(contents: dict | None, edited_at: str | None) -> dict | None:
    """A complete `Revision` from a sparse `contents` dict."""
    if contents is None:
        return None
    html = contents.get("html")
    return {
        "html": html,
        "markdown": contents.get("markdown"),
        "wordCount": contents.get("wordCount", len((html or "").split())),
        "version": contents.get("version", "1.0.0"),
        "editedAt": contents.get("editedAt", edited_at or EPOCH),
        "originalContents": contents.get("originalContents", {"type": "ckEditorMarkup"}),
    }


def post_document(row: dict, site_url: str) -> dict:
    doc = {**POST_LISTED, LOGGED_IN_ONLY: False, "af": False, "question": False, "isEvent": False,
           "baseScore": 0, "voteCount": 0, "commentCount": 0, "coauthorUserIds": [],
           "tagRelevance": {}, "url": None, "fmCrosspost": None, **row}
    doc["modifiedAt"] = row.get("modifiedAt", row["postedAt"])
    doc["createdAt"] = row.get("createdAt", row["postedAt"])
    doc["lastCommentedAt"] = row.get("lastCommentedAt", row["postedAt"])
    doc["score"] = row.get("score", doc["baseScore"])
    doc["postCategory"] = row.get("postCategory") or (
        "question" if doc["question"] else "linkpost" if doc["url"] else "post")
    doc["pageUrlRelative"] = f"/posts/{doc['_id']}/{doc['slug']}"
    doc["pageUrl"] = site_url + doc["pageUrlRelative"]
    doc["linkUrl"] = doc["url"] or doc["pageUrl"]
    doc["contents"] = revision(row.get("contents"), doc["modifiedAt"])
    doc["htmlBody"] = doc["contents"]["html"] if doc["contents"] else None
    doc["wordCount"] = row.get("wordCount", doc["contents"]["wordCount"] if doc["contents"] else 0)
    doc["readTimeMinutes"] = max(1, round((doc["wordCount"] or 0) / 250))
    doc["glossary"] = [{"_id": f"{doc['_id']}-jargon{n}", "postId": doc["_id"], "altTerms": [],
                        "approved": True, "deleted": False, **term,
                        "contents": revision(term.get("contents"), doc["modifiedAt"])}
                       for n, term in enumerate(row.get("glossary") or [])]
    return doc


def comment_document(row: dict, site_url: str, post_slugs: dict[str, str]) -> dict:
    doc = {"postId": None, "tagId": None, "parentCommentId": None, "topLevelCommentId": None,
           "parentAnswerId": None, "answer": False, "baseScore": 0, "voteCount": 0, "af": False,
           "deleted": False, "deletedPublic": False, "deletedReason": None, "retracted": False,
           "shortform": False, "draft": False, "rejected": False, "userId": None, **row}
    doc["contents"] = None if doc["deleted"] else revision(row.get("contents"), doc["postedAt"])
    doc["htmlBody"] = doc["contents"]["html"] if doc["contents"] else None
    slug = post_slugs.get(doc["postId"] or "")
    doc["pageUrl"] = (f"{site_url}/posts/{doc['postId']}/{slug}?commentId={doc['_id']}"
                      if slug else None)
    return doc


def user_document(row: dict) -> dict:
    doc = {"oldSlugs": [], "username": row.get("slug"), "fullName": None, "deleted": False,
           "karma": 0, "afKarma": 0, "postCount": 0, "commentCount": 0, "sequenceCount": 0,
           "website": None, "htmlBio": "", "createdAt": EPOCH, **row}
    doc["displayName"] = row.get("displayName") or doc["username"] or doc["slug"]
    biography = row.get("biography")
    doc["biography"] = revision(biography, doc["createdAt"]) if biography else None
    doc["bio"] = row.get("bio", (biography or {}).get("markdown"))
    doc["email"] = None  # never readable by a guest
    return doc


def tag_document(row: dict) -> dict:
    doc = {"oldSlugs": [], "shortName": None, "subtitle": None, "core": False, "wikiOnly": False,
           "deleted": False, "adminOnly": False, "postCount": 0, "createdAt": EPOCH,
           "textLastUpdatedAt": None, "baseScore": 0, "parentTagId": None, "subTagIds": [], **row}
    edited = doc["textLastUpdatedAt"] or doc["createdAt"]
    doc["description"] = revision(row.get("description"), edited)
    return doc


def sequence_document(row: dict) -> dict:
    doc = {"draft": False, "isDeleted": False, "hidden": False, "af": False, "curatedOrder": None,
           "gridImageId": None, "canonicalCollectionSlug": None, "createdAt": EPOCH, **row}
    doc["contents"] = revision(row.get("contents"), doc["createdAt"])
    chapters = [{"subtitle": None, "number": 0, "postIds": [], **chapter, "sequenceId": row["_id"],
                 "contents": revision(chapter.get("contents"), doc["createdAt"])}
                for chapter in row.get("chapters", [])]
    doc["chapters"] = sorted(chapters, key=lambda c: c["number"] or 0)
    doc["postsCount"] = sum(len(c["postIds"]) for c in doc["chapters"])
    return doc


def collection_document(row: dict) -> dict:
    doc = {"firstPageLink": "", **row}
    doc["contents"] = revision(row.get("contents"), EPOCH)
    books = [{"subtitle": None, "number": 0, "postIds": [], "sequenceIds": [], **book,
              "contents": revision(book.get("contents"), EPOCH)} for book in row.get("books", [])]
    doc["books"] = sorted(books, key=lambda b: b["number"] or 0)
    return doc


def is_listed(post: dict, include_related_questions: bool = False,
              include_shortform: bool = False) -> bool:
    """The posts default view filter (applied in SQL, before `LIMIT`). The `userPosts` view lists
    the author's shortform container too (`include_shortform`)."""
    skipped = {"hiddenRelatedQuestion"} if include_related_questions else set()
    if include_shortform:
        skipped.add("shortform")
    return all(post[key] == value for key, value in POST_LISTED.items() if key not in skipped)


def is_readable(post: dict) -> bool:
    """Whether a guest may read the post by id (unlisted and shortform posts are readable)."""
    return all(post[key] == value for key, value in POST_READABLE.items())
