"""A large sync renders and writes each batch of posts while the next is fetched and converted
(one pipeline, not fetch-then-write): notes appear before the fetching ends, a run that fails or
is killed half-way leaves a vault the next run completes, and the result is the vault an
uninterrupted in-process sync writes."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app
from vaultkit.fetch.standin import StandinServer
from vaultkit.sync import converter

from sync_e2e_support import cli_sync, fixtures_from
from sync_helpers import small_forum

ARGS = ["--since", "2000-01-01", "--comments", "--concepts"]
# A sync process converting in a worker (and so rendering ahead) at the stand-in's small size.
AHEAD_PROCESS = ("import sys; from vaultkit.sync import converter, gather; "
                 "converter.PARALLEL_FROM = 1; gather.POST_BATCH = gather.AHEAD_BATCH = 3; "
                 "from vaultkit.cli import main; sys.argv[0] = 'vaultkit'; main()")


def _state(vault: Path) -> dict[str, object]:
    """Every note's bytes and the database's entries (what a sync leaves, file times aside)."""
    files: dict[str, object] = {p.relative_to(vault).as_posix(): p.read_bytes() for p in sorted(vault.rglob("*"))
                                if p.is_file() and ".vaultkit" not in p.parts and p.name != "vaultkit.toml"}
    with contextlib.closing(sqlite3.connect(vault / ".vaultkit" / "vaultkit.sqlite3")) as db:
        files["entries"] = {i: json.loads(e) for i, e in db.execute("SELECT id, entry FROM entries")}
    return files


def _posts_written(vault: Path) -> int:
    folder = vault / "LessWrong" / "Posts"
    return sum(1 for _ in folder.glob("*.md")) if folder.exists() else 0


def _sync_ahead(vault: Path, rows: dict, selection: list[str], monkeypatch):
    """The sync of `cli_sync`, converting in a worker and rendering ahead a post at a time."""
    monkeypatch.setattr(converter, "PARALLEL_FROM", 1)
    monkeypatch.setattr("vaultkit.sync.gather.POST_BATCH", 1)
    monkeypatch.setattr("vaultkit.sync.gather.AHEAD_BATCH", 1)
    return cli_sync(vault, rows, selection)


@pytest.mark.parametrize("selection", [["--since", "2000-01-01", "--comments", "--concepts"],
                                       ["--collection", "small-collection", "--comments"]])
def test_notes_rendered_ahead_are_those_rendered_at_the_end(tmp_path, monkeypatch, selection):
    """Links to posts that arrive later, authors fetched at the end, comments notes, reading
    order and books: a note whose links resolve differently at the end is written again."""
    rows = small_forum(12)
    inline = cli_sync(tmp_path / "inline", rows, selection)
    ahead = _sync_ahead(tmp_path / "ahead", rows, selection, monkeypatch)
    assert inline.exit_code == ahead.exit_code == 0, ahead.output
    # the same report (but for the requests: a batch of one post is a request of its own)
    assert ahead.output.split(":", 1)[1].rsplit(",", 1)[0] == inline.output.split(":", 1)[1].rsplit(",", 1)[0]
    assert _state(tmp_path / "ahead") == _state(tmp_path / "inline")


def test_a_title_two_new_posts_share_goes_to_the_older_post_in_small_and_large_syncs(tmp_path, monkeypatch):
    rows = small_forum(6)
    older, newer = rows["posts"][0], rows["posts"][2]
    assert older["postedAt"] < newer["postedAt"] and older["_id"] > newer["_id"]
    older["title"] = newer["title"] = "Same Title"
    selection = ["--since", "2000-01-01"]
    inline = cli_sync(tmp_path / "inline", rows, selection)
    ahead = _sync_ahead(tmp_path / "ahead", rows, selection, monkeypatch)
    assert inline.exit_code == ahead.exit_code == 0, ahead.output
    for vault in (tmp_path / "inline", tmp_path / "ahead"):
        plain = (vault / "LessWrong" / "Posts" / "Same Title.md").read_text(encoding="utf-8")
        assert f'lw_id: "{older["_id"]}"' in plain
    assert _state(tmp_path / "ahead") == _state(tmp_path / "inline")


def test_a_large_sync_writes_notes_while_fetching_and_a_failure_then_is_repaired(tmp_path, monkeypatch):
    """The forum stops answering (a bot wall) as soon as the first post note is on disk: only a
    sync that writes while it fetches fails then. The next run completes the vault."""
    rows = small_forum(24)
    reference = cli_sync(tmp_path / "reference", rows, ARGS)   # small: fetched, then written
    assert reference.exit_code == 0, reference.output
    monkeypatch.setattr(converter, "PARALLEL_FROM", 1)
    monkeypatch.setattr("vaultkit.sync.gather.POST_BATCH", 3)
    monkeypatch.setattr("vaultkit.sync.gather.AHEAD_BATCH", 3)
    vault = tmp_path / "ahead"
    with StandinServer(fixtures_from(rows)) as server:
        server.faults.slow_seconds = 0.05        # time for the watcher to see the first note
        done = threading.Event()

        def wall_at_first_note() -> None:
            while not done.is_set() and not _posts_written(vault):
                time.sleep(0.002)
            server.faults.bot_wall = True

        watcher = threading.Thread(target=wall_at_first_note)
        watcher.start()
        command = ["sync", str(vault), "--endpoint", server.url, "--delay", "0", *ARGS]
        try:
            failed = CliRunner().invoke(app, command)
        finally:
            done.set()
            watcher.join()
        written = _posts_written(vault)
        server.faults.bot_wall = False
        server.faults.slow_seconds = 0
        again = CliRunner().invoke(app, command)
    assert failed.exit_code != 0 and "Error:" in failed.output, failed.output
    assert "Traceback" not in failed.output
    assert 0 < written < 24
    assert again.exit_code == 0, again.output
    assert _state(vault) == _state(tmp_path / "reference")


@pytest.mark.slow
def test_killed_large_syncs_converge_to_the_uninterrupted_vault(tmp_path):
    """SIGKILL whenever K more notes are on disk, mid-pipeline; the runs after finish the vault."""
    rows = small_forum(30)
    with StandinServer(fixtures_from(rows)) as server:
        reference = cli_sync(tmp_path / "reference", rows, ARGS)
        assert reference.exit_code == 0, reference.output
        vault = tmp_path / "killed"
        kills = []
        for step in (3, 9, 17):
            proc = subprocess.Popen([sys.executable, "-c", AHEAD_PROCESS, "sync", str(vault), "--endpoint",
                                     server.url, "--delay", "0", *ARGS],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    env={**os.environ, "PYTHONHASHSEED": "0"})
            deadline = time.monotonic() + 120
            while proc.poll() is None and _posts_written(vault) < step and time.monotonic() < deadline:
                time.sleep(0.001)
            proc.kill()
            proc.wait()
            kills.append(_posts_written(vault))
        final = subprocess.run([sys.executable, "-c", AHEAD_PROCESS, "sync", str(vault), "--endpoint",
                                server.url, "--delay", "0", *ARGS], capture_output=True, timeout=120)
    assert final.returncode == 0, final.stderr.decode()
    assert any(0 < n < 30 for n in kills), kills
    assert not list(vault.rglob(".vaultkit-*.tmp"))
    assert _state(vault) == _state(tmp_path / "reference")
