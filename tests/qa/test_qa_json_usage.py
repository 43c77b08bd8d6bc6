"""With `--json`, a usage error (unknown option, bad value) is one JSON object on stdout too."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app

CASES = [
    ["check", ".", "--json", "--bogus"],
    ["sync", ".", "--json", "--min-karma", "abc"],
    ["progress", ".", "--json", "--folder"],
    ["export", "graph", ".", "--json", "--bogus"],
    ["export", "anki", ".", "--json", "--bogus"],
    ["tag", ".", "--json", "--bogus"],
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_a_usage_error_with_json_is_json_on_stdout(args):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert error["exit_code"] == 2 and error["error"] and "-h" in error["hint"]
    assert "Traceback" not in result.output


def test_without_json_stdout_stays_empty():
    result = CliRunner().invoke(app, ["check", ".", "--bogus"])
    assert result.exit_code == 2 and result.stdout == ""
