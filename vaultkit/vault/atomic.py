"""Atomic file writes: a reader (Obsidian, a sync service, a crash) never sees half a file."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
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
    except FileNotFoundError:
        pass
    except WriteError:
        raise
    except OSError as error:  # e.g. a file where a folder of the path should be
        raise WriteError(path, error) from error
    try:
        _replace(path, payload)
    except WriteError:
        raise
    except OSError as error:
        raise WriteError(path, error) from error
    return True


def _replace(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _NEW_FILE_MODE
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise


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
