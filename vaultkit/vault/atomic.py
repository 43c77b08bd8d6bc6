"""Atomic file writes: a reader (Obsidian, a sync service, a crash) never sees half a file."""

from __future__ import annotations

import ctypes
import errno
import itertools
import os
import stat
import sys
from pathlib import Path

from vaultkit.errors import WriteError

TEMP_PREFIX = ".vaultkit-"
TEMP_SUFFIX = ".tmp"


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_NEW_FILE_MODE = _default_mode()


def write_atomic(path: Path, data: str | bytes) -> bool:
    """Write `data` to `path` atomically, unless the file already holds exactly these bytes.

    Text is encoded as UTF-8 and written as is (callers use ``\\n`` line endings). The data goes to a
    temporary file in the same folder, is flushed to disk, and then replaces the target with
    `os.replace`, so a kill at any moment leaves either the old file or the new one. Returns True
    when the file was written, False when it was already up to date.
    """
    with WriteBatch() as batch:
        return batch.write(path, data)


class WriteBatch:
    """Many atomic writes made durable together (`write_atomic` is a batch of one).

    `write` puts each file's bytes into a temporary file beside it; leaving the ``with`` block
    flushes them all to disk at once, renames each over its target and makes the folders durable,
    one sync per batch instead of one per file (which was most of a first sync's time). A kill at
    any moment still leaves every target either old or new; the temporary files a kill leaves are
    what `remove_stale_temp_files` deletes. If the block raises, nothing is renamed.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[str, Path]] = []   # (temporary file, target)

    def __enter__(self) -> "WriteBatch":
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self._discard()

    def write(self, path: Path, data: str | bytes) -> bool:
        """Stage `data` for `path`; False (and nothing staged) when the file already holds it."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        path = Path(path)
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):
                # os.replace would put a file in place of a device, pipe or folder (as root: /dev/full)
                raise WriteError(path, OSError(errno.EEXIST, "it is not a regular file"),
                                 hint="Give the path of a file to write (a new name, or a file to replace).")
            if st.st_size == len(payload) and path.read_bytes() == payload:
                return False
            mode: int | None = st.st_mode & 0o7777
        except FileNotFoundError:
            mode = None
        except WriteError:
            raise
        except OSError as error:  # e.g. a file where a folder of the path should be
            raise WriteError(path, error) from error
        try:
            self._staged.append((_write_temp(path, payload, mode), path))
        except OSError as error:
            self._discard()
            raise WriteError(path, error) from error
        return True

    def commit(self) -> None:
        """Flush the staged files to disk, rename each over its target, sync their folders."""
        staged, self._staged = self._staged, []
        if not staged:
            return
        try:
            _flush_to_disk([tmp for tmp, _path in staged])
        except OSError as error:
            self._staged = staged
            self._discard()
            raise WriteError(staged[0][1], error) from error
        for index, (tmp, path) in enumerate(staged):
            try:
                os.replace(tmp, path)
            except OSError as error:
                self._staged = staged[index:]
                self._discard()
                raise WriteError(path, error) from error
        if len(staged) > 1:  # a single write keeps the cost it always had
            for folder in dict.fromkeys(path.parent for _tmp, path in staged):
                _sync_folder(folder)

    def _discard(self) -> None:
        for tmp, _path in self._staged:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        self._staged = []


_temp_names = itertools.count()


def _write_temp(path: Path, payload: bytes, mode: int | None) -> str:
    """A new temporary file beside `path` holding `payload`, with `path`'s `mode` (None for a new
    file: 0o666 minus the umask, like any new file). Named by process id and a counter:
    `tempfile.mkstemp`'s random names cost more than the write itself, and a name left by a
    killed run with the same pid is simply skipped."""
    if mode is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = os.path.join(path.parent, f"{TEMP_PREFIX}{os.getpid()}-{next(_temp_names)}{TEMP_SUFFIX}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            break
        except FileExistsError:
            continue
    try:
        if mode is not None and mode != _NEW_FILE_MODE:
            os.fchmod(fd, mode)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def _flush_to_disk(files: list[str]) -> None:
    """Make the bytes of `files` durable: one `syncfs` of their file system where Linux offers
    it (all written, one journal commit), else one `fsync` each."""
    if len(files) > 1 and _syncfs is not None:
        fd = os.open(files[0], os.O_RDONLY)
        try:
            if _syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for name in files:
        fd = os.open(name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (not possible, nor needed, on every platform)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _find_syncfs():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


_syncfs = _find_syncfs()


def remove_stale_temp_files(root: Path) -> int:
    """Delete temporary files that a killed run left behind under `root`; returns how many.

    Only names made by `write_atomic` are touched, so nothing of the user's can match.
    """
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                try:
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
                except FileNotFoundError:
                    pass
    return removed
