"""`vaultkit sync` on the command line: clear errors, never a traceback."""

from __future__ import annotations

from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()


def test_nothing_to_sync_is_a_usage_error_with_a_hint(tmp_path):
    result = runner.invoke(app, ["sync", str(tmp_path / "v")])
    assert result.exit_code == 2
    assert "Error: Nothing to sync" in result.stderr and "--sequence" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "v").exists()


def test_bad_date_names_the_option(tmp_path):
    result = runner.invoke(app, ["sync", str(tmp_path), "--since", "last tuesday"])
    assert result.exit_code == 2 and "`since` must be a date" in result.stderr


def test_unknown_site(tmp_path):
    result = runner.invoke(app, ["sync", str(tmp_path), "--post", "abc", "--site", "reddit"])
    assert result.exit_code == 2 and "Unknown site 'reddit'" in result.stderr and "lesswrong" in result.stderr


def test_vault_that_is_a_file(tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("x")
    result = runner.invoke(app, ["sync", str(target), "--post", "abc"])
    assert result.exit_code == 2 and "is a file, not a vault folder" in result.stderr


def test_broken_vaultkit_toml(tmp_path):
    (tmp_path / "vaultkit.toml").write_text("[select\n")
    result = runner.invoke(app, ["sync", str(tmp_path)])
    assert result.exit_code == 2 and "vaultkit.toml" in result.stderr and "TOML" in result.stderr


def test_help_shows_selections_and_an_example():
    result = runner.invoke(app, ["sync", "--help"])
    assert result.exit_code == 0
    for option in ("--post", "--author", "--tag", "--sequence", "--collection", "--since",
                   "--comments", "--concepts", "--dry-run", "--json", "--force", "--restore", "--demo"):
        assert option in result.stdout
    assert "vaultkit sync --demo" in result.stdout


def test_unreachable_forum_is_an_error_and_leaves_no_folder(tmp_path):
    import socket

    with socket.socket() as sock:       # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    vault = tmp_path / "new-vault"
    result = runner.invoke(app, ["sync", str(vault), "--post", "abcdefghijkmnopqr",
                                 "--endpoint", f"http://127.0.0.1:{port}/graphql", "--delay", "0"])
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output
    assert not vault.exists()


def test_warnings_reach_the_report_and_strict_turns_them_into_a_failure(tmp_path):
    import json
    vault = tmp_path / "v"
    result = runner.invoke(app, ["sync", "--demo", str(vault), "--json", "--strict"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)  # the report is printed before the failure
    lost = [p for p in report["problems"] if "formula lost upstream" in p]
    assert lost and lost[0].startswith("post '")
    assert "Error: 1 warning in strict mode" in result.stderr and "Traceback" not in result.output
    assert report["counts"]["created"] > 0 and (vault / "vaultkit.toml").exists()  # work kept

    rerun = runner.invoke(app, ["sync", str(vault), "--strict"])  # nothing converted, no warning
    assert rerun.exit_code == 0, rerun.output


def test_without_strict_warnings_are_shown_and_the_run_succeeds(tmp_path):
    result = runner.invoke(app, ["sync", "--demo", str(tmp_path / "v")])
    assert result.exit_code == 0
    assert "warning  post '" in result.stdout and "formula lost upstream" in result.stdout
