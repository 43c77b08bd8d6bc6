"""The bundled demo snapshot: a small, original forum snapshot in the stand-in fixture format.

`DEMO_DIR` holds `users.json`, `tags.json`, `posts.json`, `comments.json`, `sequences.json` and
`collections.json` (see docs/fixtures.md); `build.py` regenerates them from `source/`.
"""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
FILE_NAMES = ("users.json", "tags.json", "posts.json", "comments.json", "sequences.json", "collections.json")


def demo_dir() -> Path:
    """The folder holding the demo snapshot's JSON files (serve it with the stand-in server)."""
    return DEMO_DIR
