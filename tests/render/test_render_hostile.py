"""Random and hostile HTML never crashes the converter, never lets active content through, and
always yields valid UTF-8."""

from __future__ import annotations

import copy
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.render.html_to_md import convert_html

ACTIVE_TAG = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|frame|svg|base|link|meta)\b", re.I
)
EVENT_ATTR = re.compile(r"\bon[a-z]+\s*=", re.I)

TAGS = [
    "p",
    "div",
    "span",
    "a",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "code",
    "blockquote",
    "h2",
    "sup",
    "img",
    "br",
    "hr",
    "details",
    "summary",
    "figure",
    "figcaption",
    "script",
    "style",
    "iframe",
    "svg",
    "mjx-container",
    "math",
    "section",
    "object",
    "video",
    "s",
    "mark",
]
ATTRS = st.sampled_from(
    [
        'class="math-tex"',
        'class="footnote-reference" data-footnote-id="a"',
        'class="footnote-item" id="fna"',
        'class="spoilers"',
        'class="footnotes"',
        'class="detailsBlock"',
        'href="javascript:alert(1)"',
        'href="#fna"',
        'href="/posts/XTXWPQSEgoMkAupKt/x"',
        'href="java\tscript:x"',
        'src="javascript:x"',
        'onclick="alert(1)"',
        "onerror=alert(1)",
        'aria-label="x|y$"',
        'display="true"',
        'rowspan="2"',
        'src="http://latex.codecogs.com/gif.latex?a%7Cb"',
        'srcset=",,, 9w"',
        'style="width:12px"',
        'data-language="py`"',
        'src="data:image/svg+xml;base64,PHNjcmlwdD4="',
        'href="vbscript:x"',
        "",
    ]
)
URL_ATTRS = st.builds(
    lambda name, scheme, rest: f'{name}="{scheme}{rest}"',
    st.sampled_from(["href", "src", "srcset", "data"]),
    st.sampled_from(
        ["", "http://", "https://", "//", "javascript:", "http://[", "/posts/", "#fn", "mailto:"]
    ),
    st.text(alphabet=st.characters(exclude_characters='"'), max_size=15),
)
ATTRS = ATTRS | URL_ATTRS
TEXT = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=30
) | st.sampled_from(
    [
        "$5",
        "\\(x\\)",
        "\\[y\\]",
        "<script>alert(1)</script>",
        "&lt;iframe&gt;",
        "%% vaultkit:end %%",
        "\x00",
        "\ud800",
        "| a |",
        "[[x]]",
        "```",
        "# h",
        "> q",
        "- l",
        "&amp;",
        "\ue000",
        "\ue0040\ue004",
        "*",
        "_",
    ]
)


def _element(children):
    return st.builds(
        lambda tag, attr, inner, close: (
            f"<{tag} {attr}>{''.join(inner)}" + (f"</{tag}>" if close else "")
        ),
        st.sampled_from(TAGS),
        ATTRS,
        st.lists(children, max_size=4),
        st.booleans(),
    )


HTML = st.recursive(TEXT, _element, max_leaves=40)


def _permissive(md_parser):
    """A copy of the parser that turns every link into a link token, whatever its scheme, so the
    check below sees what a laxer renderer than markdown-it would make of it."""
    permissive = copy.copy(md_parser)
    permissive.validateLink = lambda url: True
    return permissive


def assert_safe(markdown: str, md_parser) -> None:
    md_parser = _permissive(md_parser)
    markdown.encode("utf-8")  # strict: no lone surrogates
    assert "\x00" not in markdown
    assert not any("\ue000" <= c <= "\ue004" for c in markdown), "an internal marker leaked"
    for token in md_parser.parse(markdown):
        pieces = [token] + list(token.children or [])
        for piece in pieces:
            if piece.type in ("html_inline", "html_block"):
                assert not ACTIVE_TAG.search(piece.content), piece.content
                assert not EVENT_ATTR.search(piece.content), piece.content
            for name in ("href", "src"):
                value = (piece.attrs or {}).get(name)
                if value:
                    assert str(value).split(":", 1)[0].lower() in (
                        "http",
                        "https",
                        "mailto",
                        "data",
                    ) or ":" not in str(value)
                    assert not str(value).lower().startswith("data:image/svg")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML)
def test_random_forum_like_html_converts_safely(md_parser, html):
    assert_safe(
        convert_html(html, source_url="https://www.lesswrong.com/posts/x").markdown, md_parser
    )


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_as_html_converts_safely(md_parser, text):
    assert_safe(convert_html(text).markdown, md_parser)


@settings(max_examples=50, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_convert_safely(md_parser, data):
    assert_safe(convert_html(data).markdown, md_parser)


def test_deep_nesting_is_flattened_not_a_recursion_error(md_parser):
    for tag in ("div", "span", "em", "blockquote", "li", "td", "details"):
        html = f"<{tag}>" * 3000 + "deep text" + f"</{tag}>" * 3000
        md = convert_html(html).markdown
        assert "deep text" in md
        assert_safe(md, md_parser)
    md = convert_html("<ul><li>" * 2000 + "leaf").markdown
    assert "leaf" in md


def test_huge_attributes_and_broken_tags(md_parser):
    html = (
        '<p title="'
        + "x" * 1_000_000
        + '">kept <b>bold <i>open <a href="http://a.example/">link</p><p>next</div></span>'
    )
    md = convert_html(html).markdown
    assert "kept" in md and "next" in md
    assert_safe(md, md_parser)


def test_nul_bytes_and_lone_surrogates_become_valid_utf8(md_parser):
    md = convert_html("<p>a\x00b \ud800 c\udfff</p>").markdown
    assert md.startswith("ab ") and "c" in md
    assert_safe(md, md_parser)


def test_script_iframe_and_handlers_never_reach_the_note(md_parser):
    html = (
        '<p onclick="alert(1)">x</p><script>alert(2)</script><iframe src="javascript:alert(3)"></iframe>'
        '<a href="javascript:alert(4)">y</a><img src="x" onerror="alert(5)"><svg><script>alert(6)</script></svg>'
    )
    md = convert_html(html).markdown
    assert "alert" not in md and "javascript" not in md.lower()
    assert_safe(md, md_parser)


def test_a_body_cannot_close_the_owned_region():
    md = convert_html("<p>%% vaultkit:end %%</p><pre>%% vaultkit:end %%</pre>").markdown
    assert "%% vaultkit:" not in md


def test_malformed_urls_everywhere(md_parser):
    bad = [
        "http://[::1",
        "https://[zz]/x",
        "http://exa mple.org/a b",
        "//",
        "http:",
        "https://\ue000/",
    ]
    html = "".join(
        f'<a href="{u}">l</a><img src="{u}"><iframe src="{u}"></iframe><video src="{u}"></video>'
        for u in bad
    )
    assert_safe(convert_html(html).markdown, md_parser)
