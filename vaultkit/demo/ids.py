"""Stable, real-looking ids and slugs for the demo snapshot.

Ids are derived from a readable key ("post:calibration-drills") so that the sources never carry
opaque strings, yet every rebuild yields the same 17-character ids the forum would use.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

ID_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTWXYZ23456789"
ID_LENGTH = 17


def make_id(kind: str, key: str, length: int = ID_LENGTH) -> str:
    """A forum-style id (characters from `ID_ALPHABET`) derived from `kind` and `key`."""
    number = int.from_bytes(hashlib.sha256(f"{kind}:{key}".encode()).digest(), "big")
    chars = []
    for _ in range(length):
        number, digit = divmod(number, len(ID_ALPHABET))
        chars.append(ID_ALPHABET[digit])
    return "".join(chars)


def slugify(title: str) -> str:
    """A lowercase, hyphen-separated slug of `title`, the way the forum derives post slugs."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", ""))
    return "-".join(words)


def unique_slug(title: str, taken: set[str]) -> str:
    """`slugify(title)`, with `-1`, `-2`, … appended while the slug is already in `taken`."""
    base = slug = slugify(title)
    counter = 0
    while slug in taken:
        counter += 1
        slug = f"{base}-{counter}"
    taken.add(slug)
    return slug
