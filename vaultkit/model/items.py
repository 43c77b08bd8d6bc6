"""The things a vault holds, as plain dataclasses parsed from the forum's raw API dicts.

Bodies are stored already converted to Markdown, with links to the forum still written as
``[text](https://forum/...)``: turning them into wikilinks depends on which notes exist, so that
last step happens at render time (see `vaultkit.render.notes`). Every item serialises to JSON so the
sync can keep it in the vault's database and re-render a note without fetching or converting again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar


@dataclass
class Item:
    """Fields every item has: the forum id (the note's identity) and a version key."""

    kind: ClassVar[str] = ""
    id: str
    title: str
    url: str
    version: str  # changes whenever the upstream document changes in a way the note shows

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, **asdict(self)}


@dataclass
class TagRef:
    id: str
    slug: str
    name: str


@dataclass
class GlossaryTerm:
    """One term of a post's glossary (the forum's `JargonTerm`)."""

    term: str
    definition: str                 # Markdown on one line
    alt_terms: list[str] = field(default_factory=list)


@dataclass
class Post(Item):
    kind: ClassVar[str] = "post"
    slug: str = ""
    posted: str | None = None       # ISO date-time (UTC) as the API gives it
    modified: str | None = None
    karma: int | None = None
    af: bool = False
    question: bool = False
    link_url: str | None = None
    word_count: int | None = None
    comment_count: int | None = None
    author_id: str | None = None    # None: deleted or hidden author
    author_name: str | None = None
    coauthor_ids: list[str] = field(default_factory=list)
    tags: list[TagRef] = field(default_factory=list)
    body: str = ""                  # Markdown, forum links not yet rewritten
    deleted: bool = False           # vanished upstream; the note is kept and marked
    glossary: list[GlossaryTerm] = field(default_factory=list)


@dataclass
class Author(Item):
    kind: ClassVar[str] = "author"
    slug: str = ""
    old_slugs: list[str] = field(default_factory=list)  # links by an old slug still find the note
    karma: int | None = None
    bio: str = ""                   # Markdown


@dataclass
class Concept(Item):
    kind: ClassVar[str] = "concept"
    slug: str = ""
    old_slugs: list[str] = field(default_factory=list)
    post_count: int | None = None
    wiki_only: bool = False
    parent: TagRef | None = None    # the parent tag
    children: list[TagRef] = field(default_factory=list)  # sub-tags
    definition: str = ""            # the description's first paragraph, plain text on one line
    description: str = ""           # Markdown of the whole description


@dataclass
class Chapter:
    title: str
    post_ids: list[str]


@dataclass
class Sequence(Item):
    kind: ClassVar[str] = "sequence"
    author_id: str | None = None
    description: str = ""
    chapters: list[Chapter] = field(default_factory=list)
    post_titles: dict[str, str] = field(default_factory=dict)  # for members not in the vault

    @property
    def post_ids(self) -> list[str]:
        return [pid for chapter in self.chapters for pid in chapter.post_ids]


@dataclass
class Book:
    """A book as its collection lists it (the book's own note is a `BookNote`)."""

    title: str
    sequence_ids: list[str]
    post_ids: list[str]
    id: str = ""                    # "" in collections stored before books had notes


@dataclass
class BookNote(Item):
    """One book of a collection, as a note between the collection and its sequences."""

    kind: ClassVar[str] = "book"
    collection_id: str = ""
    number: int = 0                 # 1-based place in the collection's reading order
    subtitle: str = ""
    description: str = ""
    sequence_ids: list[str] = field(default_factory=list)
    post_ids: list[str] = field(default_factory=list)   # posts the book holds directly
    titles: dict[str, str] = field(default_factory=dict)  # sequence and post ids -> titles


@dataclass
class Collection(Item):
    kind: ClassVar[str] = "collection"
    slug: str = ""
    description: str = ""
    books: list[Book] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # sequence and post ids -> titles


@dataclass
class Comment:
    id: str
    parent_id: str | None
    author_id: str | None
    author_name: str | None
    posted: str | None
    karma: int | None
    body: str                       # Markdown; "" when deleted
    deleted: bool


@dataclass
class Comments(Item):
    """All comments of one post worth keeping, as one note beside the post's."""

    kind: ClassVar[str] = "comments"
    post_id: str = ""
    comments: list[Comment] = field(default_factory=list)


ITEM_CLASSES: dict[str, type[Item]] = {
    cls.kind: cls for cls in (Post, Author, Concept, Sequence, Collection, BookNote, Comments)
}

# Nested dataclasses that `from_json` rebuilds from plain dicts.
_NESTED: dict[tuple[str, str], type] = {
    ("post", "tags"): TagRef,
    ("post", "glossary"): GlossaryTerm,
    ("sequence", "chapters"): Chapter,
    ("collection", "books"): Book,
    ("comments", "comments"): Comment,
    ("concept", "children"): TagRef,
}


def item_from_json(data: dict[str, Any]) -> Item:
    """Rebuild an item (and its nested records) from `Item.to_json` output."""
    kind = data["kind"]
    cls = ITEM_CLASSES[kind]
    names = {f.name for f in fields(cls)}
    values = {k: v for k, v in data.items() if k in names}
    for (nested_kind, key), nested_cls in _NESTED.items():
        if nested_kind == kind and key in values:
            values[key] = [nested_cls(**v) for v in values[key]]
    if kind == "concept" and values.get("parent"):
        values["parent"] = TagRef(**values["parent"])
    return cls(**values)
