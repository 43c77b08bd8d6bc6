"""Turn the demo sources' light markup into the forum's HTML dialects.

The sources write math as `\\(tex\\)` / `\\[tex\\]` and footnote references as `[^label]`. Each post
names the dialect its era's editor produced (lesswrong-api.md §16) and these functions emit it, so
one readable text can be served exactly as MathJax 2, MathJax 3, raw TeX, a codecogs image, or any
footnote form.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from vaultkit.demo.ids import make_id

MATH_DIALECTS = ("mathjax2", "mathjax3", "mathjax3-noaria", "raw", "lexical", "codecogs", "bare")
FOOTNOTE_DIALECTS = ("ckeditor", "markdown-it", "markdown-2025")

# Shortened stand-ins for the ~19 KB (v2) and ~10 KB (v3) stylesheets the forum embeds in bodies.
MATHJAX2_STYLE = (
    "<style>.mjx-chtml {display: inline-block; line-height: 0; text-indent: 0; text-align: left; "
    "font-size: 100%; letter-spacing: normal; border: 0; padding: 1px 0; margin: 0} "
    ".MJXc-display {display: block; text-align: center; margin: 1em 0; padding: 0} "
    ".mjx-math {display: inline-block; border-collapse: separate; border-spacing: 0} "
    ".mjx-char {display: block; white-space: pre} .MJXc-TeX-math-I {font-family: MJXc-TeX-math-I,"
    " MJXc-TeX-math-Ix} .MJXc-TeX-main-R {font-family: MJXc-TeX-main-R, MJXc-TeX-main-Rw}</style>"
)
MATHJAX3_STYLE = (
    '<style>mjx-container[jax="CHTML"] {line-height: 0} mjx-container [space="1"] '
    '{margin-left: .111em} mjx-container[jax="CHTML"][display="true"] {display: block; '
    "text-align: center; margin: 1em 0} mjx-c::before {display: block; width: 0} "
    ".TEX-I {font-family: MJXZERO, MJXTEX-I}</style>"
)

_MATH = re.compile(r"\\\((?P<inline>.+?)\\\)|\\\[(?P<display>.+?)\\\]", re.S)
_TEX_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[A-Za-z]|[0-9]|[^\s{}^_]")
_TEX_SYMBOLS = {
    r"\sum": "∑", r"\prod": "∏", r"\mid": "|", r"\cdot": "⋅", r"\times": "×", r"\approx": "≈",
    r"\neq": "≠", r"\leq": "≤", r"\geq": "≥", r"\le": "≤", r"\ge": "≥", r"\infty": "∞",
    r"\neg": "¬", r"\alpha": "α", r"\mu": "μ", r"\sigma": "σ", r"\to": "→", r"\sqrt": "√",
    r"\log": "log", r"\Pr": "Pr", r"\ln": "ln", r"\pm": "±", r"\%": "%", r"\$": "$",
    r"\lvert": "|", r"\rvert": "|", r"\Delta": "Δ", r"\theta": "θ", r"\lambda": "λ",
}


def render_math(body: str, dialect: str) -> str:
    """Replace every `\\(…\\)` and `\\[…\\]` in `body` by the HTML of math `dialect`."""
    if dialect not in MATH_DIALECTS:
        raise ValueError(f"unknown math dialect {dialect!r}")
    if dialect == "bare":
        return body
    first = True

    def replace(match: re.Match) -> str:
        nonlocal first
        display = match.group("display") is not None
        tex = (match.group("display") if display else match.group("inline")).strip()
        out = _MATH_RENDERERS[dialect](tex, display, first)
        first = False
        return out

    return _MATH.sub(replace, body)


def _tokens(tex: str) -> list[str]:
    return [token for token in _TEX_TOKEN.findall(tex) if token not in (r"\frac", r"\text", r"\left", r"\right")]


def _mathjax2_glyphs(tex: str) -> str:
    parts = []
    for token in _tokens(tex):
        glyph = _TEX_SYMBOLS.get(token, token.lstrip("\\"))
        if token.isalpha() and len(token) == 1:
            kind, font = "mjx-mi", "MJXc-TeX-math-I"
        elif token.isdigit():
            kind, font = "mjx-mn", "MJXc-TeX-main-R"
        else:
            kind, font = "mjx-mo", "MJXc-TeX-main-R"
        parts.append(f'<span class="{kind}"><span class="mjx-char {font}">{html.escape(glyph)}</span></span>')
    return "".join(parts)


def _mathjax2(tex: str, display: bool, first: bool) -> str:
    style = MATHJAX2_STYLE if first else ""
    label = html.escape(tex, quote=True)
    math = f'<span class="mjx-math" aria-label="{label}"><span class="mjx-mrow" aria-hidden="true">{_mathjax2_glyphs(tex)}</span></span>'
    if display:
        return ('<span class="math-tex"><span class="mjpage mjpage__block"><span class="mjx-chtml MJXc-display" '
                f'style="text-align: center;">{style}{math}</span></span></span>')
    return f'<span class="math-tex"><span class="mjpage"><span class="mjx-chtml">{style}{math}</span></span></span>'


def _mathjax3_glyphs(tex: str) -> str:
    parts = []
    for token in _tokens(tex):
        glyph = _TEX_SYMBOLS.get(token, token.lstrip("\\"))
        if token.isalpha() and len(token) == 1:
            # MathJax 3 names italic letters by their Mathematical Alphanumeric code point.
            offset = ord(token) - (ord("a") if token.islower() else ord("A"))
            point = (0x1D44E if token.islower() else 0x1D434) + offset
            parts.append(f'<mjx-mi class="mjx-i"><mjx-c class="mjx-c{point:X} TEX-I"></mjx-c></mjx-mi>')
        else:
            tag = "mjx-mn" if token.isdigit() else "mjx-mo"
            cells = "".join(f'<mjx-c class="mjx-c{ord(ch):X}"></mjx-c>' for ch in glyph)
            parts.append(f'<{tag} class="mjx-n">{cells}</{tag}>')
    return "".join(parts)


def _mathjax3(tex: str, display: bool, first: bool, with_label: bool = True) -> str:
    style = MATHJAX3_STYLE if first else ""
    label = f' aria-label="{html.escape(tex, quote=True)}"' if with_label else ""
    inner = f'<mjx-math class=" MJX-TEX">{_mathjax3_glyphs(tex)}</mjx-math>'
    if display:
        return f'{style}<mjx-container class="MathJax" jax="CHTML" display="true"{label} role="math">{inner}</mjx-container>'
    return f'<span class="math-tex">{style}<mjx-container class="MathJax" jax="CHTML"{label} role="math">{inner}</mjx-container></span>'


def _raw(tex: str, display: bool, first: bool) -> str:
    text = html.escape(tex, quote=False)
    return f'<span class="math-tex">\\[{text}\\]</span>' if display else f'<span class="math-tex">\\({text}\\)</span>'


def _lexical(tex: str, display: bool, first: bool) -> str:
    if display:
        return f'<div class="math-tex" style="display:block">\\[{html.escape(tex, quote=False)}\\]</div>'
    return _raw(tex, display, first)


def _codecogs(tex: str, display: bool, first: bool) -> str:
    return f'<img src="http://latex.codecogs.com/gif.latex?{quote(tex, safe="()=+-,.")}">'


_MATH_RENDERERS = {
    "mathjax2": _mathjax2,
    "mathjax3": _mathjax3,
    "mathjax3-noaria": lambda tex, display, first: _mathjax3(tex, display, first, with_label=False),
    "raw": _raw,
    "lexical": _lexical,
    "codecogs": _codecogs,
}

_FOOTNOTE_REF = re.compile(r"\[\^([\w-]+)\]")


def render_footnotes(body: str, notes: dict[str, str], dialect: str, post_key: str) -> str:
    """Replace `[^label]` references in `body` and append the footnote section of `dialect`.

    `notes` maps each label to the note's HTML paragraphs. Notes are numbered in order of first
    reference; a label that is never referenced, or referenced without a note, is an error.
    """
    if dialect not in FOOTNOTE_DIALECTS:
        raise ValueError(f"unknown footnote dialect {dialect!r}")
    order: list[str] = []

    def replace(match: re.Match) -> str:
        label = match.group(1)
        if label not in notes:
            raise ValueError(f"{post_key}: footnote [^{label}] has no note")
        if label not in order:
            order.append(label)
        number = order.index(label) + 1
        return _reference(dialect, number, _footnote_id(dialect, post_key, label, number))

    body = _FOOTNOTE_REF.sub(replace, body)
    unused = set(notes) - set(order)
    if unused:
        raise ValueError(f"{post_key}: footnotes never referenced: {sorted(unused)}")
    items = [_item(dialect, n, _footnote_id(dialect, post_key, label, n), notes[label])
             for n, label in enumerate(order, start=1)]
    return body + _section(dialect, "".join(items))


def _footnote_id(dialect: str, post_key: str, label: str, number: int) -> str:
    if dialect == "ckeditor":
        return make_id("footnote", f"{post_key}:{label}", 6).lower()
    return str(number)


def _reference(dialect: str, number: int, fid: str) -> str:
    if dialect == "markdown-it":
        return f'<sup class="footnote-ref"><a href="#fn{fid}" id="fnref{fid}">[{number}]</a></sup>'
    return (f'<span class="footnote-reference" data-footnote-reference="" data-footnote-index="{number}" '
            f'data-footnote-id="{fid}" role="doc-noteref" id="fnref{fid}"><sup><a href="#fn{fid}">[{number}]</a></sup></span>')


def _item(dialect: str, number: int, fid: str, note: str) -> str:
    if dialect == "markdown-it":
        backref = f' <a href="#fnref{fid}" class="footnote-backref">↩︎</a>'
        return f'<li id="fn{fid}" class="footnote-item">{_append_to_last_paragraph(note, backref)}</li>'
    if dialect == "markdown-2025":
        return (f'<li class="footnote-item" data-footnote-id="{fid}" role="doc-endnote" id="fn{fid}">{note}'
                f'<a class="footnote-backref" href="#fnref{fid}">↩︎</a></li>')
    return (f'<li class="footnote-item" data-footnote-id="{fid}" role="doc-endnote" id="fn{fid}">'
            f'<span class="footnote-back-link" data-footnote-back-link="" data-footnote-id="{fid}"><sup><strong>'
            f'<a href="#fnref{fid}">^</a></strong></sup></span><div class="footnote-content" data-footnote-content="" '
            f'data-footnote-id="{fid}" role="doc-footnote-content">{note}</div></li>')


def _section(dialect: str, items: str) -> str:
    if dialect == "markdown-it":
        return f'<hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list">{items}</ol></section>'
    return f'<ol class="footnote-section footnotes" data-footnote-section="" role="doc-endnotes">{items}</ol>'


def _append_to_last_paragraph(note: str, addition: str) -> str:
    head, sep, tail = note.rpartition("</p>")
    return f"{head}{addition}{sep}{tail}" if sep else note + addition
