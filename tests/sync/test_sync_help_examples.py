"""The examples in `vaultkit sync --help` run, in order, against a stand-in forum that holds
documents under the real ids they name."""

from __future__ import annotations

import copy
import re
import shlex

from typer.testing import CliRunner

from vaultkit.cli import app
from vaultkit.model.sites import collection_alias

from sync_e2e_support import cli_sync
from sync_helpers import small_forum

REAL_SEQUENCE = "mzgtmmTKKn5MuCzFJ"   # AGI safety from first principles (lesswrong.com/s/…)


def _forum_with_real_ids() -> dict[str, list[dict]]:
    rows = copy.deepcopy(small_forum())
    rows["sequences"][0]["_id"] = REAL_SEQUENCE
    rows["collections"][0]["_id"] = collection_alias("rationality-a-z")
    rows["collections"][0]["books"][0]["sequenceIds"] = [REAL_SEQUENCE]
    for name in ("codex", "hpmor"):   # --library asks for all three
        rows["collections"].append({"_id": collection_alias(name), "slug": name, "title": name,
                                    "books": []})
    rows["tags"][0]["slug"] = "ai"
    return rows


def _examples() -> list[list[str]]:
    help_text = CliRunner().invoke(app, ["sync", "--help"], terminal_width=200).stdout
    return [shlex.split(line.strip(), comments=True)[2:] for line in help_text.splitlines()
            if re.match(r"^\s*vaultkit sync ", line)]


def test_every_sync_help_example_runs(tmp_path):
    examples = _examples()
    assert len(examples) >= 4
    for args in examples:
        args = [str(tmp_path / a[2:]) if a.startswith("./") else a for a in args]
        if "--demo" in args:
            result = CliRunner().invoke(app, ["sync", *args])
        else:
            vault, rest = args[0], args[1:]
            result = cli_sync(tmp_path / vault, _forum_with_real_ids(), rest)
        assert result.exit_code == 0, (args, result.output)
