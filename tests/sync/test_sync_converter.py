"""The post converter of a large sync: a worker process that gives exactly what in-process
conversion gives, reports its failures as our errors, and never outlives the run."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from vaultkit.errors import WorkerError
from vaultkit.sync import converter
from vaultkit.sync.converter import InlineConverter, WorkerConverter, post_converter
from vaultkit.vault.database import unpack

from sync_e2e_support import cli_sync, fixtures_from
from sync_helpers import small_forum


def raw_post(i: int, html: str) -> dict:
    return {"_id": f"post{i:013d}", "title": f"Post {i}", "slug": f"post-{i}", "baseScore": i,
            "postedAt": "2020-01-01T00:00:00.000Z", "modifiedAt": "2020-01-02T00:00:00.000Z",
            "contents": {"html": html, "version": "1.0.0"}, "tags": [{"_id": "tagAAAAAAAAAAAAAA"}]}


RAWS = [raw_post(1, "<p>Plain <em>text</em> and <a href='https://www.lesswrong.com/posts/abc/x'>a link</a>.</p>"),
        raw_post(2, "<p>A formula lost upstream: <span class='math-tex'></span></p><table><tr><td>x</td></tr></table>"),
        raw_post(3, "")]


def test_the_worker_gives_what_converting_in_process_gives():
    inline = InlineConverter("lesswrong")
    inline.submit(RAWS)
    here = inline.result()
    worker = WorkerConverter("lesswrong")
    try:
        worker.submit(RAWS)
        there = worker.result()
        worker.submit(RAWS[:1])                      # one batch after another on the same worker
        again = worker.result()
    finally:
        worker.close()
    assert [(item, warnings) for item, warnings in there] == here
    assert again == here[:1]
    for item, _w in there:
        assert unpack(item.__dict__["_packed"]) == item.to_json()  # the item, as the database keeps it


def test_a_small_sync_converts_in_process_and_a_large_one_in_a_worker():
    assert isinstance(post_converter("lesswrong", converter.PARALLEL_FROM - 1), InlineConverter)
    worker = post_converter("lesswrong", converter.PARALLEL_FROM)
    try:
        assert isinstance(worker, WorkerConverter)
    finally:
        worker.close()


def test_a_sync_through_the_worker_writes_the_same_vault(tmp_path, monkeypatch):
    forum = small_forum(12)
    inline = cli_sync(tmp_path / "inline", forum, ["--since", "2000-01-01", "--comments"])
    monkeypatch.setattr(converter, "PARALLEL_FROM", 1)
    monkeypatch.setattr("vaultkit.sync.gather.POST_BATCH", 5)   # several batches in flight
    through_worker = cli_sync(tmp_path / "worker", forum, ["--since", "2000-01-01", "--comments"])
    assert inline.exit_code == through_worker.exit_code == 0, through_worker.output
    notes = _files(tmp_path / "inline")
    assert len([p for p in notes if "/Posts/" in p]) == 12
    assert _files(tmp_path / "worker") == notes
    for table in ("items", "responses", "entries"):   # the database holds the same rows too
        assert _rows(tmp_path / "worker", table) == _rows(tmp_path / "inline", table)
    # each new post is stored once, as its item; its answer is not cached besides
    assert not [key for key, op in _operations(tmp_path / "worker") if op == "PostById"]


def test_a_first_sync_stopped_after_its_posts_resumes_without_fetching_them_again(tmp_path):
    """A new post is stored once, as its item (its answer is not cached): the run after one that
    stopped (killed, or failing later, as here) takes the posts it wants from the stored items,
    without fetching or converting them again, and leaves the same vault. A run of another
    selection in between writes only its own notes."""
    from typer.testing import CliRunner

    from vaultkit.cli import app
    from vaultkit.fetch.standin import StandinServer

    forum = small_forum(12)
    one = forum["posts"][0]["_id"]
    whole = cli_sync(tmp_path / "whole", forum, ["--since", "2000-01-01"])
    vault = tmp_path / "resumed"
    with StandinServer(fixtures_from(forum)) as server:
        def sync(*args):
            done = len(server.operations)
            result = CliRunner().invoke(app, ["sync", str(vault), "--endpoint", server.url, "--delay", "0", *args])
            return result, [name for name, _ in server.operations[done:]]

        server.faults.reject_operations |= {"UsersByIds", "UsersByIdsLegacy"}   # the authors, after the posts
        stopped, first = sync("--since", "2000-01-01")
        server.faults.reject_operations.clear()
        other, _ = sync("--post", one)
        posts_then = sorted(p.name for p in (vault / "LessWrong" / "Posts").iterdir())
        resumed, second = sync("--since", "2000-01-01")
    assert stopped.exit_code != 0 and "PostsByIds" in first
    assert other.exit_code == 0, other.output
    assert len(posts_then) == 1
    assert resumed.exit_code == 0, resumed.output
    assert "PostsByIds" not in second and "PostById" not in second
    assert _files(vault) == _files(tmp_path / "whole")
    assert whole.exit_code == 0


def _operations(vault) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(vault / ".vaultkit" / "vaultkit.sqlite3")) as db:
        return db.execute("SELECT key, operation FROM responses").fetchall()


def _rows(vault, table: str) -> dict:
    key, value = {"items": ("id", "data"), "responses": ("key", "data"), "entries": ("id", "entry")}[table]
    with contextlib.closing(sqlite3.connect(vault / ".vaultkit" / "vaultkit.sqlite3")) as db:
        return dict(db.execute(f"SELECT {key}, {value} FROM {table}"))


def _files(vault) -> dict[str, bytes]:
    """Every file of the vault but its database and settings (which name the server's port)."""
    return {p.relative_to(vault).as_posix(): p.read_bytes() for p in sorted(vault.rglob("*"))
            if p.is_file() and ".vaultkit" not in p.parts and p.name != "vaultkit.toml"}


def test_a_post_the_worker_cannot_convert_is_an_error_naming_it():
    broken = {"_id": "brokenAAAAAAAAAAA", "tags": [{"slug": "no-id"}]}   # a tag without its _id
    worker = WorkerConverter("lesswrong")
    try:
        worker.submit([RAWS[0], broken])
        with pytest.raises(WorkerError, match="Converting post brokenAAAAAAAAAAA: KeyError"):
            worker.result()
    finally:
        worker.close()
    assert not _alive(worker.pid)


def test_a_worker_that_dies_is_an_error_and_the_run_can_stop_cleanly():
    worker = WorkerConverter("lesswrong")
    os.kill(worker.pid, signal.SIGKILL)
    _wait_gone(worker.pid)
    with pytest.raises(WorkerError, match="stopped"):
        worker.submit(RAWS)
        worker.result()
    worker.close()


def test_the_worker_ignores_ctrl_c_and_exits_when_the_run_is_killed(tmp_path):
    """The parent is killed with SIGKILL (no cleanup of its own): its worker must not linger."""
    script = ("import sys, time\n"
              "from vaultkit.sync.converter import WorkerConverter\n"
              "w = WorkerConverter('lesswrong')\n"
              "w.submit([]); w.result()\n"
              "print(w.pid, flush=True)\n"
              "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        worker_pid = int(parent.stdout.readline())
        os.kill(worker_pid, signal.SIGINT)          # what Ctrl-C sends: the run, not the worker, stops
        time.sleep(0.5)
        assert _alive(worker_pid)
        parent.kill()
        parent.wait()
        _wait_gone(worker_pid)
        assert not _alive(worker_pid)
    finally:
        parent.kill()


def _wait_gone(pid: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped by init, counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
