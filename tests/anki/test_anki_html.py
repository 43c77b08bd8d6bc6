"""Markdown -> card HTML: math, clozes, links, embeds and media."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from anki_samples import PNG_BLUE, PNG_RED, write_vault
from vaultkit.export.anki import html as html_module
from vaultkit.export.anki.html import CardHtml, MediaStore
from vaultkit.export.anki.field_form import stable_markup
from vaultkit.vault.links import LinkResolver
from vaultkit.vault.scan import iter_vault_files


@pytest.fixture
def renderer(tmp_path: Path) -> CardHtml:
    root = write_vault(tmp_path / "v", {
        "Notes/Source.md": "x",
        "Notes/Other Note.md": "y",
        "LessWrong/Attachments/Pasted image 2024.png": PNG_RED,
        "LessWrong/Attachments/a&b.png": PNG_BLUE,
        "Notes/local.png": PNG_BLUE,
    })
    files = [path.relative_to(root).as_posix() for path in iter_vault_files(root)]
    return CardHtml(root, LinkResolver(files), MediaStore())


def render(renderer: CardHtml, text: str, **kwargs) -> str:
    return renderer.render(text, "Notes/Source.md", **kwargs)


@pytest.mark.parametrize("markdown, html", [
    ("Costs $x^2$ here", "Costs \\(x^2\\) here"),
    ("$$\\sum_i a_i$$", "\\[\\sum_i a_i\\]"),
    ("It costs $5 and $10", "It costs $5 and $10"),
    ("escaped \\$x$ stays", "escaped $x$ stays"),
    ("`$x$` in code", "<code>$x$</code> in code"),
    ("already \\(a_1 < b\\)", "already \\(a_1 &lt; b\\)"),
    ("$a_1 * b_2 * c$", "\\(a_1 * b_2 * c\\)"),
    ("$\\sqrt{\\frac{a}{b}}$", "\\(\\sqrt{\\frac{a}{b} }\\)"),
    ("$x::y$", "\\(x:{}:y\\)"),
    ("$\\frac{ {{c1::a}} }{b}$", "\\(\\frac{ {{c1::a}} }{b}\\)"),
])
def test_math_becomes_mathjax_that_cannot_break_a_cloze(renderer, markdown, html):
    assert render(renderer, markdown) == html


@pytest.mark.parametrize("markdown, html", [
    ("See [[Other Note]]", "See Other Note"),
    ("See [[Other Note|the other]]", "See the other"),
    ("See [[Folder/Deep Note#Part two]]", "See Deep Note &gt; Part two"),
    ("Embed ![[Other Note]]", "Embed Other Note"),
    ("`[[code]]` stays", "<code>[[code]]</code> stays"),
    ("a ==mark== b", "a <mark>mark</mark> b"),
    ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
    ("> [!tip] Remember\n> this", "<blockquote>\n<p><strong>Remember</strong><br>\nthis</p>\n</blockquote>"),
    ("One\n\nTwo", "<p>One</p>\n<p>Two</p>"),
    ("Text %%hidden%% shown", "Text  shown"),
])
def test_obsidian_syntax(renderer, markdown, html):
    assert render(renderer, markdown) == html


def test_footnotes_render(renderer):
    html = render(renderer, "Claim[^1]\n\n[^1]: The source.")
    assert "footnote" in html and "The source." in html


def test_highlights_become_numbered_clozes_after_explicit_ones(renderer):
    html = render(renderer, "==A== then {{c1::B}} then ==C== and **==D==**", cloze=True)
    assert html == "{{c2::A}} then {{c1::B}} then {{c3::C}} and <strong>{{c4::D}}</strong>"


def test_images_get_content_named_media(renderer):
    html = render(renderer, "![[Pasted image 2024.png|300]] and ![alt](local.png) and ![[a&b.png]]")
    red = hashlib.sha1(PNG_RED).hexdigest()[:12]
    blue = hashlib.sha1(PNG_BLUE).hexdigest()[:12]
    assert f'<img src="{red}-Pasted image 2024.png" alt="" width="300">' in html
    assert f'<img src="{blue}-local.png" alt="alt">' in html
    assert f'<img src="{blue}-a&amp;b.png" alt="">' in html
    assert [media.name for media in renderer.media.files] == sorted(
        [f"{red}-Pasted image 2024.png", f"{blue}-local.png", f"{blue}-a&b.png"])


def test_markdown_image_with_encoded_path_and_size(renderer):
    html = render(renderer, "![pic|200](LessWrong/Attachments/Pasted%20image%202024.png)")
    assert 'alt="pic" width="200"' in html and renderer.media.files


def test_missing_image_is_recorded(renderer):
    render(renderer, "![[nowhere.png]] and ![[Other Note]]")
    assert [(m.source, m.target) for m in renderer.media.missing] == [("Notes/Source.md", "nowhere.png")]


def test_remote_images_stay_remote(renderer):
    assert render(renderer, "![x](https://example.org/a.png)") == \
        '<img src="https://example.org/a.png" alt="x">'
    assert not renderer.media.files


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
       | st.text(alphabet=st.sampled_from(list("ab 1.-+>:?'\"()/é\u00a0\u2003\t")), max_size=20))
def test_plain_text_shortcut_renders_like_markdown(text):
    """Fields without Markdown syntax skip markdown-it; the HTML must be what markdown-it gives."""
    renderer = CardHtml(Path("."), LinkResolver([]), MediaStore())
    if html_module._is_plain(text):
        full = renderer._md.render(text, {"vaultkit": html_module._RenderState("a.md", False)})
        expected = stable_markup(html_module._unwrap_single_paragraph(full.strip()))
        assert renderer.render(text, "a.md") == expected


MARKDOWNISH = st.lists(
    st.sampled_from(list("ab 1.-+*_#>=~`$[]()!|^:{}\\<&\t") + ["[[x]]", "==", "$x$", "{{c1::", "}}", "[^1]"]),
    max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(MARKDOWNISH, st.booleans())
def test_one_line_shortcut_renders_like_the_full_parser(text, cloze):
    """One-line fields are parsed inline only; the HTML must equal the full block parse."""
    renderer = CardHtml(Path("."), LinkResolver([]), MediaStore())
    if html_module._is_one_inline_line(text):
        state = html_module._RenderState("a.md", cloze)
        full = renderer._md.render(text, {"vaultkit": state})
        state = html_module._RenderState("a.md", cloze)
        assert renderer._md.renderInline(text, {"vaultkit": state}) == \
            html_module._unwrap_single_paragraph(full.strip())
