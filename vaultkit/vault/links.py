"""Wikilinks: finding them in notes and resolving them the way Obsidian does.

Resolution follows the behaviour observed in Obsidian 1.13 (see the Obsidian reference, §3):

1. a target that is an exact vault path wins;
2. otherwise a candidate in the linking note's own folder;
3. otherwise the candidate with the shortest path (ties: alphabetical, for determinism).

Names match case-insensitively, preferring an exact-case match. `./` and `../` targets resolve
against the linking note's folder and never fall back to a bare name. Aliases are not targets.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import posixpath
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

from vaultkit.model.text import WIKILINK


@dataclass(frozen=True)
class WikiLink:
    target: str
    subpath: str | None
    alias: str | None
    embed: bool


_FENCE = re.compile(r"(?m)^[ \t]{0,3}(`{3,}|~{3,})[^\n]*$")
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"%%.*?%%", re.S)


def _excluded_spans(markdown: str) -> list[tuple[int, int]]:
    """Spans where `[[…]]` is not a link: fenced code, inline code and %% comments %%."""
    spans: list[tuple[int, int]] = []
    if "```" in markdown or "~~~" in markdown:
        open_fence: re.Match | None = None
        for fence in _FENCE.finditer(markdown):
            marker = fence.group(1)
            if open_fence is None:
                open_fence = fence
            elif marker[0] == open_fence.group(1)[0] and len(marker) >= len(open_fence.group(1)) \
                    and fence.group(0).strip() == marker:
                spans.append((open_fence.start(), fence.end()))
                open_fence = None
        if open_fence is not None:
            spans.append((open_fence.start(), len(markdown)))
    if "`" in markdown:
        spans.extend(m.span() for m in _INLINE_CODE.finditer(markdown) if not _inside(m.start(), spans))
    if "%%" in markdown:
        spans.extend(m.span() for m in _COMMENT.finditer(markdown) if not _inside(m.start(), spans))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


@functools.lru_cache(maxsize=1 << 16)  # links are frozen; the same targets recur across a vault
def parse_wikilink(inner: str, embed: bool = False) -> WikiLink:
    """Split the text between `[[` and `]]` into target, sub-path and alias."""
    target, _, alias = inner.partition("|")
    if target.endswith("\\"):  # `[[a\|b]]` inside a table cell
        target = target[:-1]
    target, hash_sign, subpath = target.partition("#")
    return WikiLink(target=target.strip(), subpath=subpath if hash_sign else None,
                    alias=alias if alias else None, embed=embed)


def iter_wikilinks(markdown: str) -> Iterator[WikiLink]:
    """Every wikilink and embed in `markdown`, in order, skipping code and comments."""
    if "[[" not in markdown:
        return
    spans = sorted(_excluded_spans(markdown))
    # a position is excluded when some span starting at or before it ends after it: bisect on the
    # starts and compare with the furthest end so far (notes full of inline code have hundreds)
    starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))
    for match in WIKILINK.finditer(markdown):
        if spans:
            before = bisect.bisect_right(starts, match.start()) - 1
            if before >= 0 and match.start() < reach[before]:
                continue
        yield parse_wikilink(match.group(2), embed=bool(match.group(1)))


def link_targets(markdown: str) -> list[tuple[bool, str]]:
    """(embed?, target) of every wikilink in `markdown`: what `iter_wikilinks` finds, for readers
    that need only the targets (building the note index reads 500,000 of them)."""
    if "[[" not in markdown:
        return []
    # Without code, only %% comments %% can hide links, and only one holding a `[` or `!` can hold
    # the start of one: the region's own markers are such comments, in every synced note.
    if "`" not in markdown and "~~~" not in markdown and not any(
            "[" in comment or "!" in comment for comment in _COMMENT.findall(markdown)):
        return [(embed == "!", parse_wikilink(inner).target) for embed, inner in WIKILINK.findall(markdown)]
    return [(link.embed, link.target) for link in iter_wikilinks(markdown)]


def iter_property_links(properties: Mapping) -> Iterator[tuple[str, WikiLink]]:
    """(key, link) for every wikilink written in a property value (text or list of text)."""
    for key, value in properties.items():
        values = value if isinstance(value, list) else (value,)
        for item in values:
            if isinstance(item, str) and "[[" in item:
                for embed, inner in WIKILINK.findall(item):
                    yield key, parse_wikilink(inner, embed == "!")


def _lookup_key(name: str) -> str:
    """The index key of a file name: notes by name without `.md`, other files by full name."""
    lowered = name.lower()
    return lowered[:-3] if lowered.endswith(".md") else lowered


class LinkResolver:
    """Resolve link targets against the files of one vault, with Obsidian's rules."""

    def __init__(self, note_paths: Iterable[str]):
        self._by_name: dict[str, list[str]] = {}
        self._paths: set[str] = set()
        self._by_lower_path: dict[str, list[str]] = {}
        for path in note_paths:
            self.add(path)

    def add(self, path: str) -> None:
        """Register one more vault-relative file path."""
        if path in self._paths:
            return
        self._paths.add(path)
        self._by_name.setdefault(_lookup_key(posixpath.basename(path)), []).append(path)
        self._by_lower_path.setdefault(_lookup_key(path), []).append(path)

    def __contains__(self, path: str) -> bool:
        return path in self._paths

    def resolve(self, target: str, source: str) -> str | None:
        """The vault-relative path `target` points to when written in note `source`, or None."""
        return self.resolve_where(target, source)[0]

    def resolve_where(self, target: str, source: str) -> tuple[str | None, bool]:
        """(what `resolve` gives, whether that depends on the folder of `source`): most targets
        resolve the same from every note, which lets callers remember them vault-wide."""
        target = target.strip()
        if not target:
            return (source if source in self._paths else None), True  # [[#Heading]] links to itself
        if target.startswith(("./", "../")):
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
            return self._exact(joined), True
        target = target.lstrip("/")
        exact = self._exact(target)
        if exact is not None:
            return exact, False
        name = posixpath.basename(target)
        candidates = self._by_name.get(_lookup_key(name), ())
        if "/" in target:
            suffix = "/" + _lookup_key(target)
            candidates = [c for c in candidates if _lookup_key(c).endswith(suffix)]
        if not candidates:
            return None, False
        if len(candidates) == 1:
            return candidates[0], False
        folder = posixpath.dirname(source)
        same_folder = [c for c in candidates if posixpath.dirname(c) == folder]
        pool = same_folder or candidates
        exact_case = [c for c in pool if _stem(c) == _stem(name)]
        return min(exact_case or pool, key=lambda c: (len(c), c)), True

    def _exact(self, path: str) -> str | None:
        for candidate in (path, path + ".md"):
            if candidate in self._paths:
                return candidate
        matches = self._by_lower_path.get(_lookup_key(path))
        return min(matches) if matches else None

    def link_target(self, path: str) -> str:
        """The shortest link text that resolves to `path` from every note of the vault."""
        name = posixpath.basename(path)
        stem = name[:-3] if name.lower().endswith(".md") else name
        if len(self._by_name.get(_lookup_key(name), ())) <= 1:
            return stem
        return path[:-3] if path.lower().endswith(".md") else path


def _stem(path: str) -> str:
    name = posixpath.basename(path)
    return name[:-3] if name.lower().endswith(".md") else name
