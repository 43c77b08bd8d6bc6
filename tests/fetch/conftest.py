"""Fixtures for the fetch tests: a small hand-written forum, the stand-in serving it on an
ephemeral loopback port, and clients pointed at it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vaultkit.fetch.forum import open_client
from vaultkit.vault.database import Database
from vaultkit.fetch.standin import Faults, StandinServer, load_fixtures

from small_forum import forum_rows


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("forum")
    for name, rows in forum_rows().items():
        (folder / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")
    return folder


@pytest.fixture
def standin(fixture_dir):
    with StandinServer(load_fixtures(fixture_dir), faults=Faults()) as server:
        yield server


@pytest.fixture
def client(standin, tmp_path):
    database = Database.in_folder(tmp_path / ".vaultkit")
    with open_client(endpoint=standin.url, cache_db=database) as forum:
        yield forum
    database.close()


@pytest.fixture(scope="session")
def upstream_schema_path() -> Path:
    """The upstream LessWrong SDL, beside the project (or under $VAULTKIT_SHARED_DIR)."""
    beside = Path(__file__).resolve().parents[2] / ".." / "shared" / "lesswrong" / "schema.graphql"
    if beside.exists():
        return beside
    shared = os.environ.get("VAULTKIT_SHARED_DIR")
    if shared and (Path(shared) / "lesswrong" / "schema.graphql").exists():
        return Path(shared) / "lesswrong" / "schema.graphql"
    pytest.skip("LessWrong SDL not found at ../shared/lesswrong/schema.graphql (upstream GPL data, "
                "deliberately not vendored); GraphQL contract test skipped")
