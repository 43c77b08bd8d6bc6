"""`vaultkit sync --demo`: a real sync against the stand-in server serving the bundled demo data.

The demo selects everything in the snapshot (its collections, sequences and every post), with
concept and comment notes. The `synced` date is fixed to the newest `modifiedAt` of the data, so
the output never depends on today's date: ``sample_vault/`` in the repository is exactly this
output (without ``.vaultkit/``, which holds caches and file times), and

    python -m vaultkit.sync.demo --regenerate sample_vault

rebuilds it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

from vaultkit.config import Selection, load_settings
from vaultkit.errors import ConfigError
from vaultkit.fetch.standin import Faults, StandinServer, load_fixtures
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.resources import PACKAGE_DIR
from vaultkit.sync.engine import SyncOptions, SyncReport, check_delay, sync_vault
from vaultkit.vault.folder import SETTINGS_NAME, STATE_FOLDER

DEMO_DIR = PACKAGE_DIR / "demo"


def _rows(name: str, data_dir: Path) -> list[dict]:
    path = data_dir / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def demo_selections(data_dir: Path = DEMO_DIR) -> tuple[list[Selection], dt.date]:
    """Everything in the snapshot (its collections and sequences, and the whole site), with
    concepts and comments, and the date to stamp as `synced`."""
    posts = _rows("posts", data_dir)
    if not posts:
        raise ConfigError(f"The demo data in {data_dir} has no posts.",
                          hint="Reinstall vaultkit; the demo snapshot ships with the package.")
    first = min(p["postedAt"] for p in posts)[:10]
    newest = max((p.get("modifiedAt") or p["postedAt"]) for p in posts)[:10]
    select = [Selection(collections=[c["_id"] for c in _rows("collections", data_dir)],
                        sequences=[s["_id"] for s in _rows("sequences", data_dir)],
                        concepts=True, comments=True),
              Selection(since=first, concepts=True, comments=True)]
    return select, dt.date.fromisoformat(newest)


def refuse_non_demo_vault(vault: Path) -> None:
    """`--demo` writes fictional posts: only into a new or empty folder, or a demo vault."""
    vault = Path(vault)
    if not vault.is_dir() or not any(vault.iterdir()):
        return
    if (vault / SETTINGS_NAME).exists() and load_settings(vault).demo:
        return
    raise ConfigError(f"{vault} is not a demo vault; --demo would mix fictional posts into it.",
                      hint="Give --demo a new or empty folder, e.g. `vaultkit sync --demo ./demo-vault`; "
                           "nothing was written.")


def refuse_forum_selection(vault: Path, options: SyncOptions) -> None:
    """A demo vault syncs only the bundled snapshot: a selection or forum given for it would be
    read from the snapshot, not the forum, and saved as if it had been."""
    given = options.select
    named = [flag for flag, value in (("--site", options.site), ("--endpoint", options.endpoint))
             if value]
    selection = not given.is_empty() or given.has_options()
    if not selection and not named:
        return
    what = "a selection" if selection else " and ".join(named)
    raise ConfigError(f"{vault} is a demo vault: it syncs only the bundled demo data, so {what} "
                      "cannot be added to it.",
                      hint="Sync the forum into another folder, e.g. `vaultkit sync ./my-vault "
                           "--post URL`; nothing was written.")


def sync_demo(vault: Path, options: SyncOptions | None = None, *, data_dir: Path = DEMO_DIR,
              progress: Progress = NULL_PROGRESS) -> SyncReport:
    """Build or update `vault` from the demo snapshot, offline (loopback only)."""
    options = options or SyncOptions()
    refuse_non_demo_vault(vault)
    refuse_forum_selection(vault, options)
    check_delay(options.delay)  # the demo needs none, but a bad value is still the user's mistake
    options.preset, synced = demo_selections(data_dir)
    options.today = options.today or synced
    options.demo = True
    options.site, options.delay = "lesswrong", 0
    with StandinServer(load_fixtures(data_dir), faults=Faults()) as server:
        options.endpoint = server.url
        return sync_vault(vault, options, progress=progress)


def regenerate(target: Path) -> None:
    """Rebuild `target` (e.g. ``sample_vault/``) as a fresh demo vault without ``.vaultkit/``."""
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "vault"
        sync_demo(built)
        shutil.rmtree(built / STATE_FOLDER)
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(built, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vaultkit.sync.demo",
                                     description="Rebuild the sample vault from the demo data.")
    parser.add_argument("--regenerate", type=Path, required=True, metavar="DIR",
                        help="folder to (re)build, e.g. sample_vault")
    args = parser.parse_args(argv)
    regenerate(args.regenerate)
    print(f"Rebuilt {args.regenerate}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
