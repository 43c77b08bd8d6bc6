"""Forum URL recognition and the Markdown-link to wikilink rewrite."""

from __future__ import annotations

import pytest

from vaultkit.render.html_to_md import convert_html
from vaultkit.model.refs import ForumRef, parse_forum_url
from vaultkit.render.links import rewrite_forum_links

PID = "XTXWPQSEgoMkAupKt"


@pytest.mark.parametrize(
    "url, kind, id_, slug, site",
    [
        (f"https://www.lesswrong.com/posts/{PID}/some-slug", "post", PID, "some-slug", "lesswrong"),
        (f"https://lesswrong.com/posts/{PID}", "post", PID, None, "lesswrong"),
        (f"http://www.lesswrong.com/posts/{PID}/some-slug/", "post", PID, "some-slug", "lesswrong"),
        (f"/posts/{PID}/some-slug", "post", PID, "some-slug", "lesswrong"),
        (f"https://www.alignmentforum.org/posts/{PID}/af", "post", PID, "af", "alignmentforum"),
        (f"https://forum.effectivealtruism.org/posts/{PID}/ea", "post", PID, "ea", "eaforum"),
        (f"https://www.greaterwrong.com/posts/{PID}/gw", "post", PID, "gw", "lesswrong"),
        (f"https://www.lesswrong.com/s/NHXY86jBahi968uW4/p/{PID}", "post", PID, None, "lesswrong"),
        (
            "https://www.lesswrong.com/s/NHXY86jBahi968uW4",
            "sequence",
            "NHXY86jBahi968uW4",
            None,
            "lesswrong",
        ),
        ("/tag/rationality", "tag", None, "rationality", "lesswrong"),
        ("https://www.lesswrong.com/w/bayes-theorem", "tag", None, "bayes-theorem", "lesswrong"),
        (
            "https://forum.effectivealtruism.org/topics/cause-prioritization",
            "tag",
            None,
            "cause-prioritization",
            "eaforum",
        ),
        ("https://www.lesswrong.com/users/jane-doe", "user", None, "jane-doe", "lesswrong"),
        (
            "http://lesswrong.com/lw/jl/what_is_evidence/",
            "legacy",
            "jl",
            "what_is_evidence",
            "lesswrong",
        ),
        ("https://www.lesswrong.com/lw/2f", "legacy", "2f", None, "lesswrong"),
        ("*https://www.lesswrong.com/posts/" + PID, "post", PID, None, "lesswrong"),
    ],
)
def test_every_forum_url_form_is_recognised(url, kind, id_, slug, site):
    ref = parse_forum_url(url)
    assert ref is not None
    assert (ref.kind, ref.id, ref.slug, ref.site) == (kind, id_, slug, site)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/posts/XTXWPQSEgoMkAupKt/x",
        "https://www.lesswrong.com/",
        "https://www.lesswrong.com/about",
        "mailto:x@lesswrong.com",
        "javascript:alert(1)",
        "relative/posts/x",
        "",
        "http://[::1",
        "https://www.lesswrong.com/tag/",
    ],
)
def test_other_urls_are_not_forum_links(url):
    assert parse_forum_url(url) is None


def test_comment_links_point_at_the_post_and_keep_the_comment():
    ref = parse_forum_url(
        f"https://www.lesswrong.com/posts/{PID}/slug?commentId=abcde12345fghij67#x"
    )
    assert ref.kind == "post" and ref.comment_id == "abcde12345fghij67"
    assert ref.url == f"https://www.lesswrong.com/posts/{PID}/slug?commentId=abcde12345fghij67"


def test_normalised_url_parses_back_to_the_same_reference():
    for url in (
        "/posts/" + PID + "/a",
        "/s/NHXY86jBahi968uW4",
        "/tag/x",
        "/users/u",
        "/lw/jl/slug",
    ):
        ref = parse_forum_url(url)
        assert parse_forum_url(ref.url) == ref


@pytest.mark.parametrize("tail", [
    f"posts/{PID}", f"posts/{PID}/", f"posts/{PID}/slug", f"posts/{PID}/slug/", f"posts/{PID}//",
    f"posts/{PID}/a%20b", f"posts/{PID}/slug ", f"posts/{PID}/slug?commentId=abcde12345fghij67",
    f"posts/{PID}/slug#x", f"posts/{PID}/slug/more", f"posts/{PID}{PID}", "posts/abc",
    "w/bayes", "w/bayes/", "w/bayes/discussion", "w/bayes%2Fx", "w/", "w/a b",
])
def test_links_as_the_converter_writes_them_read_as_any_url_would(tail):
    # the common form is read by a shortcut: the same reference as the same URL written otherwise
    # ("*" in front takes the general path and is ignored by it)
    for origin in ("https://www.lesswrong.com", "https://www.alignmentforum.org",
                   "https://forum.effectivealtruism.org"):
        assert parse_forum_url(f"{origin}/{tail}") == parse_forum_url(f"*{origin}/{tail}")


def _resolver(targets: dict[str, str]):
    return lambda ref: targets.get(ref.id or ref.slug)


def test_links_to_notes_in_the_vault_become_wikilinks_and_the_rest_stay():
    md = convert_html(
        f'<p>See <a href="/posts/{PID}/x">the <em>post</em></a>, <a href="/tag/bayes">Bayes</a> and '
        f'<a href="/posts/AAAAAAAAAAAAAAAAA/y">a missing one</a>.</p>'
    ).markdown
    out = rewrite_forum_links(
        md, _resolver({PID: "An Intuitive Explanation", "bayes": "LessWrong/Concepts/Bayes"})
    )
    assert out == (
        "See [[An Intuitive Explanation|the post]], [[LessWrong/Concepts/Bayes|Bayes]] and "
        "[a missing one](https://www.lesswrong.com/posts/AAAAAAAAAAAAAAAAA/y).\n"
    )


def test_a_later_sync_can_resolve_links_again_from_the_same_markdown():
    md = convert_html(f'<p><a href="/posts/{PID}/x">x</a></p>').markdown
    assert rewrite_forum_links(md, lambda ref: None) == md
    assert rewrite_forum_links(md, lambda ref: "Now Here") == "[[Now Here|x]]\n"


def test_wikilinks_in_table_cells_escape_the_pipe(md_parser):
    html = f'<table><tr><td>a</td><td><a href="/posts/{PID}/x">the | post</a></td></tr></table>'
    out = rewrite_forum_links(convert_html(html).markdown, lambda ref: "Note")
    assert "[[Note\\|the / post]]" in out
    cells = [t.content for t in md_parser.parse(out) if t.type == "inline"]
    assert cells == [
        "a",
        "[[Note|the / post]]",
    ]  # two cells; the link is whole once the row is split


def test_display_text_never_breaks_the_wikilink():
    md = f"[a ]] b \\[x\\] *em* c]({'https://www.lesswrong.com/posts/' + PID})"
    assert (
        rewrite_forum_links(md, lambda ref: "T") == md
    )  # unescaped ]] is not a link text we wrote
    md = f"[a \\]\\] b \\| *em* \\$5]({'https://www.lesswrong.com/posts/' + PID})"
    assert rewrite_forum_links(md, lambda ref: "T") == "[[T|a ] ] b / em $5]]"


def test_code_and_images_are_left_alone():
    url = f"https://www.lesswrong.com/posts/{PID}/x"
    md = f"`[a]({url})`\n\n```\n[b]({url})\n```\n\n![img]({url})\n\n[c]({url})"
    out = rewrite_forum_links(md, lambda ref: "T")
    assert out == f"`[a]({url})`\n\n```\n[b]({url})\n```\n\n![img]({url})\n\n[[T|c]]"


def test_converter_reports_forum_links_for_the_link_index():
    conv = convert_html(
        f'<a href="/posts/{PID}/x">a</a> <a href="https://example.org">b</a> <a href="/users/u">c</a>'
    )
    assert conv.forum_links == [
        ForumRef("post", PID, "x", "lesswrong"),
        ForumRef("user", None, "u", "lesswrong"),
    ]


def test_relative_links_follow_the_base_site():
    conv = convert_html(
        f'<a href="/posts/{PID}/x">a</a>', base_url="https://www.alignmentforum.org"
    )
    assert conv.forum_links[0].site == "alignmentforum"
    assert "(https://www.alignmentforum.org/posts/" in conv.markdown


def test_escaped_backticks_in_prose_do_not_hide_links_from_the_rewrite():
    md = convert_html(f'<p>a ` b <a href="/posts/{PID}/x">x</a> c ` d</p>').markdown
    assert rewrite_forum_links(md, lambda ref: "T") == "a \\` b [[T|x]] c \\` d\n"


def test_a_long_note_with_many_escaped_backticks_gets_every_link_rewritten():
    md = convert_html(
        "".join(f'<p>w ` <a href="/posts/{PID}/x">x{i}</a> `</p>' for i in range(3000))
    ).markdown
    out = rewrite_forum_links(md, lambda ref: "T")
    assert out.count("[[T|x") == 3000


def test_wikilinks_in_tables_inside_callouts_and_lists_escape_the_pipe_too():
    table = f'<table><tr><td><a href="/posts/{PID}/x">p</a></td></tr></table>'
    md = convert_html(
        f'<div class="spoilers">{table}</div><ul><li>item{table}</li></ul><p>| not a table <a href="/posts/{PID}/x">q</a></p>'
    ).markdown
    out = rewrite_forum_links(md, lambda ref: "T")
    assert out.count("[[T\\|p]]") == 2 and "[[T|q]]" in out


def test_a_bare_url_as_link_text_shows_the_note_name():
    url = f"https://www.lesswrong.com/posts/{PID}/x"
    md = convert_html(f'<p><a href="{url}">{url}</a></p>').markdown
    assert rewrite_forum_links(md, lambda ref: "LessWrong/Posts/Some Post") == (
        "[[LessWrong/Posts/Some Post|Some Post]]\n"
    )
