"""A selection the forum does not know: an error on the command line, a warning once saved."""

from __future__ import annotations

from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()


def _sync(vault, server, *extra):
    return runner.invoke(app, ["sync", str(vault), "--endpoint", server.url, "--delay", "0", *extra])


def test_unknown_post_is_an_error_and_leaves_no_folder(tmp_path, demo_forum):
    vault = tmp_path / "v"
    result = _sync(vault, demo_forum, "--post", "noSuchPost2345678")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: Not found on lesswrong: post 'noSuchPost2345678'.")
    assert "vaultkit.toml is unchanged" in result.stderr
    assert not vault.exists()


def test_unknown_author_added_to_a_vault_is_not_saved(tmp_path, demo_forum, demo_post_id):
    vault = tmp_path / "v"
    assert _sync(vault, demo_forum, "--post", demo_post_id).exit_code == 0
    settings = (vault / "vaultkit.toml").read_text()
    result = _sync(vault, demo_forum, "--author", "nobody-by-this-name")
    assert result.exit_code == 1 and "author 'nobody-by-this-name'" in result.stderr
    assert (vault / "vaultkit.toml").read_text() == settings
    assert _sync(vault, demo_forum).exit_code == 0
