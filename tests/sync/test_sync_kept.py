"""KeptItems: the items a run fetched are handed over in batches and forgotten, then loaded back."""

from vaultkit.model.items import Author
from vaultkit.sync.kept import KeptItems


def author(i: int) -> Author:
    return Author(id=f"a{i}", title=f"Author {i}", url=f"https://example.org/{i}", version="1")


def test_items_are_handed_over_in_batches_forgotten_and_loaded_back():
    stored: dict[str, Author] = {}
    batches: list[int] = []

    def keep(items):
        batches.append(len(items))
        stored.update((item.id, item) for item in items)

    kept = KeptItems(keep, stored.get, batch=3)
    for i in range(7):
        kept[f"a{i}"] = author(i)
    assert batches == [3, 3]
    assert kept.peek("a0") is None            # handed over: no longer in memory
    assert kept.peek("a6") is not None        # still waiting
    kept.flush()
    assert batches == [3, 3, 1]
    assert list(kept) == [f"a{i}" for i in range(7)] and len(kept) == 7
    assert kept["a0"].title == "Author 0"     # loaded back from the store
    assert "a7" not in kept and kept.get("a7") is None


def test_without_forgetting_a_dry_run_keeps_every_item_in_memory():
    batches: list[int] = []
    kept = KeptItems(lambda items: batches.append(len(items)), lambda lw_id: None, forget=False, batch=2)
    for i in range(3):
        kept[f"a{i}"] = author(i)
    kept.flush()
    assert batches == [2, 1]
    assert [kept.peek(f"a{i}").title for i in range(3)] == ["Author 0", "Author 1", "Author 2"]
