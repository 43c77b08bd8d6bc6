"""Markdown text helpers every floor shares: the wikilink pattern, plain text, first paragraphs.

They live on the ground floor because the vault's link parser, the sync's parse step, the
renderer, the tagger and the Anki export all need the same answers.
"""

from __future__ import annotations

import re
from typing import Literal

# [[target#sub|alias]] with an optional leading "!" (embed). No brackets or newlines inside.
WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|\*|==|~~|`")
_COMMENT = re.compile(r"%%.*?%%|<!--.*?-->", re.S)
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_RULE = re.compile(r"[-*_]{3,}")
_CALLOUT_TITLE = re.compile(r"\[![^\]]*\]")
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def _link_text(match: re.Match[str]) -> str:
    target, _, alias = match.group(2).partition("|")
    return alias or target.split("#", 1)[0]


def plain_text(markdown: str) -> str:
    """Markdown inline syntax reduced to one line of the words a reader sees: links keep their
    text (a wikilink its alias, else its target), emphasis, highlight and code marks go."""
    text = WIKILINK.sub(_link_text, markdown) if "[[" in markdown else markdown
    text = _MD_LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


Quotes = Literal["keep", "skip", "unwrap"]


def first_paragraph_lines(markdown: str, *, quotes: Quotes = "keep",
                          skip_tables_and_images: bool = False) -> list[str]:
    """The lines of the first paragraph of prose, as written.

    Fenced code, `%% comments %%` and `<!-- comments -->`, headings and rules are never prose.
    A blockquote (or callout) is kept as it is (`quotes="keep"`), passed over (`"skip"`), or
    read for its text without the `>` markers, callout title lines and list markers (`"unwrap"`).
    """
    if "%%" in markdown or "<!--" in markdown:
        markdown = _COMMENT.sub("\n", markdown)
    paragraph: list[str] = []
    fence: str | None = None
    skipping = False  # inside a block the caller does not count as prose
    for raw in markdown.split("\n"):
        opener = _FENCE.match(raw)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            if paragraph:
                break
            continue
        line = raw.strip()
        if not line:
            skipping = False
            if paragraph:
                break
            continue
        if skipping:
            continue
        if line.startswith(">") and quotes == "skip" and not paragraph:
            skipping = True
            continue
        if line.startswith(">") and quotes == "unwrap":
            while line.startswith(">"):
                line = line[1:].strip()
            if _CALLOUT_TITLE.match(line):
                line = ""
        if (skip_tables_and_images and not paragraph and line.startswith(("|", "!["))):
            skipping = True
            continue
        if not line or line.startswith("#") or _RULE.fullmatch(line):
            if paragraph:
                break
            continue
        if quotes == "unwrap":
            line = _LIST_MARKER.sub("", line)
        paragraph.append(raw if quotes == "keep" else line)
    return paragraph


def first_paragraph(markdown: str) -> str:
    """The first paragraph of prose as one line of plain text; a blockquote's or callout's text
    counts."""
    return plain_text(" ".join(first_paragraph_lines(markdown, quotes="unwrap")))
