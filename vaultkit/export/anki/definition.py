"""A concept's definition as the user reads it: the text of its `[!definition]` callout.

Sync writes the definition twice, as the `definition` property (plain text, for search and Bases)
and as a `> [!definition] Title` callout at the top of the note. Readers see, and edit, the callout,
so the card is made from it: a callout the user wrote outside vaultkit's region wins over the one
inside it, and the property is used only for notes that have no callout at all.
"""

from __future__ import annotations

import re

NO_DEFINITION = "(no definition upstream)"   # what sync writes when the forum has no definition

_CALLOUT_HEAD_RE = re.compile(r"^[ \t]*>[ \t]*\[!definition\][+-]?[^\n]*$", re.IGNORECASE | re.MULTILINE)
_QUOTE_RE = re.compile(r"^[ \t]*>[ \t]?")


def callout_definition(markdown: str) -> str | None:
    """The Markdown inside the first `[!definition]` callout of `markdown` (quote marks removed),
    or None when there is no such callout. The callout's title line is not part of it."""
    head = _CALLOUT_HEAD_RE.search(markdown)
    if head is None:
        return None
    lines: list[str] = []
    for line in markdown[head.end():].lstrip("\r\n").splitlines():
        if not _QUOTE_RE.match(line):
            break
        lines.append(_QUOTE_RE.sub("", line, count=1))
    return "\n".join(lines).strip()


def is_missing(definition: str | None) -> bool:
    """True for no definition: empty, or sync's placeholder for a concept without one upstream."""
    return definition is None or not definition.strip() or definition.strip() == NO_DEFINITION
