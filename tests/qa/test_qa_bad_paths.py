"""`sync --demo` into folders that cannot be created: one `Error:` line and a hint, no traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app

runner = CliRunner()


def _assert_clean_error(result, path: str) -> None:
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"Error: Cannot create the vault folder {path}"), result.stderr
    assert len(result.stderr.splitlines()) == 2, result.stderr  # the message and one hint


def test_vault_under_a_regular_file(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    target = tmp_path / "notes.txt" / "vault"
    result = runner.invoke(app, ["sync", "--demo", str(target)])
    _assert_clean_error(result, str(target))
    assert "is a file" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("target", ["/proc/vaultkit-qa/vault", "/proc/vaultkit-qa"])
def test_vault_in_a_folder_that_cannot_be_created(target):
    result = runner.invoke(app, ["sync", "--demo", target])
    _assert_clean_error(result, target)


def test_vault_under_a_read_only_parent():
    # /sys refuses new folders even to root, as a read-only parent does to a user
    result = runner.invoke(app, ["sync", "--demo", "/sys/vaultkit-qa-vault"])
    _assert_clean_error(result, "/sys/vaultkit-qa-vault")


def test_dry_run_into_an_impossible_folder_says_so_too(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    target = tmp_path / "notes.txt" / "vault"
    result = runner.invoke(app, ["sync", "--demo", "--dry-run", str(target)])
    _assert_clean_error(result, str(target))


def test_a_web_server_that_is_no_graphql_endpoint_is_named_once(tmp_path):
    """http.server answers POST with 501: one clear message, no "after up to 6 attempts", no folder."""
    import threading
    from http.server import HTTPServer, SimpleHTTPRequestHandler

    hits = []

    class Handler(SimpleHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            hits.append(self.path)
            self.send_error(501)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        result = runner.invoke(app, ["sync", str(tmp_path / "v"), "--endpoint", url, "--post", "abc",
                                     "--delay", "0"])
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"Error: The forum at {url} answered HTTP 501.")
    assert "attempts" not in result.stderr and len(hits) == 1
    assert not (tmp_path / "v").exists()
