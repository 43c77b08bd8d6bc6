"""One run at a time per vault: an OS file lock (`filelock`: flock on Unix) on `.vaultkit/vault.lock`.

The kernel releases the lock when its holder dies, even by kill -9, so a killed run never blocks
the next one. While it holds the lock, a run keeps its PID in `.vaultkit/lock` and removes that
file when it finishes: a PID found there by the next holder means the last run was killed, and a
refused run can say which process holds the vault. (The lock file itself is never rewritten, so
a run that changes nothing writes no file.)
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from vaultkit.errors import VaultLockedError, WriteError
from vaultkit.vault.atomic import write_atomic

LOCK_NAME = "vault.lock"
OWNER_NAME = "lock"


def _owner(marker: Path) -> int | None:
    try:
        return int(marker.read_text().strip() or 0) or None
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def vault_lock(state_dir: Path) -> Iterator[bool]:
    """Hold the vault's lock in `state_dir` for the duration of the block; `VaultLockedError`
    when another process holds it.

    Yields True when the last holder did not finish (it was killed), i.e. the last run was cut
    short and this one must repair what it left.
    """
    lock_path, marker = state_dir / LOCK_NAME, state_dir / OWNER_NAME
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(lock_path, error) from error
    # No soft fallback: a lock the kernel does not release when its holder dies is what we replace.
    lock = FileLock(lock_path, timeout=0, thread_local=False, preserve_lock_file=True)
    try:
        lock.acquire()
    except Timeout:
        owner = _owner(marker)
        holder = f"process {owner}" if owner else "another process"
        raise VaultLockedError(f"Another vaultkit run ({holder}) is working on this vault.",
                               hint="Wait for it to finish, then run the command again.") from None
    except OSError as error:
        raise WriteError(lock_path, error) from error
    try:
        took_over = marker.exists()
        write_atomic(marker, str(os.getpid()))
        yield took_over
    finally:
        with contextlib.suppress(FileNotFoundError):
            marker.unlink()
        lock.release()
