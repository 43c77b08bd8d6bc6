"""Finding the TeX in every shape of forum math (lesswrong-api.md §16).

MathJax 2 and 3 output carries the TeX only in `aria-label`; the glyphs are rendered text that
would garble the formula, so they are never read. Raw `\\(…\\)` / `\\[…\\]` TeX, `$…$` and
legacy codecogs or Google Chart images are recognised too.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from selectolax.lexbor import LexborNode


class Formula(NamedTuple):
    """TeX found in the HTML; `tex` is None when the formula was lost upstream."""

    tex: str | None
    display: bool


_RAW_DELIMITERS = (
    ("\\(", "\\)", False), ("\\[", "\\]", True), ("$$", "$$", True), ("$", "$", False),
)
# Rendering options codecogs accepts before the TeX itself.
_CODECOGS_OPTIONS = re.compile(
    r"^\s*(?:\\(?:inline|dpi\{\d+\}|bg_\w+|fg_\w+|fn_\w+"
    r"|(?:tiny|small|normal|large|Large|LARGE|huge))\s*)+")
# Raw TeX delimiters inside prose text.
RAW_MATH_IN_TEXT = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)


def _is_display(attrs: dict) -> bool:
    classes = attrs.get("class") or ""
    return attrs.get("display") == "true" or "mjpage__block" in classes or "MJXc-display" in classes


def _labelled(node: LexborNode, depth: int) -> tuple[LexborNode | None, bool]:
    """The first descendant with an `aria-label` (searched `depth` levels deep), and whether a
    display-math marker lies on the way to it. Cheaper than a CSS query for the usual shapes."""
    for child in node.iter(include_text=False):
        attrs = child.attributes
        if "aria-label" in attrs:
            return child, _is_display(attrs)
        if depth > 1 and child.tag != "style":
            found, display = _labelled(child, depth - 1)
            if found is not None:
                return found, display or _is_display(attrs)
    return None, False


def formula_of(node: LexborNode) -> Formula:
    """The formula a math element holds (`span.math-tex`, `div.math-tex`, `mjx-container`,
    `span.mjpage`, `.mjx-chtml`, `.arbital-math`)."""
    attrs = node.attributes
    display = node.tag == "div" or _is_display(attrs)
    if "aria-label" in attrs:
        return Formula(attrs["aria-label"] or "", display)
    labelled, inner_display = _labelled(node, 5)
    if labelled is not None:
        return Formula(labelled.attributes.get("aria-label") or "", display or inner_display)
    rendered = node.css_first("mjx-container, .mjx-chtml, .mjx-math") is not None
    if node.tag.startswith("mjx-") or rendered:
        return Formula(None, display)
    raw = (node.text(deep=True) or "").strip()
    for start, end, block in _RAW_DELIMITERS:
        if len(raw) > len(start) + len(end) and raw.startswith(start) and raw.endswith(end):
            return Formula(raw[len(start):-len(end)], display or block)
    return Formula(raw, display)


def tex_from_image_url(url: str) -> str | None:
    """The TeX encoded in a codecogs or Google Chart formula image URL, or None."""
    lowered = url.lower()
    if "codecogs.com/" in lowered and ".latex?" in lowered:
        tex = unquote(url.split("?", 1)[1])
        return _CODECOGS_OPTIONS.sub("", tex).strip()
    google = "chart.apis.google.com/chart" in lowered or "chart.googleapis.com/chart" in lowered
    if google and "cht=tx" in lowered:
        values = parse_qs(urlsplit(url).query).get("chl")
        return values[0].strip() if values else None
    return None


def math_markdown(tex: str, display: bool, in_table: bool) -> str:
    """The Markdown for a formula: `$tex$` inline, `$$` lines around it for display math.

    Inside a table `|` would split the cell, so it is written `\\vert` (and `\\|` as `\\Vert`);
    display math there stays inline.
    """
    if "$" in tex:
        tex = re.sub(r"(?<!\\)\$", r"\\$", tex)
    if in_table and "|" in tex:
        tex = tex.replace("\\|", "\\Vert{}").replace("|", "\\vert{}")
    if display and not in_table:
        lines = [line.rstrip() for line in tex.strip().split("\n") if line.strip()]
        return "$$\n" + "\n".join(lines) + "\n$$"
    tex = " ".join(tex.split())
    if tex.endswith("\\"):
        tex += "{}"  # a trailing backslash would escape the closing dollar
    return "$" + tex + "$"
