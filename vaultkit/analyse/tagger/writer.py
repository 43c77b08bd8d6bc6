"""Note writes that run while the tagger goes on classifying.

Each atomic write waits on an fsync; on a few threads those waits overlap each other and the
classification of the next notes. The writer knows which writes completed, so the caller can keep
its record of what is on disk honest after an error or an interruption.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vaultkit.errors import VaultError
from vaultkit.progress import Progress
from vaultkit.vault.atomic import write_atomic

WRITE_THREADS = 8


@dataclass(frozen=True)
class NoteWrite:
    """One note's new text; `undo` is whatever the caller needs to forget it if it never lands."""

    path: Path
    text: str
    undo: Any = None


def _write(write: NoteWrite) -> None:
    try:
        write_atomic(write.path, write.text)
    except OSError as error:
        raise VaultError(f"Cannot write {write.path}: {error.strerror or error}",
                         hint="Check that the note and its folder are writable, then run again; "
                              "notes already written are remembered.") from error


class NoteWriter:
    """Submit writes as they are planned; `wait` for them; `close` always, then ask `unwritten`."""

    def __init__(self, threads: int = WRITE_THREADS):
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="vaultkit-write")
        self._jobs: list[tuple[NoteWrite, Future]] = []

    def submit(self, write: NoteWrite) -> None:
        self._jobs.append((write, self._pool.submit(_write, write)))

    def wait(self, progress: Progress) -> None:
        """Block until every write is done; raises the first failure."""
        progress.start(len(self._jobs), "Writing notes")
        try:
            for _write_job, future in self._jobs:
                future.result()
                progress.advance()
        finally:
            progress.finish()

    def close(self) -> None:
        """Cancel writes not yet started and wait for the running ones."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def unwritten(self) -> list[NoteWrite]:
        """Writes that did not complete (cancelled or failed). Call after `close`."""
        return [w for w, f in self._jobs if f.cancelled() or not f.done() or f.exception() is not None]
