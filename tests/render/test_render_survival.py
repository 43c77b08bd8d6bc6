"""Every formula, footnote and table of the HTML survives as Obsidian would parse the Markdown.

The expectation is read from the HTML with lxml (a different parser from the converter's), and
the Markdown is parsed with markdown-it-py set up like Obsidian (dollar-math rules, footnotes,
tables, front matter).
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import lxml.html
import pytest
from render_samples import GOLDEN_DIR, GOLDEN_NAMES, ROOT, load_bench_corpus

from vaultkit.render.html_to_md import convert_html

MATH_XPATH = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' math-tex ')]"
    "[not(ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' math-tex ')])]"
    " | //mjx-container[not(ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' math-tex ')])]"
    " | //*[contains(@class, 'arbital-math')]"
)
RAW = re.compile(r"^\s*(?:\\\((.*)\\\)|\\\[(.*)\\\])\s*$", re.S)
BARE = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)


def _norm(tex: str) -> str:
    tex = tex.replace("\\vert{}", "|").replace("\\Vert{}", "\\|").replace("\\$", "$")
    return " ".join(tex.split())


def expected_formulas(html: str) -> list[str | None]:
    """The TeX of every formula in `html` in document order (None: lost upstream)."""
    root = lxml.html.fromstring(f"<div>{html}</div>")
    found: list[tuple[int, str | None]] = []
    order = {el: i for i, el in enumerate(root.iter())}
    for el in root.xpath(MATH_XPATH):
        labels = (
            [el.get("aria-label")]
            if el.get("aria-label") is not None
            else el.xpath(".//@aria-label")
        )
        if labels:
            found.append((order[el], labels[0]))
        elif el.xpath(".//mjx-container") or el.tag == "mjx-container":
            found.append((order[el], None))
        else:
            raw = el.text_content()
            m = RAW.match(raw)
            found.append(
                (order[el], (m.group(1) if m.group(1) is not None else m.group(2)) if m else raw)
            )
    for img in root.xpath("//img[contains(@src, 'latex?') or contains(@src, 'cht=tx')]"):
        src = img.get("src")
        tex = unquote(src.split("chl=")[1]) if "chl=" in src else unquote(src.split("?", 1)[1])
        found.append((order[img], re.sub(r"^(\\(inline|dpi\{\d+\})\s*)+", "", tex)))
    for el in root.iter():
        if not isinstance(el.tag, str) or el.xpath(
            "ancestor-or-self::*[contains(@class, 'math-tex') or self::code or self::pre]"
        ):
            continue
        for text in [el.text] + [child.tail for child in el]:  # a child's tail is el's text
            for m in BARE.finditer(text or ""):
                found.append((order[el], m.group(1) if m.group(1) is not None else m.group(2)))
    return [tex for _, tex in sorted(found, key=lambda item: item[0])]


def parsed_formulas(tokens) -> list[str]:
    out = []
    for token in tokens:
        if token.type.startswith("math_"):
            out.append(token.content)
        for child in token.children or []:
            if child.type.startswith("math_"):
                out.append(child.content)
    return out


def check_survival(html: str, md_parser) -> None:
    conv = convert_html(html, source_url="https://www.lesswrong.com/posts/SurvivalPost00001/x")
    tokens = md_parser.parse(conv.markdown)
    wanted = expected_formulas(html)
    got = parsed_formulas(tokens)
    assert sorted(_norm(t) for t in got) == sorted(_norm(t) for t in wanted if t is not None)
    lost = sum(1 for t in wanted if t is None)
    assert conv.markdown.count("formula lost upstream") == lost

    root = lxml.html.fromstring(f"<div>{html}</div>")
    items = root.xpath("//li[contains(@class, 'footnote-item')]")
    referenced = {
        a.get("href")[1:]
        for a in root.xpath("//a[starts-with(@href, '#fn') and not(starts-with(@href, '#fnref'))]")
    }
    ref_tokens = [c for t in tokens for c in (t.children or []) if c.type == "footnote_ref"]
    definitions = [t for t in tokens if t.type == "footnote_open"]
    assert len(definitions) == len([li for li in items if li.get("id") in referenced])
    assert len({t.meta["label"] for t in ref_tokens}) == len(
        referenced & {li.get("id") for li in items}
    )

    tables = len(root.xpath("//table"))
    pipe_tables = sum(1 for t in tokens if t.type == "table_open")
    html_tables = sum(t.content.count("<table>") for t in tokens if t.type == "html_block")
    assert pipe_tables + html_tables == tables


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_golden_fixture_survives_an_obsidian_parse(name, md_parser):
    check_survival((GOLDEN_DIR / f"{name}.html").read_text(encoding="utf-8"), md_parser)


def test_benchmark_posts_survive_an_obsidian_parse(md_parser):
    for html in load_bench_corpus().generate_corpus(25, seed=7):
        check_survival(html, md_parser)


def test_prose_dollars_never_become_math(md_parser):
    conv = convert_html("<p>It costs $5 and $10, $ x $ or $x$1 and US$3.</p>")
    assert parsed_formulas(md_parser.parse(conv.markdown)) == []
    assert "$5" in md_parser.render(conv.markdown)


def test_footnote_definitions_keep_every_paragraph(md_parser):
    html = (GOLDEN_DIR / "footnotes_ckeditor.html").read_text(encoding="utf-8")
    rendered = md_parser.render(convert_html(html).markdown)
    assert "It has a second paragraph." in rendered.split('class="footnotes"')[1]


def test_bundled_demo_bodies_survive_an_obsidian_parse(md_parser):
    bodies = []
    for name in ("posts.json", "comments.json", "sequences.json", "tags.json"):
        path = ROOT / "vaultkit" / "demo" / name
        if path.exists():
            rows = json.loads(path.read_text(encoding="utf-8"))
            bodies += [r["contents"]["html"] for r in rows if (r.get("contents") or {}).get("html")]
    assert bodies, "the demo snapshot (vaultkit/demo/*.json) must hold post bodies"
    for html in bodies:
        check_survival(html, md_parser)
