"""Targeted behaviour of convert_html that the golden files do not pin down on their own."""

from __future__ import annotations

from vaultkit.render.html_to_md import LOST_FORMULA, convert_html

LOST = '<mjx-container class="MathJax" jax="CHTML" role="math"><mjx-math><mjx-c></mjx-c></mjx-math></mjx-container>'


def test_lost_formulas_are_counted_in_one_warning():
    conv = convert_html(
        f"<p>{LOST} and {LOST}</p>",
        source_url="https://www.lesswrong.com/posts/abcdefghijklmnopq/x",
    )
    assert conv.warnings == [f"{LOST_FORMULA} (2 times)"]
    assert conv.markdown.count("](https://www.lesswrong.com/posts/abcdefghijklmnopq/x)") == 2


def test_lost_formula_without_a_source_url_is_plain_text():
    conv = convert_html(f"<p>{LOST}</p>")
    assert conv.markdown == "⟨formula lost upstream, see the original⟩\n" and conv.warnings == [
        LOST_FORMULA
    ]


def test_empty_and_missing_bodies():
    assert convert_html(None).markdown == ""
    assert convert_html("").markdown == ""
    assert convert_html("<p> </p><div></div>").markdown == ""


def test_bytes_are_decoded_as_utf8():
    assert convert_html("<p>café</p>".encode()).markdown == "café\n"


def test_emphasis_keeps_spaces_outside_the_markers_and_does_not_nest():
    assert convert_html("<p>a<em> b </em>c <em>d <em>e</em></em></p>").markdown == "a *b* c *d e*\n"
    assert convert_html("<p><strong> </strong>x</p>").markdown == "x\n"


def test_display_math_inside_a_list_item_stays_in_the_item():
    html = (
        '<ul><li>Sum: <span class="math-tex"><span class="mjpage mjpage__block"><span class="mjx-chtml MJXc-display">'
        '<span class="mjx-math" aria-label="\\sum x">…</span></span></span></span></li><li>next</li></ul>'
    )
    assert convert_html(html).markdown == "- Sum:\n\n  $$\n  \\sum x\n  $$\n- next\n"


def test_inline_math_before_a_digit_gets_a_space():
    html = '<p><span class="math-tex">\\(n\\)</span>2 and <span class="math-tex">\\(m\\)</span>, done</p>'
    assert convert_html(html).markdown == "$n$ 2 and $m$, done\n"


def test_line_breaks_never_start_a_block():
    assert (
        convert_html("<p>a<br>- b<br>1. c<br>&gt; d</p>").markdown
        == "a\\\n\\- b\\\n1\\. c\\\n\\> d\n"
    )


def test_a_footnote_reference_without_definition_leaves_no_dangling_marker():
    html = '<p>x<sup class="footnote-ref"><a href="#fn9" id="fnref9">[9]</a></sup></p>'
    assert convert_html(html).markdown == "x\n"


def test_unreferenced_footnote_definitions_are_kept():
    html = '<p>x</p><section class="footnotes"><ol><li id="fn1" class="footnote-item"><p>orphan</p></li></ol></section>'
    assert convert_html(html).markdown == "x\n\n[^1]: orphan\n"


def test_non_breaking_spaces_neither_make_empty_paragraphs_nor_break_emphasis():
    assert (
        convert_html("<p>&nbsp;</p><p>a <em>&nbsp;b&nbsp;</em> c</p>").markdown
        == "a \xa0*b*\xa0 c\n"
    )


def test_a_list_that_only_looks_like_a_footnote_section_keeps_its_items():
    assert (
        convert_html('<ol class="footnotes"><li>plain item</li></ol>').markdown == "1. plain item\n"
    )


def test_table_captions_are_kept_above_the_table():
    html = "<table><caption>Costs</caption><tr><td>x</td></tr></table>"
    assert convert_html(html).markdown == "*Costs*\n\n| x |\n| --- |\n"


def test_a_block_inside_a_link_or_emphasis_leaves_no_dangling_markers():
    md = convert_html(
        '<p><em>x <span class="math-tex">\\[y\\]</span></em></p><a href="https://e.org"><div>blk</div></a>'
    ).markdown
    assert md == "x\n\n$$\ny\n$$\n\nblk\n\n[https://e.org](https://e.org)\n"


def test_styles_from_pasted_documents_give_emphasis():
    html = (
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p>Plain <span style="font-weight:700">bold</span> '
        '<span style="font-style: italic">it</span> <span style="font-weight: 400">normal</span></p></b>'
    )
    assert convert_html(html).markdown == "Plain **bold** *it* normal\n"


def test_links_without_visible_text_are_dropped_like_the_browser_shows_them():
    assert convert_html('<p>a<a href="https://example.org/"> </a>b</p>').markdown == "a b\n"
