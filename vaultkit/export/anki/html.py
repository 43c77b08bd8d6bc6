"""Obsidian Markdown -> the HTML Anki shows on a card.

markdown-it-py does the Markdown; a few small rules add what Obsidian has and CommonMark lacks:

- math `$…$` / `$$…$$` becomes MathJax `\\(…\\)` / `\\[…\\]` (Anki's MathJax knows only those), made
  safe inside clozes: a `}}` that closes TeX braces gets a space so it cannot end a cloze early;
- `[[Target|Text]]` becomes its readable text, `![[image.png|300]]` and `![alt](image.png)` become
  `<img>` tags whose files are collected as package media under content-hash names;
- `==highlight==` becomes `<mark>`, or on a cloze card the next `{{cN::…}}` deletion;
- callouts lose their `[!type]` marker and keep their title in bold; `%% comments %%` are dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from vaultkit.export.anki.field_form import escape_attr, escape_text, stable_markup
from vaultkit.export.anki.flashcards import CLOZE_RE, strip_comments
from vaultkit.model.text import WIKILINK
from vaultkit.vault.links import LinkResolver

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".avif"})

_CALLOUT_RE = re.compile(r"^((?:\s*>)+)\s*\[!([^\]\s]+)\][+-]?[ \t]*(.*)$", re.MULTILINE)
_SIZE_RE = re.compile(r"^\d+(?:x\d+)?$")


@dataclass
class MediaFile:
    """An image copied into the package: its flat content-addressed name and where it came from."""

    name: str
    path: Path


@dataclass
class MissingMedia:
    """An embed whose file is not in the vault."""

    source: str
    target: str


class MediaStore:
    """Collects the images the cards embed, each once, under `<sha1[:12]>-<basename>`.

    Content names keep an image that changed under the same file name from piling up as a renamed
    copy in Anki, and keep two vaults' `Pasted image …png` files apart.
    """

    def __init__(self) -> None:
        self._by_path: dict[Path, MediaFile] = {}
        self.missing: list[MissingMedia] = []

    def add(self, path: Path) -> str:
        """Register the file and return the name the card's `<img src>` must use."""
        known = self._by_path.get(path)
        if known is None:
            digest = hashlib.sha1(path.read_bytes()).hexdigest()[:12]
            known = MediaFile(f"{digest}-{path.name}", path)
            self._by_path[path] = known
        return known.name

    @property
    def files(self) -> list[MediaFile]:
        """Every collected file, sorted by name."""
        return sorted(self._by_path.values(), key=lambda media: media.name)


@dataclass
class _RenderState:
    source: str
    cloze: bool
    next_cloze: int = 1
    used_clozes: set[int] = field(default_factory=set)

    def take_cloze_number(self) -> int:
        while self.next_cloze in self.used_clozes:
            self.next_cloze += 1
        self.used_clozes.add(self.next_cloze)
        return self.next_cloze


class CardHtml:
    """Renders card fields from Obsidian Markdown. One instance serves a whole export."""

    def __init__(self, root: Path, links: LinkResolver, media: MediaStore):
        self.root = root
        self.links = links
        self.media = media
        self._md = _new_markdown(self)

    def render(self, markdown: str, source: str, *, cloze: bool = False) -> str:
        """HTML for `markdown` written in the note `source` (vault-relative path).

        With `cloze=True`, `==x==` highlights become numbered `{{cN::x}}` deletions, numbered after
        the explicit `{{cN::…}}` already in the text.
        """
        if not cloze and _is_plain(markdown):
            return escape_text(markdown)
        text = _callouts_to_quotes(strip_comments(markdown))
        state = _RenderState(source, cloze)
        if cloze:
            state.used_clozes = {int(number) for number in CLOZE_RE.findall(text)}
        env = {"vaultkit": state}
        if _is_one_inline_line(text):
            # skips the block parser: most fields are one line
            return stable_markup(self._md.renderInline(text, env))
        return stable_markup(_unwrap_single_paragraph(self._md.render(text, env).strip()))

    # -- embeds ------------------------------------------------------------------------------

    def embed_html(self, target: str, size: str | None, alt: str, state: _RenderState) -> str:
        resolved = self.links.resolve(target, state.source)
        if resolved is None or Path(resolved).suffix.lower() not in IMAGE_SUFFIXES:
            if resolved is None and Path(target).suffix.lower() in IMAGE_SUFFIXES:
                self.media.missing.append(MissingMedia(state.source, target))
            return escape_text(alt or _link_text(target, None))
        name = self.media.add(self.root / resolved)
        width = f' width="{size.split("x")[0]}"' if size else ""
        return f'<img src="{escape_attr(name)}" alt="{escape_attr(alt)}"{width}>'


_MARKDOWN_CHARS_RE = re.compile(r"[\\`*_\[\]<>&$=~!|#{}^%\x00-\x1f\x7f-\x9f]|^(?:[-+>]|\d+[.)])")


def _is_plain(text: str) -> bool:
    """True when Markdown would render `text` as itself, escaped: most short card fields."""
    return text == text.strip() and _MARKDOWN_CHARS_RE.search(text) is None


# A line that could start a block other than a paragraph: list, rule, heading, quote, fence,
# display math, reference or footnote definition, HTML block.
_BLOCK_START_RE = re.compile(
    r"^(?:[-+*](?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|#{1,6}(?:[ \t]|$)|>|\d{1,9}[.)](?:[ \t]|$)|```|~~~|\$\$"
    r"|\[[^\]]*\]:|<)")


def _is_one_inline_line(text: str) -> bool:
    """True when `text` is a single paragraph line, so inline parsing alone gives the same HTML."""
    return ("\n" not in text and "\r" not in text and "^[" not in text and text == text.strip()
            and _BLOCK_START_RE.match(text) is None)


def _unwrap_single_paragraph(rendered: str) -> str:
    """`<p>x</p>` -> `x`: a one-paragraph field reads (and searches) in Anki like one typed there."""
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def _link_text(target: str, alias: str | None) -> str:
    """Readable text for a wikilink: its alias, else `Note > Heading` without folders."""
    if alias:
        return alias
    page, _, subpath = target.partition("#")
    name = page.rsplit("/", 1)[-1]
    if name.lower().endswith(".md"):
        name = name[:-3]
    parts = [name] if name else []
    parts += [part.lstrip("^") for part in subpath.split("#") if part]
    return " > ".join(parts)


def _callouts_to_quotes(text: str) -> str:
    """`> [!tip] Title` -> `> **Title**`: Anki has no callouts, a quote with a bold title reads well."""

    def replace(match: re.Match[str]) -> str:
        title = match.group(3).strip() or match.group(2).capitalize()
        return f"{match.group(1)} **{title}**"

    return _CALLOUT_RE.sub(replace, text) if "[!" in text else text


# -- markdown-it rules ---------------------------------------------------------------------------


def _new_markdown(owner: CardHtml) -> MarkdownIt:
    # xhtmlOut off: `<br>`, not `<br />`, as the browser writes it (see field_form).
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "xhtmlOut": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.inline.ruler.before("escape", "tex_delimited", _tex_delimited_rule)
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.before("emphasis", "highlight", _highlight_rule)

    def render_math(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return _math_html(tokens[idx].content.strip(), display=tokens[idx].type != "math_inline")

    for kind in ("math_inline", "math_inline_double", "math_block", "math_block_label",
                 "math_tex_display"):
        md.add_render_rule(kind, render_math)

    def render_wikilink(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        meta = tokens[idx].meta
        if not meta["embed"]:
            return escape_text(_link_text(meta["target"], meta["alias"]))
        size = meta["alias"] if meta["alias"] and _SIZE_RE.match(meta["alias"]) else None
        alt = "" if size else (meta["alias"] or "")
        return owner.embed_html(meta["target"], size, alt, env["vaultkit"])

    def render_image(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        src = str(token.attrs.get("src", ""))
        alt = "".join(child.content for child in token.children or [])
        if "://" in src:
            return f'<img src="{escape_attr(src)}" alt="{escape_attr(alt)}">'
        size = None
        if "|" in alt and _SIZE_RE.match(alt.rsplit("|", 1)[1]):
            alt, size = alt.rsplit("|", 1)
        return owner.embed_html(unquote(src), size, alt, env["vaultkit"])

    def render_mark_open(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        state: _RenderState = env["vaultkit"]
        return f"{{{{c{state.take_cloze_number()}::" if state.cloze else "<mark>"

    def render_mark_close(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return "}}" if env["vaultkit"].cloze else "</mark>"

    md.add_render_rule("wikilink", render_wikilink)
    md.add_render_rule("image", render_image)
    md.add_render_rule("mark_open", render_mark_open)
    md.add_render_rule("mark_close", render_mark_close)
    return md


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    first = state.src[start]
    if first not in "[!":
        return False
    match = WIKILINK.match(state.src, start)
    if match is None or match.end() > state.posMax:
        return False
    if not silent:
        inner = match.group(2).replace("\\|", "|")
        target, _, alias = inner.partition("|")
        token = state.push("wikilink", "", 0)
        token.meta = {"embed": bool(match.group(1)), "target": target.strip(),
                      "alias": alias.strip() or None}
    state.pos = match.end()
    return True


_TEX_DELIMITED_RE = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)


def _tex_delimited_rule(state: StateInline, silent: bool) -> bool:
    """Math already written the Anki way, `\\(…\\)` or `\\[…\\]`, which Markdown would unescape."""
    if not state.src.startswith(("\\(", "\\["), state.pos):
        return False
    match = _TEX_DELIMITED_RE.match(state.src, state.pos)
    if match is None or match.end() > state.posMax:
        return False
    if not silent:
        inline = match.group(1) is not None
        token = state.push("math_inline" if inline else "math_tex_display", "math", 0)
        token.content = match.group(1) if inline else match.group(2)
    state.pos = match.end()
    return True


def _highlight_rule(state: StateInline, silent: bool) -> bool:
    """`==text==` on one line, its inside parsed as Markdown (like the link rule does)."""
    start = state.pos
    if not state.src.startswith("==", start) or state.src.startswith("===", start):
        return False
    end = state.src.find("==", start + 2, state.posMax)
    if end <= start + 2 or state.src[start + 2].isspace() or state.src[end - 1].isspace():
        return False
    if not silent:
        old_max = state.posMax
        state.push("mark_open", "mark", 1)
        state.pos, state.posMax = start + 2, end
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("mark_close", "mark", -1)
    state.pos = end + 2
    return True


def _math_html(tex: str, *, display: bool) -> str:
    tex = escape_text(_cloze_safe_tex(tex))
    return f"\\[{tex}\\]" if display else f"\\({tex}\\)"


def _cloze_safe_tex(tex: str) -> str:
    """Keep TeX from ending a cloze early: `}}` closing two braces becomes `} }`.

    A `{{cN::` opened inside the math keeps its own `}}` (a cloze inside math works in Anki), and
    a bare `::` becomes `:{}:`, which TeX draws the same but Anki does not read as a hint separator.
    """
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(tex):
        cloze = CLOZE_RE.match(tex, i)
        if cloze:
            out.append(cloze.group(0))
            stack.append("cloze")
            i = cloze.end()
            continue
        char = tex[i]
        if char == "}" and stack and stack[-1] == "cloze" and tex.startswith("}}", i):
            stack.pop()
            out.append("}}")
            i += 2
            continue
        if char == "{":
            stack.append("brace")
        elif char == "}":
            if stack:
                stack.pop()
            if out and out[-1].endswith("}"):
                out.append(" ")
        elif char == ":" and tex.startswith("::", i):
            out.append(":{}:")
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)
