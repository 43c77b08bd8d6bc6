"""End-to-end: real syncs against the stand-in server on a loopback port, real files in tmp_path."""

from __future__ import annotations

import json
import re

import pytest

from vaultkit.config import Selection
from vaultkit.vault.notes import read_note
from vaultkit.vault.regions import BEGIN, END, region_text
from vaultkit.vault.scan import iter_note_paths

from sync_e2e_support import SEQUENCE_SELECTION, notes_by_id, run_sync, unresolved_links
from sync_helpers import TODAY, forum_id, just_now, small_forum
from vault_builders import snapshot

POST0 = forum_id("post", 0)


@pytest.fixture
def forum():
    return small_forum()


@pytest.fixture
def built(tmp_path, forum):
    vault = tmp_path / "vault"
    report = run_sync(vault, forum, SEQUENCE_SELECTION)
    return vault, report


def test_full_build_has_every_kind_of_note_and_no_unresolved_links(built, forum):
    vault, report = built
    notes = notes_by_id(vault)
    kinds = sorted({n.properties["type"] for n in notes.values()})
    assert kinds == ["author", "book", "collection", "comments", "concept", "post", "sequence"]
    posts = sorted(n.properties["lw_id"] for n in notes.values() if n.properties["type"] == "post")
    assert posts == sorted(forum_id("post", i) for i in (0, 1, 2, 3))  # the sequence's three, and one
    assert report.counts["created"] == len(notes) and not report.conflicts
    assert unresolved_links(vault) == []
    post = notes[POST0]
    assert post.rel.startswith("LessWrong/Posts/")
    assert post.properties["author"] == "[[Jane Doe]]"
    assert post.properties["status"] == "to-read" and post.properties["synced"] == TODAY
    assert post.properties["next"] == "[[Post number 1]]"
    assert "[[Post number 1|the next one]]" in post.body
    concept = notes[forum_id("tagfermi", 1)]
    assert concept.properties["definition"].startswith("A Fermi estimate is a rough calculation")
    assert "> [!definition]" in region_text(concept.text)
    comments = notes[f"{POST0}-comments"]
    assert "[deleted]" in comments.body and "[deleted author]" in comments.body
    assert f"{forum_id('post', 1)}-comments" not in notes       # no comments upstream: no note
    assert (vault / ".obsidian" / "types.json").exists()
    assert (vault / "Templates" / "Reading note.md").exists()
    saved = (vault / "vaultkit.toml").read_text()
    assert "collections = [" in saved and "concepts = true" in saved


def test_second_run_writes_no_file_at_all(built, forum):
    vault, _ = built
    before = snapshot(vault)
    report = run_sync(vault, forum)                 # plain re-run: selections from vaultkit.toml
    assert report.counts["created"] == report.counts["updated"] == 0
    assert snapshot(vault) == before                # bytes and mtimes of every file, state included


def test_upstream_edit_reaches_the_note_and_user_text_survives(built, forum):
    vault, _ = built
    path = vault / notes_by_id(vault)[POST0].rel
    text = path.read_text()
    mine_above = "My summary above the region.\n\n"
    text = text.replace("---\n", "---\nmy_rating: 4\n", 1).replace(BEGIN, mine_above + BEGIN)
    text += "\n## My notes\nKeep me.\n"
    path.write_text(text)
    forum["posts"][0]["contents"]["html"] = "<p>Rewritten upstream.</p>"
    forum["posts"][0]["modifiedAt"] = just_now()
    forum["posts"][0]["title"] = "Post number 0, revised"
    report = run_sync(vault, forum)
    assert report.counts["updated"] >= 1 and not report.conflicts
    note = notes_by_id(vault)[POST0]
    assert note.path == path                          # never renamed
    assert "Rewritten upstream." in region_text(note.text)
    assert note.properties["my_rating"] == 4
    assert note.properties["title"] == "Post number 0, revised"
    assert "Post number 0" in note.properties["aliases"]
    assert mine_above + BEGIN in note.text and note.text.endswith("\n## My notes\nKeep me.\n")


def test_edit_inside_the_region_is_a_reported_conflict_and_nothing_is_lost(built, forum):
    vault, _ = built
    path = vault / notes_by_id(vault)[POST0].rel
    edited = path.read_text().replace("Body of post 0.", "Body of post 0, as I corrected it.")
    path.write_text(edited)
    forum["posts"][0]["contents"]["html"] = "<p>Upstream has a new version.</p>"
    forum["posts"][0]["modifiedAt"] = just_now()
    report = run_sync(vault, forum)
    assert [c["note"] for c in report.conflicts] == [path.relative_to(vault).as_posix()]
    assert path.read_text() == edited
    copy = vault / report.conflicts[0]["upstream_copy"]
    assert copy.name.endswith(f"(conflict {TODAY.isoformat()}).md")
    copy_note = read_note(copy, vault)
    assert copy_note.properties["lw_conflict_of"] == POST0 and "lw_id" not in copy_note.properties
    assert "Upstream has a new version." in copy_note.text
    forced = run_sync(vault, forum, force=True)
    assert not forced.conflicts
    assert "Upstream has a new version." in path.read_text()


def test_a_renamed_and_moved_note_keeps_being_updated_and_linked(built, forum):
    vault, _ = built
    old = vault / notes_by_id(vault)[forum_id("post", 1)].rel
    new = vault / "Reading" / "My favourite post.md"
    new.parent.mkdir()
    old.rename(new)
    forum["posts"][1]["contents"]["html"] = "<p>Edited after the move.</p>"
    forum["posts"][1]["modifiedAt"] = just_now()
    report = run_sync(vault, forum)
    assert not report.created and not old.exists()
    assert "Edited after the move." in new.read_text()
    assert notes_by_id(vault)[POST0].properties["next"] == "[[My favourite post|Post number 1]]"
    assert unresolved_links(vault) == []


def test_a_deleted_note_is_not_recreated_unless_restore(built, forum):
    vault, _ = built
    path = vault / notes_by_id(vault)[forum_id("post", 2)].rel
    path.unlink()
    report = run_sync(vault, forum)
    assert not path.exists() and path.relative_to(vault).as_posix() in report.tombstoned
    run_sync(vault, forum, restore=True)
    assert path.exists()


def test_a_later_sync_links_existing_notes_to_new_posts(tmp_path, forum):
    vault = tmp_path / "vault"
    run_sync(vault, forum, Selection(posts=[POST0]))
    post0 = vault / notes_by_id(vault)[POST0].rel
    assert "[the next one](https://www.lesswrong.com/posts/" in post0.read_text()
    run_sync(vault, forum, Selection(posts=[forum_id("post", 1)]))
    assert "[[Post number 1|the next one]]" in post0.read_text()
    assert unresolved_links(vault) == []


def test_dry_run_writes_nothing_and_reports_the_plan(tmp_path, forum):
    vault = tmp_path / "vault"
    vault.mkdir()
    report = run_sync(vault, forum, SEQUENCE_SELECTION, dry_run=True)
    assert report.dry_run and len(report.created) > 5
    assert list(vault.iterdir()) == []


HOSTILE = ["../../etc/passwd", "CON", "a/b\\c: *what*?", f"{END} breaks", "Same Title", "same title",
           "   ", ".hidden", "x" * 400, "Links [[in]] #title | pipe ^caret", "emoji 🧠 $5 and $10"]


def test_hostile_titles_give_safe_unique_names(tmp_path, forum):
    for post, title in zip(forum["posts"], HOSTILE):
        post["title"] = title
    forum["posts"] += [dict(forum["posts"][0], _id=forum_id("extra", i), title=t)
                       for i, t in enumerate(HOSTILE[len(forum["posts"]):])]
    vault = tmp_path / "vault"
    report = run_sync(vault, forum, Selection(since="2019-01-01"))
    assert not report.skipped
    paths = [p.relative_to(vault).as_posix() for p in iter_note_paths(vault)]
    posts = [p for p in paths if p.startswith("LessWrong/Posts/")]
    assert len(posts) == len(HOSTILE)
    assert len({p.lower() for p in paths}) == len(paths)
    for rel in posts:
        name = rel.rsplit("/", 1)[-1]
        assert not re.search(r'[\\:*?"<>|\[\]#^]|%%', name) and not name.startswith(".")
        assert len(name.encode()) <= 255 and "/" not in rel[len("LessWrong/Posts/"):]
    assert all(p.resolve().is_relative_to(vault.resolve()) for p in vault.rglob("*"))
    titles = {n.properties["title"] for n in notes_by_id(vault).values() if n.properties["type"] == "post"}
    # exact titles, `[[`/`]]` included (issue 12: `title` is the upstream title byte for byte)
    assert {t.strip() or "Untitled" for t in HOSTILE} == titles
    assert unresolved_links(vault) == []


def test_json_summary_from_the_cli(tmp_path, forum):
    from sync_e2e_support import cli_sync

    vault = tmp_path / "vault"
    result = cli_sync(vault, forum, ["--post", POST0, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["created"] >= 2 and data["counts"]["requests"] > 0


def test_cli_dry_run_prints_the_plan_and_writes_nothing(tmp_path, forum):
    from sync_e2e_support import cli_sync

    vault = tmp_path / "vault"
    result = cli_sync(vault, forum, ["--post", POST0, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "  create  LessWrong/Posts/Post number 0.md" in result.stdout
    assert "Dry run, would sync" in result.stdout and not vault.exists()


def test_a_post_deleted_upstream_is_marked_not_removed(tmp_path, forum):
    vault = tmp_path / "vault"
    run_sync(vault, forum, Selection(posts=[POST0]))
    path = vault / notes_by_id(vault)[POST0].rel
    forum["posts"][0]["draft"] = True                # no longer visible to anyone but its author
    report = run_sync(vault, forum)
    assert path.exists() and report.updated == [path.relative_to(vault).as_posix()]
    note = read_note(path, vault)
    assert note.properties["lw_deleted"] is True
    assert "Body of post 0." in note.text            # the last known text stays
    assert "no longer available on the forum" in region_text(note.text)


def test_an_edited_vault_template_rerenders_that_kind_only(built, forum):
    vault, _ = built
    overrides = vault / ".vaultkit" / "templates"
    overrides.mkdir()
    (overrides / "author.md").write_text("AUTHOR PAGE\n\n{{posts}}\n")
    report = run_sync(vault, forum)
    notes = notes_by_id(vault)
    authors = [n for n in notes.values() if n.properties["type"] == "author"]
    assert sorted(report.updated) == sorted(n.rel for n in authors)
    assert all(region_text(n.text).startswith("AUTHOR PAGE\n") for n in authors)
    assert run_sync(vault, forum).updated == []


def test_a_copied_note_is_reported_and_left_alone(built, forum):
    vault, _ = built
    original = vault / notes_by_id(vault)[POST0].rel
    copy = vault / "ZZ copy.md"
    copy.write_text(original.read_text())
    forum["posts"][0]["contents"]["html"] = "<p>New text.</p>"
    forum["posts"][0]["modifiedAt"] = just_now()
    report = run_sync(vault, forum)
    assert any("share lw_id" in p and "ZZ copy.md" in p for p in report.problems)
    assert "New text." in original.read_text() and "New text." not in copy.read_text()


def test_dry_run_on_an_existing_vault_reports_the_update_and_writes_nothing(built, forum):
    vault, _ = built
    before = snapshot(vault)
    forum["posts"][0]["contents"]["html"] = "<p>Changed.</p>"
    forum["posts"][0]["modifiedAt"] = just_now()
    report = run_sync(vault, forum, dry_run=True)
    assert report.updated == [notes_by_id(vault)[POST0].rel]
    assert snapshot(vault) == before
