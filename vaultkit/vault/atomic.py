"""Atomic file writes: a reader (Obsidian, a sync service, a crash) never sees half a file."""

from __future__ import annotations

import ctypes
import errno
import itertools
import os
import stat
import sys
from pathlib import Path
from typing import Iterable, Union

from vaultkit.errors import WriteError

TEMP_PREFIX = ".vaultkit-"
TEMP_SUFFIX = ".tmp"
BLOCK = 1 << 20  # bytes: a streamed file is written and compared this much at a time

# What a write takes: the whole file as text or bytes, or its pieces in order (an iterator of str or
# bytes chunks), streamed to disk so that a file of any size never sits in memory whole.
Data = Union[str, bytes, Iterable[Union[str, bytes]]]


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_NEW_FILE_MODE = _default_mode()


def write_atomic(path: Path, data: Data) -> bool:
    """Write `data` to `path` atomically, unless the file already holds exactly these bytes.

    Text is encoded as UTF-8 and written as is (callers use ``\\n`` line endings). The data goes to a
    temporary file in the same folder, is flushed to disk, and then replaces the target with
    `os.replace`, so a kill at any moment leaves either the old file or the new one. Returns True
    when the file was written, False when it was already up to date.

    `data` may also be an iterable of str or bytes chunks: they are written to the temporary file
    as they come and compared with the existing file read alongside, so neither file is ever held
    in memory whole; when they turn out to be the file's bytes, the temporary file is deleted and
    the target left untouched. Before it starts, a streamed write deletes the temporary files that
    killed runs left in the target's folder (see `remove_orphaned_temp_files`).
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

    def write(self, path: Path, data: Data) -> bool:
        """Stage `data` (text, bytes or chunks of either) for `path`; False (and nothing staged)
        when the file already holds exactly these bytes."""
        path = Path(path)
        whole = isinstance(data, (str, bytes))
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):
                # os.replace would put a file in place of a device, pipe or folder (as root: /dev/full)
                raise WriteError(path, OSError(errno.EEXIST, "it is not a regular file"),
                                 hint="Give the path of a file to write (a new name, or a file to replace).")
            if whole and st.st_size == len(payload) and _holds(path, (payload,)):
                return False
            mode: int | None = st.st_mode & 0o7777
        except FileNotFoundError:
            mode = None
        except WriteError:
            raise
        except OSError as error:  # e.g. a file where a folder of the path should be
            raise WriteError(path, error) from error
        try:
            if not whole:
                remove_orphaned_temp_files(path.parent)
            tmp = _write_temp(path, payload, mode, compare=not whole and mode is not None)
            if tmp is None:  # the chunks were the file's bytes
                return False
            self._staged.append((tmp, path))
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


def would_write(path: Path, data: Data) -> bool:
    """Whether `write_atomic(path, data)` would write the file: False when it already holds
    exactly these bytes. Writes nothing; chunks are compared as they come, and no further than
    the first difference."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return True
    if not stat.S_ISREG(st.st_mode):
        return True
    chunks = (data,) if isinstance(data, (str, bytes)) else data
    try:
        return not _holds(path, chunks)
    except OSError:
        return True


class _Comparison:
    """Whether the bytes fed in so far are the start of `path`'s bytes, read alongside in step
    (a block at a time: neither side is ever held whole)."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")  # closed at the first difference, by `same` or by `close`
        self.equal = True

    def feed(self, data: bytes) -> None:
        if not self.equal:
            return
        view = memoryview(data)
        for start in range(0, len(view), BLOCK):
            part = view[start:start + BLOCK]
            if self._file.read(len(part)) != part:
                self.equal = False
                self._file.close()
                return

    def same(self) -> bool:
        """True when the bytes fed in are the whole file (it has no more)."""
        if self.equal and self._file.read(1):
            self.equal = False
        self._file.close()
        return self.equal

    def close(self) -> None:
        self._file.close()


def _encoded(chunks: Iterable[str | bytes]) -> Iterable[bytes]:
    for chunk in chunks:
        yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def _holds(path: Path, chunks: Iterable[str | bytes]) -> bool:
    """Whether `path` holds exactly the bytes of `chunks`; stops reading at the first difference."""
    comparison = _Comparison(path)
    try:
        for block in _encoded(chunks):
            comparison.feed(block)
            if not comparison.equal:
                return False
        return comparison.same()
    finally:
        comparison.close()


def _write_temp(path: Path, data: bytes | Iterable[str | bytes], mode: int | None, *,
                compare: bool = False) -> str | None:
    """A new temporary file beside `path` holding `data` (bytes, or chunks of str or bytes), with
    `path`'s `mode` (None for a new file: 0o666 minus the umask, like any new file). Named by
    process id and a counter: `tempfile.mkstemp`'s random names cost more than the write itself,
    and a name left by a killed run with the same pid is simply skipped. With `compare`, the
    chunks are also compared with `path` as they are written; when they are its very bytes the
    temporary file is deleted and None returned."""
    if mode is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = os.path.join(path.parent, f"{TEMP_PREFIX}{os.getpid()}-{next(_temp_names)}{TEMP_SUFFIX}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            break
        except FileExistsError:
            continue
    comparison = None
    try:
        if mode is not None and mode != _NEW_FILE_MODE:
            os.fchmod(fd, mode)
        if isinstance(data, bytes):  # the whole file: written as is, no buffer to fill
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        else:
            comparison = _Comparison(path) if compare else None
            with open(fd, "wb", buffering=BLOCK, closefd=False) as out:
                for block in _encoded(data):
                    out.write(block)
                    if comparison is not None:
                        comparison.feed(block)
        if comparison is not None and comparison.same():
            os.close(fd)
            os.unlink(tmp)
            return None
    except BaseException:
        if comparison is not None:
            comparison.close()
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
    return _remove(os.path.join(dirpath, name) for dirpath, _dirnames, filenames in os.walk(root)
                   for name in filenames if _is_temp_name(name))


def remove_orphaned_temp_files(folder: Path) -> int:
    """Delete the temporary files in `folder` (not below it) whose writing process has ended;
    returns how many. A streamed write calls this first, so the temporary file a killed export
    left beside its target is gone by the next run, while a write still running in another
    process (a sync into the same folder) keeps its own. Where processes cannot be asked after
    (not POSIX), nothing is deleted."""
    if os.name != "posix":
        return 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    return _remove(os.path.join(folder, name) for name in names
                   if _is_temp_name(name) and not _writer_alive(name))


def _remove(paths: Iterable[str]) -> int:
    removed = 0
    for path in paths:
        try:
            os.unlink(path)
            removed += 1
        except FileNotFoundError:
            pass
    return removed


def _is_temp_name(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _writer_alive(name: str) -> bool:
    """Whether the process that named this temporary file (`.vaultkit-<pid>-<n>.tmp`) still runs;
    True when the name tells no process id (an older form), or when it cannot be known."""
    pid = name[len(TEMP_PREFIX):-len(TEMP_SUFFIX)].split("-", 1)[0]
    if not pid.isdigit():
        return True
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process
        return True
    return True
