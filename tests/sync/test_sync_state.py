"""State, journal, lock, config and first-sync set-up: the files under .vaultkit/ and beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from vaultkit.config import Selection, Settings, load_settings, save_settings
from vaultkit.errors import ConfigError, VaultLockedError
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
    mtime = state.path.stat().st_mtime_ns
    again = SyncState.load(tmp_path)
    assert again.entries["postAAAAAAAAAAAAA"]["path"] == "LessWrong/Posts/A.md"
    assert not again.save()                          # nothing changed: nothing written
    assert state.path.stat().st_mtime_ns == mtime
    assert not state.journal_path.exists()


def test_journal_of_a_killed_run_is_folded_in(tmp_path):
    state = SyncState.load(tmp_path)
    entry = new_entry("post")
    state.record("a", {**entry, "pending": True})
    state.record("a", {**entry, "pending": False, "hashes": ["h"]})
    state._journal.write('{"id": "b", "entr')       # a line cut short by kill -9
    state._journal.flush()
    # no save(): the process "dies" here
    recovered = SyncState.load(tmp_path)
    assert recovered.entries["a"]["hashes"] == ["h"] and "b" not in recovered.entries
    assert recovered.dirty


def test_corrupt_state_is_rebuilt_not_fatal(tmp_path):
    (tmp_path / ".vaultkit").mkdir()
    (tmp_path / ".vaultkit" / "state.json").write_text("{not json")
    assert SyncState.load(tmp_path).entries == {}


def test_items_round_trip(tmp_path):
    state = SyncState.load(tmp_path)
    post = make_post()
    state.store_item(post)
    assert state.load_item(post.id) == post


def test_lock_refuses_a_live_owner_and_takes_over_a_dead_one(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / "lock").write_text(str(sleeper.pid))
        with pytest.raises(VaultLockedError, match=str(sleeper.pid)):
            with vault_lock(tmp_path):
                pass
    finally:
        sleeper.kill()
        sleeper.wait()
    with vault_lock(tmp_path) as took_over:          # the owner is dead now: taken over
        assert took_over
        assert (tmp_path / "lock").read_text() == str(os.getpid())
    assert not (tmp_path / "lock").exists()


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
