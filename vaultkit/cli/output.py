"""Everything the CLI prints: errors, JSON, summaries and progress bars.

This is the one place where a `VaultkitError` becomes ``Error: …`` on stderr and an exit code.
"""

from __future__ import annotations

import contextvars
import functools
import json
import sys
import traceback
from dataclasses import dataclass
from typing import Any, Callable

import typer

from vaultkit.errors import VaultkitError
from vaultkit.progress import NULL_PROGRESS, Progress


@dataclass(frozen=True)
class OutputSettings:
    verbose: bool = False
    quiet: bool = False


_settings: contextvars.ContextVar[OutputSettings] = contextvars.ContextVar(
    "vaultkit_output", default=OutputSettings()
)


def configure(*, verbose: bool, quiet: bool) -> None:
    _settings.set(OutputSettings(verbose=verbose, quiet=quiet))


def settings() -> OutputSettings:
    return _settings.get()


def render_error(error: VaultkitError) -> None:
    typer.echo(f"Error: {error.message}", err=True)
    if error.hint:
        typer.echo(error.hint, err=True)
    if settings().verbose:
        typer.echo("".join(traceback.format_exception(error)), err=True)
    elif error.__cause__ is not None and not _quoted(error.__cause__, error.message):
        typer.echo(f"(cause: {error.__cause__!r}; run with --verbose for details)", err=True)


def _quoted(cause: BaseException, message: str) -> bool:
    """Whether the message already says what the cause says (then the cause line adds nothing)."""
    return str(cause) in message or bool(getattr(cause, "strerror", None) and cause.strerror in message)


def reporting_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a command so that expected failures print `Error: …` and exit non-zero."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _json_printed.set(False)
        try:
            return func(*args, **kwargs)
        except VaultkitError as error:
            render_error(error)
            wants_json = kwargs.get("as_json") or kwargs.get("json_output")
            if wants_json and not _json_printed.get():  # stdout holds one JSON document for scripts
                print_json({"error": error.message, "hint": error.hint, "exit_code": error.exit_code})
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("Interrupted. Nothing was left half-written; run the command again to continue.",
                       err=True)
            raise typer.Exit(130) from None

    return wrapper


def counted(n: int, noun: str) -> str:
    """`1 conflict`, `2 conflicts`, `0 conflicts`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def echo(message: str = "") -> None:
    if not settings().quiet:
        typer.echo(message)


def warn_unreadable_settings(vault: Any) -> None:
    """A warning on stderr for each settings file of the vault that cannot be read."""
    from vaultkit.vault.settings_files import unreadable_settings

    for rel, why in unreadable_settings(vault):
        typer.echo(f"Warning: {rel} cannot be read: {why}; using defaults until it is fixed.", err=True)


_json_printed: contextvars.ContextVar[bool] = contextvars.ContextVar("vaultkit_json_printed", default=False)


def print_json(data: Any) -> None:
    _json_printed.set(True)
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False, default=str))


class BarProgress:
    """A rich progress bar on stderr."""

    def __init__(self) -> None:
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress,
                                   TextColumn, TimeRemainingColumn)

        self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), transient=True,
                                 console=_stderr_console())
        self._task = None

    def start(self, total: int | None, label: str) -> None:
        if self._task is None:
            self._bar.start()
            self._task = self._bar.add_task(label, total=total)
        else:
            self._bar.reset(self._task, total=total, description=label)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, n)

    def finish(self) -> None:
        if self._task is not None:
            self._bar.stop()
            self._task = None


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def progress_for_terminal() -> Progress:
    """A progress bar when stderr is an interactive terminal and output is not quiet."""
    if settings().quiet or not sys.stderr.isatty():
        return NULL_PROGRESS
    return BarProgress()
