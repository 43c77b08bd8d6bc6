"""Bad input on the command line: `Error: …` naming the thing, a hint, a non-zero exit, no traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()

COMMANDS = [["sync", "{vault}", "--post", "abc"], ["tag", "{vault}"],
            ["export", "anki", "{vault}", "-o", "{tmp}/deck.apkg"]]


def _run(args: list[str], vault, tmp_path):
    result = runner.invoke(app, [a.format(vault=vault, tmp=tmp_path) for a in args])
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_vault_that_is_a_file_is_named_as_a_file(tmp_path, args):
    target = tmp_path / "notes.md"
    target.write_text("my note")
    result = _run(args, target, tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {target} is a file, not a vault folder.")
    assert "./my-vault" in result.stderr
    assert target.read_text() == "my note"


@pytest.mark.parametrize("args", COMMANDS[1:], ids=lambda a: a[0])
def test_missing_vault_is_named(tmp_path, args):
    result = _run(args, tmp_path / "nowhere", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: The vault folder {tmp_path / 'nowhere'} does not exist.")


def test_a_cause_already_in_the_message_is_not_repeated(tmp_path):
    (tmp_path / "vaultkit.toml").write_text('select = [\n', encoding="utf-8")
    result = runner.invoke(app, ["sync", str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: Cannot read {tmp_path / 'vaultkit.toml'}")
    assert "(cause:" not in result.stderr and "Traceback" not in result.output
    assert (tmp_path / "vaultkit.toml").read_text() == 'select = [\n'


# `export anki` writes only its -o file; a read-only vault is fine for it (test_qa_readonly.py)
@pytest.mark.parametrize("args", [["sync", "{vault}"], ["tag", "{vault}", "--concepts"]],
                         ids=lambda a: a[0] + a[1][:1])
def test_unwritable_state_folder_is_an_error_not_a_traceback(tmp_path, blocked_vault, args):
    vault = blocked_vault
    notes = {p: p.read_bytes() for p in vault.rglob("*.md")}
    result = _run(args, vault, tmp_path)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: Cannot ") and str(vault / ".vaultkit") in result.stderr
    assert "(cause:" not in result.stderr
    if args[0] != "tag":  # the tagger's labels may land before its own state fails to save
        assert {p: p.read_bytes() for p in vault.rglob("*.md")} == notes


def test_unwritable_output_is_an_error(tmp_path):
    from vaultkit.sync.demo import sync_demo

    vault = tmp_path / "v"
    sync_demo(vault)
    (tmp_path / "out").write_text("a file")
    result = _run(["export", "anki", "{vault}", "-o", "{tmp}/out/deck.apkg"], vault, tmp_path)
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: Cannot write {tmp_path / 'out'}")
