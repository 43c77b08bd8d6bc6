"""Named GraphQL operations from `queries.graphql`, executed with error mapping and with a fallback
from the current `selector` form to the legacy `input: {terms}` form.

When a deployment rejects a current-form operation with `GRAPHQL_VALIDATION_FAILED`, that operation
alone is sent in its `…Legacy` form for the rest of the run (older deployments, e.g. the EA Forum in
2026, accept only `input`), and the fallback is recorded in `fallbacks` for the run's summary: on a
current deployment it means one of our queries broke, which must not go unnoticed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

from graphql import (FragmentDefinitionNode, FragmentSpreadNode, OperationDefinitionNode, parse,
                     print_ast, visit)
from graphql.language import Visitor

from vaultkit.errors import GraphQLError, NotFoundError, SourceError
from vaultkit.fetch.cache import NoCache, ResponseCache, cache_key
from vaultkit.fetch.transport import Transport

LEGACY_SUFFIX = "Legacy"
NO_SELECTOR_FORM = re.compile(r"""Unknown argument ["']selector["']""")
# Resolver messages that mean "this document is not there for a guest".
NOT_FOUND_MESSAGES = ("app.missing_document", "app.operation_not_allowed",
                      "This post is only visible to logged-in users.")


class Operations:
    """The operations of one GraphQL document, each printable with just the fragments it uses."""

    def __init__(self, source: str):
        document = parse(source)
        self._operations = {d.name.value: d for d in document.definitions
                            if isinstance(d, OperationDefinitionNode) and d.name}
        self._fragments = {d.name.value: d for d in document.definitions
                           if isinstance(d, FragmentDefinitionNode)}
        self._texts: dict[str, str] = {}

    def names(self) -> list[str]:
        return list(self._operations)

    def __contains__(self, name: str) -> bool:
        return name in self._operations

    def text(self, name: str) -> str:
        """The operation `name` followed by every fragment it spreads, transitively."""
        if name not in self._texts:
            nodes = [self._operations[name]]
            needed: list[str] = []
            pending = [self._operations[name]]
            while pending:
                for spread in _spreads(pending.pop()):
                    if spread not in needed:
                        needed.append(spread)
                        pending.append(self._fragments[spread])
            nodes += [self._fragments[n] for n in needed]
            self._texts[name] = "\n\n".join(print_ast(node) for node in nodes)
        return self._texts[name]


def _spreads(node: Any) -> list[str]:
    names: list[str] = []

    class Collect(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: Any) -> None:
            names.append(spread.name.value)

    visit(node, Collect())
    return names


@lru_cache(maxsize=1)
def client_operations() -> Operations:
    """The operations shipped in `vaultkit/fetch/queries.graphql`."""
    source = resources.files("vaultkit.fetch").joinpath("queries.graphql").read_text("utf-8")
    return Operations(source)


class GraphQLClient:
    """Runs named operations over a `Transport`, with an optional on-disk cache."""

    def __init__(self, transport: Transport, *, operations: Operations | None = None,
                 cache: ResponseCache | NoCache | None = None, legacy: bool = False,
                 namespace: str = ""):
        """`namespace` keeps the cached answers of one forum apart from another's (a vault of
        several forums shares one cache); "" for LessWrong, whose keys predate it."""
        self.transport = transport
        self.namespace = namespace
        self.operations = operations or client_operations()
        self.cache = cache or NoCache()
        self.legacy = legacy
        self.fallbacks: dict[str, str] = {}   # operation -> the server's validation message
        self.batches = True                   # whether the forum answers batches of operations
        self.warnings: list[str] = []         # one line per fallback, for the run's summary

    def key(self, operation: str, variables: dict) -> str:
        """The cache key of the current-form operation with these variables (in `namespace`)."""
        text = self.operations.text(operation)
        return cache_key(f"{self.namespace}\n{text}" if self.namespace else text, variables)

    def run(self, operation: str, variables: dict, *, legacy_variables: dict | None = None,
            subject: str = "", cached: bool = False,
            check: Callable[[dict], object] | None = None) -> dict:
        """Execute `operation` and return its `data`.

        `legacy_variables` are the variables of `<operation>Legacy` (defaults to `variables`).
        `subject` names the thing asked for in error messages ("post abc123"). With `cached`, the
        answer is read from and written to the cache, keyed by the current form's text and
        variables. `check(data)` raises on an answer of the wrong shape; such an answer is never
        cached, and a cached one that fails it is fetched again (damaged caches heal in one run).
        """
        key = self.key(operation, variables) if cached else ""
        if cached and (data := self.cache.get(key)) is not None and _passes(check, data):
            return data
        data = self._execute(operation, variables, legacy_variables, subject)
        if check is not None:
            check(data)
        if cached:
            self.cache.put(key, data, operation=operation)
        return data

    def run_each(self, operation: str, variables: list[dict], *, subjects: list[str],
                 check: Callable[[dict], object] | None = None) -> list[dict | NotFoundError]:
        """`run(operation, v, cached=True)` for each of `variables`, in two requests however many
        there are (what the cache holds is not asked again): the first alone (it settles which form of the query this forum takes), the rest
        as one batch, a JSON array of operations that the forum's Apollo server answers in one
        response. Each result is the operation's data, or the `NotFoundError` it met; any other
        error raises. For operations whose legacy form takes the same variables. A forum that
        refuses batches (Apollo Server's default) is asked one request each from then on."""
        results: list[dict | NotFoundError | None] = [None] * len(variables)
        for i, values in enumerate(variables):
            if (data := self.cache.get(self.key(operation, values))) is not None and _passes(check, data):
                results[i] = data
        pending = [i for i, result in enumerate(results) if result is None]
        alone = pending if not self.batches else pending[:1]
        batched = pending[len(alone):]
        for i in alone:
            results[i] = self._run_one(operation, variables[i], subjects[i], check)
        answers = self._send_batch(operation, [variables[i] for i in batched]) if batched else []
        if answers is None:   # the forum takes no batches
            answers = [None] * len(batched)
        for i, body in zip(batched, answers):
            results[i] = self._run_one(operation, variables[i], subjects[i], check) if body is None \
                else self._batch_result(operation, variables[i], subjects[i], body, check)
        return results   # type: ignore[return-value]

    def _run_one(self, operation: str, variables: dict, subject: str,
                 check: Callable[[dict], object] | None) -> dict | NotFoundError:
        try:
            return self.run(operation, variables, subject=subject, cached=True, check=check)
        except NotFoundError as error:
            return error

    def _send_batch(self, operation: str, variables: list[dict]) -> list | None:
        """The answers to a batch of `operation`, one per `variables`; None if the forum does not
        take batches (then `batches` turns off, with a warning)."""
        form = self._form(operation)
        status, bodies = self.transport.post([self._payload(form, values) for values in variables])
        if isinstance(bodies, list) and len(bodies) == len(variables):
            return bodies
        if status == 400 and isinstance(bodies, dict) and bodies.get("errors"):
            self.batches = False
            first = bodies["errors"][0] if isinstance(bodies["errors"][0], dict) else {}
            self.warnings.append(f"the forum does not take batches of queries ({first.get('message')}); "
                                 f"{operation} was asked one request each")
            return None
        raise GraphQLError(f"The forum answered a batch of {len(variables)} {operation} queries "
                           "with something else than one answer each.",
                           hint="Is the endpoint a forum's GraphQL API? Check --endpoint.",
                           operation=operation)

    def _batch_result(self, operation: str, variables: dict, subject: str, body: Any,
                      check: Callable[[dict], object] | None) -> dict | NotFoundError:
        try:
            data = _data_of(operation, subject, 200, body)
            if check is not None:
                check(data)
        except NotFoundError as error:
            return error
        self.cache.put(self.key(operation, variables), data, operation=operation)
        return data

    def _form(self, operation: str) -> str:
        """The name of the form `operation` is sent in: its legacy form, where it has one, once
        this forum has refused the current form."""
        legacy_name = operation + LEGACY_SUFFIX
        if legacy_name in self.operations and (self.legacy or operation in self.fallbacks):
            return legacy_name
        return operation

    def _execute(self, operation: str, variables: dict, legacy_variables: dict | None,
                 subject: str) -> dict:
        legacy_name = operation + LEGACY_SUFFIX
        has_legacy = legacy_name in self.operations
        if self._form(operation) == legacy_name:
            legacy = variables if legacy_variables is None else legacy_variables
            return self._send(legacy_name, legacy, subject)
        try:
            return self._send(operation, variables, subject)
        except GraphQLError as error:
            if error.code != "GRAPHQL_VALIDATION_FAILED" or self.legacy or not has_legacy:
                raise
            self.fallbacks[operation] = message = _server_message(error)
            # A deployment without the selector form at all (older ForumMagnum) is not a broken
            # query: every operation goes legacy at once instead of each failing first.
            self.legacy = bool(NO_SELECTOR_FORM.search(message))
            if not self.legacy:
                self.warnings.append(
                    f"the forum rejected the query {operation} ({message}); it was sent in the "
                    "deprecated `input` form instead for this run. Please report this")
            return self._execute(operation, variables, legacy_variables, subject)

    def _send(self, operation: str, variables: dict, subject: str) -> dict:
        return _data_of(operation, subject, *self.transport.post(self._payload(operation, variables)))

    def _payload(self, operation: str, variables: dict) -> dict:
        return {"query": self.operations.text(operation), "variables": variables,
                "operationName": operation}


def _data_of(operation: str, subject: str, status: int, body: Any) -> dict:
    """The `data` of one operation's answer; its first error raised as ours."""
    errors = body.get("errors") if isinstance(body, dict) else None
    data = body.get("data") if isinstance(body, dict) else None
    if errors:
        raise _error_for(operation, subject, errors, status)
    if not isinstance(data, dict):
        raise GraphQLError(f"The forum's answer to {operation} has no data.",
                           hint="Is the endpoint a forum's GraphQL API? Check --endpoint.",
                           operation=operation)
    return data


def _server_message(error: GraphQLError) -> str:
    first = error.errors[0] if error.errors and isinstance(error.errors[0], dict) else {}
    return str(first.get("message") or error.message)


def _passes(check: Callable[[dict], object] | None, data: dict) -> bool:
    if check is None:
        return True
    try:
        check(data)
    except SourceError:
        return False
    return True


def _error_for(operation: str, subject: str, errors: list,
               status: int) -> GraphQLError | NotFoundError:
    first = errors[0] if isinstance(errors[0], dict) else {"message": str(errors[0])}
    message = str(first.get("message", "unknown error"))
    code = (first.get("extensions") or {}).get("code")
    what = subject or operation
    if message in NOT_FOUND_MESSAGES:
        reason = {"app.missing_document": "does not exist",
                  "app.operation_not_allowed": "is not public (a draft, deleted or unpublished)",
                  }.get(message, "is visible only to logged-in users")
        return NotFoundError(f"The forum says {what} {reason} ({message}).",
                             hint="Check the id, URL or slug; vaultkit reads only what guests see.")
    hint = ("The forum rejected the query itself; this deployment may run a different API version. "
            "Please report it with the message above." if status == 400
            else "This is the forum's answer to a well-formed query; try again later.")
    return GraphQLError(f"The forum answered {operation} with an error "
                        f"({code or 'no code'}): {message}",
                        hint=hint, operation=operation, errors=errors, code=code)
