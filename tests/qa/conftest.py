"""Fixtures for the QA tests: the stand-in serving the bundled demo data on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from vaultkit.fetch.standin import Faults, StandinServer, load_fixtures
from vaultkit.sync.demo import DEMO_DIR


@pytest.fixture(scope="module")
def demo_forum():
    """A stand-in with the demo snapshot; tests set `server.faults` fields and reset them."""
    with StandinServer(load_fixtures(DEMO_DIR), faults=Faults()) as server:
        yield server


@pytest.fixture(scope="module")
def demo_post_id() -> str:
    return json.loads((DEMO_DIR / "posts.json").read_text(encoding="utf-8"))[0]["_id"]


@pytest.fixture
def blocked_vault(tmp_path):
    """A demo vault whose `.vaultkit` is a file, so nothing can be written inside it (as root too)."""
    import shutil

    from vaultkit.sync.demo import sync_demo

    vault = tmp_path / "v"
    sync_demo(vault)
    shutil.rmtree(vault / ".vaultkit")
    (vault / ".vaultkit").write_text("not a folder")
    return vault


@pytest.fixture(scope="module")
def built_vault(tmp_path_factory):
    """A demo vault built once per test module; copy it (`vault`) before changing anything."""
    from vaultkit.sync.demo import sync_demo

    vault = tmp_path_factory.mktemp("demo") / "v"
    sync_demo(vault)
    return vault


@pytest.fixture
def vault(tmp_path, built_vault):
    """A fresh copy of the demo vault, two folders down (so `../../x` would still be in tmp_path)."""
    import shutil

    target = tmp_path / "a" / "b" / "v"
    shutil.copytree(built_vault, target, symlinks=True)
    return target
