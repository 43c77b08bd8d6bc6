"""Writing to a device, pipe or folder is refused: `os.replace` would put a file in its place
(`export anki -o /dev/full` replaced the device node when run as root)."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app
from vaultkit.errors import WriteError
from vaultkit.vault.atomic import write_atomic


def test_write_atomic_leaves_a_pipe_a_pipe(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="not a regular file"):
        write_atomic(fifo, "x")
    assert fifo.is_fifo()


@pytest.mark.parametrize("command", [["export", "anki"], ["export", "graph"]])
def test_export_to_a_pipe_is_one_error_line(vault, tmp_path, command):
    fifo = tmp_path / "out.apkg" if command[1] == "anki" else tmp_path / "out.html"
    os.mkfifo(fifo)
    result = CliRunner().invoke(app, [*command, str(vault), "-o", str(fifo)])
    assert result.exit_code == 1, result.output
    assert "Error: Cannot write" in result.output and "not a regular file" in result.output
    assert "Traceback" not in result.output and fifo.is_fifo()
