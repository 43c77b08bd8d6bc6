"""`sync` says once that it cannot read `.obsidian/types.json`, and never rewrites the user's file."""

from __future__ import annotations

import shutil

import pytest

from vaultkit.sync.demo import sync_demo
from vaultkit.sync.engine import SyncOptions


def _types_warnings(report) -> list[str]:
    return [p for p in report.problems if ".obsidian/types.json" in p]


@pytest.mark.parametrize("dry_run", [False, True], ids=["sync", "dry-run"])
def test_an_unreadable_types_json_is_reported_once_and_left_alone(vault, dry_run):
    types = vault / ".obsidian" / "types.json"
    types.write_bytes(b'{"types": {"title": "text",')  # cut short by the user's editor

    report = sync_demo(vault, SyncOptions(dry_run=dry_run))

    assert len(_types_warnings(report)) == 1
    assert types.read_bytes() == b'{"types": {"title": "text",'


@pytest.mark.parametrize("content", [b'{"types": ["text"]}', b"[1, 2]", b"\xff\xfe not utf-8"])
def test_a_set_up_beside_a_types_json_it_cannot_use_warns_and_keeps_it(vault, content):
    shutil.rmtree(vault / ".vaultkit")  # the next run sets the vault up again, as a first sync does
    (vault / ".obsidian" / "types.json").write_bytes(content)

    report = sync_demo(vault)

    assert report.counts["unchanged"] > 0
    assert len(_types_warnings(report)) == 1
    assert (vault / ".obsidian" / "types.json").read_bytes() == content
