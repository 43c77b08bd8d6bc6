"""The Typer app every command group is built from."""

from __future__ import annotations

import inspect
from typing import Any, Callable

import typer
from typer.core import TyperCommand, TyperGroup

from vaultkit.cli import output

GLOBAL_FLAGS = ("-v", "--verbose", "-q", "--quiet")


def reflow(text: str | None) -> str | None:
    """Docstring help with each prose paragraph on one line, so the terminal wraps it evenly;
    indented lines (examples) keep their own lines."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith((" ", "\t")) or "\n " in p else " ".join(p.split())
                       for p in paragraphs)


def _without_flag_types(params: list) -> list:
    """A flag takes no value, so its help row shows no `<bool>`; a repeatable option shows
    `<str>…` rather than `<list[str]>`."""
    for param in params:
        if param.metavar is not None:
            continue
        if getattr(param, "is_flag", False):
            param.metavar = ""
        elif getattr(param, "multiple", False):
            param.metavar = "<str>…"
    return params


class _ReadableHelp:
    """Help that reads well, for commands and groups alike: reflowed text, no value type after flags."""

    def __init__(self, *args: Any, help: str | None = None, **kwargs: Any) -> None:  # noqa: A002
        super().__init__(*args, help=reflow(help), **kwargs)

    def get_params(self, ctx: Any) -> list:
        return _without_flag_types(super().get_params(ctx))  # type: ignore[misc]


class VaultkitCommand(_ReadableHelp, TyperCommand):
    """A command whose help reads well, and whose usage errors are JSON under `--json`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        given = list(args)  # click's parser consumes `args`
        try:
            return super().parse_args(ctx, args)
        except Exception as error:
            end = given.index("--") if "--" in given else len(given)
            if _is_usage_error(error) and "--json" in given[:end]:
                # a script reads stdout: one JSON document, as for any other error
                output.print_json({"error": error.format_message(),
                                   "hint": f"Run `{ctx.command_path} -h` for its options.",
                                   "exit_code": error.exit_code})
            raise


def _is_usage_error(error: Exception) -> bool:
    """Click's UsageError, which newer Typer vendors as `typer._click` (so no one class to name)."""
    return any(cls.__name__ == "UsageError" for cls in type(error).__mro__)


class VaultkitGroup(_ReadableHelp, TyperGroup):
    """The command group: help that reads well, and `-v`/`-q` work after the subcommand too."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            args = _global_flags_first(args)
        return super().parse_args(ctx, args)


def _global_flags_first(args: list[str]) -> list[str]:
    """`vaultkit sync . -v` as `vaultkit -v sync .` (errors say "run with --verbose")."""
    end = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
    return flags + [a for a in args[:end] if a not in GLOBAL_FLAGS] + args[end:]


class VaultkitTyper(typer.Typer):
    """A Typer app whose commands render `VaultkitError` as `Error: …` instead of a traceback."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        kwargs.setdefault("cls", VaultkitCommand)
        register = super().command(*args, **kwargs)

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            register(output.reporting_errors(func))
            return func

        return decorator


def new_app(**kwargs: Any) -> VaultkitTyper:
    kwargs.setdefault("no_args_is_help", True)
    kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
    kwargs.setdefault("pretty_exceptions_show_locals", False)
    kwargs.setdefault("cls", VaultkitGroup)
    return VaultkitTyper(**kwargs)
