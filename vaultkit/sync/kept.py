"""The items a run fetched, by id, with their bodies handed to the database in batches.

A first sync of the whole forum fetches tens of thousands of posts; holding every converted body
until the run ends made its memory grow with the selection. `KeptItems` remembers only the ids:
each batch of items is handed to `keep` (which records their entries and stores them) and then
forgotten, and an item asked for later is loaded back with `load`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from vaultkit.model.items import Item

# Items converted before they are handed over together (one transaction).
KEEP_BATCH = 100


class KeptItems(Mapping[str, Item]):
    """Items by id, in the order kept. Without `keep` (or with `forget=False`, as in a dry run,
    which stores nothing) every item stays in memory."""

    def __init__(self, keep: Callable[[list[Item]], None] | None = None,
                 load: Callable[[str], Item | None] | None = None, *, forget: bool = True,
                 batch: int = KEEP_BATCH):
        self._keep, self._load = keep, load
        self._forget = forget and keep is not None and load is not None
        self._batch = batch
        self._ids: dict[str, None] = {}
        self._waiting: dict[str, Item] = {}   # not handed to `keep` yet
        self._held: dict[str, Item] = {}      # handed over, but kept in memory

    def __setitem__(self, lw_id: str, item: Item) -> None:
        self._ids[lw_id] = None
        self._held.pop(lw_id, None)
        self._waiting[lw_id] = item
        if len(self._waiting) >= self._batch:
            self.flush()

    def flush(self) -> None:
        """Hand the waiting items to `keep`."""
        if not self._waiting or self._keep is None:
            return
        waiting, self._waiting = self._waiting, {}
        self._keep(list(waiting.values()))
        if not self._forget:
            self._held.update(waiting)

    def update(self, other: "KeptItems") -> None:
        """Add the items `other` kept (by id; those it still holds in memory are held here too)."""
        other.flush()
        for lw_id in other:
            self._ids[lw_id] = None
            item = other.peek(lw_id)
            if item is not None:
                self._held[lw_id] = item

    def peek(self, lw_id: str) -> Item | None:
        """The item if it is still in memory (None once forgotten)."""
        return self._waiting.get(lw_id) or self._held.get(lw_id)

    def __getitem__(self, lw_id: str) -> Item:
        item = self.peek(lw_id)
        if item is None and lw_id in self._ids and self._load is not None:
            item = self._load(lw_id)
        if item is None:
            raise KeyError(lw_id)
        return item

    def __contains__(self, lw_id: object) -> bool:
        return lw_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._ids))

    def __len__(self) -> int:
        return len(self._ids)
