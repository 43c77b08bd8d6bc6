"""A folder inside a vault given where the vault belongs: one `Error:` naming the vault, nothing
read as if the folder were a vault of its own (which made `check` report every link out of it)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()


def _assert_refused(result, vault) -> None:
    assert result.exit_code == 2, result.output     # a usage error, like any other bad vault path
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: ") and "inside the vault" in lines[0], result.stderr
    assert str(vault.resolve()) in lines[0] and "LessWrong/Posts" in lines[0]
    assert len(lines) == 2 and str(vault.resolve()) in lines[1], result.stderr


@pytest.mark.parametrize("command", [["check"], ["progress"], ["tag"],
                                     ["export", "graph", "-o", "{tmp}/g.graphml"],
                                     ["export", "anki", "-o", "{tmp}/d.apkg"]])
def test_a_reading_command_on_a_subfolder_names_the_vault(vault, tmp_path, command):
    before = sorted(p.relative_to(vault) for p in vault.rglob("*"))
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = runner.invoke(app, [*args, str(vault / "LessWrong" / "Posts")])
    _assert_refused(result, vault)
    assert sorted(p.relative_to(vault) for p in vault.rglob("*")) == before
    assert not list(tmp_path.glob("g.graphml")) and not list(tmp_path.glob("d.apkg"))


def test_the_vault_itself_and_dot_still_work(vault, monkeypatch):
    assert runner.invoke(app, ["check", str(vault)]).exit_code == 0
    monkeypatch.chdir(vault)
    assert runner.invoke(app, ["check", "."]).exit_code == 0


@pytest.mark.parametrize("sub", ["LessWrong/Posts", "LessWrong/Posts/new"])
def test_sync_into_a_folder_of_a_vaultkit_vault_is_refused(vault, sub, demo_forum, demo_post_id):
    before = sorted(p.relative_to(vault) for p in vault.rglob("*"))
    requests = demo_forum.request_count
    result = runner.invoke(app, ["sync", str(vault / sub), "--endpoint", demo_forum.url, "--delay", "0",
                                 "--post", demo_post_id])
    assert result.exit_code == 2, result.output
    assert "inside the vault" in result.stderr.splitlines()[0]
    assert demo_forum.request_count == requests       # refused before asking the forum
    assert sorted(p.relative_to(vault) for p in vault.rglob("*")) == before


def test_sync_may_make_a_vault_inside_a_plain_obsidian_vault(tmp_path):
    (tmp_path / "Main" / ".obsidian").mkdir(parents=True)
    result = runner.invoke(app, ["sync", "--demo", str(tmp_path / "Main" / "LessWrong vault")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "Main" / "LessWrong vault" / ".vaultkit").is_dir()
    # and once made, it is a vault of its own for every command
    assert runner.invoke(app, ["check", str(tmp_path / "Main" / "LessWrong vault")]).exit_code == 0
