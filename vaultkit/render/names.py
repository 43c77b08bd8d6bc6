"""Note file names that are safe on every platform Obsidian runs on (obsidian.md §4).

`sanitize_filename` turns a title into a readable file name; `NameAllocator` hands out
vault-relative paths that are unique ignoring case. Names are stable across runs as long as the
caller allocates only for notes it has not already placed (notes are found by `lw_id`, never by
path) and allocates in a deterministic order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePath

MAX_NAME_BYTES = 240  # the whole file name, ".md" included
MAX_REL_PATH_CHARS = 160  # the Importer's budget for a vault-relative path on Windows
UNTITLED = "Untitled"
EXTENSION = ".md"

# Removed outright: Windows-reserved characters, link-breaking characters and `$` (math).
_REMOVE = re.compile(r'[?<>:*|"\[\]#^$]|%%')
# C0 and C1 controls become spaces, so that words on either side stay apart.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
# Bidirectional controls are removed: U+202E makes "gnp.exe" display as "exe.png".
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A stem ending in ".md" makes "X.md.md", which a link [[X.md]] does not reach.
_MD_ENDING = re.compile(r"(\.md)+$", re.IGNORECASE)
_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)]
)


def _strip_ends(name: str) -> str:
    return name.lstrip(". \t").rstrip(". ")


def _cut_to_bytes(name: str, max_bytes: int) -> str:
    """`name` cut to at most `max_bytes` UTF-8 bytes at a code-point boundary, at a space if one
    lies in the second half."""
    data = name.encode("utf-8")
    if len(data) <= max_bytes:
        return name
    cut = data[:max_bytes].decode("utf-8", errors="ignore")
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut


def sanitize_filename(title: str, max_bytes: int = MAX_NAME_BYTES - len(EXTENSION)) -> str:
    """A file name (without extension) for a note called `title`; "Untitled" when nothing is left.

    NFC; `/` and `\\` become `-`; `? < > : * | "`, controls, bidirectional controls, `[ ] # ^`,
    `%%` and `$` are removed; whitespace is collapsed; leading dots and whitespace, trailing dots and
    spaces and a trailing `.md` are stripped; a Windows device name before the first dot gets a `_`
    (`aux.txt` -> `aux_.txt`); the result fits in `max_bytes` UTF-8 bytes.
    """
    name = unicodedata.normalize("NFC", title)
    name = name.replace("/", "-").replace("\\", "-")
    name = _CONTROLS.sub(" ", name)
    name = _BIDI.sub("", name)
    while (removed := _REMOVE.sub("", name)) != name:   # "%#%" loses "#" and becomes "%%"
        name = removed
    name = unicodedata.normalize("NFC", " ".join(name.split()))  # removals can un-compose marks
    name = _strip_ends(_cut_to_bytes(_strip_ends(name), max_bytes))
    while _MD_ENDING.search(name):  # "a.md..md": strip, trim the dots, strip again
        name = _strip_ends(_MD_ENDING.sub("", name))
    if not name:
        return UNTITLED
    device, dot, rest = name.partition(".")
    if device.upper().rstrip() in _DEVICE_NAMES:
        # Windows reserves the device name whatever follows the first dot: "aux.txt" -> "aux_.txt"
        name = f"{device.rstrip()}_{dot}{rest}"
    return name


class NameAllocator:
    """Hands out vault-relative note paths that are unique ignoring case.

    `existing_rel_paths` are the vault-relative paths already taken (any files, not only notes).
    """

    def __init__(self, existing_rel_paths: Iterable[str | PurePath] = ()):
        self._taken = {self._key(p) for p in existing_rel_paths}

    @staticmethod
    def _key(rel_path: str | PurePath) -> str:
        return unicodedata.normalize("NFC", PurePath(rel_path).as_posix()).casefold()

    def is_taken(self, rel_path: str) -> bool:
        """True when `rel_path` (or a path differing only in case) is taken."""
        return self._key(rel_path) in self._taken

    def reserve(self, rel_path: str) -> None:
        """Mark `rel_path` as taken (e.g. a note placed by someone else)."""
        self._taken.add(self._key(rel_path))

    def allocate(self, folder: str, title: str) -> str:
        """A free path "folder/Name.md" for `title`, reserved at once.

        On a collision (ignoring case) the name gets " 1", " 2", …. The name is shortened so that
        the whole path stays within about 160 characters.
        """
        folder = folder.strip("/")
        prefix = f"{folder}/" if folder else ""
        budget = max(20, MAX_REL_PATH_CHARS - len(prefix) - len(EXTENSION) - 4)
        stem = sanitize_filename(title)
        if len(stem) > budget:
            stem = sanitize_filename(stem[:budget])
        candidate = f"{prefix}{stem}{EXTENSION}"
        n = 0
        while self.is_taken(candidate):
            n += 1
            candidate = f"{prefix}{stem} {n}{EXTENSION}"
        self.reserve(candidate)
        return candidate
