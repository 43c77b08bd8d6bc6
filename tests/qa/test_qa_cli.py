"""The CLI as a reader of `--help` and of its messages expects it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()
COMMANDS = [["sync"], ["tag"], ["check"], ["progress"], ["export", "anki"], ["export", "graph"], []]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c) or "root")
def test_help_shows_no_value_type_after_flags_and_reflows_prose(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.output and "list[str]" not in result.output


def test_help_paragraphs_are_not_hard_wrapped():
    result = runner.invoke(app, ["sync", "--help"], env={"COLUMNS": "200"})
    assert ("a plain `vaultkit sync VAULT` repeats every saved selection and fetches only what "
            "changed.") in result.output


@pytest.mark.parametrize("flag", ["-v", "--verbose"])
def test_verbose_works_after_the_subcommand(tmp_path, flag):
    result = runner.invoke(app, ["check", str(tmp_path / "missing"), flag])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: The vault folder")
    assert "Traceback" in result.stderr          # --verbose shows the details


def test_quiet_works_after_the_subcommand(vault):
    result = runner.invoke(app, ["check", str(vault), "-q"])
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize("args", [["check", "{v}", "--json"], ["progress", "{v}", "--json"],
                                  ["export", "graph", "{v}", "-o", "{v}/../g.json", "--json"],
                                  ["tag", "{v}", "--json"], ["sync", "{v}", "--json"],
                                  ["export", "anki", "{v}", "-o", "{v}/../d.apkg", "--json"]],
                         ids=lambda a: a[0] + a[1][:1])
def test_json_errors_are_json(tmp_path, args):
    missing = tmp_path / "missing"
    result = runner.invoke(app, [a.format(v=missing) for a in args])
    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert error["error"].startswith(("The vault folder", "Nothing to sync")) and error["hint"]
    assert error["exit_code"] == 2


@pytest.mark.parametrize("broken", [("vaultkit.toml", "select = ["), (".obsidian/types.json", '{"types": {,}')])
def test_unreadable_settings_are_reported_by_every_command(tmp_path, vault, broken):
    rel, text = broken
    (vault / rel).write_text(text, encoding="utf-8")
    check = runner.invoke(app, ["check", str(vault)])
    assert check.exit_code == 1
    assert f"{rel}: [invalid-settings] cannot be read" in check.output
    assert "No problems" not in check.output
    for args in (["tag", str(vault)], ["progress", str(vault), "--no-write"],
                 ["export", "graph", str(vault), "-o", str(tmp_path / "g.graphml")],
                 ["export", "anki", str(vault), "-o", str(tmp_path / "d.apkg")]):
        result = runner.invoke(app, args)
        assert f"Warning: {rel} cannot be read" in result.stderr, args


def test_counts_are_singular_for_one(vault):
    note = vault / "Mine.md"
    note.write_text("See [[Nowhere at all]].\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(vault)])
    assert "1 problem in " in result.output and "1 problems" not in result.output


@pytest.mark.parametrize("args", [["--demo"], ["--endpoint", "http://127.0.0.1:9/graphql", "--post", "x"]])
def test_a_negative_delay_is_refused_with_or_without_the_demo(tmp_path, args):
    vault = tmp_path / "v"
    result = runner.invoke(app, ["sync", str(vault), "--delay", "-1", *args])
    assert result.exit_code != 0
    assert "Error: --delay must be 0 or more seconds, not -1." in result.output
    assert not vault.exists()
