"""The grammatical shape of a concept's definition: a claim (a subject with a finite verb) or a
phrase that names something (a noun or gerund phrase with no verb of its own).

A principle's definition says something about how things are or what to do ("Extraordinary claims
require extraordinary evidence."); a topic's definition names an area, an activity, a group or a
format ("Ten-day silent courses in a meditation tradition.", "Saving, investing and managing
household money."). Word lists of topics or claims grow with every new writer; the shape does not.
No parser is used: finite verbs are found from closed-class words (auxiliaries, modals, the
copula) and from the position of an inflected word between a noun phrase and its object.
"""

from __future__ import annotations

import re

from vaultkit.analyse.tagger.lexicon import IMPERATIVE_VERBS

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|[,;:()\u2013\u2014]")
# Endings of adjectives and participles: an -s word after one is a plural noun ("Public documents").
_MODIFIER_ENDINGS = ("al", "ic", "ly", "ed", "ful", "ous", "ive", "ary", "able", "ible", "ian", "ish", "less",
                     "ent", "ant", "id", "day", "new", "old", "own")
# Determiners that open a sentence's subject ("The number of … doubles about …").
_SUBJECT_DETERMINERS = ("the", "a", "an", "any", "each", "every", "no")
# Words that follow an intransitive verb ("tend to", "lean toward", "rises with").
_VERB_PARTICLES = frozenset(("to", "toward", "towards", "on", "about", "for", "with", "up", "down", "out", "off"))

# Finite by themselves: the copula, auxiliaries and modals.
_FINITE = frozenset(
    "is are was were isn't aren't wasn't weren't has have had hasn't haven't hadn't does do did doesn't "
    "don't didn't can cannot can't could couldn't will won't would wouldn't may might must mustn't "
    "should shouldn't shall ought".split())
# Words that open a noun phrase or a prepositional phrase: a verb cannot follow them directly.
_DETERMINERS = frozenset(
    "a an the its their his her our your my this that these those any every each no some more most less "
    "fewer many much all both either neither one two three several few other another such what".split())
_PREPOSITIONS = frozenset(
    "of in on at by for with from to into onto about over under between among through during before "
    "after without within against toward towards across around than as per via like near".split())
_CONJUNCTIONS = frozenset("and or but nor so yet because while although though if when whether".split())
# An object or complement that a finite verb takes next ("draws a …", "changes how …").
_AFTER_VERB = _DETERMINERS | frozenset(
    "how why whether that them it him her us you me people themselves itself far up down out away back "
    "off toward towards into less more".split())
# Relative words: the first finite verb after one belongs to the relative clause, not to the main one.
_RELATIVES = frozenset("that which who whom whose where when how what whether".split())
_SUBJECT_RELATIVES = frozenset("that which who".split())
# Conjunctions that open a subordinate clause: its first verb is not the main clause's ("Attacking a
# plan before someone else does" is a gerund phrase, not a claim).
_SUBORDINATORS = frozenset("before until unless because although though once".split())
# An indirect question as the whole definition ("How preferences can be combined …"): its verb is
# the question's own, so a topic's "How …" reads as a phrase, while "What we praise is what we get"
# keeps its main verb "is".
_OPENING_QUESTIONS = frozenset("how what whether why".split())
# Only these join two phrases of one kind; after a verb, "when"/"if"/"because" start its condition.
_COORDINATORS = frozenset("and or but nor".split())
# Subjects that are plainly not a verb's object, so a base form after them is finite ("people lean").
_SUBJECT_PRONOUNS = frozenset("people we they you i one".split())
# A word after a subject that is no verb although it has a verb's ending or place.
_NOT_VERBS = _PREPOSITIONS | _CONJUNCTIONS | _DETERMINERS | frozenset(
    "not also only even just very often usually always never rarely sometimes who which that".split())
# Connectives that give a described act its reason or its error ("Ending a search as soon as …"):
# a fallacy or a bias told as an act, not an activity named as a topic.
_ACT_CONNECTIVES = re.compile(r"\b(because|since|as soon as|as if|as though|so that|even though|"
                              r"even when|merely|simply|only because|then)\b", re.I)

# A habit of mind or a mistake as the head of a verbless definition ("The belief that …", "The
# human habit of …"): a claim about how people think, which "The study of …" is not.
_DISPOSITION_RE = re.compile(r"^(?:the|a|an)\s+(?:[a-z-]+\s+)?(belief|habit|tendency|urge|inclination|failure|"
                             r"mistake|assumption|illusion|expectation|temptation|error|impulse)\s+(?:that|of|to)\b",
                             re.I)


def _opens_with_instruction(text: str) -> bool:
    """Whether a verbless definition opens with a verb in its base form and that verb's object
    ("Divide 72 by …", "Interpret others' …", "Bind your …"): an instruction, so a rule. A plural
    noun as the object counts only after a known imperative verb ("Compare options"), since "Trip
    reports", "Cash rewards" open with a noun too."""
    words = text.lower().split()[:2]
    if len(words) < 2:
        return False
    verb, after = words[0].strip(",;:"), words[1]
    if (verb in _DETERMINERS | _PREPOSITIONS | _CONJUNCTIONS | _FINITE or len(verb) < 3 or "-" in verb
            or (verb.endswith("s") and not verb.endswith("ss")) or verb.endswith(("ing", "ed", "ly"))
            or _is_modifier_like(verb)):
        return False
    if after in _AFTER_VERB or after in ("others", "others'") or after[0].isdigit():
        return True
    return _is_plural_noun_like(after) and verb in IMPERATIVE_VERBS


def _words(text: str) -> list[str]:
    """Lower-case words, with "," standing for any mark that breaks a phrase (, ; : ( ) and dashes)."""
    return [m.group().lower() if m.group()[0].isalpha() else "," for m in _TOKEN.finditer(text)]


def _is_plural_noun_like(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))


def _is_modifier_like(word: str) -> bool:
    """An adjective or a participle by its ending ("Public", "Monthly", "Shared", "Extraordinary")."""
    return word.endswith(_MODIFIER_ENDINGS) or word in _DETERMINERS


def _verb_at(words: list[str], i: int) -> bool:
    """Whether words[i] reads as a finite verb where it stands."""
    word = words[i]
    if word in _FINITE:
        return True
    if i == 0 or word == "," or word in _NOT_VERBS:
        return False
    before = words[i - 1]
    after = words[i + 1] if i + 1 < len(words) else ","
    if before == "," or before in _DETERMINERS | _PREPOSITIONS | _FINITE | _CONJUNCTIONS or after == ",":
        return False
    if _is_plural_noun_like(word):
        if after in _AFTER_VERB or after.endswith("ly"):
            return True  # "… consequence draws a weaker response", "… wish overrides its …"
        # "The number of transistors on a chip doubles about …": an -s word after a singular noun,
        # in a sentence that opens with its subject's determiner
        return (words[0] in _SUBJECT_DETERMINERS and not _is_plural_noun_like(before)
                and not _is_modifier_like(before) and after in _PREPOSITIONS | _VERB_PARTICLES)
    base_form = not word.endswith(("s", "ly", "ing", "ed")) and not _is_modifier_like(word) and len(word) > 2
    if base_form and (before in _SUBJECT_PRONOUNS or _is_plural_noun_like(before)):
        # "people lean toward …", "claims require extraordinary evidence"
        return after not in _COORDINATORS and (after not in _PREPOSITIONS or after in _VERB_PARTICLES)
    return False


def finite_verbs(text: str) -> list[str]:
    """The finite verbs of the main clause, in order (the first verb after a relative word is the
    relative clause's own and is left out)."""
    words = _words(text)
    verbs, pending_relative = [], False
    for i, word in enumerate(words):
        if (word in _RELATIVES | _SUBORDINATORS and i > 0) or (i == 0 and word in _OPENING_QUESTIONS):
            pending_relative = True
            continue
        # the word right after "that"/"which"/"who" with a verb's ending is that clause's verb
        right_after_relative = pending_relative and words[i - 1] in _SUBJECT_RELATIVES
        if _verb_at(words, i) or (right_after_relative and (_is_plural_noun_like(word) or word.endswith("ed"))):
            if pending_relative:
                pending_relative = False
                continue
            verbs.append(word)
    return verbs


def shape_cues(text: str) -> list[tuple[str, str]]:
    """(cue id, matched text) for the shape of a definition: `shape_claim` (a finite verb in the main
    clause), else `shape_gerund_act` (an act with its reason, "Ending a search as soon as …"),
    `shape_gerund` (an activity, "Tracking data about …"), `shape_imperative` (an instruction,
    "Divide 72 by …"), `shape_disposition` (a habit of mind, "The belief that …") or `shape_phrase`
    (any other noun phrase)."""
    words = _words(text)
    if not words:
        return []
    verbs = finite_verbs(text)
    if verbs:
        return [("shape_claim", verbs[0])]
    if words[0].endswith("ing") and len(words[0]) > 4:
        connective = _ACT_CONNECTIVES.search(text)
        if connective:
            return [("shape_gerund_act", connective.group(0))]
        return [("shape_gerund", words[0])]
    if _opens_with_instruction(text):
        return [("shape_imperative", words[0])]
    disposition = _DISPOSITION_RE.match(text)
    if disposition:
        return [("shape_disposition", disposition.group(0))]
    return [("shape_phrase", " ".join(words[:3]))]
