"""The one error family of vaultkit.

Every failure a user can cause or meet (bad input, the forum refusing us, a vault in a state we
cannot safely touch) is raised as a subclass of `VaultkitError`. The CLI renders all of them in one
place as ``Error: <message>`` plus an optional hint, with a non-zero exit code and no traceback.
Anything else that escapes is a bug.

    VaultkitError
     ├── ConfigError            vaultkit.toml or a command-line value is wrong
     ├── SourceError            talking to the forum failed
     │    ├── TransportError    network, timeout, 5xx or garbled body after all retries
     │    ├── RateLimitedError  the edge's bot wall ("Security Checkpoint"): stop, resume later
     │    ├── GraphQLError      the server answered with GraphQL `errors`
     │    └── NotFoundError     the requested post, user, tag, sequence… does not exist
     ├── RenderError            a body could not be turned into Markdown
     ├── VaultError             the vault on disk is not in a state we can safely change
     │    ├── VaultLockedError  another vaultkit run holds the lock
     │    └── StateError        .vaultkit/ state is corrupt and could not be rebuilt
     └── ExportError            an export (Anki, graph) could not be written
"""

from __future__ import annotations


class VaultkitError(Exception):
    """Base class: a failure with a message for the user and an optional hint on how to fix it."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class ConfigError(VaultkitError):
    """A setting in vaultkit.toml or on the command line is invalid."""

    exit_code = 2


class SourceError(VaultkitError):
    """Fetching from the forum failed."""


class TransportError(SourceError):
    """The network, a timeout, a 5xx or a garbled body, still failing after every retry."""


class RateLimitedError(SourceError):
    """The forum's edge put up its bot wall; retrying now would only make it worse."""


class GraphQLError(SourceError):
    """The server answered with GraphQL `errors`."""

    def __init__(self, message: str, hint: str | None = None, *, operation: str | None = None,
                 errors: list | None = None, code: str | None = None):
        super().__init__(message, hint)
        self.operation = operation
        self.errors = errors or []
        self.code = code


class NotFoundError(SourceError):
    """The requested document does not exist (or is not visible to a guest)."""


class RenderError(VaultkitError):
    """A body could not be rendered to Markdown."""


class VaultError(VaultkitError):
    """The vault on disk is in a state vaultkit cannot safely change."""


class VaultLockedError(VaultError):
    """Another vaultkit process is working on this vault."""


class StateError(VaultError):
    """The state under .vaultkit/ is corrupt and could not be rebuilt."""


class ExportError(VaultkitError):
    """An export could not be written."""
