"""Conflict copies: the upstream version written beside a note you edited (`… (upstream).md`).

A copy holding exactly the bytes vaultkit wrote is vaultkit's to remove once its conflict is
settled; a copy you edited is yours: kept, said once, and a newer upstream version goes beside it
under the next free name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from vaultkit.sync.index import VaultIndex
from vaultkit.sync.plan import Action


class ConflictCopies:
    """The conflict copies of one run over `vault`; what it keeps is said in `problems`."""

    def __init__(self, vault: Path, problems: list[str], *, dry_run: bool):
        self.vault, self.problems, self.dry_run = vault, problems, dry_run
        self.spared: set[str] = set()   # edited copies a newer copy goes beside

    def spare_edited(self, action: Action) -> None:
        """A newer upstream version never goes over the conflict copy you edited: it gets the
        next free name (decided before reporting, so a dry run says what the real run does)."""
        if action.old_copy is not None and action.old_copy[0] == action.conflict_path \
                and action.conflict_text is not None and self._kept(*action.old_copy):
            self.spared.add(action.old_copy[0])
            action.conflict_path = action.entry["conflict"] = self._free_path(action.conflict_path)

    def retire_settled(self, actions: list[Action], index: VaultIndex) -> None:
        """Remove the conflict copies `actions` settle (a dry run only drops them from `index`)."""
        for action in actions:
            if action.old_copy is not None and action.old_copy[0] != action.conflict_path \
                    and action.old_copy[0] not in self.spared:
                self._retire(*action.old_copy, index)

    def _kept(self, rel: str, written_hash: str | None) -> bool:
        """Whether the conflict copy `rel` is there with bytes other than those vaultkit wrote
        (then it is yours: kept, and said once)."""
        try:
            data = (self.vault / rel).read_bytes()
        except OSError:  # gone (you deleted it) or unreadable: nothing to keep
            return False
        if written_hash and hashlib.sha256(data).hexdigest() == written_hash:
            return False
        self.problems.append(f"kept your edited conflict copy {rel}: merge what you need "
                             "into the note, then delete it")
        return True

    def _retire(self, rel: str, written_hash: str | None, index: VaultIndex) -> None:
        """Remove a conflict copy no longer needed, if it holds exactly what vaultkit wrote (a
        dry run leaves it, and only drops it from `index`)."""
        if self._kept(rel, written_hash) or not (self.vault / rel).exists():
            return
        try:
            if not self.dry_run:
                (self.vault / rel).unlink()
        except OSError as error:
            self.problems.append(f"could not remove the old conflict copy {rel}: {error.strerror}")
            return
        index.cache.pop(rel, None)
        if rel in index.paths:
            index.paths.remove(rel)

    def _free_path(self, taken: str) -> str:
        number = 2
        while (self.vault / f"{taken[:-3]} {number}.md").exists():
            number += 1
        return f"{taken[:-3]} {number}.md"
