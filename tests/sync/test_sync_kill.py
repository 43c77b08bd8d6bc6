"""A sync killed with SIGKILL at random points and re-run converges to an uninterrupted build."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sync_e2e_support import fixtures_from
from sync_helpers import small_forum

ARGS = ["--since", "2019-01-01", "--concepts", "--comments"]


def sync_process(vault: Path, url: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.Popen([sys.executable, "-m", "vaultkit", "sync", str(vault), "--endpoint", url,
                             "--delay", "0", *ARGS], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)


def comparable(vault: Path) -> dict[str, object]:
    """Every file's bytes; of the state database, the entries and the summary's counts, but nothing
    that depends on file times or on how many runs it took (the scan cache, the vault signature,
    the fetch time, the response cache, the file's own bytes). A summary still marked unfinished
    (a write announced by a killed run and never folded in) shows up as a difference."""
    files: dict[str, object] = {}
    for dirpath, _dirs, names in os.walk(vault):
        for name in names:
            path = Path(dirpath) / name
            rel = path.relative_to(vault).as_posix()
            if rel == ".vaultkit/vaultkit.sqlite3":
                with contextlib.closing(sqlite3.connect(path)) as db:
                    entries = {i: json.loads(e) for i, e in db.execute("SELECT id, entry FROM entries")}
                    summary = json.loads(db.execute("SELECT value FROM state WHERE name = 'summary'").fetchone()[0])
                files[rel + ":entries"] = entries
                files[rel + ":summary"] = {k: summary.get(k) for k in ("notes", "tombstones", "conflicts", "unfinished")}
            else:
                files[rel] = path.read_bytes()
    return files


def note_count(vault: Path) -> int:
    return sum(1 for _ in (vault / "LessWrong").rglob("*.md")) if (vault / "LessWrong").exists() else 0


def kill_when(proc: subprocess.Popen, ready, timeout: float = 60) -> bool:
    """SIGKILL `proc` as soon as `ready()` is true; False if it finished first."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.002)
    proc.wait()
    return False


@pytest.mark.slow
def test_killed_runs_converge_to_the_uninterrupted_vault(tmp_path):
    """Kills at random moments (fetching, converting) and when K notes exist (writing)."""
    from vaultkit.fetch.standin import StandinServer

    rows = small_forum(n_posts=30)
    rng = random.Random(7)
    with StandinServer(fixtures_from(rows)) as server:
        reference = tmp_path / "reference"
        started = time.monotonic()
        done = sync_process(reference, server.url)
        assert done.wait(timeout=120) == 0, done.stderr.read().decode()
        duration = time.monotonic() - started
        total = note_count(reference)

        vault = tmp_path / "killed"
        kills = []
        for attempt in range(6):
            proc = sync_process(vault, server.url)
            # Note-count kills first: they land mid-write however loaded the machine is, while a
            # timed kill on a slow machine may come after a run has already finished the vault.
            if attempt % 2 == 1:
                wait_until = time.monotonic() + rng.uniform(0.2, 0.9) * duration
                killed = kill_when(proc, lambda: time.monotonic() >= wait_until)
            else:
                target = min(total - 1, note_count(vault) + rng.randint(1, 8))
                killed = kill_when(proc, lambda: note_count(vault) >= target)
            kills.append((attempt, killed, note_count(vault)))
        final = sync_process(vault, server.url)
        assert final.wait(timeout=120) == 0, final.stderr.read().decode()
    assert any(killed for _a, killed, _n in kills), kills
    assert any(0 < n < total for _a, killed, n in kills if killed), kills   # at least one mid-write
    assert not (vault / ".vaultkit" / "journal.jsonl").exists()
    assert not list(vault.rglob(".vaultkit-*.tmp"))
    assert comparable(vault) == comparable(reference)
