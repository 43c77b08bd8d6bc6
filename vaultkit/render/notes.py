"""Items -> note contents: the owned properties and the owned region of each note.

Rendering is a pure function of an item and a `LinkContext`, which knows which notes exist (so
forum links become wikilinks only when their target is in the vault) and the relations between
items (an author's posts, a post's place in its sequence). The context records every reference it
was asked about; the sync stores that list so that it can tell, without re-rendering, when a note
must be rendered again because a note it links to appeared, moved or vanished.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from vaultkit.model.items import (Author, BookNote, Collection, Comments, Concept, Item, Post,
                                  Sequence)
from vaultkit.model.glossary import format_glossary
from vaultkit.model.sites import DEFAULT_SITE, SITES, site_of_url
from vaultkit.model.text import plain_text
from vaultkit.render.markdown import escape_text
from vaultkit.render.templates import Templates

KIND_TAG = "lesswrong/{kind}"
_ILLEGAL_TAG = re.compile(r"[\u2000-\u206F\u2E00-\u2E7F'!\"#$%&()*+,.:;<=>?@^`{|}~\[\]\\]")


@dataclass
class RenderedNote:
    """What vaultkit owns in one note."""

    lw_id: str
    kind: str
    title: str
    properties: dict[str, Any]        # owned keys, in contract order; None = key with empty value
    region: str                       # inner text of the owned region
    list_items: dict[str, list[str]]  # items vaultkit adds to the user's `aliases` and `tags`
    refs: list[str] = field(default_factory=list)


class LinkContext(Protocol):
    def link(self, ref: str, display: str) -> str | None:
        """``[[Target|display]]`` for the note `ref` names, or None when it is not in the vault."""

    def rewrite(self, markdown: str) -> str:
        """`markdown` with forum links to notes in the vault turned into wikilinks."""

    def posts_by_author(self, author_id: str) -> list[str]:
        """Ids of the vault's posts by this author (or co-author), oldest first."""

    def reading_order(self, post_id: str) -> tuple[str | None, str | None, str | None]:
        """(sequence id, previous post id, next post id) of a post in its sequence."""

    def posts_with_tag(self, tag_id: str) -> list[str]:
        """Ids of the vault's posts carrying this tag, oldest first."""

    def placement(self, item_id: str) -> tuple[str | None, str | None]:
        """(book id, collection id) of a post or sequence that a collection in the vault holds."""

    def title(self, ref: str) -> str | None:
        """The title of the item `ref` names, when it is in the vault."""


def tag_name(text: str) -> str:
    """An Obsidian-valid tag (obsidian.md §2): lower case, no spaces, no punctuation, not all digits."""
    tag = _ILLEGAL_TAG.sub("", text.lower().replace(" ", "-"))
    tag = re.sub(r"-{2,}", "-", tag).strip("-/")
    if not tag:
        return "untitled"
    return tag if not tag.replace("/", "").isdigit() else "t" + tag


def as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def display_text(title: str) -> str:
    """Link display text: no `|`, no `]]`, no newlines (obsidian.md §3)."""
    return " ".join(title.replace("|", "/").replace("]]", "] ]").replace("[[", "[ [").split())


def property_text(text: str) -> str:
    """A title as a text property: Obsidian reads ``[[…]]`` inside any property as a link."""
    return text.replace("[[", "[ [").replace("]]", "] ]")


def escape_dollars(text: str) -> str:
    return text.replace("$", "\\$")


def title_markdown(title: str) -> str:
    """A title as Markdown that shows exactly the title: no tag, link, block id, math or emphasis."""
    return escape_text(" ".join(title.split())).replace("^", "\\^")


def render_note(item: Item, ctx: LinkContext, templates: Templates) -> RenderedNote:
    """The owned properties and region of `item`'s note."""
    renderer = _RENDERERS[item.kind]
    props, values, tags = renderer(item, ctx)
    # the exact title: graph and check read no link out of `title` (it names, it does not refer)
    base = {"lw_id": item.id, "type": item.kind, "title": item.title, "url": item.url}
    properties = {**base, **props}
    return RenderedNote(
        lw_id=item.id, kind=item.kind, title=item.title, properties=properties,
        region=templates.fill(item.kind, {"title": title_markdown(item.title), **values}),
        list_items={"aliases": [property_text(item.title)], "tags": [KIND_TAG.format(kind=item.kind), *tags]},
    )


def _link_or_text(ctx: LinkContext, ref: str, title: str, url: str | None = None) -> str:
    link = ctx.link(ref, display_text(title))
    if link:
        return link
    text = escape_dollars(display_text(title)).replace("[", "\\[").replace("]", "\\]")
    return f"[{text}]({url})" if url else text


def _render_post(post: Post, ctx: LinkContext) -> tuple[dict, dict, list[str]]:
    author = ctx.link(f"user:{post.author_id}", display_text(post.author_name or "")) if post.author_id else None
    coauthors = [link for cid in post.coauthor_ids if (link := ctx.link(f"user:{cid}", "")) is not None]
    seq_id, prev_id, next_id = ctx.reading_order(post.id)
    sequence = ctx.link(f"sequence:{seq_id}", ctx.title(f"sequence:{seq_id}") or "") if seq_id else None
    prev = ctx.link(f"post:{prev_id}", ctx.title(f"post:{prev_id}") or "") if prev_id else None
    nxt = ctx.link(f"post:{next_id}", ctx.title(f"post:{next_id}") or "") if next_id else None
    book, collection = _placement_links(ctx, post.id)
    props = {
        "author": author, "coauthors": coauthors, "posted": as_date(post.posted),
        "modified": as_date(post.modified), "karma": post.karma, "af": post.af,
        "question": post.question, "link_url": post.link_url, "word_count": post.word_count,
        "comment_count": post.comment_count, "sequence": sequence, "prev": prev, "next": nxt,
        "collection": collection, "book": book, "lw_deleted": post.deleted,
    }
    names = [author or escape_dollars(post.author_name or "[deleted author]"), *coauthors]
    nav = " · ".join(part for part in (
        f"← {prev}" if prev else "", f"in {sequence}" if sequence else "", f"{nxt} →" if nxt else "") if part)
    comments = ctx.link(f"comments:{post.id}", "Comments")
    values = {
        "byline": ("Question by " if post.question else "By ") + ", ".join(names),
        "posted_line": f"Posted {post.posted[:10]}" if post.posted else "",
        "link_line": f" · [Link post]({post.link_url})" if post.link_url else "",
        "karma": str(post.karma if post.karma is not None else ""),
        "url": post.url,
        "deleted_notice": "> [!warning] This post is no longer available on the forum." if post.deleted else "",
        "sequence_nav": nav,
        "comments_link": comments or "",
        "body": ctx.rewrite(post.body),
        "glossary": ctx.rewrite(format_glossary(post.glossary)),
    }
    prefix = SITES[site_of_url(post.url) or DEFAULT_SITE].tag_prefix
    tags = [f"{prefix}/{tag_name(t.slug)}" for t in post.tags]
    return props, values, tags


def _post_list(ctx: LinkContext, post_ids: list[str], titles: dict[str, str] | None = None,
               numbered: bool = False) -> str:
    lines = []
    for n, pid in enumerate(post_ids, 1):
        title = ctx.title(f"post:{pid}") or (titles or {}).get(pid) or "(a post not available)"
        bullet = f"{n}." if numbered else "-"
        lines.append(f"{bullet} {_link_or_text(ctx, f'post:{pid}', title, None)}")
    return "\n".join(lines)


def _placement_links(ctx: LinkContext, item_id: str) -> tuple[str | None, str | None]:
    """Links to the book and collection notes that hold a post or sequence."""
    book_id, collection_id = ctx.placement(item_id)
    book = ctx.link(f"book:{book_id}", "") if book_id else None
    collection = ctx.link(f"collection:{collection_id}", "") if collection_id else None
    return book, collection


def _render_sequence(seq: Sequence, ctx: LinkContext) -> tuple[dict, dict, list[str]]:
    author = ctx.link(f"user:{seq.author_id}", ctx.title(f"user:{seq.author_id}") or "") if seq.author_id else None
    parts = []
    for chapter in seq.chapters:
        heading = f"## {title_markdown(chapter.title)}\n\n" if chapter.title else ""
        parts.append(heading + _post_list(ctx, chapter.post_ids, seq.post_titles, numbered=True))
    book, collection = _placement_links(ctx, seq.id)
    props = {"author": author, "post_count": len(seq.post_ids), "collection": collection, "book": book}
    byline = " · ".join(part for part in (f"Sequence by {author}" if author else "",
                                          f"in {book}" if book else "") if part)
    values = {"byline": byline,
              "description": ctx.rewrite(seq.description), "contents": "\n\n".join(parts)}
    return props, values, []


def _sequence_links(ctx: LinkContext, sequence_ids: list[str], titles: dict[str, str],
                    numbered: bool = False) -> list[str]:
    return [f"{f'{n}.' if numbered else '-'} {_link_or_text(ctx, f'sequence:{sid}', titles.get(sid, sid))}"
            for n, sid in enumerate(sequence_ids, 1)]


def _render_collection(col: Collection, ctx: LinkContext) -> tuple[dict, dict, list[str]]:
    parts = []
    for book in col.books:
        lines = [f"## {title_markdown(book.title)}"] if book.title else []
        note = ctx.link(f"book:{book.id}", "") if book.id else None
        if note:
            lines.append(f"\nBook: {note}\n")
        lines += _sequence_links(ctx, book.sequence_ids, col.titles)
        if book.post_ids:
            lines.append(_post_list(ctx, book.post_ids, col.titles))
        parts.append("\n".join(lines))
    values = {"description": ctx.rewrite(col.description), "contents": "\n\n".join(parts)}
    return {"book_count": len(col.books)}, values, []


def _render_book(book: BookNote, ctx: LinkContext) -> tuple[dict, dict, list[str]]:
    collection = ctx.link(f"collection:{book.collection_id}", "")
    parts = []
    if book.sequence_ids:
        parts.append("\n".join(_sequence_links(ctx, book.sequence_ids, book.titles, numbered=True)))
    if book.post_ids:
        parts.append(_post_list(ctx, book.post_ids, book.titles, numbered=True))
    values = {"byline": f"Book {book.number} of {collection}" if collection else f"Book {book.number}",
              "subtitle": f"*{title_markdown(book.subtitle)}*" if book.subtitle else "",
              "description": ctx.rewrite(book.description), "contents": "\n\n".join(parts)}
    props = {"collection": collection, "number": book.number,
             "sequence_count": len(book.sequence_ids)}
    return props, values, []


def _render_concept(concept: Concept, ctx: LinkContext) -> tuple[dict, dict, list[str]]:
    posts = ctx.posts_with_tag(concept.id)
    rest = concept.description.strip("\n")
    first_block = rest.split("\n\n", 1)
    if concept.definition and " ".join(first_block[0].split()) == concept.definition:
        rest = first_block[1] if len(first_block) > 1 else ""  # already shown in the callout
    values = {"definition": ctx.rewrite(concept.definition) or "(no definition upstream)",
              "description": ctx.rewrite(rest),
              "posts": ("## Posts in this vault\n\n" + _post_list(ctx, posts)) if posts else ""}
    # The property is plain text: the converter's `\$` escapes are Markdown, not part of the text.
    definition = plain_text(concept.definition).replace("\\$", "$")
    parent = ctx.link(f"tag:{concept.parent.id}", "") if concept.parent else None
    children = [link for c in concept.children if (link := ctx.link(f"tag:{c.id}", "")) is not None]
    return {"definition": definition, "post_count": concept.post_count, "parent_tag": parent,
            "child_tags": children}, values, []


def _render_author(author: Author, ctx: LinkContext) -> tuple[dict, dict, list[str]]:
    posts = ctx.posts_by_author(author.id)
    values = {"bio": ctx.rewrite(author.bio), "posts": _post_list(ctx, posts) or "(none yet)",
              "karma": str(author.karma if author.karma is not None else "")}
    return {"karma": author.karma, "post_count": len(posts)}, values, []


def _render_comments(item: Comments, ctx: LinkContext) -> tuple[dict, dict, list[str]]:
    post_link = ctx.link(f"post:{item.post_id}", ctx.title(f"post:{item.post_id}") or "") or item.url
    children: dict[str | None, list] = {}
    for comment in item.comments:
        children.setdefault(comment.parent_id, []).append(comment)
    blocks: list[str] = []

    def walk(parent: str | None, depth: int) -> None:
        for c in children.get(parent, []):
            who = (ctx.link(f"user:{c.author_id}", display_text(c.author_name or "")) if c.author_id else None) \
                or escape_dollars(c.author_name or "[deleted author]")
            head = f"**{who}** · {(c.posted or '')[:10]} · {c.karma if c.karma is not None else 0} karma"
            body = "*[deleted]*" if c.deleted else ctx.rewrite(c.body)
            prefix = "> " * depth
            lines = [head, ""] + body.splitlines()
            blocks.append("\n".join((prefix + line).rstrip() for line in lines))
            walk(c.id, depth + 1)

    walk(None, 0)
    values = {"post_link": post_link, "comments": "\n\n".join(blocks) or "(no comments kept)"}
    return {"post": post_link if post_link.startswith("[[") else None,
            "comment_count": len(item.comments)}, values, []


_RENDERERS = {
    "post": _render_post, "sequence": _render_sequence, "collection": _render_collection,
    "book": _render_book,
    "concept": _render_concept, "author": _render_author, "comments": _render_comments,
}
