"""What kind of thing each content word names, from WordNet (the scope axis's knowledge of words).

Word features only know the words the training rows used; a new writer's "tendons" or "transistors"
are unknown to them. WordNet files nearly every English noun and verb under a lexicographer category
(a body part, a made object, a quantity, a relation, …) and under broader kinds (a person, a device,
a number …), so these categories carry over to words no training row used. The table is derived at
build time by `build/wordnet_table.py` and loaded once per process, on first use.
"""

from __future__ import annotations

import functools
import gzip
import json

from vaultkit.analyse.tagger.cues import CLAUSE_STARTERS, MODALS, Cue, Token, tokenize
from vaultkit.analyse.tagger.dataset import DATA_DIR
from vaultkit.errors import ConfigError

SENSES_PATH = DATA_DIR / "wordnet-senses.json.gz"
SENSE_CUE_PREFIX = "cue:wordnet_"
# Closed-class words WordNet also lists as rare nouns or verbs ("will", "may", "can"): never content.
FUNCTION_WORDS = CLAUSE_STARTERS | MODALS | frozenset("""of to in on at by for with and or but not is are
    was were be been being its than then as from into onto about over under so such very more less
    only also just even too how why where which whom whose while until unless because since though
    although whether yet nor both either neither own same other another much few none never always
    ever often here there their them our us his her him me my mine ours yours theirs let lets get gets
    make makes made way ways thing things""".split())
# Regular inflections, tried in order after WordNet's list of irregular forms (as WordNet's morphy does).
NOUN_ENDINGS = (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
                ("ies", "y"), ("s", ""))
VERB_ENDINGS = (("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                ("s", ""))
# How `--explain` names each category to a reader.
CATEGORY_WORDS = {
    "noun.Tops": "a top-level concept", "noun.act": "an act or activity", "noun.animal": "an animal",
    "noun.artifact": "a made object", "noun.attribute": "a property", "noun.body": "a body part",
    "noun.cognition": "a mental or abstract notion", "noun.communication": "something said or written",
    "noun.event": "an event", "noun.feeling": "a feeling", "noun.food": "food or drink",
    "noun.group": "a group", "noun.location": "a place", "noun.motive": "a motive",
    "noun.object": "a natural object", "noun.person": "a person", "noun.phenomenon": "a phenomenon",
    "noun.plant": "a plant", "noun.possession": "a possession or money", "noun.process": "a process",
    "noun.quantity": "a quantity or unit", "noun.relation": "a relation", "noun.shape": "a shape",
    "noun.state": "a state or condition", "noun.substance": "a substance", "noun.time": "a time",
    "verb.body": "a bodily act", "verb.change": "a change", "verb.cognition": "thinking",
    "verb.communication": "communicating", "verb.competition": "competing or fighting",
    "verb.consumption": "eating, drinking or using up", "verb.contact": "touching or handling",
    "verb.creation": "making", "verb.emotion": "feeling", "verb.motion": "moving",
    "verb.perception": "perceiving", "verb.possession": "owning or transferring",
    "verb.social": "a social act", "verb.stative": "being or having", "verb.weather": "weather",
}


@functools.lru_cache(maxsize=1)
def sense_table() -> dict:
    """The shipped table (read and decompressed once per process)."""
    try:
        return json.loads(gzip.decompress(SENSES_PATH.read_bytes()))
    except (OSError, ValueError) as error:
        raise ConfigError(f"Cannot load the word-sense table from {SENSES_PATH}: {error}",
                          hint="Reinstall vaultkit, or rebuild it with `python -m vaultkit.analyse.tagger.build.wordnet_table`.") from error


def lemma(word: str, pos: str, table: dict) -> str | None:
    """The form of `word` that WordNet lists for part of speech `pos` ("n" or "v"), if any; of several
    ("numbers" is also a noun of its own), the one its sense-tagged corpus used most."""
    entries = table[pos]
    candidates = [word, table[f"{pos}_forms"].get(word, "")]
    for ending, replacement in NOUN_ENDINGS if pos == "n" else VERB_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            candidates.append(word[:-len(ending)] + replacement)
    found = [c for c in dict.fromkeys(candidates) if c in entries]
    return max(found, key=lambda c: entries[c][0]) if found else None


@functools.lru_cache(maxsize=65536)
def word_categories(word: str) -> tuple[str, ...]:
    """The categories of a word: the lexicographer category of its most frequent sense and the broad
    kinds its first senses descend from ("kind:body_part"), in the part of speech the word is most
    often used in (nouns first when WordNet's corpus never saw it); none for a word mostly used as an
    adjective or adverb."""
    if word in FUNCTION_WORDS or len(word) < 3:
        return ()
    table = sense_table()
    readings = []
    for rank, pos in enumerate(("n", "v")):
        base = lemma(word, pos, table)
        if base is not None:
            readings.append((table[pos][base][0], -rank, pos, base))
    if not readings:
        return ()
    count, _, pos, base = max(readings)
    if table["a"].get(word, 0) > count:
        return ()
    entry = table[pos][base]
    found = [table["lexnames"][entry[1][0]]]
    if len(entry) > 2:
        found.extend(f"kind:{table['ancestors'][k]}" for k in entry[2])
    return tuple(found)


# WordNet's topmost kinds: nearly every noun descends from one, so the model may weigh them, but
# "tendency: a kind of abstraction" tells a reader nothing. `--explain` leaves them out.
VAGUE_KINDS = frozenset({"entity", "physical_entity", "abstraction", "thing", "object", "whole"})


def describe(category: str) -> str:
    """A category as a reader would say it ("a body part", "a kind of device")."""
    if category.startswith("kind:"):
        return "a kind of " + category[5:].replace("_", " ")
    return CATEGORY_WORDS.get(category, category)


def cue_id(category: str) -> str:
    """The cue (and, with "cue:", the model feature) of a category: "wordnet_noun_body"."""
    return "wordnet_" + category.replace("kind:", "kind_").replace(".", "_")


@functools.lru_cache(maxsize=65536)
def word_sense_features(word: str) -> tuple[str, ...]:
    """The model features of one word's categories (cached: most words recur across notes)."""
    return tuple(f"cue:{cue_id(c)}" for c in word_categories(word))


def statement_sense_features(statement: str) -> set[str]:
    """The model features of the statement's content words; the fast path when nothing is explained."""
    return {f for token in tokenize(statement) for f in word_sense_features(token.lower)}


def sense_cues(tokens: tuple[Token, ...]) -> list[Cue]:
    """One cue per category found among the content words, listing the words and where the first is;
    none for the vague top-level kinds (their features still count)."""
    words: dict[str, list[Token]] = {}
    for token in tokens:
        for category in word_categories(token.lower):
            if category[5:] not in VAGUE_KINDS or not category.startswith("kind:"):
                words.setdefault(category, []).append(token)
    cues = []
    for category, found in sorted(words.items()):
        names = ", ".join(dict.fromkeys(t.text for t in found))
        cues.append(Cue(cue_id(category), "scope", f"{names}: {describe(category)} (WordNet)",
                        (found[0].start, found[0].end), "either"))
    return cues


def statement_sense_cues(statement: str) -> list[Cue]:
    """The WordNet categories of the statement's content words, as cues `--explain` can show."""
    return sense_cues(tokenize(statement))
