"""Raw API dicts -> items: the data quirks of lesswrong-api.md §17."""

from __future__ import annotations

from vaultkit.model.parse import clean_link_url, parse_comments, parse_post
from vaultkit.model.parse import definition_text as first_paragraph
from vaultkit.render.html_to_md import convert_html

from sync_helpers import make_post


def to_md(html: str) -> str:
    return convert_html(html).markdown


def test_post_with_deleted_author_float_scores_and_dirty_link_url():
    raw = {"_id": "postAAAAAAAAAAAAA", "title": "  Spaced  ", "slug": "s", "user": None,
           "baseScore": 112.0, "commentCount": 3.0, "url": " *example.com/x ", "tags": [None],
           "contents": {"html": "<p>Hi</p>", "version": "1.0.0"}}
    post = parse_post(raw, "lesswrong", to_md)
    assert post.title == "Spaced" and post.author_id is None and post.author_name is None
    assert post.karma == 112 and isinstance(post.karma, int) and post.comment_count == 3
    assert post.link_url == "http://example.com/x"
    assert post.url == "https://www.lesswrong.com/posts/postAAAAAAAAAAAAA/s"
    assert post.body.strip() == "Hi" and post.tags == []


def test_link_url_null_string_is_absent():
    assert clean_link_url("null") is None and clean_link_url(None) is None and clean_link_url("  ") is None


def test_comment_threshold_keeps_the_ancestors_of_kept_replies():
    raws = [
        {"_id": "a", "postedAt": "2020-01-01", "baseScore": 1, "user": {"_id": "u", "displayName": "U"},
         "contents": {"html": "<p>low parent</p>"}},
        {"_id": "b", "parentCommentId": "a", "postedAt": "2020-01-02", "baseScore": 9, "user": None,
         "contents": {"html": "<p>good reply</p>"}},
        {"_id": "c", "postedAt": "2020-01-03", "baseScore": 0, "user": None, "contents": None},
        {"_id": "d", "postedAt": "2020-01-04", "baseScore": 20, "deleted": True, "user": None,
         "contents": None},
    ]
    item = parse_comments(make_post(), raws, 5, to_md)
    assert [c.id for c in item.comments] == ["a", "b", "d"]
    assert item.comments[1].parent_id == "a" and item.comments[1].author_name is None
    assert item.comments[2].deleted and item.comments[2].body == ""
    assert item.id == "postAAAAAAAAAAAAA-comments"


def test_first_paragraph_skips_headings_and_quotes():
    assert first_paragraph("# Title\n\n> quote\n\nThe **real**\ndefinition.\n\nMore.") == \
        "The **real** definition."
