"""Small Markdown-writing helpers shared by the converter: escaping, URLs, indentation.

The escaping follows Obsidian's parser (obsidian.md §5): every `$` in prose becomes `\\$` so that
it never opens math, `#` is escaped so that it never makes a tag, and `%%` so that it never opens
a comment. `<` becomes `&lt;`, so no text can turn into an HTML tag.
"""

from __future__ import annotations

import re

# Private-use characters the converter uses as markers inside inline text while a paragraph is
# being built; they are removed from every input text first, so they can never collide.
BLOCK_OPEN = "\ue000"  # BLOCK_OPEN <index> BLOCK_CLOSE: a block emitted from inline context
BLOCK_CLOSE = "\ue001"
HARD_BREAK = "\ue002"
MATH_END = "\ue003"  # after inline math: becomes a space if a digit follows, else nothing
FOOTNOTE = "\ue004"  # FOOTNOTE <index> FOOTNOTE: a footnote reference, numbered at the end

_CONTROLS = {c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
_CONTROLS.update({0x7F: None, 0xFEFF: None})
_CONTROLS.update({ord(c): None for c in (BLOCK_OPEN, BLOCK_CLOSE, HARD_BREAK, MATH_END, FOOTNOTE)})
CLEAN_TABLE = str.maketrans(_CONTROLS)
# Cheap tests of whether a text needs any work. They are split so that the ASCII part compiles to
# a bitmap (fast); the few characters above U+00FF are searched for only in non-ASCII text.
_ASCII_TO_CLEAN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]").search
WIDE_TO_CLEAN = re.compile("[\ufeff\ue000-\ue004]").search


def needs_clean(text: str) -> bool:
    """True when `clean(text)` would change `text`."""
    if _ASCII_TO_CLEAN(text) is not None:
        return True
    return not text.isascii() and WIDE_TO_CLEAN(text) is not None

ESCAPE_TABLE = str.maketrans({
    **_CONTROLS,
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
    "<": "&lt;", "$": "\\$", "#": "\\#",
})
# The ASCII characters escape_text changes; most text has none. `bytes.translate` with a table that
# moves exactly these bytes returns its input object when there is none of them, which tests a
# text several times faster than a regex search.
_SPECIAL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]) + b"\\`*_[]<$#&~=%"
SPECIALS_MOVED = bytes((b ^ 0x80) if b in _SPECIAL_BYTES else b for b in range(256))


def is_plain(text: str) -> bool:
    """True when `escape_text(text)` would return `text` unchanged (true of most prose)."""
    data = text.encode("utf-8", "surrogatepass")
    if data.translate(SPECIALS_MOVED) is not data:
        return False
    return text.isascii() or WIDE_TO_CLEAN(text) is None
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What would start a block at the start of a line: an ordered-list number, a bullet, a quote, a
# table, a fence or a setext underline.
_LINE_START = re.compile(r"^(?:(\d+)([.)])(?=[ \t]|$)|([-+>|]|~{3,}|=+[ \t]*$))", re.M)
# HTML whitespace that is not already a single space (a lone space is the common case, so it is
# not matched at all: far fewer replacements).
WHITESPACE = re.compile(r" [ \t\n\r\f]+|[\t\n\r\f][ \t\n\r\f]*")
_LINE_START_CHARS = frozenset("0123456789-+>|~=")

URL_TABLE = str.maketrans({
    " ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\\": "%5C", "|": "%7C",
    '"': "%22", "`": "%60", "\n": None, "\r": None, "\t": None,
})


def clean(text: str) -> str:
    """`text` without control characters and without the converter's marker characters."""
    return text.translate(CLEAN_TABLE)


def escape_text(text: str) -> str:
    """Prose text escaped so that Obsidian shows it literally (no math, tags, HTML or emphasis)."""
    if is_plain(text):
        return text
    if "&" in text:  # "&amp;" keeps a literal "&lt;" from being read as an entity
        text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.translate(ESCAPE_TABLE)
    if "~~" in text:
        text = text.replace("~~", "\\~\\~")
    if "==" in text:
        text = text.replace("==", "\\=\\=")
    if "%%" in text:
        text = text.replace("%%", "%\\%")
    return text


def escape_line_starts(text: str) -> str:
    """Escape what would start a list, quote, heading underline, fence or table at a line start."""
    if "\n" not in text and (not text or text[0] not in _LINE_START_CHARS):
        return text
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


_URL_NEEDS_ESCAPE = re.compile(r"[ ()<>\\|\"`\n\r\t]")


def escape_url(url: str) -> str:
    """`url` made safe as a Markdown link destination (and inside a pipe table)."""
    if _URL_NEEDS_ESCAPE.search(url) is None:
        return url
    return url.translate(URL_TABLE)


def code_span(text: str) -> str:
    """Inline code with a backtick fence longer than any run inside `text`."""
    text = " ".join(text.split("\n"))
    if not text:
        return ""
    longest = max((len(r) for r in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`"):
        text = f" {text} "
    return f"{fence}{text}{fence}"


def code_fence(text: str, language: str = "") -> str:
    """A fenced code block, its fence longer than any backtick run inside `text`."""
    longest = max((len(r) for r in re.findall(r"^ {0,3}(`{3,})", text, re.M)), default=2)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def prefix_lines(text: str, first: str, rest: str) -> str:
    """`text` with `first` before its first line and `rest` before the others (blank lines stay
    blank, minus trailing spaces)."""
    lines = text.split("\n")
    out = [first + lines[0]]
    out.extend((rest + line) if line else rest.rstrip() for line in lines[1:])
    return "\n".join(out)
