"""Fixture data for the stand-in server: documents stored like database rows (see docs/fixtures.md).

A `Fixtures` holds one dict per collection, keyed by `_id`. References between documents are ids;
the server resolves them when a query asks for the nested object, as the real API does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.errors import ConfigError

COLLECTION_FILES = ("users", "tags", "posts", "comments", "sequences", "collections")


@dataclass
class Fixtures:
    """Every document the stand-in serves, by collection name and then by `_id`."""

    users: dict[str, dict] = field(default_factory=dict)
    tags: dict[str, dict] = field(default_factory=dict)
    posts: dict[str, dict] = field(default_factory=dict)
    comments: dict[str, dict] = field(default_factory=dict)
    sequences: dict[str, dict] = field(default_factory=dict)
    collections: dict[str, dict] = field(default_factory=dict)

    def add(self, collection: str, rows: list[dict]) -> None:
        """Add rows to a collection (later rows with the same `_id` replace earlier ones)."""
        table = getattr(self, collection)
        for row in rows:
            table[row["_id"]] = row

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in COLLECTION_FILES}


def load_fixtures(folder: Path) -> Fixtures:
    """Read `<collection>.json` files (each a JSON list of objects) from `folder`.

    Missing files mean an empty collection. A file that is not a list of objects with `_id`
    raises `ConfigError` naming the file.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigError(f"Fixture folder {folder} does not exist.",
                          hint="Pass a folder with users.json, posts.json, … "
                               "(see docs/fixtures.md).")
    fixtures = Fixtures()
    for name in COLLECTION_FILES:
        path = folder / f"{name}.json"
        if not path.exists():
            continue
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ConfigError(f"Fixture file {path} could not be read: {error}",
                              hint="It must be UTF-8 JSON: a list of objects.") from error
        if not isinstance(rows, list) or not all(isinstance(r, dict) and "_id" in r for r in rows):
            raise ConfigError(f"Fixture file {path} is not a list of objects with an `_id`.",
                              hint="See docs/fixtures.md for the format.")
        fixtures.add(name, rows)
    return fixtures
