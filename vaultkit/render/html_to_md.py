"""Forum HTML (`htmlBody`) to Obsidian Markdown.

Built on selectolax's Lexbor parser (an HTML5 parser in C; parsing a typical post takes about
0.2 ms) with the forum-specific rules written here, because a generic converter loses math and
footnotes. The dialects and the wanted output are described in `lesswrong-api.md` §16.

The walk has two modes. `_blocks(node)` turns the children of a block container into a list of
Markdown blocks; inline children are gathered into a paragraph. `_inline(node)` returns inline
Markdown; a block met inside inline content (display math, an iframe, a `<div>` inside a link) is
set aside and a marker left in its place, and the paragraph is split there when it is finished.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape as html_escape
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from vaultkit.model.refs import ForumRef, parse_forum_url
from vaultkit.model.sites import site_of_url
from vaultkit.render import markdown as md
from vaultkit.render.math import (
    RAW_MATH_IN_TEXT, Formula, formula_of, math_markdown, tex_from_image_url,
)

if TYPE_CHECKING:  # the downloading store needs requests; converting does not
    from vaultkit.render.images import ImageStore

DEFAULT_BASE_URL = "https://www.lesswrong.com"
MAX_DEPTH = 100  # deeper elements are flattened to their text, so hostile nesting cannot recurse
LOST_FORMULA = "formula lost upstream (MathJax 3 without aria-label)"

BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 ul ol li blockquote pre hr table figure section article details "
    "summary dl dt dd header footer main aside nav center address fieldset form figcaption "
    "iframe video audio object embed body html thead tbody tfoot tr td th caption hgroup "
    "menu".split()
)
DROPPED_TAGS = frozenset(
    "script style noscript template head meta link title base input button select textarea "
    "option svg canvas map area param source track frame frameset noembed dialog".split()
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SAFE_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+\Z")
_LANGUAGE = re.compile(r"[\w+#.-]{1,30}")
_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*(\d{1,5})(?:\.\d+)?px", re.I)
_MARKER = re.compile(f"{md.BLOCK_OPEN}(\\d+){md.BLOCK_CLOSE}")
_MATH_BEFORE_DIGIT = re.compile(f"{md.MATH_END}(?=\\d)")
_BREAK = re.compile(f" *{md.HARD_BREAK} *")
_FOOTNOTE_REF = re.compile(f"{md.FOOTNOTE}(\\d+){md.FOOTNOTE}")
_FOOTNOTE_TEXT = re.compile(r"\s*\[?\s*\d+\s*\]?\s*")
_LIST_ITEM = re.compile(r"(?:- |\d+\. )")
_SPECIALS_MOVED = md.SPECIALS_MOVED
_wide_to_clean = md.WIDE_TO_CLEAN
_SPOILER_TAGS = frozenset(("p", "div", "section"))
_FOOTNOTE_SECTIONS = frozenset(("footnotes", "footnote-section", "footnotes-list"))
_REGION_MARKER = re.compile(r"%%(\s*vaultkit:)")


@dataclass
class Conversion:
    """The result of converting one body."""

    markdown: str
    forum_links: list[ForumRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def convert_html(html: str | bytes | None, base_url: str = DEFAULT_BASE_URL,
                 source_url: str | None = None, images: ImageStore | None = None) -> Conversion:
    """Convert a forum `htmlBody` to Obsidian Markdown.

    `base_url` resolves relative links; `source_url` (the post's page) is linked from the
    placeholder of a formula that was lost upstream; `images`, when given, is asked for a local
    copy of each image. Forum links stay Markdown links with a normalised absolute URL (see
    `vaultkit.render.links.rewrite_forum_links`). Never raises on malformed HTML.
    """
    return _Converter(base_url, source_url, images).convert(_parse(html))


def _parse(html: str | bytes | None) -> LexborHTMLParser:
    """Parse a body. NUL and other control characters are left to the parser and to the
    text cleaning of the converter; lone surrogates (which cannot be encoded for the parser)
    become U+FFFD."""
    if html is None:
        html = ""
    elif isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    try:
        return LexborHTMLParser(html)
    except UnicodeEncodeError:
        repaired = html.encode("utf-8", errors="surrogatepass").decode("utf-8", errors="replace")
        return LexborHTMLParser(repaired)


def _classes(node: LexborNode) -> str:
    return node.attributes.get("class") or ""


def _is_spoiler(classes: str) -> bool:
    return "spoiler" in classes and any(c.startswith("spoiler") for c in classes.split())


class _Converter:
    def __init__(self, base_url: str, source_url: str | None, images: ImageStore | None):
        self.base_url = base_url or DEFAULT_BASE_URL
        self.default_site = site_of_url(self.base_url) or "lesswrong"
        self.source_url = source_url
        self.images = images
        self.forum_links: list[ForumRef] = []
        self.warnings: Counter[str] = Counter()
        self.pending: list[list[str]] = []  # blocks met in inline context, by marker index
        self.footnote_refs: list[str] = []  # footnote keys in order of reference
        self.footnote_defs: dict[str, str] = {}
        self.depth = 0
        self.in_table = 0
        self.in_line = 0
        self.in_emphasis = 0
        self.in_strong = 0

    # -- driver -------------------------------------------------------------------------------

    def convert(self, tree: LexborHTMLParser) -> Conversion:
        root = tree.body
        blocks = self._blocks(root) if root is not None else []
        text = "\n\n".join(blocks)
        text = self._finish_footnotes(text)
        if "vaultkit:" in text:  # never let a body close or open the owned region
            text = _REGION_MARKER.sub(r"%\\%\1", text)
        warnings = [w if n == 1 else f"{w} ({n} times)" for w, n in self.warnings.items()]
        return Conversion(text + "\n" if text else "", self.forum_links, warnings)

    # -- block mode ---------------------------------------------------------------------------

    def _blocks(self, node: LexborNode, skip_titles: bool = False) -> list[str]:
        """The children of `node` as Markdown blocks (without the summary/title of a details
        block when `skip_titles`). Past MAX_DEPTH the node is reduced to a paragraph of its text,
        so hostile nesting cannot exhaust the stack (every recursion passes through here or
        through `_inline_children`)."""
        if self.depth >= MAX_DEPTH:
            return self._paragraph(self._text(node.text(deep=True) or ""))
        self.depth += 1
        out: list[str] = []
        run: list[str] = []
        spoiler: list[str] | None = None  # consecutive spoiler elements become one callout
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = child.text_content
                if spoiler is not None and not text.strip():
                    continue
                data = text.encode()  # md.is_plain, inlined: this is the hottest line
                if data.translate(_SPECIALS_MOVED) is data and (
                        text.isascii() or _wide_to_clean(text) is None):
                    run.append(text)
                else:
                    run.append(self._text(text))
            elif tag in DROPPED_TAGS or tag[0] == "-":
                continue
            elif tag in BLOCK_TAGS:
                classes = _classes(child) if skip_titles or tag in _SPOILER_TAGS else ""
                if skip_titles and (tag == "summary" or "detailsBlockTitle" in classes):
                    continue
                if classes and _is_spoiler(classes):
                    if run:
                        out.extend(self._paragraph("".join(run)))
                        run = []
                    if spoiler is None:
                        spoiler = []
                        out.append("")  # placeholder, filled when the run of spoilers ends
                    spoiler.extend(self._blocks(child))
                    out[-1] = self._callout("Spoiler", spoiler)
                    continue
                spoiler = None
                if run:
                    out.extend(self._paragraph("".join(run)))
                    run = []
                out.extend(self._block(child, tag))
                continue
            else:
                run.append(self._inline(child, tag))
            spoiler = None
        if run:
            out.extend(self._paragraph("".join(run)))
        self.depth -= 1
        return [b for b in out if b]

    def _block(self, node: LexborNode, tag: str) -> list[str]:
        if tag in HEADINGS:
            line = self._line(node)
            return ["#" * HEADINGS[tag] + " " + line] if line else []
        if tag == "p":  # inline content only; a block inside is set aside by _inline
            return self._paragraph(self._inline_children(node))
        if tag in ("ul", "ol", "menu"):
            if "footnote" in _classes(node):
                return self._container(node)
            return self._list(node, ordered=tag == "ol")
        if tag == "blockquote":
            body = "\n\n".join(self._blocks(node))
            return [md.prefix_lines(body, "> ", "> ")] if body else []
        if tag == "pre":
            return [self._code_block(node)]
        if tag == "hr":
            return [] if "footnotes-sep" in _classes(node) else ["---"]
        if tag == "table":
            return self._table(node)
        if tag in ("iframe", "video", "audio", "object", "embed"):
            return self._embed(node)
        if tag == "details":
            return self._details(node)
        if tag == "figure":
            return self._figure(node)
        if tag == "dt":
            line = self._line(node)
            return [f"**{line}**"] if line else []
        return self._container(node)

    def _container(self, node: LexborNode) -> list[str]:
        """A `div`, `section`, `ol.footnotes`… : dispatch on the class, else its children."""
        classes = _classes(node)
        if classes:
            if "footnote" in classes and any(c in _FOOTNOTE_SECTIONS for c in classes.split()):
                if self._collect_footnotes(node):
                    return []
                # not a footnote section after all (no identified items): keep it as content
                if node.tag in ("ol", "ul"):
                    return self._list(node, ordered=node.tag == "ol")
            if "math-tex" in classes:
                return self._paragraph(self._math(node))
            if "detailsBlock" in classes.split():
                return self._details(node)
            if "dialogue-message" in classes:
                return self._dialogue(node)
        return self._blocks(node)

    def _paragraph(self, text: str) -> list[str]:
        """Finish inline Markdown: collapse whitespace, place breaks, split at set-aside blocks."""
        if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
            text = md.WHITESPACE.sub(" ", text)
        if md.MATH_END in text:
            text = _MATH_BEFORE_DIGIT.sub(" ", text).replace(md.MATH_END, "")
        if md.BLOCK_OPEN not in text:
            return self._paragraph_part(text)
        out: list[str] = []
        parts = _MARKER.split(text)
        for i, part in enumerate(parts):
            if i % 2:
                out.extend(self.pending[int(part)])
            else:
                out.extend(self._paragraph_part(part))
        return out

    def _paragraph_part(self, text: str) -> list[str]:
        text = text.strip(" " + md.HARD_BREAK)
        if not text or text.isspace():  # e.g. CKEditor's <p>&nbsp;</p>
            return []
        if md.HARD_BREAK in text:
            text = _BREAK.sub(" " if self.in_line else "<br>" if self.in_table else "\\\\\n", text)
        return [md.escape_line_starts(text)]

    def _line(self, node: LexborNode) -> str:
        """The inline content of `node` on one line (headings, titles, table cells)."""
        self.in_line += 1
        try:
            return " ".join(" ".join(self._paragraph(self._inline_children(node))).split("\n"))
        finally:
            self.in_line -= 1

    def _set_aside(self, blocks: list[str]) -> str:
        """Keep `blocks` met inside inline content; returns the marker that stands for them."""
        self.pending.append(blocks)
        return f"{md.BLOCK_OPEN}{len(self.pending) - 1}{md.BLOCK_CLOSE}"

    # -- inline mode --------------------------------------------------------------------------

    def _text(self, text: str) -> str:
        if "\\(" in text or "\\[" in text:
            out = []
            pos = 0
            for m in RAW_MATH_IN_TEXT.finditer(text):
                out.append(md.escape_text(text[pos:m.start()]))
                display = m.group(2) is not None
                tex = md.clean(m.group(2) if display else m.group(1))
                out.append(self._formula(Formula(tex, display)))
                pos = m.end()
            out.append(md.escape_text(text[pos:]))
            return "".join(out)
        return md.escape_text(text)

    def _inline_children(self, node: LexborNode) -> str:
        if self.depth >= MAX_DEPTH:
            return self._text(node.text(deep=True) or "")
        self.depth += 1
        parts = []
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = child.text_content
                data = text.encode()
                if data.translate(_SPECIALS_MOVED) is data and (
                        text.isascii() or _wide_to_clean(text) is None):
                    parts.append(text)
                else:
                    parts.append(self._text(text))
            elif tag in DROPPED_TAGS or tag[0] == "-":
                continue
            else:
                parts.append(self._inline(child, tag))
        self.depth -= 1
        return "".join(parts)

    def _inline(self, node: LexborNode, tag: str) -> str:
        if tag == "a":
            return self._link(node)
        if tag in ("em", "i", "cite", "var", "dfn"):
            return self._styled(node, italic=True, bold=False)
        if tag in ("strong", "b"):
            # Google Docs wraps whole pastes in <b style="font-weight:normal">
            style = node.attributes.get("style")
            bold = not style or _font_style(style)[1] is not False
            return self._styled(node, italic=False, bold=bold)
        if tag == "span" or tag.startswith("mjx-"):
            return self._span(node, tag)
        if tag in ("code", "kbd", "samp", "tt"):
            if "code-block" in _classes(node):
                return self._set_aside([self._code_block(node)])
            return md.code_span(md.clean(node.text(deep=True) or ""))
        if tag == "br":
            return md.HARD_BREAK
        if tag == "img":
            return self._image(node)
        if tag == "sup":
            return self._sup(node)
        if tag == "sub":
            return self._html_text("sub", node)
        if tag in ("s", "del", "strike"):
            return self._wrap(self._inline_children(node), "~~")
        if tag == "mark":
            return self._wrap(self._inline_children(node), "==")
        if tag == "math":
            return self._mathml(node)
        if tag in BLOCK_TAGS:
            return self._set_aside(self._block(node, tag))
        return self._inline_children(node)

    def _span(self, node: LexborNode, tag: str) -> str:
        if tag == "mjx-container":
            return self._math(node)
        if tag != "span":
            return ""
        attrs = node.attributes
        classes = attrs.get("class") or ""
        style = attrs.get("style")
        if style and "font-" in style:  # pasted documents mark emphasis with styles only
            italic, bold = _font_style(style)
            if italic or bold:
                return self._styled(node, italic=bool(italic), bold=bool(bold))
        if classes:
            if "footnote-reference" in classes:
                link = node.css_first("a[href]")
                href = link.attributes.get("href") or "" if link is not None else ""
                if href.startswith("#"):
                    key = href[1:]
                else:
                    key = "fn" + (attrs.get("data-footnote-id") or "")
                return self._footnote_ref(key)
            if "footnote-back-link" in classes:
                return ""
            if ("math-tex" in classes or "mjpage" in classes or "mjx-chtml" in classes
                    or "arbital-math" in classes):
                return self._math(node)
        return self._inline_children(node)

    def _styled(self, node: LexborNode, italic: bool, bold: bool) -> str:
        """The inline children between `*` and/or `**`, unless already inside that emphasis
        (Markdown has one level of each)."""
        bold = bold and not self.in_strong
        italic = italic and not self.in_emphasis
        self.in_strong += bold
        self.in_emphasis += italic
        inner = self._inline_children(node)
        self.in_strong -= bold
        self.in_emphasis -= italic
        marker = ("**" if bold else "") + ("*" if italic else "")
        return self._wrap(inner, marker) if marker else inner

    def _wrap(self, inner: str, marker: str) -> str:
        """`inner` between emphasis markers, with surrounding whitespace kept outside them."""
        core = inner.strip()
        if not core or md.BLOCK_OPEN in core:  # markers around a set-aside block would dangle
            return inner
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        return f"{lead}{marker}{core}{marker}{trail}"

    def _html_text(self, tag: str, node: LexborNode) -> str:
        """A `<sup>`/`<sub>` kept as HTML (Obsidian renders it) with its text only."""
        text = " ".join((node.text(deep=True) or "").split())
        return f"<{tag}>{html_escape(md.clean(text))}</{tag}>" if text else ""

    def _sup(self, node: LexborNode) -> str:
        if "footnote-ref" in _classes(node):
            link = node.css_first("a[href]")
            if link is not None:
                return self._link(link)
        child = node.child
        if child is not None and child.tag == "a" and child.next is None:
            href = child.attributes.get("href") or ""
            if href.startswith("#fn") and not href.startswith("#fnref"):
                return self._link(child)
        return self._html_text("sup", node)

    # -- links and images ---------------------------------------------------------------------

    def _url(self, href: str | None) -> str | None:
        """An absolute http(s)/mailto URL for `href`, or None if it must not become a link."""
        if not href:
            return None
        href = href.strip().lstrip("*")
        if not href or href.startswith("#"):
            return None
        if not href.startswith(("http://", "https://")):
            try:
                href = urljoin(self.base_url, href)
            except ValueError:
                return None
        scheme = href.split(":", 1)[0].lower()
        if scheme not in ("http", "https", "mailto"):
            return None
        if md.needs_clean(href):
            href = md.clean(href)
        return md.escape_url(href)

    def _link(self, node: LexborNode) -> str:
        attrs = node.attributes
        href = attrs.get("href") or ""
        if href.startswith("#fn"):
            if href.startswith("#fnref") or "footnote-backref" in (attrs.get("class") or ""):
                return ""
            if _FOOTNOTE_TEXT.fullmatch(node.text(deep=True) or ""):
                return self._footnote_ref(href[1:])
        if "footnote-backref" in (attrs.get("class") or ""):
            return ""
        text = self._inline_children(node)
        url = self._url(href)
        if url is None or not text.strip():  # an empty link is invisible in the browser too
            return text
        ref = parse_forum_url(url, self.default_site)
        if ref is not None:
            self.forum_links.append(ref)
            url = ref.url
        if md.BLOCK_OPEN in text:  # a block inside the link: keep it, and the link after it
            return f"{text}[{md.escape_text(url)}]({url})"
        return f"[{text}]({url})"

    def _image(self, node: LexborNode, default_width: str = "") -> str:
        attrs = node.attributes
        src = (attrs.get("src") or attrs.get("data-src") or "").strip()
        if not src and attrs.get("srcset"):
            src = _largest_in_srcset(attrs["srcset"])
        tex = tex_from_image_url(src) if "latex" in src or "chart" in src else None
        if tex is not None:
            return self._formula(Formula(md.clean(tex), False))
        alt = " ".join(md.clean(attrs.get("alt") or "").split()).replace("|", "/")
        alt_md = md.escape_text(alt)
        if _SAFE_DATA_IMAGE.match(src):
            return f"![{alt_md}]({''.join(src.split())})"
        url = self._url(src)
        if url is None or url.startswith("mailto:"):
            return alt_md
        width = _width(attrs) or default_width
        if self.images is not None:
            local = self.images.store(url)
            if local is not None:
                return f"![[{local}|{width}]]" if width else f"![[{local}]]"
            self.warnings["image not downloaded, kept as a link"] += 1
        size = f"|{width}" if width else ""
        return f"![{alt_md}{size}]({url})"

    def _figure(self, node: LexborNode) -> list[str]:
        classes = _classes(node)
        if "table" in classes:
            return self._blocks(node)
        img = node.css_first("img")
        if img is None or "image" not in classes and node.css_first("table, p, div") is not None:
            return self._blocks(node)
        image = self._image(img, default_width=_width(node.attributes))  # CKEditor sizes the figure
        caption_node = node.css_first("figcaption")
        caption = ""
        if caption_node is not None:
            self.in_emphasis += 1
            caption = self._line(caption_node)
            self.in_emphasis -= 1
        if not image:
            return [caption] if caption else []
        image_blocks = self._paragraph(image)
        if caption and image_blocks:
            image_blocks[-1] += f"\n*{caption}*"
        return image_blocks

    def _embed(self, node: LexborNode) -> list[str]:
        attrs = node.attributes
        src = attrs.get("src") or attrs.get("data") or ""
        if not src:
            source = node.css_first("source[src]")
            src = source.attributes.get("src") or "" if source is not None else ""
        url = self._url(_watch_url(src))
        if url is None or url.startswith("mailto:"):
            return []
        try:
            host = urlsplit(url).hostname or "source"
        except ValueError:  # e.g. a broken IPv6 literal
            return []
        kind = "video" if node.tag == "video" or "youtube" in host or "vimeo" in host else "content"
        return [f"[Embedded {kind}: {md.escape_text(host)}]({url})"]

    # -- math ---------------------------------------------------------------------------------

    def _math(self, node: LexborNode) -> str:
        return self._formula(formula_of(node))

    def _mathml(self, node: LexborNode) -> str:
        annotation = node.css_first('annotation[encoding="application/x-tex"]')
        if annotation is not None:
            tex = annotation.text(deep=True)
        else:
            tex = node.attributes.get("alttext")
        if not tex:
            return self._text(node.text(deep=True) or "")
        return self._formula(Formula(tex, node.attributes.get("display") == "block"))

    def _formula(self, formula: Formula) -> str:
        if formula.tex is None:
            self.warnings[LOST_FORMULA] += 1
            label = "⟨formula lost upstream, see the original⟩"
            mark = f"[{label}]({md.escape_url(self.source_url)})" if self.source_url else label
            return self._set_aside([mark]) if formula.display else mark
        tex = md.clean(formula.tex).strip()
        if not tex:
            return ""
        text = math_markdown(tex, formula.display, bool(self.in_table))
        if formula.display and not self.in_table:
            return self._set_aside([text])
        return text + md.MATH_END

    # -- footnotes ----------------------------------------------------------------------------

    def _footnote_ref(self, key: str) -> str:
        self.footnote_refs.append(key)
        return f"{md.FOOTNOTE}{len(self.footnote_refs) - 1}{md.FOOTNOTE}"

    def _collect_footnotes(self, section: LexborNode) -> int:
        """Keep the definitions of a footnote section for the end; returns how many it held."""
        found = 0
        for item in section.css("li"):
            attrs = item.attributes
            key = attrs.get("id")
            if not key and attrs.get("data-footnote-id"):
                key = "fn" + attrs["data-footnote-id"]
            if not key or key in self.footnote_defs:
                continue
            content = item.css_first(".footnote-content")
            blocks = self._blocks(content if content is not None else item)
            self.footnote_defs[key] = "\n\n".join(blocks)
            found += 1
        return found

    def _finish_footnotes(self, text: str) -> str:
        """Number references in order of first use and append the definitions."""
        numbers: dict[str, int] = {}
        for key in self.footnote_refs:
            if key in self.footnote_defs and key not in numbers:
                numbers[key] = len(numbers) + 1
        for key in self.footnote_defs:
            if key not in numbers:
                numbers[key] = len(numbers) + 1
        if numbers:
            definitions = []
            for key, n in numbers.items():
                definition = md.prefix_lines(self.footnote_defs[key], f"[^{n}]: ", "    ")
                definitions.append(definition + "\n" if "\n" in definition else definition)
            text = (text + "\n\n" if text else "") + "\n".join(definitions).rstrip("\n")
        if md.FOOTNOTE in text:
            def number(m: re.Match[str]) -> str:
                key = self.footnote_refs[int(m.group(1))]
                return f"[^{numbers[key]}]" if key in numbers else ""
            text = _FOOTNOTE_REF.sub(number, text)
        return text

    # -- lists, callouts, code, tables ---------------------------------------------------------

    def _list(self, node: LexborNode, ordered: bool) -> list[str]:
        start = node.attributes.get("start") or "1"
        number = int(start) if ordered and start.isdigit() and len(start) < 9 else 1
        items: list[str] = []
        for child in node.iter(include_text=False):
            if child.tag in DROPPED_TAGS:
                continue
            if child.tag in ("ul", "ol") and items:  # a list nested without its <li>
                nested = "\n".join(self._block(child, child.tag))
                items[-1] += "\n" + md.prefix_lines(nested, "  ", "  ")
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            blocks = self._blocks(child)
            body = blocks[0] if blocks else ""
            for block in blocks[1:]:
                body += ("\n" if _LIST_ITEM.match(block) else "\n\n") + block
            if body:
                items.append(md.prefix_lines(body, marker, " " * len(marker)).rstrip())
            else:
                items.append(marker.rstrip())
        return ["\n".join(items)] if items else []

    def _callout(self, title: str, body: list[str], open_: bool = False) -> str:
        head = f"> [!note]{'+' if open_ else '-'} {title or 'Details'}"
        if not body:
            return head
        return head + "\n" + md.prefix_lines("\n\n".join(body), "> ", "> ")

    def _details(self, node: LexborNode) -> list[str]:
        title = ""
        for child in node.iter(include_text=False):
            if child.tag == "summary" or "detailsBlockTitle" in _classes(child):
                title = self._line(child)
                break
        body = self._blocks(node, skip_titles=True)
        return [self._callout(title, body, "open" in node.attributes)]

    def _dialogue(self, node: LexborNode) -> list[str]:
        blocks = self._blocks(node)
        name = " ".join(md.clean(node.attributes.get("display-name") or "").split())
        if not name:
            return blocks
        speaker = f"**{md.escape_text(name)}:**"
        if blocks and blocks[0][:1].isalnum():
            return [f"{speaker} {blocks[0]}"] + blocks[1:]
        return [speaker] + blocks

    def _code_block(self, node: LexborNode) -> str:
        language = node.attributes.get("data-language") or ""
        inner = node.css_first("code")
        if not language and inner is not None:
            language = inner.attributes.get("data-language") or ""
            classes = _classes(inner) + " " + _classes(node)
            for c in classes.split():
                if c.startswith("language-"):
                    language = c[len("language-"):]
        if not _LANGUAGE.fullmatch(language):
            language = ""
        if node.css_first("br") is not None:
            for br in node.css("br"):
                br.replace_with("\n")
        text = md.clean((node.text(deep=True) or "").replace("\r\n", "\n")).strip("\n")
        return md.code_fence(text, language)

    def _table(self, node: LexborNode) -> list[str]:
        rows: list[list[LexborNode]] = []
        for row in _table_rows(node):
            rows.append([c for c in row.iter(include_text=False) if c.tag in ("td", "th")])
        rows = [r for r in rows if r]
        if not rows:
            return []
        merged = any(
            (c.attributes.get("rowspan") or "1").strip() not in ("", "1")
            or (c.attributes.get("colspan") or "1").strip() not in ("", "1")
            for row in rows for c in row
        )
        caption = node.css_first("caption")
        title = []
        if caption is not None and caption.text(deep=True).strip():
            title = [f"*{self._line(caption)}*"]
        if not merged:
            cells = [[self._cell(c) for c in row] for row in rows]
            if all(c is not None for row in cells for c in row):
                return title + [_pipe_table(cells)]
        return title + [_html_table(rows)]

    def _cell(self, cell: LexborNode) -> str | None:
        """A table cell as one line of Markdown, or None if it holds block content."""
        self.in_table += 1
        try:
            blocks = self._blocks(cell)
        finally:
            self.in_table -= 1
        if len(blocks) > 1 or (blocks and "\n" in blocks[0]):
            return None
        return blocks[0].replace("|", "\\|") if blocks else ""


def _table_rows(table: LexborNode):
    for child in table.iter(include_text=False):
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (r for r in child.iter(include_text=False) if r.tag == "tr")


def _pipe_table(cells: list[list[str]]) -> str:
    width = max(len(row) for row in cells)
    lines = []
    for i, row in enumerate(cells):
        row = row + [""] * (width - len(row))
        lines.append("| " + " | ".join(c or " " for c in row) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def _html_table(rows: list[list[LexborNode]]) -> str:
    """A table Markdown cannot express, as clean HTML with text-only cells."""
    lines = ["<table>"]
    for row in rows:
        cells = []
        for c in row:
            spans = ""
            for name in ("rowspan", "colspan"):
                value = (c.attributes.get(name) or "").strip()
                if value.isdigit() and value != "1" and len(value) < 4:
                    spans += f' {name}="{value}"'
            text = "<br>".join(html_escape(line) for line in _plain_lines(c))
            cells.append(f"<{c.tag}{spans}>{text}</{c.tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _plain_lines(node: LexborNode) -> list[str]:
    """The text of `node` as lines: blocks and `<br>` start a new line; whitespace collapsed."""
    parts: list[str] = []
    stack = [node]
    while stack:  # iterative, in document order, so deep nesting is harmless
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        for child in reversed(list(item.iter(include_text=True))):
            tag = child.tag
            if tag == "-text":
                stack.append(child.text_content or "")
            elif tag == "br":
                stack.append("\n")
            elif tag in DROPPED_TAGS or tag[0] == "-":
                continue
            elif tag in BLOCK_TAGS:
                stack.extend(("\n", child, "\n"))
            else:
                stack.append(child)
    lines = (" ".join(md.clean(line).split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _font_style(style: str) -> tuple[bool | None, bool | None]:
    """(italic, bold) as an inline `style` sets them; None where it says nothing."""
    italic = bold = None
    for declaration in style.lower().split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name == "font-style":
            italic = value in ("italic", "oblique")
        elif name == "font-weight":
            bold = value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)
    return italic, bold


def _largest_in_srcset(srcset: str) -> str:
    best, best_width = "", -1
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts:
            continue
        width = parts[1][:-1] if len(parts) > 1 and parts[1][-1:] in ("w", "x") else "0"
        try:
            w = float(width)
        except ValueError:
            w = 0
        if w > best_width:
            best, best_width = parts[0], w
    return best


def _width(attrs: dict) -> str:
    """The pixel width of an image, if the HTML gives one."""
    width = (attrs.get("width") or "").strip()
    if width.isdigit() and len(width) < 6:
        return width
    m = _WIDTH.search(attrs.get("style") or "")
    return m.group(1) if m else ""


def _watch_url(src: str) -> str:
    """A YouTube embed URL turned into its watch page; other sources unchanged."""
    src = src.strip()
    m = re.match(r"(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]{6,20})", src)
    if m:
        return f"https://www.youtube.com/watch?v={m.group(1)}"
    return src
