"""The one error family of vaultkit.

Every failure a user can cause or meet (bad input, the forum refusing us, a vault in a state we
cannot safely touch) is raised as a subclass of `VaultkitError`. The CLI renders all of them in one
place as ``Error: <message>`` plus an optional hint, with a non-zero exit code and no traceback.
Anything else that escapes is a bug. Every class of the family is defined here, nowhere else:

    VaultkitError
     ├── ConfigError                   vaultkit.toml or a command-line value is wrong
     ├── SourceError                   talking to the forum failed
     │    ├── TransportError           network, timeout, 5xx or garbled body after all retries
     │    │    └── PayloadTooLargeError  the answer was too big: ask for fewer documents at once
     │    ├── RateLimitedError         the edge's bot wall ("Security Checkpoint"): stop, resume later
     │    ├── GraphQLError             the server answered with GraphQL `errors`
     │    └── NotFoundError            the requested post, user, tag, sequence… does not exist
     ├── VaultError                    the vault on disk is not in a state we can safely change
     │    ├── VaultLockedError         another vaultkit run holds the lock
     │    ├── StateError               .vaultkit/ state is corrupt and could not be rebuilt
     │    ├── RegionError              a note's owned-region markers are unbalanced
     │    └── WriteError               a file could not be written (also an `OSError`)
     ├── ExportError                   an export (Anki, graph) could not be written
     ├── ModelError                    an installed optional model is damaged or not the pinned one
     ├── WorkerError                   a worker process of ours stopped or failed
     └── StrictError                   `--strict`: the run finished but reported warnings

Failures are errors; soft problems are not. Something a run works around (a formula lost
upstream, an image kept as a link, a comment thread cut short, a selection that matched nothing)
is a warning: a line in the run's report (`SyncReport.problems`, shown by the CLI and in `--json`),
never `warnings.warn`. `--strict` turns warnings into `StrictError` after the report is printed.

(The stand-in forum's `ResolverError` is the fake server's own and never leaves it.)
"""

from __future__ import annotations

from pathlib import Path


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


class PayloadTooLargeError(TransportError):
    """The answer was bigger than the server may send (ask for fewer documents per request)."""


class NotFoundError(SourceError):
    """The requested document does not exist (or is not visible to a guest)."""


class VaultError(VaultkitError):
    """The vault on disk is in a state vaultkit cannot safely change."""


class VaultLockedError(VaultError):
    """Another vaultkit process is working on this vault."""


class StateError(VaultError):
    """The state under .vaultkit/ is corrupt and could not be rebuilt."""


class RegionError(VaultError):
    """The owned-region markers of a note are missing one half, doubled or out of order."""


class WriteError(VaultError, OSError):
    """A file could not be written: a read-only vault, no permission, a full disk.

    Still an `OSError` (with its errno) for callers that handle those, and a `VaultError` so that the
    CLI prints it as ``Error: Cannot write …`` instead of a traceback.
    """

    def __init__(self, path: Path, error: OSError, *, hint: str | None = None):
        super().__init__(f"Cannot write {path}: {error.strerror or error}.",
                         hint=hint or "Make the folder writable (or free some disk space), then run "
                                      "again; no file was left half-written.")
        self.errno, self.strerror, self.filename = error.errno, error.strerror, str(path)


class ExportError(VaultkitError):
    """An export could not be written."""


class ModelError(VaultkitError):
    """An optional model that is installed (the `embeddings` extra's sentence encoder) cannot be
    used: a file is missing, fails its sha256 check, or the runtime refuses it."""


class WorkerError(VaultkitError):
    """A worker process (the sync's post converter) stopped or failed; the run stops cleanly."""


class StrictError(VaultkitError):
    """`--strict` was given and the run reported warnings (its work is done and kept)."""

    def __init__(self, warnings: list[str]):
        count = len(warnings)
        super().__init__(f"{count} warning{'s' * (count != 1)} in strict mode (the run's work is kept).",
                         hint="Fix what the warnings name, or run without --strict to accept them.")
        self.warnings = warnings
