"""Raw API dicts -> items. The only module of the sync that knows the forum's field names.

HTML is turned into Markdown by the `to_markdown` function the caller passes (the converter in
`vaultkit.render`), so this module stays a pure mapping.
"""

from __future__ import annotations

import html
from typing import Any, Callable

from vaultkit.model.glossary import one_line
from vaultkit.model.items import (Author, Book, BookNote, Chapter, Collection, Comment, Comments,
                                  Concept, GlossaryTerm, Post, Sequence, TagRef)
from vaultkit.model.sites import site_origin as site_url
from vaultkit.model.text import first_paragraph_lines

ToMarkdown = Callable[[str], str]


def _html(raw: dict[str, Any], key: str = "contents") -> str:
    contents = raw.get(key) or {}
    return contents.get("html") or raw.get("htmlBody") or ""


def _absolute(base: str, url: str | None) -> str | None:
    if not url:
        return None
    return url if url.startswith("http") else base + url


def clean_link_url(url: Any) -> str | None:
    """A link post's external URL, or None (dirty values seen upstream: see the API reference §17)."""
    if not isinstance(url, str):
        return None
    url = url.strip().lstrip("*").strip()
    if not url or url == "null":
        return None
    if "://" not in url:
        url = "http://" + url
    return url


def whole(value: Any) -> int | None:
    """A count or score as an int (the API serves some as floats, e.g. ``112.0``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(round(value))


def _jargon(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The glossary terms a reader sees: approved and not deleted, in the forum's order."""
    return [t for t in raw.get("glossary") or [] if t and t.get("term")
            and t.get("approved", True) and not t.get("deleted")]


def post_version(raw: dict[str, Any]) -> str:
    contents = raw.get("contents") or {}
    # the glossary only when there is one, so posts without keep the versions they had
    glossary = _jargon(raw)
    jargon = [_structure_version([(t["term"], t.get("altTerms"), _html(t)) for t in glossary])] \
        if glossary else []
    parts = [raw.get("modifiedAt"), contents.get("version"), contents.get("editedAt"),
             raw.get("title"), *jargon, raw.get("baseScore"), raw.get("commentCount")]
    return "|".join("" if p is None else str(p) for p in parts)


def parse_post(raw: dict[str, Any], site: str, to_markdown: ToMarkdown) -> Post:
    base = site_url(site)
    user = raw.get("user") or None
    coauthors = raw.get("coauthors") or []
    slug = raw.get("slug") or ""
    return Post(
        id=raw["_id"],
        title=(raw.get("title") or "").strip() or "Untitled",
        url=_absolute(base, raw.get("pageUrl")) or f"{base}/posts/{raw['_id']}/{slug}",
        version=post_version(raw),
        slug=slug,
        posted=raw.get("postedAt"),
        modified=raw.get("modifiedAt"),
        karma=whole(raw.get("baseScore")),
        af=bool(raw.get("af")),
        question=bool(raw.get("question")),
        link_url=clean_link_url(raw.get("url")),
        word_count=whole((raw.get("contents") or {}).get("wordCount") or raw.get("wordCount")),
        comment_count=whole(raw.get("commentCount")),
        author_id=user["_id"] if user else None,
        author_name=(user.get("displayName") or user.get("username")) if user else None,
        coauthor_ids=[c["_id"] for c in coauthors if c],
        tags=[TagRef(id=t["_id"], slug=t.get("slug") or t["_id"], name=t.get("name") or t["_id"])
              for t in (raw.get("tags") or []) if t],
        body=to_markdown(_html(raw)),
        glossary=[GlossaryTerm(term=t["term"].strip(), definition=one_line(to_markdown(_html(t))),
                               alt_terms=[a for a in t.get("altTerms") or [] if a])
                  for t in _jargon(raw)],
    )


def parse_author(raw: dict[str, Any], site: str, to_markdown: ToMarkdown) -> Author:
    base = site_url(site)
    name = raw.get("displayName") or raw.get("username") or raw.get("slug") or raw["_id"]
    biography = raw.get("biography") or {}
    bio_html = biography.get("html") or raw.get("htmlBio") or \
        _text_as_html(raw.get("bio") or biography.get("markdown") or "")
    return Author(
        id=raw["_id"], title=name.strip() or raw["_id"],
        url=f"{base}/users/{raw.get('slug') or raw['_id']}",
        version="|".join(str(raw.get(k) or "") for k in ("displayName", "slug", "karma")) + "|" + bio_html,
        slug=raw.get("slug") or "", old_slugs=list(raw.get("oldSlugs") or []),
        karma=whole(raw.get("karma")),
        bio=to_markdown(bio_html) if bio_html else "",
    )


def _text_as_html(text: str) -> str:
    """Plain text as HTML paragraphs, so that the one converter escapes it for Markdown (a `$`,
    `*`, `[[` or `#` in a bio shows as typed)."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _tag_ref(raw: dict[str, Any] | None) -> TagRef | None:
    if not raw or not raw.get("_id"):
        return None
    return TagRef(id=raw["_id"], slug=raw.get("slug") or raw["_id"], name=raw.get("name") or raw["_id"])


def _family_ids(raw: dict[str, Any]) -> list[str]:
    """Parent and sub-tag ids: part of a concept's version only when it has any, so that the
    versions of concepts without them stay as they were."""
    ids = [t["_id"] for t in [raw.get("parentTag") or {}, *(raw.get("subTags") or [])] if t.get("_id")]
    return ["family:" + ",".join(ids)] if ids else []


def parse_concept(raw: dict[str, Any], site: str, to_markdown: ToMarkdown) -> Concept:
    base = site_url(site)
    description = raw.get("description") or {}
    markdown = to_markdown(description.get("html") or "")
    return Concept(
        id=raw["_id"], title=(raw.get("name") or raw.get("slug") or raw["_id"]).strip(),
        url=f"{base}/tag/{raw.get('slug') or raw['_id']}",
        version="|".join(str(x or "") for x in (raw.get("name"), description.get("version"),
                                                 description.get("editedAt"), raw.get("postCount"),
                                                 *_family_ids(raw))),
        slug=raw.get("slug") or "", old_slugs=list(raw.get("oldSlugs") or []),
        post_count=whole(raw.get("postCount")),
        wiki_only=bool(raw.get("wikiOnly")),
        parent=_tag_ref(raw.get("parentTag")),
        children=[ref for t in raw.get("subTags") or [] if (ref := _tag_ref(t))],
        definition=definition_text(markdown), description=markdown,
    )


def parse_sequence(raw: dict[str, Any], site: str, to_markdown: ToMarkdown) -> Sequence:
    base = site_url(site)
    chapters = sorted(raw.get("chapters") or [], key=lambda c: (c.get("number") or 0))
    user = raw.get("user") or None
    seq = Sequence(
        id=raw["_id"], title=(raw.get("title") or "").strip() or "Untitled sequence",
        url=f"{base}/s/{raw['_id']}", version="",
        author_id=user["_id"] if user else raw.get("userId"),
        description=to_markdown(_html(raw)),
        chapters=[Chapter(title=(c.get("title") or "").strip(), post_ids=list(c.get("postIds") or []))
                  for c in chapters],
        post_titles={p["_id"]: p.get("title") or p["_id"]
                     for c in chapters for p in (c.get("posts") or []) if p},
    )
    seq.version = _structure_version(seq.title, seq.description, seq.chapters)
    return seq


def parse_collection(raw: dict[str, Any], site: str, to_markdown: ToMarkdown) -> Collection:
    base = site_url(site)
    books = sorted(raw.get("books") or [], key=lambda b: (b.get("number") or 0))
    slug = raw.get("slug") or raw["_id"]
    col = Collection(
        id=raw["_id"], title=(raw.get("title") or "").strip() or slug, url=f"{base}/{slug}",
        version="", slug=slug, description=to_markdown(_html(raw)),
        books=[Book(title=_book_title(b, n), sequence_ids=list(b.get("sequenceIds") or []),
                    post_ids=list(b.get("postIds") or []), id=b.get("_id") or "")
               for n, b in enumerate(books, 1)],
        titles={d["_id"]: d.get("title") or d["_id"]
                for b in books for d in (b.get("sequences") or []) + (b.get("posts") or []) if d},
    )
    col.version = _structure_version(col.title, col.description, col.books)
    return col


def _book_title(raw: dict[str, Any], number: int) -> str:
    return (raw.get("title") or "").strip() or f"Book {number}"


def parse_books(raw: dict[str, Any], site: str, to_markdown: ToMarkdown) -> list[BookNote]:
    """The books of a collection answer, in reading order, each as a note of its own."""
    base = site_url(site)
    slug = raw.get("slug") or raw["_id"]
    found = []
    books = sorted(raw.get("books") or [], key=lambda b: (b.get("number") or 0))
    for number, b in enumerate(books, 1):
        if not b.get("_id"):
            continue
        book = BookNote(
            id=b["_id"], title=_book_title(b, number), url=f"{base}/{slug}", version="",
            collection_id=raw["_id"], number=number, subtitle=(b.get("subtitle") or "").strip(),
            description=to_markdown(_html(b)), sequence_ids=list(b.get("sequenceIds") or []),
            post_ids=list(b.get("postIds") or []),
            titles={d["_id"]: d.get("title") or d["_id"]
                    for d in (b.get("sequences") or []) + (b.get("posts") or []) if d})
        book.version = _structure_version(book.title, book.subtitle, book.description,
                                          book.collection_id, book.number, book.sequence_ids,
                                          book.post_ids, book.titles)
        found.append(book)
    return found


def parse_comments(post: Post, raws: list[dict[str, Any]], min_karma: int | None,
                   to_markdown: ToMarkdown) -> Comments:
    """The comments worth keeping: karma >= `min_karma`, plus the ancestors a kept reply needs."""
    by_id = {raw["_id"]: raw for raw in raws}
    keep: set[str] = set()
    for raw in raws:
        if min_karma is None or (raw.get("baseScore") or 0) >= min_karma:
            node: dict[str, Any] | None = raw
            while node is not None and node["_id"] not in keep:
                keep.add(node["_id"])
                node = by_id.get(node.get("parentCommentId") or "")
    comments = []
    for raw in sorted((by_id[i] for i in keep), key=lambda r: (r.get("postedAt") or "", r["_id"])):
        user = raw.get("user") or None
        deleted = bool(raw.get("deleted"))
        comments.append(Comment(
            id=raw["_id"], parent_id=raw.get("parentCommentId") if raw.get("parentCommentId") in keep else None,
            author_id=user["_id"] if user else None,
            author_name=(user.get("displayName") or user.get("username")) if user else None,
            posted=raw.get("postedAt"), karma=whole(raw.get("baseScore")),
            body="" if deleted else to_markdown(_html(raw)), deleted=deleted,
        ))
    item = Comments(id=f"{post.id}-comments", title=f"{post.title} (comments)",
                    url=post.url + "#comments", version="", post_id=post.id, comments=comments)
    item.version = _structure_version(item.title, *[(c.id, c.karma, c.body, c.deleted) for c in comments])
    return item


def definition_text(markdown: str) -> str:
    """The first prose paragraph of `markdown` as one line, markup kept (for `definition`):
    quotes, tables and images are not the definition."""
    return " ".join(first_paragraph_lines(markdown, quotes="skip", skip_tables_and_images=True))


def _structure_version(*parts: Any) -> str:
    import hashlib

    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]
