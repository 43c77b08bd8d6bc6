"""The small hand-written forum the fetch tests serve: ids spelled after words, and every
collection as fixture rows. Test modules import these names from here (not from conftest, a name
every test folder has)."""

from __future__ import annotations


def fid(word: str) -> str:
    """A valid 17-character forum id spelled after `word` (the alphabet has no l, I, O, U, V, 0, 1)."""
    spelled = word.translate(str.maketrans("lIOUV01", "LiouvAB"))
    return (spelled + "2" * 17)[:17]


ALICE, BOB, GONE = fid("alice"), fid("bob"), fid("gone")
TAG_RAT, TAG_WIKI, TAG_AI = fid("tagRationality"), fid("tagWikiOnly"), fid("tagAiSafety")
POST_PLAIN = fid("plainPost")
POST_LINK = fid("linkPost")
POST_QUESTION = fid("questionPost")
POST_DRAFT = fid("draftPost")
POST_LOGGED_IN = fid("loggedInPost")
POST_COAUTHORED = fid("coauthored")
SHARED = [fid(f"sharedTime{chr(97 + i)}") for i in range(12)]
SEQUENCE = fid("sequence")
COLLECTION = "oneQyj4pw77ynzwAF"   # the id of Rationality: A-Z
SHARED_POSTED_AT = "2015-03-01T12:00:00.000Z"


def _post(post_id: str, slug: str, posted: str, **extra) -> dict:
    return {"_id": post_id, "slug": slug, "title": slug.replace("-", " ").title(),
            "postedAt": posted, "modifiedAt": posted, "userId": ALICE, "baseScore": 10,
            "contents": {"html": f"<p>Body of {slug}.</p>"}, **extra}


def forum_rows() -> dict[str, list[dict]]:
    """Every collection of the small forum, as rows in the fixture format."""
    users = [
        {"_id": ALICE, "slug": "alice", "oldSlugs": ["alice-old"], "displayName": "Alice",
         "htmlBio": "<p>Alice writes.</p>", "biography": {"markdown": "Alice writes."}},
        {"_id": BOB, "slug": "bob", "displayName": "Bob"},
        {"_id": GONE, "slug": "gone", "displayName": "Gone", "deleted": True},
    ]
    tags = [
        {"_id": TAG_RAT, "slug": "rationality", "oldSlugs": ["rationality-old"], "name": "Rationality",
         "description": {"html": "<p>Thinking well.</p>"}},
        {"_id": TAG_WIKI, "slug": "wiki-only-page", "name": "Wiki Only", "wikiOnly": True},
        {"_id": TAG_AI, "slug": "ai-safety", "name": "AI Safety"},
    ]
    posts = [
        _post(POST_PLAIN, "a-plain-post", "2010-01-01T00:00:00.000Z",
              tagRelevance={TAG_RAT: 5, TAG_AI: 0}, baseScore=50),
        _post(POST_LINK, "a-link-post", "2011-06-01T00:00:00.000Z", url=" example.com/x ",
              userId=GONE, tagRelevance={TAG_RAT: 2}),
        _post(POST_QUESTION, "a-question", "2012-02-02T00:00:00.000Z", question=True, baseScore=3,
              legacyId="2tq"),
        _post(POST_DRAFT, "a-draft", "2012-03-03T00:00:00.000Z", draft=True),
        _post(POST_LOGGED_IN, "members-only", "2012-04-04T00:00:00.000Z", onlyVisibleToLoggedIn=True),
        _post(POST_COAUTHORED, "written-together", "2013-01-01T00:00:00.000Z", userId=BOB,
              coauthorUserIds=[ALICE]),
        *[_post(post_id, f"bulk-import-{i}", SHARED_POSTED_AT, baseScore=i)
          for i, post_id in enumerate(SHARED)],
    ]
    comments = [
        {"_id": fid("comment1"), "postId": POST_PLAIN, "userId": BOB,
         "postedAt": "2010-01-02T00:00:00.000Z", "contents": {"html": "<p>First!</p>"}},
        {"_id": fid("comment2"), "postId": POST_PLAIN, "userId": ALICE,
         "parentCommentId": fid("comment1"), "topLevelCommentId": fid("comment1"),
         "postedAt": "2010-01-03T00:00:00.000Z", "contents": {"html": "<p>Reply.</p>"}},
        {"_id": fid("deletedComment"), "postId": POST_PLAIN, "userId": BOB, "deleted": True,
         "deletedPublic": True, "postedAt": "2010-01-04T00:00:00.000Z",
         "contents": {"html": "<p>secret</p>"}},
        {"_id": fid("hiddenComment"), "postId": POST_PLAIN, "userId": BOB, "deleted": True,
         "postedAt": "2010-01-05T00:00:00.000Z", "contents": {"html": "<p>gone</p>"}},
        {"_id": fid("answer1"), "postId": POST_QUESTION, "userId": BOB, "answer": True,
         "postedAt": "2012-02-03T00:00:00.000Z", "contents": {"html": "<p>An answer.</p>"}},
        {"_id": fid("answerReply"), "postId": POST_QUESTION, "userId": ALICE,
         "parentCommentId": fid("answer1"), "topLevelCommentId": fid("answer1"),
         "parentAnswerId": fid("answer1"), "postedAt": "2012-02-04T00:00:00.000Z",
         "contents": {"html": "<p>Thanks.</p>"}},
        {"_id": fid("questionComment"), "postId": POST_QUESTION, "userId": GONE,
         "postedAt": "2012-02-05T00:00:00.000Z", "contents": {"html": "<p>Clarify?</p>"}},
    ]
    sequences = [
        {"_id": SEQUENCE, "title": "A Sequence", "userId": ALICE, "createdAt": "2014-01-01T00:00:00.000Z",
         "chapters": [
             {"_id": fid("chapterTwo"), "title": "Two", "number": 2,
              "postIds": [POST_QUESTION, POST_DRAFT]},
             {"_id": fid("chapterOne"), "title": "One", "number": 1,
              "postIds": [POST_PLAIN, POST_LINK]},
         ]},
    ]
    collections = [
        {"_id": COLLECTION, "slug": "rationality", "title": "Rationality: A-Z",
         "books": [{"_id": fid("book2"), "title": "Book II", "number": 2, "sequenceIds": [],
                    "postIds": [POST_COAUTHORED]},
                   {"_id": fid("book1"), "title": "Book I", "number": 1,
                    "sequenceIds": [SEQUENCE], "postIds": []}]},
        {"_id": fid("otherCollection"), "slug": "other", "title": "Other", "books": []},
    ]
    return {"users": users, "tags": tags, "posts": posts, "comments": comments,
            "sequences": sequences, "collections": collections}


VISIBLE_POSTS = {POST_PLAIN, POST_LINK, POST_QUESTION, POST_COAUTHORED, *SHARED}
