"""Vault notes -> card specs: what each Anki note holds, where it goes, and its identity.

Identity (the Anki GUID) never depends on the file's path, deck, tags or content beyond the key:

    concept      "lw:<lw_id>:definition"
    principle    "lw:<lw_id>:principle", or "title:<normalised title>:principle" without an lw_id
    glossary     "lw:<post lw_id>:glossary:<normalised term>" (a term of a post's `[!glossary]`)
    flashcard    "block:<block id>" when the card ends with a `^block-id`, else
                 "front:<normalised front>" (basic) or "cloze:<normalised text>" (cloze)

A principle without `lw_id` is keyed by its title rather than by an id written into the note:
vaultkit leaves the user's notes alone, and a title survives moves and renames of the file. The
price is that retitling a principle starts a new card (the old one is then tagged removed).
Flashcards are keyed across the whole vault, not per note, so moving a card to another note or
renaming the note keeps its history. Without a block id, rewording the front starts a new card.
Likewise a glossary term is its identity: editing its definition updates the card, rewording the
term starts a new one.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from typing import Iterable, Mapping
from urllib.parse import quote

import genanki

from vaultkit.export.anki.definition import callout_definition, is_missing
from vaultkit.export.anki.field_form import escape_attr, escape_text
from vaultkit.export.anki.flashcards import (CLOZE_RE, Flashcard, inline_tags,
                                             parse_flashcards, strip_comments)
from vaultkit.export.anki.html import CardHtml
from vaultkit.model.glossary import blank_glossary, read_glossary
from vaultkit.model.items import GlossaryTerm
from vaultkit.model.properties import AXES, UNCERTAIN
from vaultkit.model.text import first_paragraph_lines
from vaultkit.vault.links import parse_wikilink
from vaultkit.vault.notes import Note
from vaultkit.vault.regions import region_span

BASIC = "basic"
CLOZE = "cloze"
BASIC_FIELDS = ("Front", "Back", "Extra", "Source", "VaultkitId", "AddReverse")
CLOZE_FIELDS = ("Text", "Extra", "Source", "VaultkitId")

FLASHCARD_TAG = "flashcards"   # the obsidian-spaced-repetition default: its notes' highlights are clozes
REMOVED_TAG = "vaultkit::removed"
GLOSSARY_TAG = "vaultkit::glossary"   # lets a user find (or suspend) the glossary cards in Anki

_MARKUP_RE = re.compile(r"[*_=~`\[\]#>]|\{\{c\d+::|\}\}")
_SPACE_RE = re.compile(r"\s+")
_TAG_SPLIT_RE = re.compile(r"[,\s]+")


@dataclass(frozen=True)
class CardSpec:
    """One Anki note to export."""

    guid: str
    model: str                  # BASIC or CLOZE
    fields: tuple[str, ...]     # in the order of BASIC_FIELDS / CLOZE_FIELDS
    deck: str
    tags: tuple[str, ...]
    origin: str                 # concept | principle | glossary | flashcard (for the report)
    source: str                 # vault-relative path of the note it came from
    line: int = 0               # line in the note's body, for flashcards


@dataclass(frozen=True)
class CardContext:
    """What turning notes into cards needs besides the note itself."""

    root_deck: str
    vault_name: str
    html: CardHtml
    reverse_concepts: bool = False


def normalise(text: str) -> str:
    """Text reduced to what identifies it: no markup, single spaces, case-folded."""
    return _SPACE_RE.sub(" ", _MARKUP_RE.sub("", text)).strip().casefold()


def card_guid(model: str, key: str) -> str:
    """The Anki GUID of the card with this key; `model` is part of it so a type change is a new note."""
    return genanki.guid_for("vaultkit", model, key)


def vaultkit_id(model: str, key: str) -> str:
    """A short id shown in the VaultkitId field, searchable in Anki as `VaultkitId:vk-…`."""
    return "vk-" + hashlib.sha1(f"{model}\x1f{key}".encode()).hexdigest()[:12]


def note_title(note: Note) -> str:
    title = note.properties.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return posixpath.splitext(posixpath.basename(note.rel))[0]


def note_key(note: Note) -> str:
    """A path-independent key for a note: its `lw_id`, else its normalised title."""
    lw_id = note.properties.get("lw_id")
    if isinstance(lw_id, str) and lw_id.strip():
        return f"lw:{lw_id.strip()}"
    return f"title:{normalise(note_title(note))}"


def note_type(note: Note) -> str:
    value = note.properties.get("type")
    return value.strip().lower() if isinstance(value, str) and value.strip() else "note"


def user_text(note: Note) -> str:
    """The note's body without vaultkit's owned region: the part the user writes."""
    span = region_span(note.body)
    if span is None:
        return note.body
    start = note.body.rfind("\n", 0, max(span[0] - 1, 0)) + 1
    end = note.body.find("\n", span[1])
    return note.body[:start] + note.body[len(note.body) if end == -1 else end + 1:]


def region_body(note: Note) -> str:
    span = region_span(note.body)
    return "" if span is None else note.body[span[0]:span[1]]


def note_tags(note: Note, text: str) -> list[str]:
    """The note's tags as written in Obsidian: frontmatter `tags` and inline `#tags`, without `#`."""
    raw = note.properties.get("tags")
    values: Iterable = raw if isinstance(raw, list) else _TAG_SPLIT_RE.split(raw) if isinstance(raw, str) else ()
    tags = [str(value).strip().lstrip("#") for value in values if value is not None]
    return [tag for tag in tags + inline_tags(text) if tag]


def anki_tag(tag: str) -> str:
    """`lesswrong/decision theory` -> `lesswrong::decision_theory`."""
    parts = [_SPACE_RE.sub("_", part.strip()) for part in tag.split("/")]
    return "::".join(part for part in parts if part)


def deck_for(note: Note, root_deck: str) -> str:
    """The note's deck: `anki_deck` if set, else its collection/sequence, else its folder."""
    override = note.properties.get("anki_deck")
    if isinstance(override, str) and override.strip():
        parts = re.split(r"::|/", override)
    else:
        parts = [_link_title(note.properties.get(key)) for key in ("collection", "sequence")]
        parts = [part for part in parts if part]
        if not parts:
            parts = note.rel.split("/")[:-1]
            if parts and parts[0].casefold() == root_deck.casefold():
                parts = parts[1:]
    parts = [part.strip() for part in parts if part and part.strip()]
    return "::".join([root_deck, *parts])


def _link_title(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if "[[" in value:
        inner = value.strip()[2:-2] if value.strip().startswith("[[") else value
        link = parse_wikilink(inner)
        return (link.alias or posixpath.basename(link.target)).replace("::", ":")
    return value.strip().replace("::", ":")


def source_link(vault_name: str, rel: str) -> str:
    """`<a href="obsidian://open?…">path</a>`: opens the source note in Obsidian."""
    file = rel[:-3] if rel.lower().endswith(".md") else rel
    url = f"obsidian://open?vault={quote(vault_name, safe='')}&file={quote(file, safe='')}"
    return f'<a href="{escape_attr(url)}">{escape_text(rel)}</a>'


def _prose_paragraph(markdown: str) -> str:
    """The first paragraph of prose as written (its Markdown becomes the card's HTML)."""
    return "\n".join(first_paragraph_lines(markdown)).strip()


def cards_for_note(note: Note, context: CardContext) -> list[CardSpec]:
    """Every card one note yields: its concept or principle card or a post's glossary cards, then
    its flashcards."""
    if note.properties.get("lw_conflict_of"):
        return []  # a conflict copy would only duplicate the cards of the note it conflicts with
    kind = note_type(note)
    mine = user_text(note)
    if kind == "post":
        mine = blank_glossary(mine)   # its lines are glossary cards, not `Front::Back` flashcards
    tags = _tags_for(note, kind, mine)
    deck = deck_for(note, context.root_deck)
    source = source_link(context.vault_name, note.rel)
    specs: list[CardSpec] = []
    if kind == "concept":
        specs.extend(_concept_card(note, context, deck, tags, source))
    elif kind == "principle":
        specs.extend(_principle_card(note, context, deck, tags, source, mine))
    elif kind == "post":
        specs.extend(_glossary_cards(note, context, deck, tags, source))
    flash_note = any(tag.casefold().split("::")[0] == FLASHCARD_TAG for tag in tags)
    for card in parse_flashcards(mine, highlights_are_clozes=flash_note):
        spec = _flashcard(card, note, context, deck, tags, source)
        if spec is not None:
            specs.append(spec)
    return specs


def _tags_for(note: Note, kind: str, text: str) -> tuple[str, ...]:
    tags = [anki_tag(tag) for tag in note_tags(note, text)]
    tags.append(f"type::{kind}")
    if kind == "principle":
        tags.extend(_axis_tags(note.properties))
    folder = posixpath.dirname(note.rel)
    if folder:
        tags.append("folder::" + anki_tag(folder))
    unique: dict[str, str] = {}
    for tag in tags:
        if tag and tag != REMOVED_TAG:
            unique.setdefault(tag.casefold(), tag)
    return tuple(sorted(unique.values(), key=str.casefold))


def _axis_tags(properties: Mapping) -> list[str]:
    tags = []
    for axis, labels in AXES.items():
        value = properties.get(axis)
        if value in labels:
            tags.append(f"principle::{value}")
        elif value == UNCERTAIN:
            tags.append(f"principle::{axis}-uncertain")
    return tags


def _basic(key: str, origin: str, note: Note, deck: str, tags: tuple[str, ...], *, front: str,
           back: str, extra: str, source: str, reverse: bool, line: int = 0) -> CardSpec:
    fields = (front, back, extra, source, vaultkit_id(BASIC, key), "y" if reverse else "")
    return CardSpec(card_guid(BASIC, key), BASIC, fields, deck, tags, origin, note.rel, line)


def concept_definition(note: Note) -> str | None:
    """The definition a concept's card shows: the user's `[!definition]` callout, else the one in
    vaultkit's region, else (a note without a callout) the `definition` property. None: no
    definition at all, so no card."""
    definition = callout_definition(strip_comments(user_text(note)))
    if definition is None:
        definition = callout_definition(strip_comments(region_body(note)))
    if definition is None:
        value = note.properties.get("definition")
        definition = value if isinstance(value, str) else None
    return None if is_missing(definition) else definition


def _concept_card(note: Note, context: CardContext, deck: str, tags: tuple[str, ...],
                  source: str) -> list[CardSpec]:
    definition = concept_definition(note)
    if definition is None:
        return []
    aliases = note.properties.get("aliases")
    aliases = [aliases] if isinstance(aliases, str) else aliases if isinstance(aliases, list) else []
    aliases = [alias for alias in aliases if isinstance(alias, str)]
    title = note_title(note)
    others = [alias for alias in aliases if alias.casefold() != title.casefold()]
    return [_basic(f"{note_key(note)}:definition", "concept", note, deck, tags,
                   front=escape_text(title), back=context.html.render(definition, note.rel),
                   extra=_also(others), source=source, reverse=context.reverse_concepts)]


def _also(names: list[str]) -> str:
    """The Extra field naming a term's other spellings ("" when it has none)."""
    return "Also: " + escape_text(", ".join(names)) if names else ""


def post_glossary(note: Note) -> list[GlossaryTerm]:
    """The post's glossary as the user reads it: a `[!glossary]` callout the user wrote outside
    vaultkit's region wins over the one sync wrote inside it (where an edit would meet a conflict
    on the next upstream change). Terms without a definition are left out."""
    terms = (read_glossary(strip_comments(user_text(note)))
             or read_glossary(strip_comments(region_body(note))))
    # Terms that differ only in case or markup are one card (the first one's): two would share
    # an identity, and the export refuses that.
    unique: dict[str, GlossaryTerm] = {}
    for term in terms:
        if not is_missing(term.definition):
            unique.setdefault(normalise(term.term), term)
    return list(unique.values())


def _glossary_cards(note: Note, context: CardContext, deck: str, tags: tuple[str, ...],
                    source: str) -> list[CardSpec]:
    tags = tuple(sorted({*tags, GLOSSARY_TAG}, key=str.casefold))
    return [_basic(f"{note_key(note)}:glossary:{normalise(term.term)}", "glossary", note, deck, tags,
                   front=escape_text(term.term), back=context.html.render(term.definition, note.rel),
                   extra=_also(term.alt_terms), source=source, reverse=False)
            for term in post_glossary(note)]


def principle_statement(note: Note, mine: str | None = None) -> str | None:
    """The principle as the card states it: the `statement` property, else the first paragraph of
    prose the user wrote. None: nothing to put on the back, so no card."""
    statement = note.properties.get("statement")
    if not isinstance(statement, str) or not statement.strip():
        statement = _prose_paragraph(user_text(note) if mine is None else mine)
    return statement or None


def _principle_card(note: Note, context: CardContext, deck: str, tags: tuple[str, ...],
                    source: str, mine: str) -> list[CardSpec]:
    statement = principle_statement(note, mine)
    if statement is None:
        return []
    axes = " · ".join(
        f"<b>{axis.capitalize()}</b>: {escape_text(str(note.properties.get(axis) or 'unrated'))}"
        for axis in AXES)
    return [_basic(f"{note_key(note)}:principle", "principle", note, deck, tags,
                   front=escape_text(note_title(note)),
                   back=context.html.render(statement, note.rel), extra=axes, source=source,
                   reverse=False)]


def _flashcard(card: Flashcard, note: Note, context: CardContext, deck: str,
               tags: tuple[str, ...], source: str) -> CardSpec | None:
    if card.block_id:
        key = f"block:{card.block_id}"
    else:
        key = ("front:" if card.kind == BASIC else "cloze:") + normalise(card.front)
    if card.kind == CLOZE:
        text = context.html.render(card.front, note.rel, cloze=True)
        if not has_cloze(text):
            return None  # only `{{c0::…}}`: Anki would make no card of it
        fields = (text, "", source, vaultkit_id(CLOZE, key))
        return CardSpec(card_guid(CLOZE, key), CLOZE, fields, deck, tags, "flashcard", note.rel,
                        card.line)
    return _basic(key, "flashcard", note, deck, tags, front=context.html.render(card.front, note.rel),
                  back=context.html.render(card.back, note.rel), extra="", source=source,
                  reverse=card.reverse, line=card.line)


def has_cloze(text: str) -> bool:
    """True when rendered cloze text holds at least one deletion Anki will make a card of."""
    return any(int(number) > 0 for number in CLOZE_RE.findall(text))
