"""The shared note index: read once, re-read only what changed, never a reason to fail or to write."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from vaultkit.analyse.check import check_vault
from vaultkit.analyse.progress import update_progress
from vaultkit.vault.database import Database
from vaultkit.vault.index import decode_facts, encode_facts, facts_of, load_notes
from vaultkit.vault.notes import read_note

POST = """---
lw_id: "p1"
type: "post"
title: "First"
posted: 2024-03-01
author: "[[Ada]]"
next: "[[Second]]"
---
%% vaultkit:begin %%
See [[Second]] and ![[diagram.png]].
%% vaultkit:end %%
"""
SECOND = """---
lw_id: "p2"
type: "post"
title: "Second"
---
Back to [[First]].
"""
AN_HOUR_AGO = 3600


def make(root: Path, files: dict[str, str], *, synced: bool = True, age: int = AN_HOUR_AGO) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        settle(path, age)
    if synced:
        (root / ".vaultkit").mkdir(exist_ok=True)
    return root


def settle(path: Path, age: int = AN_HOUR_AGO) -> None:
    """Give the file an mtime in the past, as every note has that was not written a moment ago."""
    when = path.stat().st_mtime - age
    os.utime(path, (when, when))


def damage(root: Path, sql: str) -> None:
    connection = sqlite3.connect(root / ".vaultkit" / "vaultkit.sqlite3")
    with connection:
        connection.execute(sql)
    connection.close()


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"", p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*"))}


def test_a_second_run_reads_only_the_notes_that_changed(tmp_path):
    root = make(tmp_path, {"Posts/First.md": POST, "Posts/Second.md": SECOND, "Other/Third.md": "plain"})
    first = load_notes(root)
    assert first.read == 3 and list(first.notes) == ["Other/Third.md", "Posts/First.md", "Posts/Second.md"]
    assert load_notes(root).read == 0
    (root / "Posts/Second.md").write_text(SECOND + "More.\n", encoding="utf-8")
    settle(root / "Posts/Second.md")
    (root / "Other/Third.md").unlink()
    again = load_notes(root)
    assert again.read == 1 and list(again.notes) == ["Posts/First.md", "Posts/Second.md"]
    rows = sqlite3.connect(root / ".vaultkit" / "vaultkit.sqlite3").execute("SELECT path FROM notes").fetchall()
    assert sorted(rows) == [("Posts/First.md",), ("Posts/Second.md",)]


def test_cached_facts_equal_freshly_read_ones(tmp_path):
    root = make(tmp_path, {"Posts/First.md": POST, "Posts/Second.md": SECOND})
    load_notes(root)
    cached = load_notes(root).notes["Posts/First.md"]
    assert cached == facts_of(read_note(root / "Posts/First.md", root))
    assert cached.properties["posted"] == dt.date(2024, 3, 1)
    assert cached.links == [["link", "Second", None], ["embed", "diagram.png", None],
                            ["property", "Ada", "author"], ["property", "Second", "next"]]


def test_a_note_written_a_moment_ago_is_not_stored_until_it_settles(tmp_path):
    root = make(tmp_path, {"Posts/First.md": POST}, age=0)
    load_notes(root)
    assert load_notes(root).read == 1
    settle(root / "Posts/First.md")
    load_notes(root)
    assert load_notes(root).read == 0


def test_values_json_cannot_give_back_are_read_every_time(tmp_path):
    odd = "---\nlevels: !!set {a, b}\ncount: 3\n---\nText\n"
    root = make(tmp_path, {"Odd.md": odd})
    facts = facts_of(read_note(root / "Odd.md", root))
    assert encode_facts(facts) is None
    load_notes(root)
    again = load_notes(root)
    assert again.read == 1 and again.notes["Odd.md"].properties["levels"] == {"a", "b"}


def test_a_damaged_row_is_read_again_and_replaced(tmp_path):
    root = make(tmp_path, {"Posts/First.md": POST})
    load_notes(root)
    damage(root, "UPDATE notes SET facts = '{\"p\": 1'")
    assert load_notes(root).notes["Posts/First.md"].properties["title"] == "First"
    assert load_notes(root).read == 0


def test_damaged_links_are_read_again_from_the_note(tmp_path):
    root = make(tmp_path, {"Posts/First.md": POST})
    load_notes(root)
    damage(root, "UPDATE notes SET facts = substr(facts, 1, length(facts) - 5)")
    assert load_notes(root).notes["Posts/First.md"].links[0] == ["link", "Second", None]


def test_dates_round_trip_and_a_look_alike_user_value_is_not_taken_for_one(tmp_path):
    root = make(tmp_path, {"Note.md": '---\nwhen: 2024-01-02\nat: 2024-01-02T03:04:05\n---\n'})
    facts = facts_of(read_note(root / "Note.md", root))
    assert decode_facts("Note.md", encode_facts(facts)) == facts
    tricky = facts_of(read_note(make(tmp_path / "b", {"N.md": '---\nx:\n  $date: "2024-01-02"\n---\n'}) / "N.md",
                                tmp_path / "b"))
    assert encode_facts(tricky) is None


def test_without_writing_nothing_under_the_vault_changes(tmp_path):
    root = make(tmp_path, {"Posts/First.md": POST, "Posts/Second.md": SECOND})
    Database.in_folder(root / ".vaultkit").connection.close()  # a synced vault has its database
    before = snapshot(root)
    assert load_notes(root, write=False).read == 2
    update_progress(root, write=False)
    assert snapshot(root) == before


def test_a_vault_never_synced_gets_no_vaultkit_folder_from_reading_it(tmp_path):
    root = make(tmp_path, {"Posts/First.md": POST}, synced=False)
    check_vault(root)
    assert not (root / ".vaultkit").exists()


def test_an_unwritable_database_only_costs_speed(tmp_path):
    root = make(tmp_path, {"Posts/First.md": POST, "Posts/Second.md": SECOND})
    (root / ".vaultkit" / "vaultkit.sqlite3").mkdir()  # cannot be opened as a file, even by root
    report = check_vault(root)
    assert report.notes == 2 and not [p for p in report.problems if p.kind == "unresolved-link"
                                      and "Second" in p.message]
    assert load_notes(root).read == 2


def test_a_read_only_database_is_used_without_writing(tmp_path):
    root = make(tmp_path, {"Posts/First.md": POST, "Posts/Second.md": SECOND})
    load_notes(root)
    (root / "Posts/Second.md").write_text(SECOND + "x", encoding="utf-8")
    settle(root / "Posts/Second.md")
    before = snapshot(root)
    assert load_notes(root, write=False).read == 1
    assert snapshot(root) == before


def test_a_database_of_schema_1_without_the_index_keeps_its_sync_state(tmp_path):
    folder = tmp_path / ".vaultkit"
    folder.mkdir()
    database = Database.in_folder(folder)
    with database.transaction() as db:
        db.execute("INSERT INTO entries (id, entry) VALUES ('p1', '{}')")
        db.execute("DROP TABLE notes")
    database.close()
    make(tmp_path, {"Posts/First.md": POST})
    assert load_notes(tmp_path).read == 1
    database = Database.in_folder(folder)
    assert database.execute("SELECT id FROM entries").fetchall() == [("p1",)]
    assert database.execute("SELECT path FROM notes").fetchall() == [("Posts/First.md",)]
    database.close()
    assert not (folder / "vaultkit.sqlite3.damaged").exists()


def test_dry_runs_of_the_reading_commands_leave_the_vault_as_it_was(tmp_path):
    from typer.testing import CliRunner

    from vaultkit.cli import app

    root = make(tmp_path / "vault", {"Posts/First.md": POST, "Posts/Second.md": SECOND,
                                     "Principles/Bet.md": '---\ntype: "principle"\n---\nAlways bet.\n'})
    Database.in_folder(root / ".vaultkit").connection.close()
    before = snapshot(root)
    for command in (["export", "graph", str(root), "-o", str(tmp_path / "g.graphml"), "--dry-run"],
                    ["progress", str(root), "--dry-run"], ["tag", str(root), "--dry-run"],
                    ["export", "anki", str(root), "-o", str(tmp_path / "d.apkg"), "--dry-run"]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 0, result.output
        assert snapshot(root) == before, command
