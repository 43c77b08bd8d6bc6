"""The `vaultkit sync` entry point: a vault syncs from the forum, a demo vault from the snapshot."""

from __future__ import annotations

from pathlib import Path

from vaultkit.config import load_settings
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.sync.demo import sync_demo
from vaultkit.sync.engine import SyncOptions, SyncReport, sync_vault


def sync(vault: Path, options: SyncOptions, *, progress: Progress = NULL_PROGRESS) -> SyncReport:
    """Sync `vault`: from the forum, or from the bundled demo data for a demo vault."""
    if options.demo or load_settings(Path(vault)).demo:
        return sync_demo(vault, options, progress=progress)
    return sync_vault(vault, options, progress=progress)
