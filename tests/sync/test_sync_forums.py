"""Several forums in one vault: each selection reads its own forum (a pasted URL or --site says
which), each forum's notes go under its own top folder with its own tag prefix, an Alignment Forum
post is the LessWrong post of the same id (one note, `af: true`), and syncing one forum never
marks another forum's notes deleted. Three stand-ins play LessWrong, the AF and the EA Forum."""

from __future__ import annotations

import copy

from typer.testing import CliRunner

from vaultkit.cli import app

from sync_e2e_support import fixtures_from, notes_by_id, unresolved_links
from sync_helpers import forum_id, small_forum

LW_POST, AF_POST = forum_id("post", 0), forum_id("post", 1)
EA_POST = forum_id("eapost", 0)


def _lesswrong() -> dict[str, list[dict]]:
    rows = copy.deepcopy(small_forum())
    for post in rows["posts"]:
        post["af"] = post["_id"] == AF_POST
    return rows


def _ea_forum() -> dict[str, list[dict]]:
    """Another database: its own ids, users and tags (one tag slug shared with LessWrong's)."""
    user = {"_id": forum_id("eauser", 1), "slug": "ea-writer", "username": "eaw",
            "displayName": "EA Writer"}
    tag = {"_id": forum_id("eatag", 1), "slug": "fermi-estimation", "name": "Fermi Estimation",
           "description": {"html": "<p>Estimating on the EA Forum.</p>"}}
    post = {"_id": EA_POST, "slug": "cost-effectiveness", "title": "Cost-Effectiveness",
            "postedAt": "2021-03-01T10:00:00.000Z", "modifiedAt": "2021-03-02T10:00:00.000Z",
            "baseScore": 80, "userId": user["_id"], "tagRelevance": {tag["_id"]: 2},
            "contents": {"html": "<p>Numbers per dollar.</p>"}}
    return {"users": [user], "tags": [tag], "posts": [post]}


def _run(vault, args):
    return CliRunner().invoke(app, ["sync", str(vault), "--delay", "0", *args])


def test_two_forums_in_one_vault_keep_both(tmp_path):
    from vaultkit.fetch.standin import StandinServer

    vault = tmp_path / "v"
    with StandinServer(fixtures_from(_lesswrong())) as lw, \
            StandinServer(fixtures_from(_lesswrong()), site_url="https://www.alignmentforum.org") as af, \
            StandinServer(fixtures_from(_ea_forum()),
                          site_url="https://forum.effectivealtruism.org") as ea:
        first = _run(vault, ["--endpoint", lw.url, "--post", LW_POST, "--concepts"])
        assert first.exit_code == 0, first.output
        ea_url = f"https://forum.effectivealtruism.org/posts/{EA_POST}/cost-effectiveness"
        second = _run(vault, ["--endpoint", ea.url, "--post", ea_url, "--concepts"])
        assert second.exit_code == 0, second.output
        af_url = f"https://www.alignmentforum.org/posts/{AF_POST}/post-1"
        third = _run(vault, ["--endpoint", af.url, "--post", af_url])
        assert third.exit_code == 0, third.output
        again = _run(vault, [])
        assert again.exit_code == 0, again.output
        assert ": 0 created, 0 updated" in again.output

    notes = notes_by_id(vault)
    lw_note, ea_note, af_note = notes[LW_POST], notes[EA_POST], notes[AF_POST]
    assert lw_note.rel.startswith("LessWrong/Posts/") and ea_note.rel.startswith("EA Forum/Posts/")
    assert "lw/fermi-estimation" in lw_note.properties["tags"]
    assert "ea/fermi-estimation" in ea_note.properties["tags"]
    assert notes[forum_id("eatag", 1)].rel == "EA Forum/Concepts/Fermi Estimation.md"
    assert notes[forum_id("eauser", 1)].rel.startswith("EA Forum/Authors/")
    # the AF post is the LessWrong post: one note, in LessWrong's folder, marked af
    assert af_note.rel.startswith("LessWrong/Posts/") and af_note.properties["af"] is True
    assert sum(1 for n in notes.values() if n.properties.get("title") == "Post number 1") == 1
    # no forum's run marked another's notes deleted
    assert not any(n.properties.get("lw_deleted") for n in notes.values())
    assert unresolved_links(vault) == []
    toml = (vault / "vaultkit.toml").read_text()
    assert 'site = "lesswrong"' in toml and 'site = "eaforum"' in toml
    assert 'site = "alignmentforum"' in toml and "[endpoints]" in toml


def test_a_vault_of_another_forum_lives_under_that_forums_folder(tmp_path):
    """An EA Forum vault says `EA Forum`, not `LessWrong`, in its folders; a LessWrong selection
    added later goes under `LessWrong/`."""
    from vaultkit.fetch.standin import StandinServer

    vault = tmp_path / "v"
    with StandinServer(fixtures_from(_ea_forum()), site_url="https://forum.effectivealtruism.org") as ea, \
            StandinServer(fixtures_from(_lesswrong())) as lw:
        ea_url = f"https://forum.effectivealtruism.org/posts/{EA_POST}/cost-effectiveness"
        first = _run(vault, ["--endpoint", ea.url, "--post", ea_url, "--concepts"])
        assert first.exit_code == 0, first.output
        second = _run(vault, ["--endpoint", lw.url, "--site", "lesswrong", "--post", LW_POST])
        assert second.exit_code == 0, second.output
    notes = notes_by_id(vault)
    assert notes[EA_POST].rel.startswith("EA Forum/Posts/")
    assert notes[forum_id("eatag", 1)].rel.startswith("EA Forum/Concepts/")
    assert notes[forum_id("eauser", 1)].rel.startswith("EA Forum/Authors/")
    assert notes[LW_POST].rel.startswith("LessWrong/Posts/")
    assert 'post = "EA Forum/Posts"' in (vault / "vaultkit.toml").read_text()
    assert not (vault / "LessWrong" / "Concepts").exists() or not any(
        "eatag" in p.read_text() for p in (vault / "LessWrong").rglob("*.md"))


def test_progress_in_an_ea_forum_vault_keeps_its_note_under_ea_forum(tmp_path):
    """`progress` with no `--folder` puts the Progress note and the views under the vault's own
    forum folder, not under a `LessWrong/` the vault does not have."""
    from vaultkit.fetch.standin import StandinServer

    vault = tmp_path / "v"
    with StandinServer(fixtures_from(_ea_forum()), site_url="https://forum.effectivealtruism.org") as ea:
        ea_url = f"https://forum.effectivealtruism.org/posts/{EA_POST}/cost-effectiveness"
        assert _run(vault, ["--endpoint", ea.url, "--post", ea_url]).exit_code == 0
    result = CliRunner().invoke(app, ["progress", str(vault)])
    assert result.exit_code == 0, result.output
    assert (vault / "EA Forum" / "Progress.md").is_file()
    assert (vault / "EA Forum" / "Views" / "Reading list.base").is_file()
    assert not (vault / "LessWrong").exists()
