"""State, database, lock, config and first-sync set-up: what lives under .vaultkit/ and beside it."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from vaultkit.config import Selection, Settings, load_settings, save_settings
from vaultkit.errors import ConfigError, VaultLockedError
from vaultkit.vault.database import Database
from vaultkit.vault.lock import vault_lock
from vaultkit.sync.obsidian_setup import set_up_vault
from vaultkit.sync.state import SyncState, new_entry

from sync_helpers import make_post


def test_state_round_trip_and_no_write_when_clean(tmp_path):
    state = SyncState.load(tmp_path)
    entry = new_entry("post")
    entry["path"] = "LessWrong/Posts/A.md"
    state.record("postAAAAAAAAAAAAA", entry)
    assert state.save()
    state.close()
    path = Database.in_folder(tmp_path / ".vaultkit").path
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    again = SyncState.load(tmp_path)
    assert again.entries["postAAAAAAAAAAAAA"]["path"] == "LessWrong/Posts/A.md"
    assert not again.save()                          # nothing changed: nothing written
    again.close()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(os.listdir(tmp_path / ".vaultkit")) == ["vaultkit.sqlite3"]


def test_entries_load_as_saved_sharing_their_keys_and_recurring_ids(tmp_path):
    state = SyncState.load(tmp_path)
    written = {}
    for i in range(2500):   # more than one decoding batch
        entry = new_entry("post")
        entry.update(path=f"LessWrong/Posts/P{i}.md", authors=[f"user{i % 3}"], refs=[f"user:user{i % 3}", f"place:p{i}"])
        written[f"p{i}"] = entry
    state.record_many(written)
    assert state.save()
    state.close()
    again = SyncState.load(tmp_path)
    loaded = again.entries
    again.close()
    assert loaded == written
    keys = {id(k) for entry in loaded.values() for k in entry}
    assert len(keys) <= 3 * len(new_entry("post"))      # a few copies of "path", not 2,500
    first, other = loaded["p0"], loaded["p2499"]
    assert first["authors"][0] is other["authors"][0] == "user0"          # one "user0", not 834
    assert first["refs"][0] is loaded["p3"]["refs"][0]


def test_entries_recorded_before_a_kill_survive_it(tmp_path):
    state = SyncState.load(tmp_path)
    state.save("signature of the vault")             # a complete run …
    entry = new_entry("post")
    state.record("a", {**entry, "pending": True})    # … then a write announced and confirmed …
    state.record("a", {**entry, "pending": False, "hashes": ["h"]})
    state.entries["b"] = {**entry, "pending": True}  # … and one never recorded
    # no save(), no close(): the process "dies" here
    recovered = SyncState.load(tmp_path)
    assert recovered.entries["a"]["hashes"] == ["h"] and "b" not in recovered.entries
    assert recovered.dirty and not recovered.unchanged_since_last_run("signature of the vault")
    recovered.close()
    state.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "table missing", "foreign"])
def test_a_damaged_database_is_set_aside_and_rebuilt(tmp_path, damage):
    state = SyncState.load(tmp_path)
    for n in range(300):                              # enough rows for several pages
        state.record(f"id{n}", {**new_entry("post"), "title": "x" * 200})
    state.save("sig")
    state.close()
    path = Database.in_folder(tmp_path / ".vaultkit").path
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        with contextlib.closing(sqlite3.connect(path)) as db:
            db.execute("DROP TABLE entries" if damage == "table missing" else "PRAGMA user_version = 99")
    rebuilt = SyncState.load(tmp_path)
    assert rebuilt.entries == {} and not rebuilt.unchanged_since_last_run("sig")
    rebuilt.record("c", new_entry("post"))
    rebuilt.save("sig2")
    rebuilt.close()
    again = SyncState.load(tmp_path)
    assert list(again.entries) == ["c"] and again.unchanged_since_last_run("sig2")
    again.close()
    assert path.with_name(path.name + ".damaged").exists()


def test_a_dry_run_reads_a_damaged_database_without_touching_it(tmp_path):
    folder = tmp_path / ".vaultkit"
    folder.mkdir()
    (folder / "vaultkit.sqlite3").write_bytes(b"garbage")
    state = SyncState.load(tmp_path, Database.in_folder(folder, read_only=True))
    assert state.entries == {} and state.meta == {}
    state.close()
    assert os.listdir(folder) == ["vaultkit.sqlite3"]
    assert (folder / "vaultkit.sqlite3").read_bytes() == b"garbage"


def test_items_round_trip_and_a_damaged_one_reads_as_missing(tmp_path):
    state = SyncState.load(tmp_path)
    post = make_post()
    state.store_items([post])
    assert state.load_item(post.id) == post and state.has_item(post.id)
    state.database.execute("UPDATE items SET data = x'789c00'")
    assert state.load_item(post.id) is None
    state.close()


HOLD_THE_LOCK = """
import sys, time, pathlib
from vaultkit.vault.lock import vault_lock
with vault_lock(pathlib.Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(30)
"""


def test_lock_refuses_a_live_owner_and_takes_over_a_dead_one(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(tmp_path)],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert sleeper.stdout.readline().strip() == "held"
        with pytest.raises(VaultLockedError, match=str(sleeper.pid)):
            with vault_lock(tmp_path):
                pass
    finally:
        sleeper.kill()                               # kill -9: the kernel releases its lock
        sleeper.wait()
    with vault_lock(tmp_path) as took_over:          # the owner is dead now: taken over
        assert took_over
        assert (tmp_path / "lock").read_text() == str(os.getpid())
    assert not (tmp_path / "lock").exists()
    with vault_lock(tmp_path) as took_over:          # a run that finished leaves nothing to repair
        assert not took_over


def test_config_keeps_user_comments_and_adds_selections(tmp_path):
    settings = Settings(selections=[Selection(sequences=["seqA"], concepts=True)])
    save_settings(tmp_path, settings)
    path = tmp_path / "vaultkit.toml"
    path.write_text(path.read_text() + "\n# my note about this vault\n")
    loaded = load_settings(tmp_path)
    assert not loaded.add(Selection(sequences=["seqA"], concepts=True))   # already saved
    assert loaded.add(Selection(sequences=["seqB"], authors=["jane"], since="2024-01-01"))
    save_settings(tmp_path, loaded)
    text = path.read_text()
    assert "# my note about this vault" in text
    again = load_settings(tmp_path)
    assert again.selections == [Selection(sequences=["seqA"], concepts=True),
                                Selection(sequences=["seqB"], authors=["jane"], since="2024-01-01")]
    assert again.folders["post"] == "LessWrong/Posts"
    assert not again.notices


@pytest.mark.parametrize("toml, message", [
    ("[select]\nsince = \"yesterday\"\n", "since"),
    ("[select]\nsequence = [\"x\"]\n", "Unknown setting"),
    ("[[selection]]\nauthors = \"jane\"\n", "list of non-empty strings"),
    ("[[selection]]\ncomments = \"yes\"\n", "true or false"),
    ("[folders]\npost = \"../outside\"\n", "not a folder inside the vault"),
    ("site = \"reddit\"\n", "Unknown site"),
    ("[select\n", "Cannot read"),
])
def test_bad_config_is_a_clear_error(tmp_path, toml, message):
    (tmp_path / "vaultkit.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_settings(tmp_path)


def test_set_up_writes_only_missing_files_and_merges_types(tmp_path):
    obsidian = tmp_path / ".obsidian"
    obsidian.mkdir()
    (obsidian / "app.json").write_text('{"mine": true}')
    (obsidian / "types.json").write_text(json.dumps({"types": {"karma": "text", "mine": "number"}}))
    written = set_up_vault(tmp_path, "Templates")
    assert (obsidian / "app.json").read_text() == '{"mine": true}'
    assert ".obsidian/graph.json" in written and ".obsidian/app.json" not in written
    types = json.loads((obsidian / "types.json").read_text())["types"]
    assert types["karma"] == "text" and types["mine"] == "number"   # the user's entries win
    assert types["lw_id"] == "text" and types["posted"] == "date"
    assert (tmp_path / "Templates" / "Reading note.md").exists()
    (tmp_path / "Templates" / "Reading note.md").write_text("mine")
    assert set_up_vault(tmp_path, "Templates") == []                # nothing left to add
    assert (tmp_path / "Templates" / "Reading note.md").read_text() == "mine"
