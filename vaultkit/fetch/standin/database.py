"""The stand-in's query engine: views, sorting, limits and access checks over fixture documents.

It mimics how the forum runs a list query: filter and sort in "SQL" (the view), apply `offset`
and `limit`, and only then drop the rows a guest may not see. That last step is why real pages can
be short in the middle of a list.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Callable

from vaultkit.fetch.standin import documents as D
from vaultkit.fetch.standin.faults import Faults
from vaultkit.fetch.standin.fixtures import Fixtures

MAX_LIMIT = 5000
MAX_OFFSET = 2000
# Views with their own default `limit` (used when the query omits it).
VIEW_DEFAULT_LIMITS = {"userPosts": 5, "slugPost": 1, "legacyIdPost": 1, "allRecentComments": 5,
                       "recentComments": 5, "SequenceChapters": 20}
FAR_PAST = datetime.min.replace(tzinfo=timezone.utc)
FAR_FUTURE = datetime.max.replace(tzinfo=timezone.utc)


class ResolverError(Exception):
    """An error the API reports in `errors` with HTTP 200 (e.g. `app.missing_document`)."""


@dataclass
class ListQuery:
    """One list query in either argument style, reduced to what the views need."""

    view: str | None
    terms: dict
    limit: int | None
    offset: int | None
    enable_total: bool = False


class Database:
    """Fixture documents plus the view logic of each collection."""

    def __init__(self, fixtures: Fixtures, *, site_url: str = "https://www.lesswrong.com",
                 max_limit: int = MAX_LIMIT, max_offset: int | None = MAX_OFFSET,
                 faults: Faults | None = None, filter_settings_ignore_offset: bool = True):
        self.faults = faults or Faults()
        self.filter_settings_ignore_offset = filter_settings_ignore_offset
        self.max_limit = max_limit
        self.max_offset = max_offset
        self.users = {k: D.user_document(v) for k, v in fixtures.users.items()}
        self.tags = {k: D.tag_document(v) for k, v in fixtures.tags.items()}
        self.posts = {k: D.post_document(v, site_url) for k, v in fixtures.posts.items()}
        slugs = {k: p["slug"] for k, p in self.posts.items()}
        self.comments = {k: D.comment_document(v, site_url, slugs)
                         for k, v in fixtures.comments.items()}
        self.sequences = {k: D.sequence_document(v) for k, v in fixtures.sequences.items()}
        self.collections = {k: D.collection_document(v) for k, v in fixtures.collections.items()}
        self._times: dict[tuple[str, str], datetime] = {}
        self._count_children()
        self._count_comments({k for k, row in fixtures.posts.items() if "commentCount" not in row},
                             {k for k, row in fixtures.posts.items() if "lastCommentedAt" not in row})
        self._index_posts()

    # --- helpers shared by the views ---------------------------------------------------------

    def time(self, doc: dict, field: str) -> datetime:
        key = (doc["_id"], field)
        if key not in self._times:
            self._times[key] = D.parse_time(doc.get(field)) or FAR_PAST
        return self._times[key]

    def page(self, rows: list[dict], query: ListQuery,
             visible: Callable[[dict], bool]) -> tuple[list[dict], int]:
        """Apply offset and the (clamped) limit, then the access check. Returns (page, total)."""
        limit = query.limit
        if limit is None:
            limit = VIEW_DEFAULT_LIMITS.get(query.view or "", self.max_limit)
        if limit <= 0 or limit > self.max_limit:
            limit = self.max_limit
        offset = query.offset or 0
        if self.max_offset is not None and offset > self.max_offset:
            raise ResolverError("Exceeded maximum value for skip")
        return [row for row in rows[offset:offset + limit] if visible(row)], len(rows)

    def window(self, terms: dict, default_field: str = "postedAt") -> Callable[[dict], bool]:
        """The test `after <= doc[timeField] < before` (half-open; either end may be absent)."""
        field = terms.get("timeField") or default_field
        after, before = D.parse_time(terms.get("after")), D.parse_time(terms.get("before"))
        if after is None and before is None:
            return lambda doc: True
        low, high = after or FAR_PAST, before or FAR_FUTURE
        return lambda doc: low <= self.time(doc, field) < high

    def _count_children(self) -> None:
        """Fill `directChildrenCount`/`descendentCount` unless the fixture gives them."""
        direct: dict[str, int] = {}
        descendants: dict[str, int] = {}
        for comment in self.comments.values():
            parent, top = comment["parentCommentId"], comment["topLevelCommentId"]
            if parent:
                direct[parent] = direct.get(parent, 0) + 1
            if top and top != comment["_id"]:
                descendants[top] = descendants.get(top, 0) + 1
        for comment_id, comment in self.comments.items():
            comment.setdefault("directChildrenCount", direct.get(comment_id, 0))
            comment.setdefault("descendentCount", descendants.get(comment_id, 0))

    def _count_comments(self, post_ids: set[str], dated_ids: set[str]) -> None:
        """`commentCount` and `lastCommentedAt` of the posts whose fixture does not give them:
        the comments a reader sees."""
        for comment in self.comments.values():
            post = self.posts.get(comment["postId"] or "")
            if post is None or comment["draft"] or comment["rejected"] or comment["deleted"]:
                continue
            if post["_id"] in post_ids:
                post["commentCount"] += 1
            if post["_id"] in dated_ids and post["lastCommentedAt"] < comment["postedAt"]:
                post["lastCommentedAt"] = comment["postedAt"]

    # --- posts -------------------------------------------------------------------------------

    def post(self, post_id: str, allow_null: bool = False) -> dict | None:
        doc = self.posts.get(post_id)
        if doc is None:
            if allow_null:
                return None
            raise ResolverError("app.missing_document")
        if not D.is_readable(doc):
            raise ResolverError("app.operation_not_allowed")
        if doc[D.LOGGED_IN_ONLY]:
            raise ResolverError("This post is only visible to logged-in users.")
        return doc

    def list_posts(self, query: ListQuery) -> tuple[list[dict], int]:
        terms, view = query.terms, query.view
        if terms.get("exactPostIds") is not None:
            # exactPostIds drops every default filter; only the access check remains.
            wanted = terms["exactPostIds"]
            rows = [self.posts[i] for i in dict.fromkeys(wanted) if i in self.posts]
            return self.page(rows, query, self._guest_can_list_exact)
        if view == "legacyIdPost" and not terms.get("legacyId"):
            raise ResolverError("Missing view argument: legacyId")
        related = str(terms.get("includeRelatedQuestions")).lower() == "true"
        listed = self._listed[related, view == "userPosts"]
        in_window = self.window(terms)
        rows = [p for p in self._sorted_posts(view, terms)
                if p["_id"] in listed and in_window(p) and self._matches(p, view, terms)]
        if self.filter_settings_ignore_offset and terms.get("filterSettings"):
            # ForumMagnum#3099 (still open): with filterSettings the forum ignores `offset`.
            query = replace(query, offset=0)
        return self.page(rows, query, lambda p: not p[D.LOGGED_IN_ONLY])

    @staticmethod
    def _guest_can_list_exact(post: dict) -> bool:
        return D.is_readable(post) and not post[D.LOGGED_IN_ONLY]

    def _matches(self, post: dict, view: str | None, terms: dict) -> bool:
        if terms.get("postIds") is not None and post["_id"] not in terms["postIds"]:
            return False
        user_id = terms.get("userId")
        if view == "userPosts":
            if user_id not in [post.get("userId"), *post["coauthorUserIds"]]:
                return False
        elif user_id and post.get("userId") != user_id:
            return False
        if view == "slugPost" and post["slug"] != terms.get("slug"):
            return False
        if view == "legacyIdPost" and post.get("legacyId") != terms.get("legacyId"):
            return False
        for key in ("af", "question"):
            if terms.get(key) is not None and post[key] != terms[key]:
                return False
        if terms.get("excludeEvents") and post["isEvent"]:
            return False
        if not self._passes_tag_filter(post, terms.get("filterSettings")):
            return False
        return True

    @staticmethod
    def _passes_tag_filter(post: dict, filter_settings: Any) -> bool:
        if not isinstance(filter_settings, dict):
            return True
        for rule in filter_settings.get("tags") or []:
            score = post["tagRelevance"].get(rule.get("tagId"))
            if rule.get("filterMode") == "Required" and (score is None or score < 1):
                return False
            if rule.get("filterMode") == "Hidden" and score is not None and score >= 1:
                return False
        return True

    def _sorted_posts(self, view: str | None, terms: dict) -> list[dict]:
        """All posts in the view's order; `_id` descending breaks ties (as upstream's `_id: -1`)."""
        order = terms.get("sortedBy") if view == "userPosts" else view
        if view == "tagRelevance":
            tag_id = terms.get("tagId")
            by_id = self._posts_by_id_desc
            return sorted(by_id, key=lambda p: (tag_id not in p["tagRelevance"],
                                                -(p["tagRelevance"].get(tag_id) or 0)))
        if order in ("top", "daily"):
            return self._post_orders["top"]
        rows = self._post_orders["old"]
        if (terms.get("timeField") or "postedAt") == "postedAt":
            # Only the slice inside the window can match: find it by bisection.
            after, before = D.parse_time(terms.get("after")), D.parse_time(terms.get("before"))
            low = bisect.bisect_left(self._old_times, after) if after else 0
            high = bisect.bisect_left(self._old_times, before) if before else len(rows)
            rows = rows[low:high]
        return rows if order == "old" else self._newest_first(rows)

    def _newest_first(self, rows: list[dict]) -> list[dict]:
        """postedAt descending, keeping `_id` descending among equal dates (the sort is stable)."""
        return sorted(rows, key=lambda p: self.time(p, "postedAt"), reverse=True)

    def _index_posts(self) -> None:
        by_id_desc = sorted(self.posts.values(), key=lambda p: p["_id"], reverse=True)
        self._posts_by_id_desc = by_id_desc
        # Python's sort is stable, so sorting the _id-descending list keeps that as the tie-break.
        self._post_orders = {
            "old": sorted(by_id_desc, key=lambda p: self.time(p, "postedAt")),
            "top": sorted(by_id_desc, key=lambda p: -p["baseScore"]),
        }
        self._old_times = [self.time(p, "postedAt") for p in self._post_orders["old"]]
        self._listed = {(related, shortform): {i for i, p in self.posts.items()
                                               if D.is_listed(p, related, shortform)}
                        for related in (False, True) for shortform in (False, True)}

    # --- comments ----------------------------------------------------------------------------

    def comment(self, comment_id: str, allow_null: bool = False) -> dict | None:
        doc = self.comments.get(comment_id)
        if doc is None or doc["draft"] or (doc["deleted"] and not doc["deletedPublic"]):
            if allow_null:
                return None
            raise ResolverError("app.missing_document")
        return doc

    def list_comments(self, query: ListQuery) -> tuple[list[dict], int]:
        terms, view = query.terms, query.view
        rows = [c for c in self.comments.values()
                if not c["draft"] and not c["rejected"]
                and (c["deletedPublic"] or not c["deleted"])]
        if view in ("postCommentsOld", "postCommentsNew"):
            if not terms.get("postId"):
                raise ResolverError(f"Invalid {view} view: postId is required")
            rows = [c for c in rows if c["postId"] == terms["postId"] and not c["answer"]
                    and c["parentAnswerId"] is None]
        elif view == "answersAndReplies":
            rows = [c for c in rows if c["postId"] == terms.get("postId")
                    and (c["answer"] or c["parentAnswerId"] is not None)]
        elif view == "allRecentComments":
            in_window = self.window(terms)
            rows = [c for c in rows if not c["deletedPublic"] and in_window(c)]
        # The default view ignores postId (a real pitfall); it honours commentIds and userId.
        if terms.get("commentIds") is not None:
            rows = [c for c in rows if c["_id"] in terms["commentIds"]]
        if terms.get("userId"):
            rows = [c for c in rows if c["userId"] == terms["userId"]]
        newest_first = view == "postCommentsNew" or (view in (None, "allRecentComments")
                                                     and terms.get("sortBy") != "oldest")
        rows.sort(key=lambda c: (self.time(c, "postedAt"), c["_id"]), reverse=newest_first)
        return self.page(rows, query, lambda c: True)

    # --- users, tags, sequences, collections -------------------------------------------------

    def user(self, user_id: str) -> dict:
        doc = self.users.get(user_id)
        if doc is None or doc["deleted"]:
            raise ResolverError("app.missing_document")
        return doc

    def visible_user(self, user_id: str | None) -> dict | None:
        doc = self.users.get(user_id or "")
        return None if doc is None or doc["deleted"] else doc

    def user_by_slug(self, slug: str, old_slugs: bool) -> dict | None:
        for doc in self.users.values():
            if doc["deleted"]:
                continue
            if doc["slug"] == slug or (old_slugs and slug in doc["oldSlugs"]):
                return doc
        return None

    def list_users(self, query: ListQuery) -> tuple[list[dict], int]:
        terms = query.terms
        rows = [u for u in self.users.values() if not u["deleted"]]
        if query.view == "usersProfile":
            found = self.user_by_slug(terms.get("slug") or "", old_slugs=True)
            if terms.get("userId"):
                found = self.visible_user(terms["userId"])
            rows = [found] if found else []
        elif query.view == "usersByUserIds":
            wanted = set(terms.get("userIds") or [])
            rows = [u for u in rows if u["_id"] in wanted]
        return self.page(rows, query, lambda u: True)

    def tag(self, tag_id: str) -> dict:
        doc = self.tags.get(tag_id)
        if doc is None or doc["deleted"]:
            raise ResolverError("app.missing_document")
        return doc

    def list_tags(self, query: ListQuery) -> tuple[list[dict], int]:
        terms, view = query.terms, query.view
        rows = [t for t in self.tags.values() if not t["deleted"]]
        if view == "tagBySlug":
            slug = terms.get("slug")
            rows = [t for t in rows if t["slug"] == slug or slug in t["oldSlugs"]]
        elif view == "allPagesByNewest":
            rows = [t for t in rows if not t["adminOnly"]]
            rows.sort(key=lambda t: (self.time(t, "createdAt"), t["_id"]), reverse=True)
        else:
            # The default view adds wikiOnly: false, and tagsByTagIds does not override it.
            rows = [t for t in rows if not t["wikiOnly"]]
            if view == "tagsByTagIds":
                wanted = set(terms.get("tagIds") or [])
                rows = [t for t in rows if t["_id"] in wanted]
        excluded = set(terms.get("excludedTagIds") or [])
        return self.page([t for t in rows if t["_id"] not in excluded], query, lambda t: True)

    def guest_reads_null(self, doc_id: str) -> bool:
        """A document the forum finds but a guest may not read: `result: null`, no error."""
        return doc_id in self.faults.null_result_ids

    def sequence(self, sequence_id: str, allow_null: bool = False) -> dict | None:
        doc = self.sequences.get(sequence_id)
        if doc is None:
            if allow_null:
                return None
            raise ResolverError("app.missing_document")
        # The access check after the fetch fails for drafts and deleted sequences: null, no error.
        return None if doc["isDeleted"] or doc["draft"] else doc

    def list_sequences(self, query: ListQuery) -> tuple[list[dict], int]:
        terms, view = query.terms, query.view
        rows = [s for s in self.sequences.values() if not s["isDeleted"] and not s["draft"]
                and not s["hidden"]]
        if view == "userProfile" or terms.get("userId"):
            rows = [s for s in rows if s.get("userId") == terms.get("userId")]
        if terms.get("sequenceIds") is not None:
            rows = [s for s in rows if s["_id"] in terms["sequenceIds"]]
        rows.sort(key=lambda s: (self.time(s, "createdAt"), s["_id"]), reverse=True)
        if view == "curatedSequences":
            # upstream: curatedOrder set and a grid image, highest curatedOrder first
            rows = [s for s in rows if s["curatedOrder"] is not None and s["gridImageId"]]
            rows.sort(key=lambda s: s["curatedOrder"], reverse=True)
        return self.page(rows, query, lambda s: True)

    def list_chapters(self, query: ListQuery) -> tuple[list[dict], int]:
        sequence = self.sequences.get(query.terms.get("sequenceId") or "")
        rows = list(sequence["chapters"]) if sequence and not sequence["isDeleted"] else []
        return self.page(rows, query, lambda c: True)

    def collection(self, collection_id: str) -> dict:
        doc = self.collections.get(collection_id)
        if doc is None:
            raise ResolverError("app.missing_document")
        return doc

    def list_collections(self, query: ListQuery) -> tuple[list[dict], int]:
        rows = list(self.collections.values())
        wanted = query.terms.get("collectionIds")
        if wanted is not None:
            rows = [c for c in rows if c["_id"] in wanted]
        return self.page(rows, query, lambda c: True)

    def visible_posts(self, post_ids: list[str]) -> list[dict]:
        """Posts of a chapter or book: the ones a guest may read, in the listed order."""
        docs = (self.posts.get(i) for i in post_ids)
        return [p for p in docs if p is not None and self._guest_can_list_exact(p)]
