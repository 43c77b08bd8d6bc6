"""A post's glossary in its note: one `[!glossary]` callout, one term a line.

The format is a contract (the Anki export reads it back with `read_glossary`):

    > [!glossary]- Glossary
    > - Term:: its definition, on one line *(also: other spelling, another)*

The definition runs from `:: ` to the end of the line; a trailing `*(also: …)*` lists the term's
other spellings. A term never holds `::`; a definition never spans lines.
"""

from __future__ import annotations

import re

from vaultkit.model.items import GlossaryTerm

CALLOUT = "> [!glossary]- Glossary"
_LINE = re.compile(r"^> - (?P<term>.+?):: (?P<definition>.*?)(?: \*\(also: (?P<alt>.*)\)\*)?$")


def one_line(text: str) -> str:
    return " ".join(text.split())


def format_glossary(terms: list[GlossaryTerm]) -> str:
    """The callout for `terms` ("" when there are none)."""
    if not terms:
        return ""
    lines = [CALLOUT]
    for term in terms:
        also = f" *(also: {', '.join(term.alt_terms)})*" if term.alt_terms else ""
        lines.append(f"> - {term.term.replace('::', ':')}:: {one_line(term.definition)}{also}")
    return "\n".join(lines)


def read_glossary(markdown: str) -> list[GlossaryTerm]:
    """The terms of the `[!glossary]` callout in a note's text (none when it has no callout)."""
    lines = markdown.splitlines()
    terms: list[GlossaryTerm] = []
    for index in _callout_lines(lines):
        match = _LINE.match(lines[index])
        if match:
            alt = match.group("alt")
            terms.append(GlossaryTerm(match.group("term"), match.group("definition"),
                                      [a.strip() for a in alt.split(",")] if alt else []))
    return terms


def blank_glossary(markdown: str) -> str:
    """`markdown` with the `[!glossary]` callout's lines emptied (line numbers kept), so a reader of
    the rest (e.g. of `Front::Back` flashcards) does not take its `term:: definition` lines."""
    lines = markdown.split("\n")
    for index in _callout_lines(lines):
        lines[index] = ""
    return "\n".join(lines)


def _callout_lines(lines: list[str]) -> range:
    """The indexes of the first `[!glossary]` callout's lines, its title line included."""
    for start, line in enumerate(lines):
        if line.startswith("> [!glossary]"):
            end = start + 1
            while end < len(lines) and lines[end].startswith(">"):
                end += 1
            return range(start, end)
    return range(0)
