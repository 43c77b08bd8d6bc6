"""`ForumClient`: everything vaultkit reads from a ForumMagnum forum, as raw API dicts.

    client = open_client(site="lesswrong", cache_db=Database.in_folder(vault / ".vaultkit"))
    post = client.resolve_post("https://www.lesswrong.com/posts/<id>/<slug>")
    for row in client.list_posts(after=last_sync, time_field="modifiedAt"): ...

Documents come back in the shapes of the fragments in `queries.graphql` (`PostFields`,
`CommentFields`, `TagFields`, `UserFields`, `SequenceFields`, `CollectionFields`). Listings return
light rows (`PostListing`: dates, karma, comment count), then bodies are fetched in batches by id.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterable, Iterator

from vaultkit.errors import ConfigError, NotFoundError, SourceError
from vaultkit.model import refs
from vaultkit.fetch.cache import DEFAULT_MAX_AGE, NoCache, ResponseCache
from vaultkit.fetch.graphql import GraphQLClient
from vaultkit.fetch.paginate import MAX_LIMIT, MAX_OFFSET, WindowedListing, parse_iso
from vaultkit.fetch.sites import Site, is_loopback, resolve_endpoint, resolve_min_interval
from vaultkit.fetch.transport import (CONNECT_TIMEOUT, DEFAULT_BACKOFF, JITTER, READ_TIMEOUT,
                                      PayloadTooLargeError, Transport)
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.vault.database import Database

POST_BATCH = 50            # posts with bodies per request (responses stay well under 4.5 MB)
ID_BATCH = 100             # users or tags per request
SEQUENCE_PAGE = 50         # whole sequences (chapters and post summaries) per request
COMMENT_PAGE = 500
LISTING_PAGE = MAX_LIMIT   # rows per listing page (light fields only)
DEFAULT_OVERLAP = timedelta(days=1)
TIME_FIELDS = ("postedAt", "modifiedAt")


class PostListing:
    """An iterator over listing rows (the `PostListing` fragment), oldest window first.

    `resume_from` is the date before which everything has been yielded (for a resumable crawl).
    """

    def __init__(self, windows: WindowedListing, keep: Callable[[dict], bool], progress: Progress):
        self._windows = windows
        self._keep = keep
        self._progress = progress
        self._rows: Iterator[dict] | None = None

    @property
    def resume_from(self) -> datetime:
        return self._windows.resume_from

    def __iter__(self) -> "PostListing":
        return self

    def __next__(self) -> dict:
        if self._rows is None:
            self._rows = self._generate()
        return next(self._rows)

    def _generate(self) -> Iterator[dict]:
        self._progress.start(None, "Listing posts")
        try:
            yield from (row for row in self._windows if self._keep(row))
        finally:
            self._progress.finish()


class ForumClient:
    """Reads posts, comments, users, tags, sequences and collections from one forum deployment."""

    def __init__(self, graphql: GraphQLClient, site: Site, *, progress: Progress = NULL_PROGRESS,
                 listing_page: int = LISTING_PAGE, max_offset: int | None = MAX_OFFSET):
        if not 0 < listing_page <= MAX_LIMIT:
            raise ConfigError(f"listing_page must be between 1 and {MAX_LIMIT}.")
        self.graphql = graphql
        self.site = site
        self.progress = progress
        self.listing_page = listing_page
        self.max_offset = max_offset
        self.warnings: list[str] = []  # soft problems met while reading; the caller reports them
        # Operations that fell back to the legacy form are reported in the same list.
        self.graphql.warnings = self.warnings
        self._users: dict[str, dict] = {}

    @property
    def request_count(self) -> int:
        """HTTP requests actually sent (cache hits are not requests)."""
        return self.graphql.transport.request_count

    def close(self) -> None:
        self.graphql.transport.close()

    def __enter__(self) -> "ForumClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- posts -------------------------------------------------------------------------------

    def post(self, post_id: str, *, modified_at: str | None = None) -> dict:
        """One post (`PostFields`). A cached copy older than `modified_at` is not used.

        Raises `NotFoundError` when the post does not exist or is not public."""
        cached = self._cached_post(post_id, modified_at)
        if cached is not None:
            return cached
        data = self.graphql.run("PostById", {"id": post_id}, subject=f"post {post_id}")
        post = _normalise_post(single_result(data, "post", f"post {post_id}"))
        self._cache_post(post)
        return post

    def posts_by_ids(self, ids: Iterable[str], *, modified: dict[str, str] | None = None,
                     cache_later: set[str] | None = None) -> list[dict]:
        """Posts in the order of `ids` (de-duplicated), fetched 50 at a time with `exactPostIds`.

        Ids the forum does not return (deleted, drafts, unknown) are left out. `modified` maps
        ids to the `modifiedAt` a listing reported, so that stale cached copies are refetched.
        With `cache_later`, the posts fetched (not those read from the cache) are not cached
        here but their ids added to it: the caller packs them elsewhere and hands them to
        `cache_packed_posts`.
        """
        wanted = list(dict.fromkeys(ids))
        modified = modified or {}
        found: dict[str, dict] = {}
        missing = []
        for post_id in wanted:
            cached = self._cached_post(post_id, modified.get(post_id))
            if cached is not None:
                found[post_id] = cached
            else:
                missing.append(post_id)
        self.progress.start(len(wanted), "Fetching posts")
        self.progress.advance(len(found))
        done = len(found)
        for post in self._fetch_posts(missing, POST_BATCH, cache=cache_later is None):
            found[post["_id"]] = post
            if cache_later is not None:
                cache_later.add(post["_id"])
            done += 1
        self.progress.advance(max(0, len(wanted) - done))  # asked for and gone upstream: done too
        self.progress.finish()
        return [found[i] for i in wanted if i in found]

    def _fetch_posts(self, ids: list[str], batch: int, *, cache: bool = True) -> Iterator[dict]:
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            try:
                data = self.graphql.run(
                    "PostsByIds", {"ids": chunk, "limit": len(chunk)},
                    legacy_variables={"terms": {"exactPostIds": chunk, "limit": len(chunk)}},
                    subject=f"{len(chunk)} posts")
            except PayloadTooLargeError:
                if batch == 1:
                    raise
                yield from self._fetch_posts(chunk, max(1, len(chunk) // 2), cache=cache)
                continue
            for raw in list_results(data, "posts", f"{len(chunk)} posts by id"):
                post = _normalise_post(raw)
                if cache:
                    self._cache_post(post)
                self.progress.advance()
                yield post

    def resolve_post(self, ref: str) -> dict:
        """A post from its id, any forum URL form, or its slug."""
        parsed = refs.parse_post_ref(ref)
        if parsed.id:
            return self.post(parsed.id)
        if parsed.legacy_id:
            found = self._first_by(
                "PostByLegacyId", "legacyIdPost", "legacyId", parsed.legacy_id, "post",
                cached=False,
                hint="LessWrong 1.0 links name posts by their old id (/lw/<id>/…).")
        else:
            found = self._first_by(
                "PostBySlug", "slugPost", "slug", parsed.slug, "post", cached=False,
                hint="Slugs change when titles do; paste the post's URL instead.")
        post = _normalise_post(found)
        self._cache_post(post)
        return post

    def post_markdown(self, post_id: str) -> str | None:
        """The server's Markdown conversion of a post (costly for the server: a fallback only)."""
        what = f"post {post_id}"
        data = self.graphql.run("PostMarkdown", {"id": post_id}, subject=what, cached=True,
                                check=lambda d: single_result(d, "post", what, allow_null=True))
        found = single_result(data, "post", what, allow_null=True) or {}
        return (found.get("contents") or {}).get("markdown")

    def list_posts(self, after: datetime | str | None = None, before: datetime | str | None = None,
                   time_field: str = "postedAt", min_karma: float | None = None) -> PostListing:
        """Every visible post with `after <= time_field < before`, each exactly once.

        Rows are `PostListing` (`_id postedAt modifiedAt baseScore commentCount…`); never cached.
        Events and shortform containers are left out. Defaults: from the site's first post to a
        day from now.
        """
        if time_field not in TIME_FIELDS:
            raise ConfigError(f"Cannot list posts by {time_field!r}.",
                              hint=f"Use one of {TIME_FIELDS}.")

        fetch = self._window_fetcher("PostsWindow", "old", {"timeField": time_field},
                                     subject="posts", includeRelatedQuestions="true",
                                     excludeEvents=True)
        return self._listing(fetch, after, before, min_karma, articles_only=True)

    def posts_modified_since(self, since: datetime | str, *,
                             overlap: timedelta = DEFAULT_OVERLAP) -> PostListing:
        """Posts created or edited since `since`, starting `overlap` earlier to be safe."""
        return self.list_posts(after=as_datetime(since) - overlap, time_field="modifiedAt")

    def total_posts(self) -> int | None:
        """The forum's own count of visible posts (a sanity check for a full listing)."""
        data = self.graphql.run("PostsTotal", {},
                                legacy_variables={"terms": {"view": "new", "limit": 1}})
        list_results(data, "posts", "the post count")
        return data["posts"].get("totalCount")

    def _window_fetcher(self, operation: str, view: str, fixed: dict, *, subject: str,
                        **legacy_extra: Any) -> Callable[[str, str, int, int], list[dict]]:
        """A page fetcher for `WindowedListing`: `operation` with `fixed` variables and a window."""
        def fetch(after: str, before: str, limit: int, offset: int) -> list[dict]:
            terms = {**fixed, "after": after, "before": before, "limit": limit, "offset": offset}
            data = self.graphql.run(operation, terms,
                                    legacy_variables=_legacy(view, terms, **legacy_extra),
                                    subject=f"{subject} from {after} to {before}")
            return list_results(data, "posts", f"{subject} from {after} to {before}")
        return fetch

    def _listing(self, fetch: Callable[[str, str, int, int], list[dict]],
                 after: datetime | str | None = None, before: datetime | str | None = None,
                 min_karma: float | None = None, *, use_offset: bool = True,
                 articles_only: bool = False) -> PostListing:
        """`articles_only` drops events and the per-user shortform container (which holds quick
        takes as comments): date and author listings include them, a vault does not want them."""
        start = as_datetime(after) if after else parse_iso(self.site.history_start)
        end = as_datetime(before) if before else datetime.now(timezone.utc) + timedelta(days=1)
        windows = WindowedListing(fetch, start, end, limit=self.listing_page,
                                  max_offset=self.max_offset, use_offset=use_offset,
                                  on_page=self.progress.advance)
        keep = _karma_filter(min_karma)
        if articles_only:
            return PostListing(windows, lambda row: keep(row) and _is_article(row), self.progress)
        return PostListing(windows, keep, self.progress)

    def _cached_post(self, post_id: str, modified_at: str | None) -> dict | None:
        post = self.graphql.cache.get(self.graphql.key("PostById", {"id": post_id}))
        if post is None:
            return None
        if modified_at and (post.get("modifiedAt") or "") < modified_at:
            return None
        return post

    def _cache_post(self, post: dict) -> None:
        self.graphql.cache.put(self.graphql.key("PostById", {"id": post["_id"]}), post,
                               operation="PostById")

    def cache_packed_posts(self, packed: dict[str, bytes]) -> None:
        """Cache posts fetched with `posts_by_ids(cache_later=…)`, as `pack` gave them, in one
        transaction."""
        self.graphql.cache.put_packed([(self.graphql.key("PostById", {"id": post_id}), blob)
                                       for post_id, blob in packed.items()], operation="PostById")

    def _first_by(self, operation: str, view: str, term: str, value: str, what: str, *, hint: str,
                  cached: bool = True) -> dict:
        """The first result of a one-row lookup by `term` (a slug, an old id); `NotFoundError` when
        there is none."""
        subject = f"the {what} {value!r}"
        data = self.graphql.run(operation, {term: value},
                                legacy_variables={"terms": {"view": view, term: value, "limit": 1}},
                                subject=subject, cached=cached,
                                check=lambda d: list_results(d, next(iter(d)), subject))
        results = list_results(data, next(iter(data)), subject)
        if not results:
            raise NotFoundError(f"No {what} has the {term} {value!r}.", hint=hint)
        return results[0]

    def _documents_by_ids(self, operation: str, view: str, id_term: str, ids: list[str],
                          what: str) -> dict[str, dict]:
        """Documents by id in cached batches of `ID_BATCH`, keyed by `_id`."""
        found: dict[str, dict] = {}
        for start in range(0, len(ids), ID_BATCH):
            chunk = ids[start:start + ID_BATCH]
            subject = f"{len(chunk)} {what}"
            data = self.graphql.run(operation, {"ids": chunk, "limit": len(chunk)},
                                    legacy_variables={"terms": {"view": view, id_term: chunk,
                                                                "limit": len(chunk)}},
                                    subject=subject, cached=True,
                                    check=lambda d: list_results(d, next(iter(d)), subject))
            found.update((doc["_id"], doc) for doc in list_results(data, next(iter(data)), subject))
        return found

    # --- users and tags ------------------------------------------------------------------------

    def user(self, slug: str) -> dict:
        """A user (`UserFields`, with the bio) by slug or profile URL; old slugs work too.
        Looked up once per client: `posts_by_user` needs the id of the user just read."""
        slug = refs.parse_user_ref(slug)
        if slug not in self._users:
            self._users[slug] = self._first_by(
                "UserBySlug", "usersProfile", "slug", slug, "user",
                hint="Use the last part of the profile URL: …/users/<slug>.")
        return self._users[slug]

    def users_by_ids(self, ids: Iterable[str]) -> list[dict]:
        """Users in batches of 100; deleted or unknown ids are left out."""
        wanted = list(dict.fromkeys(ids))
        found = self._documents_by_ids("UsersByIds", "usersByUserIds", "userIds", wanted, "users")
        return [found[i] for i in wanted if i in found]

    def posts_by_user(self, user_slug: str) -> list[dict]:
        """Listing rows of every visible post by the user (as author or co-author), oldest first."""
        user = self.user(user_slug)

        fetch = self._window_fetcher("PostsByUserWindow", "userPosts", {"userId": user["_id"]},
                                     subject=f"posts of {user_slug!r}", sortedBy="old",
                                     excludeEvents=True)
        return _by_date(self._listing(fetch, articles_only=True))

    def tag(self, slug: str) -> dict:
        """A tag or wiki page (`TagFields`, with its description) by slug, old slug or URL."""
        return self._first_by("TagBySlug", "tagBySlug", "slug", refs.parse_tag_ref(slug),
                              "tag or wiki page",
                              hint="Use the end of the tag's URL: …/tag/<slug> or …/w/<slug>.")

    def tag_by_id(self, tag_id: str) -> dict:
        """A tag or wiki page by id (wiki-only pages included)."""
        what = f"tag {tag_id}"
        data = self.graphql.run("TagById", {"id": tag_id}, subject=what, cached=True,
                                check=lambda d: single_result(d, "tag", what))
        return single_result(data, "tag", what)

    def tags_by_ids(self, ids: Iterable[str]) -> list[dict]:
        """Tags and wiki pages (`TagFields`) in the order of `ids`; unknown or deleted ones are left
        out. `tagsByTagIds` silently drops wiki-only pages, so those are fetched one by one."""
        wanted = list(dict.fromkeys(ids))
        found = self._documents_by_ids("TagsByIds", "tagsByTagIds", "tagIds", wanted, "tags")
        found.update(self._tags_one_by_one([i for i in wanted if i not in found], ID_BATCH))
        return [found[i] for i in wanted if i in found]

    def _tags_one_by_one(self, ids: list[str], batch: int) -> dict[str, dict]:
        """Tags by id with `TagById`, `batch` of them to a request (a batch of operations): a
        forum can hold thousands of wiki-only pages, which would cost a request each. Unknown and
        deleted ones are left out."""
        found: dict[str, dict] = {}
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            subjects = [f"tag {tag_id}" for tag_id in chunk]
            try:
                answers = self.graphql.run_each(
                    "TagById", [{"id": tag_id} for tag_id in chunk], subjects=subjects,
                    check=lambda d: single_result(d, "tag", "a tag by id"))
            except PayloadTooLargeError:
                if batch == 1:
                    raise
                found.update(self._tags_one_by_one(chunk, max(1, batch // 2)))
                continue
            found.update((tag_id, single_result(data, "tag", subject))
                         for tag_id, subject, data in zip(chunk, subjects, answers)
                         if not isinstance(data, NotFoundError))
        return found

    def all_tags(self) -> list[dict]:
        """Every tag and wiki page (`TagFields`), wiki-only pages included, newest first.

        Ids are listed with `allPagesByNewest` in pages of `listing_page` (the offset cap lets one
        ordering reach `max_offset` + that many rows); descriptions then come by id."""
        rows: dict[str, dict] = {}
        offset = 0
        while True:
            terms = {"limit": self.listing_page, "offset": offset}
            data = self.graphql.run("AllTagIds", terms,
                                    legacy_variables={"terms": {"view": "allPagesByNewest", **terms}},
                                    subject="every tag and wiki page", cached=True)
            page = data["tags"]["results"]
            rows.update((row["_id"], row) for row in page)
            if len(page) < self.listing_page:
                break
            following = offset + self.listing_page
            if self.max_offset is not None and following > self.max_offset:
                if offset >= self.max_offset:
                    self.warnings.append(f"the forum may list more tags than one ordering "
                                         f"reaches; {len(rows)} were listed")
                    break
                following = self.max_offset
            offset = following
        return self.tags_by_ids(rows)

    def posts_by_tag(self, tag_slug: str) -> list[dict]:
        """Listing rows of every visible post tagged with relevance >= 1, oldest first."""
        tag = self.tag(tag_slug)
        filter_settings = {"tags": [{"tagId": tag["_id"], "tagName": tag["name"],
                                     "filterMode": "Required"}]}

        fetch = self._window_fetcher("PostsByTagWindow", "tagRelevance",
                                     {"tagId": tag["_id"], "filterSettings": filter_settings},
                                     subject=f"posts tagged {tag_slug!r}")
        # With filterSettings the forum ignores `offset` (ForumMagnum#3099): date windows only.
        return _by_date(self._listing(fetch, use_offset=False))

    # --- sequences and collections -------------------------------------------------------------

    def sequence(self, sequence_id: str) -> dict:
        """A sequence with its chapters in order, each with `postIds` and the visible `posts`."""
        sequence_id = refs.parse_sequence_ref(sequence_id)
        what = f"sequence {sequence_id}"
        data = self.graphql.run("Sequence", {"id": sequence_id}, subject=what, cached=True,
                                check=lambda d: _checked_sequence(d, what))
        return _checked_sequence(data, what)

    def curated_sequences(self) -> list[dict]:
        """The forum's curated sequences (`SequenceFields`, chapters in order), in its order."""
        found: dict[str, dict] = {}
        offset = 0
        while True:
            terms = {"limit": SEQUENCE_PAGE, "offset": offset}
            data = self.graphql.run("CuratedSequences", terms,
                                    legacy_variables={"terms": {"view": "curatedSequences", **terms}},
                                    subject="the curated sequences", cached=True)
            page = data["sequences"]["results"]
            for sequence in page:
                sequence["chapters"].sort(key=lambda c: c.get("number") or 0)
                found.setdefault(sequence["_id"], sequence)
            if len(page) < SEQUENCE_PAGE:
                return list(found.values())
            offset += SEQUENCE_PAGE

    def collection(self, ref: str) -> dict:
        """A collection (`rationality-a-z`, `codex`, `hpmor`, a slug or an id): books -> sequences
        -> chapters -> posts, books in order."""
        collection_id = refs.collection_id(ref) or self._collection_id_by_slug(ref)
        what = f"collection {ref!r}"
        data = self.graphql.run("Collection", {"id": collection_id}, subject=what, cached=True,
                                check=lambda d: _checked_collection(d, what))
        return _checked_collection(data, what)

    def _collection_id_by_slug(self, slug: str) -> str:
        data = self.graphql.run("Collections", {"limit": 100},
                                legacy_variables={"terms": {"limit": 100}}, cached=True,
                                check=lambda d: list_results(d, "collections", "collections"))
        for collection in list_results(data, "collections", "the list of collections"):
            if collection["slug"] == slug.strip():
                return collection["_id"]
        raise NotFoundError(f"No collection is called {slug!r}.",
                            hint="Use rationality-a-z, codex, hpmor, or a collection id.")

    # --- comments ------------------------------------------------------------------------------

    def comments(self, post_id: str) -> list[dict]:
        """Every visible comment on a post: `postCommentsOld` plus, for questions, answers and their
        replies (`answersAndReplies`); de-duplicated, oldest first. Deleted comments are kept
        (their `htmlBody` and `user` are null).

        A page the forum refuses as too large is asked again at half the size. A thread longer
        than the API pages through is returned as far as it was read, and said in `warnings`."""
        key = self.graphql.key("CommentsForPost", {"postId": post_id})
        cached = self.graphql.cache.get(key)
        if cached is not None:
            return cached
        merged: dict[str, dict] = {}
        offset, limit = 0, COMMENT_PAGE
        while True:
            try:
                pages = self._comment_pages(post_id, limit, offset)
            except PayloadTooLargeError:
                if limit == 1:
                    raise
                limit //= 2
                continue
            fresh = [c for page in pages for c in page if c["_id"] not in merged]
            merged.update((c["_id"], c) for c in fresh)
            # A page at most half full is the end: it could only hide more if over half of a
            # page's rows were dropped for guests after LIMIT. This spares a request per post.
            if not fresh or all(2 * len(page) <= limit for page in pages):
                break
            offset += limit
            if self.max_offset is not None and offset > self.max_offset:
                self.warnings.append(
                    f"post {post_id}: only its first {len(merged)} comments could be read (the "
                    f"API pages no further than offset {self.max_offset}); the thread is partial")
                break
        comments = sorted(merged.values(), key=lambda c: (c["postedAt"], c["_id"]))
        self.graphql.cache.put(key, comments, operation="CommentsForPost")
        return comments

    def _comment_pages(self, post_id: str, limit: int, offset: int) -> tuple[list, list]:
        terms = {"postId": post_id, "limit": limit, "offset": offset}
        what = f"comments of post {post_id}"
        data = self.graphql.run(
            "CommentsForPost", terms,
            legacy_variables={"terms": {"view": "postCommentsOld", **terms},
                              "answerTerms": {"view": "answersAndReplies", "sortBy": "oldest",
                                              **terms}},
            subject=what)
        return list_results(data, "comments", what), list_results(data, "answers", what)


def open_client(site: str = "lesswrong", endpoint: str | None = None,
                min_interval: float | None = None, cache_db: Database | None = None,
                progress: Progress = NULL_PROGRESS, *,
                max_concurrency: int = 1, retries: int = 5, backoff: float | None = None,
                timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
                cache_max_age: float = DEFAULT_MAX_AGE, listing_page: int = LISTING_PAGE,
                max_offset: int | None = MAX_OFFSET, legacy: bool = False) -> ForumClient:
    """A `ForumClient` for a site preset or any endpoint of the same software.

    `endpoint` None -> `$VAULTKIT_ENDPOINT` -> the site's. `min_interval` None -> 3 s for remote
    hosts, 0 on loopback (at least 1 s is enforced for remote hosts). `cache_db` (usually
    the vault's database) keeps raw answers for `cache_max_age` seconds; older ones are deleted
    when the client opens. The caller owns the database and closes it. `backoff` None -> 2 s
    (remote) or 0.05 s (loopback), doubling per retry. `timeout` is (connect, read) in seconds.
    `legacy` starts in the `input: {terms}` form.
    """
    preset, url = resolve_endpoint(site, endpoint)
    local = is_loopback(url)
    transport = Transport(url, min_interval=resolve_min_interval(url, min_interval),
                          max_concurrency=max_concurrency, retries=retries,
                          backoff=(0.05 if local else DEFAULT_BACKOFF) if backoff is None
                          else backoff,
                          jitter=0.05 if local else JITTER, timeout=timeout)
    cache: ResponseCache | NoCache = NoCache()
    if cache_db is not None:
        cache = ResponseCache(cache_db, max_age=cache_max_age)
        cache.prune()
    graphql = GraphQLClient(transport, cache=cache, legacy=legacy,
                            namespace="" if preset.name == "lesswrong" else preset.name)
    return ForumClient(graphql, preset, progress=progress, listing_page=listing_page,
                       max_offset=max_offset)


# --- helpers -------------------------------------------------------------------------------------

def _normalise_post(post: dict | None) -> dict:
    """Give `contents.html` the body too: the API serves the same HTML as `htmlBody`, and asking
    for both would double the payload."""
    if post is None:
        raise NotFoundError("The forum returned no post.")
    if isinstance(post.get("contents"), dict):
        post["contents"].setdefault("html", post.get("htmlBody"))
    return post


def single_result(data: dict, root: str, what: str, *, allow_null: bool = False) -> dict | None:
    """`data[root].result`, checked. The forum answers `result: null` without an error for a
    document a guest may not read: that is a `NotFoundError` naming `what` (or None with
    `allow_null`); an answer of another shape is a `SourceError`."""
    answer = data.get(root)
    if not isinstance(answer, dict) or not isinstance(answer.get("result"), (dict, type(None))):
        raise _wrong_shape(root, "result", what)
    if answer["result"] is None and not allow_null:
        raise NotFoundError(f"The forum returned nothing for {what} (a guest may not read it, "
                            "or it was deleted).",
                            hint="Check the id or URL; vaultkit reads only what guests see.")
    return answer["result"]


def list_results(data: dict, root: str, what: str) -> list[dict]:
    """`data[root].results`, checked to be a list of documents (`SourceError` otherwise)."""
    answer = data.get(root)
    results = answer.get("results") if isinstance(answer, dict) else None
    if not isinstance(results, list) or not all(isinstance(row, dict) and "_id" in row
                                                for row in results):
        raise _wrong_shape(root, "results", what)
    return results


def _checked_sequence(data: dict, what: str) -> dict:
    sequence = single_result(data, "sequence", what)
    _sort_by_number(sequence, "chapters", what)
    return sequence


def _checked_collection(data: dict, what: str) -> dict:
    collection = single_result(data, "collection", what)
    for book in _sort_by_number(collection, "books", what):
        for sequence in _listed(book, "sequences", what):
            _sort_by_number(sequence, "chapters", what)
    return collection


def _listed(document: dict, key: str, what: str) -> list[dict]:
    """A nested list of documents (`books`, `chapters`…), checked; a null list is empty."""
    rows = document.get(key)
    if rows is None:
        document[key] = rows = []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise _wrong_shape(key, key, what)
    return rows


def _sort_by_number(document: dict, key: str, what: str) -> list[dict]:
    rows = _listed(document, key, what)
    rows.sort(key=lambda row: row.get("number") or 0)
    return rows


def _wrong_shape(root: str, field: str, what: str) -> SourceError:
    return SourceError(f"The forum's answer for {what} has an unexpected shape "
                       f"({root}: no {field} of the expected kind).",
                       hint="The API may have changed; try again later, and report it if it "
                            "persists.")


def _legacy(view: str, terms: dict, **extra: Any) -> dict:
    """Variables for a `…Legacy` list operation: the same terms, as JSON, with the view named."""
    return {"terms": {"view": view, **{k: v for k, v in terms.items() if v is not None}, **extra}}


def as_datetime(value: datetime | str) -> datetime:
    """A timezone-aware datetime from a datetime (naive means UTC) or an ISO-8601 string."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    try:
        return parse_iso(value)
    except ValueError:
        raise ConfigError(f"{value!r} is not a date.",
                          hint="Use ISO-8601, e.g. 2020-01-31.") from None


def _karma_filter(min_karma: float | None) -> Callable[[dict], bool]:
    if min_karma is None:
        return lambda row: True
    return lambda row: (row.get("baseScore") or 0) >= min_karma


def _is_article(row: dict) -> bool:
    return not row.get("isEvent") and not row.get("shortform")


def _by_date(rows: Iterable[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["postedAt"], r["_id"]))


__all__ = ["ForumClient", "PostListing", "as_datetime", "open_client"]
