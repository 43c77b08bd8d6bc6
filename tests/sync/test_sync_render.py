"""Templates and note rendering from hand-made items, with the vault's link context."""

from __future__ import annotations

import pytest

from vaultkit.errors import ConfigError
from vaultkit.model.items import Chapter, Concept, Sequence
from vaultkit.render.notes import render_note, tag_name
from vaultkit.render.templates import Templates
from vaultkit.sync.context import VaultLinkContext
from vaultkit.vault.regions import BEGIN, END
from vaultkit.sync.state import new_entry
from vaultkit.sync.engine import describe

from sync_helpers import make_post

SEQ = "seqAAAAAAAAAAAAAA"


def context(items, paths, extra_paths=()):
    entries = {}
    for item in items:
        entries[item.id] = {**new_entry(item.kind), **describe(item)}
    return VaultLinkContext(entries, paths, [*paths.values(), *extra_paths])


def test_post_links_author_sequence_neighbours_and_rewrites_forum_links(jane):
    first = make_post("postAAAAAAAAAAAAA", "First")
    second = make_post("postBBBBBBBBBBBBB", "Second",
                       body="See [the first](https://www.lesswrong.com/posts/postAAAAAAAAAAAAA/x) "
                            "and [elsewhere](https://www.lesswrong.com/posts/postZZZZZZZZZZZZZ/y).")
    seq = Sequence(id=SEQ, title="The Sequence", url="u", version="1",
                   chapters=[Chapter("One", [first.id, second.id])])
    paths = {first.id: "P/First.md", second.id: "P/Second.md", jane.id: "A/Jane Doe.md",
             SEQ: "S/The Sequence.md"}
    ctx = context([first, second, jane, seq], paths)
    note = render_note(second, ctx, Templates())
    assert note.properties["author"] == "[[Jane Doe]]"
    assert note.properties["prev"] == "[[First]]"
    assert note.properties["next"] is None
    assert note.properties["sequence"] == "[[The Sequence]]"
    assert "[[First|the first]]" in note.region
    assert "[elsewhere](https://www.lesswrong.com/posts/postZZZZZZZZZZZZZ/y)" in note.region
    assert "post:postZZZZZZZZZZZZZ" in ctx.used          # recorded: it may appear later
    assert note.list_items["tags"] == ["lesswrong/post", "lw/rationality"]


def test_link_text_uses_the_path_when_the_name_is_not_unique(jane):
    post = make_post()
    ctx = context([post, jane], {post.id: "P/Fermi Estimation.md", jane.id: "A/Jane Doe.md"},
                  extra_paths=["Mine/Jane Doe.md"])
    note = render_note(post, ctx, Templates())
    assert note.properties["author"] == "[[A/Jane Doe|Jane Doe]]"


def test_signature_changes_only_when_a_reference_resolves_differently(jane):
    post = make_post(body="[x](https://www.lesswrong.com/posts/postZZZZZZZZZZZZZ/y)")
    paths = {post.id: "P/Fermi Estimation.md", jane.id: "A/Jane Doe.md"}
    ctx = context([post, jane], paths)
    ctx.start_note()
    render_note(post, ctx, Templates())
    refs = sorted(ctx.used)
    before = ctx.signature(refs)
    assert context([post, jane], paths).signature(refs) == before
    other = make_post("postZZZZZZZZZZZZZ", "Later")
    assert context([post, jane, other], {**paths, other.id: "P/Later.md"}).signature(refs) != before


def test_concept_definition_is_a_callout_and_a_plain_property():
    concept = Concept(id="tagAAAAAAAAAAAAAA", title="Fermi $ Estimation", url="u", version="1",
                      slug="fermi", definition="A **rough** estimate of \\$5, see [here](https://example.com).",
                      description="A **rough** estimate of \\$5, see [here](https://example.com).\n\nMore text.")
    ctx = context([concept], {concept.id: "C/Fermi Estimation.md"})
    note = render_note(concept, ctx, Templates())
    assert note.properties["definition"] == "A rough estimate of $5, see here."
    assert note.region.startswith("> [!definition] Fermi \\$ Estimation\n"
                                  "> A **rough** estimate of \\$5, see [here](https://example.com).\n\nMore text.")
    assert note.region.count("rough") == 1            # the first paragraph is not repeated below


def test_markers_in_a_post_body_cannot_close_the_region(jane):
    post = make_post(body=f"quoting {END} and {BEGIN}")
    ctx = context([post, jane], {post.id: "P/F.md", jane.id: "A/J.md"})
    region = render_note(post, ctx, Templates()).region
    assert END not in region and BEGIN not in region


def test_vault_template_override_and_unknown_placeholder(tmp_path, jane):
    post = make_post()
    ctx = context([post, jane], {post.id: "P/F.md", jane.id: "A/J.md"})
    (tmp_path / "post.md").write_text("MY LAYOUT {{byline}}\n\n{{body}}\n")
    region = render_note(post, ctx, Templates(tmp_path)).region
    assert region == "MY LAYOUT By [[J|Jane Doe]]\n\nHello."
    (tmp_path / "post.md").write_text("{{nonsense}}\n")
    with pytest.raises(ConfigError, match="nonsense"):
        render_note(post, ctx, Templates(tmp_path))


@pytest.mark.parametrize("raw, tag", [("Heuristics & Biases", "heuristics-biases"),
                                      ("1984", "t1984"), ("AI Risk", "ai-risk"), ("!!!", "untitled")])
def test_tag_names_are_obsidian_valid(raw, tag):
    assert tag_name(raw) == tag
