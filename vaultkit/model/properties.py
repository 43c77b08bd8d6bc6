"""The properties contract: every key vaultkit writes, with one Obsidian type each.

Keys are flat (no nesting, no dots) so Obsidian's property panel and Bases can read them, and each
key keeps one type across the whole vault. `.obsidian/types.json` is merged from `OBSIDIAN_TYPES`.
`vaultkit check` validates notes against it.
"""

from __future__ import annotations

# key -> Obsidian property type id (text, multitext, number, checkbox, date, datetime, aliases, tags)
OBSIDIAN_TYPES: dict[str, str] = {
    # identity and kind (every vaultkit note)
    "lw_id": "text",            # the forum's _id; identity of the note, never its path
    "type": "text",             # one of NOTE_TYPES
    "title": "text",            # the exact upstream title (file names are sanitised)
    "aliases": "aliases",
    "url": "text",              # canonical forum URL
    "site": "text",             # lesswrong | alignmentforum | eaforum
    "tags": "tags",
    "synced": "date",           # date the upstream version in this note was first written
    "lw_deleted": "checkbox",   # the document vanished upstream; the note is kept
    "lw_conflict_of": "text",   # conflict copies: the lw_id of the note the user edited (no lw_id)
    # posts
    "author": "text",           # a quoted wikilink: "[[Eliezer Yudkowsky]]"
    "coauthors": "multitext",   # quoted wikilinks
    "posted": "date",
    "modified": "date",
    "karma": "number",
    "af": "checkbox",
    "question": "checkbox",
    "link_url": "text",         # the external URL of a link post
    "word_count": "number",
    "comment_count": "number",
    "sequence": "text",         # quoted wikilink to the sequence index note
    "collection": "text",       # quoted wikilink to the collection note (posts, sequences, books)
    "book": "text",             # quoted wikilink to the book note (posts and sequences in a collection)
    "number": "number",         # books: place in the collection's reading order
    "book_count": "number",     # collections
    "sequence_count": "number", # books
    "prev": "text",             # quoted wikilink to the previous post in reading order
    "next": "text",             # quoted wikilink to the next post in reading order
    "status": "text",           # to-read | reading | read; set once, the user's afterwards
    # sequences, collections, concepts, authors
    "post_count": "number",
    "definition": "text",       # concepts: the description's first paragraph, as plain text
    "parent_tag": "text",       # concepts: quoted wikilink to the parent tag's note (when in the vault)
    "child_tags": "multitext",  # concepts: quoted wikilinks to the sub-tags' notes in the vault
    # comments notes
    "post": "text",             # quoted wikilink to the post the comments belong to
    # the user's reading notes (templates/user/Reading note.md)
    "source": "text",           # quoted wikilink to the note being read
    # principles (the user's own notes, and concept notes that state a principle)
    "statement": "text",
    "principle": "checkbox",    # the user's say: true = tag this note as a principle, false = never
    "normativity": "text",      # normative | descriptive | uncertain
    "scope": "text",            # universal | situational | uncertain
    "certainty": "text",        # deterministic | stochastic | uncertain
}

NOTE_TYPES = ("post", "sequence", "collection", "book", "concept", "author", "principle", "comments",
              "reading-note")
STATUS_VALUES = ("to-read", "reading", "read")
AXES: dict[str, tuple[str, str]] = {
    "normativity": ("normative", "descriptive"),
    "scope": ("universal", "situational"),
    "certainty": ("deterministic", "stochastic"),
}
UNCERTAIN = "uncertain"

# Allowed values of text keys with a closed vocabulary (checked by `vaultkit check`).
ALLOWED_VALUES: dict[str, tuple[str, ...]] = {
    "type": NOTE_TYPES,
    "status": STATUS_VALUES,
    **{axis: (*labels, UNCERTAIN) for axis, labels in AXES.items()},
}
