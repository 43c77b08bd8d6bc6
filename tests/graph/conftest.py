"""Fixtures for the graph, check and progress tests: small vaults in the shape `vaultkit sync` writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from vault_builders import note


def post(lw_id: str, title: str, *, author: str = "Ada Writer", sequence: str | None = None,
         prev: str | None = None, next_: str | None = None, status: str = "to-read",
         karma: int = 10, tags: tuple[str, ...] = ("lesswrong/post",), region: str = "",
         user_text: str = "", **extra) -> str:
    props = {"lw_id": lw_id, "type": "post", "title": title, "author": f"[[{author}]]",
             "karma": karma, "status": status, "tags": list(tags)}
    if sequence:
        props["sequence"] = f"[[{sequence}]]"
    if prev:
        props["prev"] = f"[[{prev}]]"
    if next_:
        props["next"] = f"[[{next_}]]"
    props.update(extra)
    return note(props, region, user_text)


def reading_vault_files() -> dict[str, str | bytes]:
    """A clean vault: a collection with one book and a sequence of three posts, a loose post,
    concepts and a principle, an author, an attachment, and a user note linking into it all."""
    p = "LessWrong/Posts/"
    return {
        "LessWrong/Collections/Field Guide.md": note(
            {"lw_id": "col00000000000001", "type": "collection", "title": "A Field Guide"},
            "Books: [[Calibration Basics]]"),
        "LessWrong/Sequences/Calibration Basics.md": note(
            {"lw_id": "seq00000000000001", "type": "sequence", "title": "Calibration Basics",
             "collection": "[[Field Guide]]", "book": "[[Book One]]", "post_count": 3},
            "1. [[Bets]]\n2. [[Odds]]\n3. [[Scores]]"),
        "LessWrong/Collections/Book One.md": note({"type": "collection", "title": "Book One"}),
        p + "Bets.md": post("pst00000000000001", "Bets", sequence="Calibration Basics", next_="Odds",
                            status="read", karma=120,
                            region="A bet is a claim with a price. See [[Odds]] and [[Bayes Rule]].\n"
                                   "![[chart.png]]",
                            user_text="My note: compare with [[Scores|the scoring post]].\n"),
        p + "Odds.md": post("pst00000000000002", "Odds", sequence="Calibration Basics", prev="Bets",
                            next_="Scores", status="reading", karma=45,
                            region="Odds and [[Bayes Rule#Odds form]]. ![[Bets]]"),
        p + "Scores.md": post("pst00000000000003", "Scores", sequence="Calibration Basics", prev="Odds",
                              karma=7.5, region="Proper scoring rules reward [[Calibration]]."),
        p + "Loose Post.md": post("pst00000000000004", "A Loose Post", author="Bo Critic", status="read",
                                  tags=("lesswrong/post", "lw/epistemics"),
                                  region="`[[Not A Link]]` and\n```\n[[Also Not]]\n```\n[[Bets]]"),
        "LessWrong/Concepts/Bayes Rule.md": note(
            {"lw_id": "tag00000000000001", "type": "concept", "title": "Bayes' Rule",
             "definition": "How evidence updates odds.", "normativity": "normative",
             "scope": "universal", "certainty": "stochastic", "tags": ["lesswrong/concept"]},
            "## Odds form\nPosterior odds = prior odds x likelihood ratio."),
        "LessWrong/Concepts/Calibration.md": note(
            {"lw_id": "tag00000000000002", "type": "concept", "title": "Calibration",
             "tags": ["lesswrong/concept"]}, "Being right as often as you say."),
        "LessWrong/Authors/Ada Writer.md": note({"lw_id": "usr00000000000001", "type": "author",
                                                 "title": "Ada Writer"}),
        "LessWrong/Authors/Bo Critic.md": note({"lw_id": "usr00000000000002", "type": "author",
                                                "title": "Bo Critic"}),
        "LessWrong/Attachments/chart.png": b"\x89PNG\r\n\x1a\nfake",
        "Principles/Bet on it.md": note(
            {"type": "principle", "statement": "Put a number on beliefs you act on.",
             "normativity": "normative", "scope": "situational", "certainty": "uncertain",
             "tags": ["principle/normative"]},
            user_text="Derived from [[Bets]] and [[Bayes Rule]].\n"),
        "Inbox.md": "Just a user note with no properties. It links to [[Calibration]].\n",
    }


@pytest.fixture
def reading_vault(make_vault) -> Path:
    return make_vault(reading_vault_files())

