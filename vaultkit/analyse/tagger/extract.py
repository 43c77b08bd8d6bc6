"""What the tagger reads from a note: its name and its one-sentence statement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from vaultkit.vault.notes import Note

_LINK = re.compile(r"!?\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_COMMENT = re.compile(r"%%.*?%%|<!--.*?-->", re.S)
_EMPHASIS = re.compile(r"(\*\*|__|\*|==|~~|`)")


@dataclass(frozen=True)
class Principle:
    """The tagger's input: `source` says where the statement came from (statement, definition,
    body, or none)."""

    name: str
    statement: str
    source: str


def plain_text(markdown: str) -> str:
    """Markdown inline syntax reduced to the words a reader sees."""
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), markdown)
    text = _MD_LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def first_paragraph(body: str) -> str:
    """The first paragraph of prose: headings, comments, callout title lines, rules, code and
    vaultkit's region markers are skipped; a blockquote's or callout's text counts."""
    body = _COMMENT.sub("\n", body)
    paragraph: list[str] = []
    in_code = False
    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            in_code = not in_code
            if paragraph:
                break
            continue
        if in_code:
            continue
        while line.startswith(">"):
            line = line[1:].strip()
        if re.match(r"\[![^\]]*\]", line):
            line = ""  # a callout's type and title line, not its text
        if not line or line.startswith("#") or re.fullmatch(r"[-*_]{3,}", line):
            if paragraph:
                break
            continue
        paragraph.append(re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line))
    return plain_text(" ".join(paragraph))


def note_name(note: Note) -> str:
    """The principle's name: the `title` property, else the file name without `.md`."""
    title = note.properties.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return PurePosixPath(note.rel).stem


def extract_principle(note: Note) -> Principle:
    """Name and statement of a principle or concept note.

    The statement is the `statement` property when set, else (for concepts) the `definition`
    property, else the first paragraph of the body.
    """
    name = note_name(note)
    for key in ("statement", "definition"):
        value = note.properties.get(key)
        if isinstance(value, str) and value.strip():
            return Principle(name, plain_text(value), key)
    paragraph = first_paragraph(note.body)
    return Principle(name, paragraph, "body" if paragraph else "none")
