"""Link resolution as observed in Obsidian 1.13.7 (markdown-vault-mcp#1358, PRs #1380/#1385)."""

import pytest

from vaultkit.vault.links import LinkResolver, WikiLink, iter_property_links, iter_wikilinks, link_targets

VAULT = ["Note.md", "a/Note.md", "a/b/Note.md", "zzzz/Note.md", "b/Other.md", "Log.md",
         "sub/deep/Target.md", "img/pic.png", "Version 1.2.md", "a/b/Dup.md",
         "zzzz/Dup.md"]


@pytest.mark.parametrize("target, source, expected", [
    ("b/Other", "a/x.md", "b/Other.md"),              # exact vault path
    ("a/b/Note", "zzzz/x.md", "a/b/Note.md"),         # exact path beats own folder
    ("Note", "a/b/x.md", "Note.md"),                  # a bare name that is a root path is exact
    ("Dup", "a/b/x.md", "a/b/Dup.md"),                # own folder wins when not an exact path
    ("Dup", "zzzz/x.md", "zzzz/Dup.md"),
    ("Other", "q/x.md", "b/Other.md"),                # unique name anywhere
    ("log", "x.md", "Log.md"),                        # case-insensitive
    ("deep/Target", "x.md", "sub/deep/Target.md"),    # partial path
    ("Note.md", "b/x.md", "Note.md"),                 # the extension is optional
    ("pic.png", "x.md", "img/pic.png"),               # attachments by full name
    ("Version 1.2", "x.md", "Version 1.2.md"),        # a dot in a note name
    ("./Other", "b/x.md", "b/Other.md"),              # relative, exact
    ("./Other", "a/x.md", None),                      # relative never falls back to a bare name
    ("../Log", "b/x.md", "Log.md"),
    ("Missing", "x.md", None),
    ("", "Log.md", "Log.md"),                         # [[#Heading]] is a self-link
])
def test_resolution_follows_obsidian(target, source, expected):
    assert LinkResolver(VAULT).resolve(target, source) == expected


def test_shortest_path_wins_among_other_folders():
    resolver = LinkResolver(["a/b/Fallacy.md", "zzzz/Fallacy.md", "c/Fallacy.md"])
    assert resolver.resolve("Fallacy", "q/x.md") == "c/Fallacy.md"


def test_link_target_is_the_bare_name_only_when_unique():
    resolver = LinkResolver(VAULT)
    assert resolver.link_target("b/Other.md") == "Other"
    assert resolver.link_target("a/b/Note.md") == "a/b/Note"
    for path in VAULT:
        target = resolver.link_target(path)
        for source in ["x.md", "a/b/x.md", "zzzz/x.md"]:
            assert resolver.resolve(target, source) == path


def test_wikilinks_are_found_outside_code_and_comments():
    md = ("See [[Note|the note]] and ![[pic.png|300]] and [[Other#Why it matters]].\n"
          "`[[not inline]]` %% [[not comment]] %%\n```\n[[not fenced]]\n```\n"
          "| [[Cell\\|text]] |\n")
    assert list(iter_wikilinks(md)) == [
        WikiLink("Note", None, "the note", False),
        WikiLink("pic.png", None, "300", True),
        WikiLink("Other", "Why it matters", None, False),
        WikiLink("Cell", None, "text", False),
    ]


def test_property_links():
    props = {"author": "[[Jane Doe]]", "coauthors": ["[[A]]", "[[B|Bee]]"], "karma": 3}
    assert [(k, l.target) for k, l in iter_property_links(props)] == [
        ("author", "Jane Doe"), ("coauthors", "A"), ("coauthors", "B")]


def test_links_between_many_code_spans_and_inside_nested_ones():
    text = "".join(f"`code {i}` [[Note {i}]] `[[Hidden {i}]]` " for i in range(300))
    text += "%% a comment with `code` and [[Hidden in comment]] %% [[Last]]"
    assert [link.target for link in iter_wikilinks(text)] == [f"Note {i}" for i in range(300)] + ["Last"]


@pytest.mark.parametrize("text", [
    "%% vaultkit:begin %%\nSee [[A]] and ![[B#h|b]].\n%% vaultkit:end %%\n",
    "%% hidden [[C]] %% [[D]]",
    "%% a comment ending in ! %%[[E]] and %% [ %%[[F]]",
    "`[[G]]` [[H]]",
    "~~~\n[[I]]\n~~~\n[[J\\|j]]",
    "no links at all",
])
def test_link_targets_find_what_iter_wikilinks_finds(text):
    assert link_targets(text) == [(link.embed, link.target) for link in iter_wikilinks(text)]
    assert link_targets(text) or "[[" not in text
