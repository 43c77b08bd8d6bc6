"""The user's own flashcards, written in the obsidian-spaced-repetition syntax.

    Front::Back              one card
    Front:::Back             one card and its reverse
    Front lines              a multi-line card: the front, a line holding only `?` (`??` adds the
    ?                        reverse), the back; the card ends at the next blank line
    Back lines
    A ==highlight== or {{c1::deletion}} in a paragraph makes it a cloze card

A card may end with a block id (`… ^my-card`); it then keeps its identity when its front is
reworded. Everything inside `%% … %%` comments and code is ignored, and so is the
`<!--SR:…-->` review state the Obsidian plugin leaves behind.

Highlights are ordinary emphasis in most notes, so `==x==` makes a cloze only where the caller says
the note is a flashcard note (`highlights_are_clozes`); explicit `{{cN::…}}` always does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLOZE_RE = re.compile(r"\{\{c(\d+)::")
_HIGHLIGHT_RE = re.compile(r"(?<!=)==(?![=\s])[^\n]*?(?<![=\s])==(?!=)")
_COMMENT_RE = re.compile(r"%%.*?%%", re.DOTALL)
_FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)\1")
_SR_STATE_RE = re.compile(r"\s*<!--SR:[^>]*-->")
_BLOCK_ID_RE = re.compile(r"\s+\^([A-Za-z0-9-]+)\s*$")
_LIST_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[.\]\s+)?")
_INLINE_TAG_RE = re.compile(r"(?<![\w\\/#&])#([\w/-]*[^\W\d][\w/-]*)")


@dataclass(frozen=True)
class Flashcard:
    """One card the user wrote. `kind` is "basic" or "cloze"; clozes keep their text in `front`."""

    kind: str
    front: str
    back: str = ""
    reverse: bool = False
    block_id: str | None = None
    line: int = 0           # 1-based line in the text given to `parse_flashcards`


def strip_comments(text: str) -> str:
    """Remove Obsidian `%% … %%` comments (inline or spanning lines), keeping line numbers."""
    if "%%" not in text:
        return text
    return _COMMENT_RE.sub(lambda match: "\n" * match.group(0).count("\n"), text)


def _mask_code_spans(line: str) -> str:
    """The line with inline code blanked out, so `::` inside code is not a separator."""
    if "`" not in line:
        return line
    return _CODE_SPAN_RE.sub(lambda match: " " * len(match.group(0)), line)


def iter_prose_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) for each line outside fenced code and comments; code lines become ""."""
    lines = strip_comments(text).split("\n")
    out: list[tuple[int, str]] = []
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        opener = _FENCE_RE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            out.append((number, ""))
        elif opener:
            fence = opener.group(1)
            out.append((number, ""))
        else:
            out.append((number, line))
    return out


def inline_tags(text: str) -> list[str]:
    """`#tags` written in the text (outside code and comments), without the `#`."""
    if "#" not in text:
        return []
    tags: list[str] = []
    for _, line in iter_prose_lines(text):
        if "#" in line and not line.lstrip().startswith("#" + " "):
            tags.extend(_INLINE_TAG_RE.findall(_mask_code_spans(line)))
    return tags


def parse_flashcards(text: str, *, highlights_are_clozes: bool = False) -> list[Flashcard]:
    """Every flashcard in `text` (a note's body without vaultkit's owned region), in order."""
    if "::" not in text and "?" not in text and "==" not in text:
        return []
    cards: list[Flashcard] = []
    block: list[tuple[int, str]] = []
    for number, line in iter_prose_lines(text) + [(0, "")]:
        if line.strip():
            block.append((number, line))
        elif block:
            cards.extend(_cards_in_block(block, highlights_are_clozes))
            block = []
    return cards


def _cards_in_block(block: list[tuple[int, str]], highlights_are_clozes: bool) -> list[Flashcard]:
    for index, (_, line) in enumerate(block):
        if line.strip() in ("?", "??") and 0 < index < len(block) - 1:
            return [_multiline_card(block, index)]

    cards: list[Flashcard] = []
    rest: list[tuple[int, str]] = []
    for number, line in block:
        card = _inline_card(number, line)
        if card is not None:
            cards.append(card)
        else:
            rest.append((number, line))
    cloze_lines = [(n, line) for n, line in rest if _has_cloze(line, highlights_are_clozes)]
    if not cloze_lines:
        return cards
    if not cards:
        # A paragraph with a deletion is one cloze card, so the deletion keeps its context.
        text, block_id = _split_block_id("\n".join(line for _, line in rest))
        return [Flashcard("cloze", _clean(text), block_id=block_id, line=rest[0][0])]
    for number, line in cloze_lines:
        text, block_id = _split_block_id(_LIST_MARKER_RE.sub("", line))
        cards.append(Flashcard("cloze", _clean(text), block_id=block_id, line=number))
    return sorted(cards, key=lambda card: card.line)


def _multiline_card(block: list[tuple[int, str]], index: int) -> Flashcard:
    front = "\n".join(line for _, line in block[:index])
    back, block_id = _split_block_id("\n".join(line for _, line in block[index + 1:]))
    return Flashcard("basic", _clean(front), _clean(back), reverse=block[index][1].strip() == "??",
                     block_id=block_id, line=block[0][0])


def _inline_card(number: int, line: str) -> Flashcard | None:
    masked = CLOZE_RE.sub(lambda match: " " * len(match.group(0)), _mask_code_spans(line))
    at = masked.find("::")
    if at < 0:
        return None
    reverse = masked.startswith(":::", at)
    width = 3 if reverse else 2
    front = _LIST_MARKER_RE.sub("", line[:at]).strip()
    back, block_id = _split_block_id(line[at + width:])
    if not front or not _clean(back) or front.startswith("#"):
        return None
    return Flashcard("basic", _clean(front), _clean(back), reverse=reverse, block_id=block_id,
                     line=number)


def _has_cloze(line: str, highlights_are_clozes: bool) -> bool:
    masked = _mask_code_spans(line)
    return bool(CLOZE_RE.search(masked) or (highlights_are_clozes and _HIGHLIGHT_RE.search(masked)))


def _split_block_id(text: str) -> tuple[str, str | None]:
    text = _SR_STATE_RE.sub("", text)
    match = _BLOCK_ID_RE.search(text)
    if match is None:
        return text, None
    return text[: match.start()], match.group(1)


def _clean(text: str) -> str:
    return _SR_STATE_RE.sub("", text).strip()
