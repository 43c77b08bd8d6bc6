"""Converting fetched posts into items, in a second process when there are many.

Converting a body (`convert_html`) is the largest single cost of a first sync, and it needs nothing
but the raw post, so a large sync hands it to one worker process: while the worker converts a
batch, the main process fetches the next one and stores the previous one. A small sync (and the
demo) converts in-process, where starting a worker (about half a second) would cost more than it
saves.

The worker is a fresh interpreter started with `subprocess` (not `multiprocessing`, whose
``spawn`` runs the caller's main script again when it lacks an ``if __name__ == "__main__"``
guard, and whose ``fork`` would copy, and count twice, the memory of the run). It talks over two
pipes, each end read and written by a thread of its own, so that it converts while a batch comes
in and a result goes out: the run may submit `IN_FLIGHT` batches before it asks for the first
result (then neither process waits for the other while it has work). It runs in its own session
(Ctrl-C is the run's to handle: it stops the worker) and exits on its own when its input closes,
which is also what the run's death does.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import traceback
from collections import deque
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from vaultkit.errors import WorkerError
from vaultkit.model import parse
from vaultkit.model.items import Post
from vaultkit.render.html_to_md import convert_html
from vaultkit.sync.state import attach_packed

# Posts to convert before a worker is worth starting.
PARALLEL_FROM = 600
# Batches a run may submit before it asks for the first result.
IN_FLIGHT = 2

# Each post's item (with its stored form attached, see `attach_packed`) and its converter warnings.
Converted = list[tuple[Post, list[str]]]


def convert_posts(raws: list[dict[str, Any]], site: str) -> Converted:
    """Parse raw posts into items, converting their bodies without an image store, and pack the
    items for the database (packing is a good part of a post's cost, so the worker does it too)."""
    out = []
    for raw in raws:
        warnings: list[str] = []

        def to_markdown(html: str) -> str:
            if not html:
                return ""
            conversion = convert_html(html)
            warnings.extend(conversion.warnings)
            return conversion.markdown

        item = parse.parse_post(raw, site, to_markdown)
        out.append((attach_packed(item), warnings))
    return out


class InlineConverter:
    """Converts each batch in this process when its result is asked for (in the order submitted)."""

    def __init__(self, site: str):
        self.site = site
        self._batches: deque[list[dict[str, Any]]] = deque()

    def submit(self, raws: list[dict[str, Any]]) -> None:
        self._batches.append(raws)

    def result(self) -> Converted:
        return convert_posts(self._batches.popleft(), self.site)

    def close(self) -> None:
        pass


class WorkerConverter:
    """Converts batches in a worker process: `submit` up to `IN_FLIGHT` batches, then `result`
    for each, in the order submitted."""

    def __init__(self, site: str):
        self.site = site
        theirs_in, self._to_worker = os.pipe()
        self._from_worker, theirs_out = os.pipe()
        # The parent's import path, so that the worker imports this very vaultkit
        boot = (f"import sys; sys.path[:0] = {sys.path!r}; "
                f"from vaultkit.sync.converter import serve; serve({theirs_in}, {theirs_out})")
        try:
            # its own session: Ctrl-C in the terminal reaches the run, which stops the worker
            self._process = subprocess.Popen([sys.executable, "-c", boot], pass_fds=(theirs_in, theirs_out),
                                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                             start_new_session=True)
        finally:
            os.close(theirs_in)
            os.close(theirs_out)
        self._sending = Connection(self._to_worker, readable=False)
        self._receiving = Connection(self._from_worker, writable=False)

    def submit(self, raws: list[dict[str, Any]]) -> None:
        try:
            self._sending.send((raws, self.site))
        except OSError as error:
            raise self._stopped() from error

    def result(self) -> Converted:
        try:
            ok, value = self._receiving.recv()
        except (EOFError, OSError) as error:
            raise self._stopped() from error
        if not ok:
            raise WorkerError(f"Converting {value}.",
                              hint="This is a bug in vaultkit; please report it with the post's id. "
                                   "What the run stored so far is kept.")
        return value

    def _stopped(self) -> WorkerError:
        try:
            code = self._process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            code = None
        return WorkerError(f"The process converting posts stopped (exit code {code}).",
                           hint="Run the sync again: it continues where this run stopped.")

    @property
    def pid(self) -> int:
        return self._process.pid

    def close(self) -> None:
        """Stop the worker (it finishes the batch in hand at most) and wait for it."""
        self._sending.close()     # the worker sees its input end and returns
        self._receiving.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def post_converter(site: str, posts: int) -> InlineConverter | WorkerConverter:
    """A worker for a sync converting at least `PARALLEL_FROM` posts, in-process below that."""
    parallel = posts >= PARALLEL_FROM and os.name == "posix"   # the worker's pipes need POSIX
    return WorkerConverter(site) if parallel else InlineConverter(site)


def serve(receiving_fd: int, sending_fd: int) -> None:
    """The worker: convert each batch received, until its input closes (the run ended, or died).
    A thread reads the batches and another sends the results, so a result the run has not read
    yet never keeps the worker from converting the next batch."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the main process's to handle
    receiving = Connection(receiving_fd, writable=False)
    sending = Connection(sending_fd, readable=False)
    stopping = threading.Event()
    batches: queue.Queue = queue.Queue(maxsize=IN_FLIGHT)
    results: queue.Queue = queue.Queue(maxsize=IN_FLIGHT)

    def read() -> None:
        try:
            while True:
                batches.put(receiving.recv())
        except (EOFError, OSError):
            stopping.set()
            batches.put(None)

    def send() -> None:
        broken = False   # the run stopped reading: what is left is dropped
        while (result := results.get()) is not None:
            try:
                if not broken:
                    sending.send(result)
            except OSError:
                broken = True
                stopping.set()

    threading.Thread(target=read, daemon=True).start()
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    while (batch := batches.get()) is not None and not stopping.is_set():
        raws, site = batch
        results.put(_convert_reporting(raws, site))
    results.put(None)
    sender.join(timeout=10)


def _convert_reporting(raws: list[dict[str, Any]], site: str) -> tuple[bool, Any]:
    """(True, the converted batch), or (False, what failed and where) for the main process."""
    out: Converted = []
    for raw in raws:
        try:
            out += convert_posts([raw], site)
        except Exception as error:  # noqa: BLE001 -- the main process reports it as an Error line
            last = traceback.extract_tb(error.__traceback__)[-1]
            return False, (f"post {raw.get('_id')}: {type(error).__name__}: {error} "
                           f"({Path(last.filename).name}:{last.lineno})")
    return True, out
