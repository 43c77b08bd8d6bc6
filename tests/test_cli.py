import subprocess
import sys

import pytest
from typer.testing import CliRunner

from vaultkit import __version__
from vaultkit.cli import app
from vaultkit.cli.app import new_app
from vaultkit.errors import ConfigError, VaultkitError

runner = CliRunner()

COMMANDS = [["sync"], ["tag"], ["check"], ["progress"], ["export"], ["export", "anki"], ["export", "graph"]]


def test_root_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ["sync", "tag", "check", "progress", "export"]:
        assert name in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "vaultkit " + " ".join(command) in result.stdout


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"vaultkit {__version__}"


def _failing_app(error: VaultkitError):
    demo = new_app()

    @demo.command()
    def fail() -> None:
        """Fail on purpose."""
        raise error

    @demo.command()
    def other() -> None:
        """Keep Typer from collapsing the app into one command."""

    return demo


def test_an_expected_failure_prints_error_and_hint_without_traceback():
    result = runner.invoke(_failing_app(VaultkitError("the vault is gone", hint="Create it.")), ["fail"])
    assert result.exit_code == 1
    assert result.stderr == "Error: the vault is gone\nCreate it.\n"
    assert "Traceback" not in result.output


def test_error_classes_choose_their_exit_code():
    result = runner.invoke(_failing_app(ConfigError("bad --site value")), ["fail"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: bad --site value")


def test_the_installed_entry_point_runs():
    result = subprocess.run([sys.executable, "-m", "vaultkit", "--version"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"vaultkit {__version__}"
