"""Running real syncs against the stand-in server, and looking at the vault they leave."""

from __future__ import annotations

import copy
from pathlib import Path

from vaultkit.analyse.graph import NAME_KEYS
from vaultkit.config import Selection
from vaultkit.vault.links import LinkResolver, iter_property_links, iter_wikilinks
from vaultkit.vault.notes import Note, read_note
from vaultkit.vault.scan import iter_note_paths, iter_vault_files

from sync_helpers import TODAY, forum_id
from vault_builders import snapshot  # noqa: F401 -- still importable from here for older tests


SEQUENCE_SELECTION = Selection(collections=[forum_id("colone", 1)], posts=[forum_id("post", 3)],
                                concepts=True, comments=True)


def fixtures_from(rows: dict[str, list[dict]]):
    from vaultkit.fetch.standin import Fixtures

    fixtures = Fixtures()
    for name, table in rows.items():
        fixtures.add(name, copy.deepcopy(table))
    return fixtures


def run_sync(vault: Path, rows: dict[str, list[dict]], select: Selection | None = None, **options):
    """One `sync_vault` run against a fresh stand-in serving `rows`."""
    from vaultkit.fetch.forum import open_client
    from vaultkit.fetch.standin import StandinServer
    from vaultkit.sync.engine import SyncOptions, sync_vault

    with StandinServer(fixtures_from(rows)) as server:
        client = open_client(site="lesswrong", endpoint=server.url, min_interval=0,
                             cache_db=None)
        opts = SyncOptions(select=select or Selection(), today=TODAY, **options)
        return sync_vault(vault, opts, client=client)


def cli_sync(vault: Path, rows: dict[str, list[dict]], args: list[str]):
    """`vaultkit sync VAULT --endpoint … ARGS` through Typer's runner."""
    from typer.testing import CliRunner

    from vaultkit.cli import app
    from vaultkit.fetch.standin import StandinServer

    with StandinServer(fixtures_from(rows)) as server:
        return CliRunner().invoke(app, ["sync", str(vault), "--endpoint", server.url,
                                        "--delay", "0", *args])


def notes_by_id(vault: Path) -> dict[str, Note]:
    notes = {}
    for path in iter_note_paths(vault):
        note = read_note(path, vault)
        if note.properties.get("lw_id"):
            notes[note.properties["lw_id"]] = note
    return notes


def unresolved_links(vault: Path) -> list[tuple[str, str]]:
    """(note, target) for every wikilink, in bodies and properties, that resolves to nothing.

    The `title` property is the exact upstream title, a name and not a reference (as in the graph).
    """
    files = [p.relative_to(vault).as_posix() for p in iter_vault_files(vault)]
    resolver = LinkResolver(files)
    missing = []
    for path in iter_note_paths(vault):
        note = read_note(path, vault)
        links = list(iter_wikilinks(note.body)) + [link for k, link in iter_property_links(note.properties)
                                                if k not in NAME_KEYS]
        for link in links:
            if resolver.resolve(link.target, note.rel) is None:
                missing.append((note.rel, link.target))
    return missing
