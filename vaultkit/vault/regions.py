"""The owned region: the part of a note's body that vaultkit writes and may replace.

    %% vaultkit:begin %%
    …everything vaultkit renders…
    %% vaultkit:end %%

The markers are Obsidian comments, invisible in Reading view. Text above and below them is the
user's. Each marker stands alone on its line.
"""

from __future__ import annotations

import hashlib
import re

from vaultkit.errors import RegionError

BEGIN = "%% vaultkit:begin %%"
END = "%% vaultkit:end %%"

# A marker alone on its line (spaces, tabs and a \r around it allowed). The regex starts with the
# marker's literal `%` so the engine skips straight to candidates (a leading `^[ \t]*` made it try
# every position of the note); the start of the line is checked in `_markers`.
_MARKER = re.compile(r"(?m)%% vaultkit:(?:begin|end) %%(?=[ \t]*\r?$)")


def region_span(text: str) -> tuple[int, int] | None:
    """(start, end) offsets of the region's inner text, or None when the note has no region.

    The inner text starts after the begin marker's line and ends where the end marker's line starts.
    """
    markers = _markers(text)
    if not markers:
        return None
    kinds = [kind for kind, _start, _end in markers]
    if kinds != [BEGIN, END]:
        raise RegionError(
            "the vaultkit markers in this note are unbalanced "
            f"(found {', '.join(k.split(':')[1].rstrip(' %') for k in kinds)})",
            hint=f"Keep exactly one `{BEGIN}` line followed by one `{END}` line, or delete both.",
        )
    (_kind, _start, begin_end), (_kind, end_line, _end) = markers
    inner_start = text.find("\n", begin_end)
    inner_start = len(text) if inner_start == -1 else inner_start + 1
    return min(inner_start, end_line), end_line


def _markers(text: str) -> list[tuple[str, int, int]]:
    """(marker, start of its line, end of the marker) of each marker line of `text`, in order."""
    found = []
    for m in _MARKER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start:m.start()].strip(" \t"):
            found.append((m.group(0), line_start, m.end()))
    return found


def region_text(text: str) -> str | None:
    """The owned region's inner text, or None when there is no region."""
    span = region_span(text)
    return None if span is None else text[span[0]:span[1]]


def replace_region(text: str, inner: str) -> str:
    """Put `inner` inside the owned region; a note without one gets a region appended."""
    if inner and not inner.endswith("\n"):
        inner += "\n"
    span = region_span(text)
    if span is None:
        separator = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        return f"{text}{separator}{BEGIN}\n{inner}{END}\n"
    start, end = span
    return text[:start] + inner + text[end:]


def content_hash(text: str) -> str:
    """SHA-256 of text, hex: how vaultkit remembers what it last wrote into a region."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
