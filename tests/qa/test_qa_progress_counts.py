"""Item 17: every progress count the sync shows ends at its total (the bar ended at 32/33)."""

from __future__ import annotations

from vaultkit.sync.demo import sync_demo


class CountingProgress:
    """A `vaultkit.progress.Progress` that remembers how far each phase got."""

    def __init__(self):
        self.phases: list[list] = []  # [label, total, advanced]

    def start(self, total, label):
        self.phases.append([label, total, 0])

    def advance(self, n=1):
        self.phases[-1][2] += n

    def finish(self):
        pass


def test_every_counted_phase_of_a_sync_ends_at_its_total(tmp_path):
    progress = CountingProgress()
    sync_demo(tmp_path / "v", progress=progress)
    counted = [p for p in progress.phases if p[1] is not None]
    assert {p[0] for p in counted} >= {"Fetching posts", "Converting posts", "Rendering notes"}
    assert [p for p in counted if p[1] != p[2]] == []
