"""One sync at a time per vault: a lock file holding the owner's PID.

A lock left by a process that no longer exists (a run killed with kill -9) is taken over.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

from vaultkit.errors import VaultLockedError
from vaultkit.vault.atomic import WriteError

LOCK_NAME = "lock"


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip() or 0)
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def vault_lock(state_dir: Path) -> Iterator[bool]:
    """Hold ``<state_dir>/lock`` for the duration of the block.

    Yields True when the lock was taken over from a dead process, i.e. the last run was killed.
    """
    lock = state_dir / LOCK_NAME
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(lock, error) from error
    took_over = False
    for _attempt in range(3):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            pid = _owner(lock)
            if pid is not None and pid != os.getpid() and _alive(pid):
                raise VaultLockedError(
                    f"Another vaultkit run (process {pid}) is working on this vault.",
                    hint=f"Wait for it to finish. If no vaultkit is running, delete {lock}.") from None
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()  # stale: its owner is gone
            took_over = True
            continue
        except OSError as error:
            raise WriteError(lock, error) from error
        with os.fdopen(fd, "w") as handle:
            handle.write(str(os.getpid()))
        break
    else:
        raise VaultLockedError(f"Could not take the lock {lock}.", hint="Run the command again.")
    try:
        yield took_over
    finally:
        if _owner(lock) == os.getpid():
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
