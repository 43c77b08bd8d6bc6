"""The Typer app every command group is built from."""

from __future__ import annotations

from typing import Any, Callable

import typer

from vaultkit.cli import output


class VaultkitTyper(typer.Typer):
    """A Typer app whose commands render `VaultkitError` as `Error: …` instead of a traceback."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        register = super().command(*args, **kwargs)

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            register(output.reporting_errors(func))
            return func

        return decorator


def new_app(**kwargs: Any) -> VaultkitTyper:
    kwargs.setdefault("no_args_is_help", True)
    kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
    kwargs.setdefault("pretty_exceptions_show_locals", False)
    return VaultkitTyper(**kwargs)
