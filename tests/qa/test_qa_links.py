"""Forum links rewritten to wikilinks read like links a person would type."""

from __future__ import annotations

from vaultkit.render.links import rewrite_forum_links

URL = "https://www.lesswrong.com/posts/ppotPjzrM87TFh972/log-odds-add-up"


def _to(target):
    return lambda ref: target


def test_link_text_equal_to_the_note_name_is_not_repeated():
    assert rewrite_forum_links(f"see [Log Odds Add Up]({URL}).", _to("Log Odds Add Up")) \
        == "see [[Log Odds Add Up]]."


def test_other_text_and_paths_keep_their_alias():
    assert rewrite_forum_links(f"[this post]({URL})", _to("Log Odds Add Up")) \
        == "[[Log Odds Add Up|this post]]"
    assert rewrite_forum_links(f"[Log Odds Add Up]({URL})", _to("LessWrong/Posts/Log Odds Add Up")) \
        == "[[LessWrong/Posts/Log Odds Add Up|Log Odds Add Up]]"
    assert rewrite_forum_links(f"| [x]({URL}) |", _to("Log Odds Add Up")) == "| [[Log Odds Add Up\\|x]] |"
