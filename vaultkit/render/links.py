"""Turn Markdown links to forum URLs into wikilinks (the URLs are parsed by `vaultkit.model.refs`).

The converter leaves every forum link in a note as a Markdown link with a normalised absolute URL
(`[text](https://www.lesswrong.com/posts/ID/slug)`). `rewrite_forum_links` later replaces those
whose target is a note in the vault with `[[target|text]]`, using a regex over the Markdown, so
the sync engine can re-resolve links on every run without parsing HTML again.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vaultkit.model.refs import ForumRef, parse_forum_url

# The parts of Markdown a rewrite must not touch, then a link. Alternation order matters: a fence
# or a code span is matched (and kept) before a link inside it could be. Every branch starts with
# its literal first character (the context checks are lookbehinds placed after it), so the regex
# engine jumps between candidate characters instead of trying each branch at every position:
# about 8x faster on real posts than the same pattern written with leading assertions.
_REWRITE = re.compile(
    r"`(?<![^\n]`)(?P<fence>``+)(?ms:[^\n]*\n.*?^`(?P=fence)[`~]*[ \t]*$)"  # ``` fence at a line start
    r"|~(?<![^\n]~)(?P<tfence>~~+)(?ms:[^\n]*\n.*?^~(?P=tfence)[`~]*[ \t]*$)"  # ~~~ fence
    r"|`(?<!\\`)(?P<code>`*)(?s:.*?)`(?P=code)"  # code span (an escaped backtick opens none)
    r"|\[(?<![!\\]\[)(?P<text>(?:[^\[\]\\\n]|\\.)*)\]"  # link text, no unescaped brackets
    r"\((?P<url>https?://[^()\s]+)\)"
)
# A pipe-table row, also when indented in a list or quoted in a callout. (The converter escapes a
# `|` that would start a line of prose, so only table rows match.)
_TABLE_ROW = re.compile(r"[ \t>]*\|")
# A backslash escape (keep the character) or an emphasis marker (drop it).
_MARKUP = re.compile(r"\\(.)|\*+|~~|==")


def wikilink_display(text: str) -> str:
    """Link text made safe for a wikilink alias: plain text, no `]]`, `|`, `[[` or newlines."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", text)
    text = text.replace("|", "/").replace("]]", "] ]").replace("[[", "[ [")
    return " ".join(text.split())


def rewrite_forum_links(markdown: str, resolve: Callable[[ForumRef], str | None]) -> str:
    """Replace `[text](forum url)` with `[[target|text]]` (`[[target]]` when the text is the
    target) wherever `resolve` returns a target.

    `resolve(ref)` returns the link target (a note name or vault path without `.md`) or None to
    keep the external link. Code spans and fenced code are left alone. Inside a pipe-table row
    the separator is written `\\|`, as Obsidian requires.
    """
    if "](http" not in markdown:
        return markdown

    def replace(m: re.Match[str]) -> str:
        url = m.group("url")
        if url is None:
            return m.group(0)
        ref = parse_forum_url(url)
        target = resolve(ref) if ref is not None else None
        if not target:
            return m.group(0)
        display = wikilink_display(m.group("text"))
        if not display or display.startswith(("http://", "https://")):
            display = target.rsplit("/", 1)[-1]  # a bare URL as link text: show the note's name
        if display == target:
            return f"[[{target}]]"  # Obsidian shows the name itself; `[[X|X]]` only adds noise
        line_start = markdown.rfind("\n", 0, m.start()) + 1
        sep = "\\|" if _TABLE_ROW.match(markdown, line_start) else "|"
        return f"[[{target}{sep}{display}]]"

    return _REWRITE.sub(replace, markdown)
