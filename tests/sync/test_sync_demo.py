"""The demo vault: built offline from the bundled snapshot; `sample_vault/` is exactly its output."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from vaultkit.sync.demo import regenerate, sync_demo

from sync_e2e_support import unresolved_links
from vault_builders import snapshot

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_vault"


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    vault = tmp_path_factory.mktemp("demo") / "vault"
    report = sync_demo(vault)
    return vault, report


def test_demo_vault_has_no_unresolved_wikilinks(demo_vault):
    vault, report = demo_vault
    assert report.counts["created"] > 30 and not report.conflicts
    # The one warning the demo data is built to give: a post whose formulas upstream lost.
    assert report.problems == ["post 'Expected Value in One Line': formula lost upstream "
                               "(MathJax 3 without aria-label) (4 times)"]
    assert unresolved_links(vault) == []


def test_demo_rerun_writes_nothing(demo_vault):
    vault, _ = demo_vault
    before = snapshot(vault)
    report = sync_demo(vault)
    assert report.counts["created"] == report.counts["updated"] == 0
    assert snapshot(vault) == before


def _differences(left: Path, right: Path) -> list[str]:
    cmp = filecmp.dircmp(left, right, ignore=[])
    found = [f"only in {left.name}: {n}" for n in cmp.left_only] + \
            [f"only in {right.name}: {n}" for n in cmp.right_only]
    _match, mismatch, errors = filecmp.cmpfiles(left, right, cmp.common_files, shallow=False)
    found += [f"differs: {n}" for n in mismatch + errors]
    for sub in cmp.common_dirs:
        found += [f"{sub}/{d}" for d in _differences(left / sub, right / sub)]
    return found


def test_sample_vault_is_the_current_demo_output(tmp_path):
    fresh = tmp_path / "sample_vault"
    regenerate(fresh)
    assert SAMPLE.is_dir(), "sample_vault/ is missing: python -m vaultkit.sync.demo --regenerate sample_vault"
    assert _differences(fresh, SAMPLE) == [], \
        "sample_vault/ is stale: run `python -m vaultkit.sync.demo --regenerate sample_vault`"
