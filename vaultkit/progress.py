"""Progress reporting that the library can call without knowing about terminals.

Library functions take a `Progress` and call `start`, `advance` and `finish`; the CLI passes a
progress bar when stderr is a terminal and `NULL_PROGRESS` otherwise, so call sites never branch.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, total: int | None, label: str) -> None: ...

    def advance(self, n: int = 1) -> None: ...

    def finish(self) -> None: ...


class NullProgress:
    """A progress sink that shows nothing."""

    def start(self, total: int | None, label: str) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


NULL_PROGRESS = NullProgress()
