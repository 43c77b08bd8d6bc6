"""Explainable cues: which words of a principle point toward which label.

A cue only says *where* it points; how much it counts comes from the fitted model. Statement cues
carry their span in the statement; name cues (from the title) carry ``span=None``.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple, Sequence

from vaultkit.analyse.tagger import lexicon as lx

TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+(?:\.\d+)?%?|%")
MODALS = frozenset("can cannot will would may might could should must does do did has have had".split())
# Nouns that double as verbs; followed by a plural/third-person word they are a subject ("Work expands").
NOUN_HOMOGRAPHS = frozenset("""work light study supply demand change process force value answer
    plan cause record rest trust design name note water sound need use""".split())
CONDITION_OPENERS = ("if ", "when ", "whenever ", "unless ", "once ")
SECOND_PERSON = frozenset({"you", "your", "yourself", "yours"})
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten twenty thirty forty fifty "
                         "sixty seventy eighty ninety hundred half a".split())

# "every working day", "each Sunday evening", "after every meal": a routine, so a habit.
CALENDAR_PERIOD = re.compile(
    r"\b(?:every|each)\s+(?:\w+\s+){0,2}?(?:day|morning|afternoon|evening|night|week|weekend|month|year|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|meal|workday)s?\b", re.I)

DOMAIN_OF_WORD: dict[str, tuple[str, ...]] = {}
for _domain, _words in lx.DOMAINS.items():
    for _word in _words:
        DOMAIN_OF_WORD[_word] = DOMAIN_OF_WORD.get(_word, ()) + (_domain,)

# Openers that need no comma before the main clause ("Every so often reread …").
OPENER_PHRASES = ("every so often", "now and then", "from time to time", "once in a while", "at times",
                  "in most cases", "most of the time", "above all", "as a rule", "every now and then")
# Single words that open a comma-ended opener ("In chess, …", "Given enough eyeballs, …").
OPENER_WORDS = lx.OPENER_WORDS | {"above", "given", "other", "over", "across", "along", "among"}
# Words that open a declarative clause, never an imperative one.
CLAUSE_STARTERS = frozenset("""the a an this that these those every each all most many some no any it
    there what who one nothing everything something anything i we they he she you if when""".split())
# Words that typically follow an imperative verb: its object or particle ("Reread your notes").
OBJECT_STARTERS = frozenset("your the a an it them this these those yourself up out off down back every "
                            "each some one only".split())

# Adverbs that may precede an imperative verb ("Occasionally step back", "Usually defer").
LEADING_ADVERBS = frozenset("usually often occasionally sometimes typically generally mostly always "
                            "regularly rarely first just also then now".split())


class Cue(NamedTuple):
    """One matched cue: `id` names the feature, `direction` the label it points toward."""

    id: str
    axis: str
    text: str
    span: tuple[int, int] | None
    direction: str


class Token(NamedTuple):
    """A word of a statement and where it is (a tuple: thousands are made per second)."""

    text: str
    lower: str
    start: int
    end: int


@functools.lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Word tokens with their character spans (cached: cues and features tokenise the same text)."""
    return tuple(Token(m.group(), m.group().lower(), m.start(), m.end()) for m in TOKEN.finditer(text))


@functools.lru_cache(maxsize=4096)
def main_clause_start(statement: str) -> int:
    """Where the main clause starts, skipping a "Name:" label and openers such as "Occasionally," or
    "When X, …" (the mood check looks at the first word after them)."""
    start = 0
    label = re.match(r"\s*([^:.,;]{1,40}):\s+", statement)
    if label and len(label.group(1).split()) <= 4:
        start = label.end()
    for _ in range(3):
        rest = statement[start:]
        phrase = next((p for p in OPENER_PHRASES if rest.lower().startswith(p)), None)
        if phrase:
            start += len(phrase)
            start += len(statement[start:]) - len(statement[start:].lstrip(" ,"))
            continue
        words = rest.split(None, 1)
        if not words:
            break
        first = words[0].lower().rstrip(",")
        comma = rest.find(",")
        if first in OPENER_WORDS and 0 < comma < 90:
            start += comma + 1
            start += len(statement[start:]) - len(statement[start:].lstrip())
        else:
            break
    return start


def _condition_end(statement: str) -> int:
    """End of a leading if/when condition ("if rain is likely, …"), or 0 when there is none."""
    lowered = statement.lower()
    if lowered.startswith(CONDITION_OPENERS) and not lowered.startswith(OPENER_PHRASES):
        comma = lowered.find(",")
        if comma > 0:
            return comma
    return 0


def _justification_start(statement: str) -> int:
    """Start of a trailing justification (", since …", "because …"), or len(statement)."""
    match = re.search(r",?\s+(?:since|because)\s", statement.lower())
    return match.start() if match else len(statement)


def is_imperative(tokens: Sequence[Token]) -> bool:
    """Whether a clause (given as tokens) opens with an imperative verb."""
    while len(tokens) > 1 and tokens[0].lower in LEADING_ADVERBS and tokens[1].lower in lx.IMPERATIVE_VERBS:
        tokens = tokens[1:]
    if not tokens:
        return False
    first = tokens[0].lower
    second = tokens[1].lower if len(tokens) > 1 else ""
    if first in ("never", "always", "don't", "please", "do") and second not in lx.BE_FORMS:
        return True
    if first not in lx.IMPERATIVE_VERBS:
        # An unlisted verb: a plain word followed by an object ("Reread your notes", "End it").
        return (first not in CLAUSE_STARTERS and second in OBJECT_STARTERS and first.isalpha()
                and not first.endswith(("ing", "ed", "ly")) and not (first.endswith("s") and not first.endswith("ss")))
    if second in lx.BE_FORMS or second in MODALS:
        return False
    if first in NOUN_HOMOGRAPHS and second.endswith("s") and second not in ("us", "this", "its", "yours"):
        return False
    return True


@functools.lru_cache(maxsize=None)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """One regex matching any of the phrases as whole words, longest phrase first."""
    ordered = sorted({p.strip() for p in phrases}, key=lambda p: (-len(p), p))
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![A-Za-z])")


def _phrase_cues(text: str, phrases: tuple[str, ...], cue_id: str, axis: str, direction: str,
                 lo: int = 0, hi: int | None = None) -> list[Cue]:
    """A cue for each whole-word occurrence of any phrase inside text[lo:hi]."""
    hi = len(text) if hi is None else hi
    return [Cue(cue_id, axis, text[m.start():m.end()], (m.start(), m.end()), direction)
            for m in _phrase_pattern(phrases).finditer(text.lower()) if lo <= m.start() and m.end() <= hi]


def _word_cues(tokens: Sequence[Token], words, cue_id: str, axis: str, direction: str) -> list[Cue]:
    return [Cue(cue_id, axis, t.text, (t.start, t.end), direction) for t in tokens if t.lower in words]


# An agent as the subject of a deontic modal, with an action after it: "You should never lie",
# "One ought to keep promises", "Drivers must not text". `be`/`have`-complements ("ought to be
# happier", "should last a century") are the epistemic reading and do not count.
_AGENT_SUBJECT = (r"you|we|one|everyone|everybody|nobody|no one|anyone|a rational agent|an agent|a person|"
                  + "|".join(sorted(lx.HUMAN_SUBJECTS, key=len, reverse=True)))
_DEONTIC_RULE_RE = re.compile(
    rf"\b(?:{_AGENT_SUBJECT})\s+(?:should|ought to|must|need to|needs to|have to|has to)"
    rf"(?:\s+(?:not|never|always|usually|often))?\s+(?!be\b|have\b|last\b|take\b|learn\b|expect\b)[a-z]+")


def normativity_cues(statement: str, tokens: Sequence[Token], core: int) -> list[Cue]:
    axis = "normativity"
    core_tokens = [t for t in tokens if t.start >= core]
    cues: list[Cue] = []
    if is_imperative(core_tokens):
        t = core_tokens[0]
        cues.append(Cue("imperative", axis, t.text, (t.start, t.end), "normative"))
    cues += _phrase_cues(statement, lx.DEONTIC_MODALS, "deontic_modal", axis, "normative")
    for m in _DEONTIC_RULE_RE.finditer(statement.lower()):
        cues.append(Cue("deontic_rule", axis, statement[m.start():m.end()], (m.start(), m.end()), "normative"))
    cues += _phrase_cues(statement, lx.EVALUATIVE_PHRASES, "evaluative", axis, "normative")
    cues += _word_cues(tokens, SECOND_PERSON, "second_person", axis, "normative")
    cues += _word_cues(tokens, lx.VIRTUE_WORDS, "virtue_word", axis, "normative")
    if not cues and core_tokens:
        t = core_tokens[0]
        cues.append(Cue("declarative", axis, t.text, (t.start, t.end), "descriptive"))
    cues += _phrase_cues(statement, lx.MATH_RELATIONS, "math_relation", axis, "descriptive")
    deontic = any(c.id == "deontic_rule" for c in cues)
    if core_tokens and core_tokens[0].lower in lx.HUMAN_SUBJECTS | {"a", "an", "the", "most", "many"}:
        if not is_imperative(core_tokens) and not deontic:
            t = core_tokens[0]
            cues.append(Cue("third_person_subject", axis, t.text, (t.start, t.end), "descriptive"))
    return cues


def human_subject(tokens: Sequence[Token], core: int) -> Token | None:
    """A human subject opening the main clause ("People …", "Most smokers …"), if any."""
    for t in [t for t in tokens if t.start >= core][:3]:
        if t.lower in lx.HUMAN_SUBJECTS:
            return t
    return None


# A setting named before the main clause ("In rock-paper-scissors, …", "During a sales call, …")
# restricts the principle to it; generalities ("In most cases, …", "In any dispute, …") do not.
SETTING_FRAME = re.compile(r"^(?:[^:.,;]{1,40}:\s+)?(?:In|At|During|On|For|Within)\s+(?!general\b|most\b|any\b|"
                           r"all\b|many\b|short\b|practice\b|doubt\b|principle\b|theory\b|every\b|each\b|the long run\b|"
                           r"the end\b|time\b|case\b|addition\b|turn\b)([^,;]{3,60}),")


def scope_cues(statement: str, tokens: Sequence[Token], core: int) -> list[Cue]:
    axis = "scope"
    cues: list[Cue] = []
    frame = SETTING_FRAME.match(statement)
    if frame:
        cues.append(Cue("setting_frame", axis, frame.group(1), frame.span(1), "situational"))
    for t in tokens:
        domains = DOMAIN_OF_WORD.get(t.lower, ())
        for domain in domains:
            cues.append(Cue(f"domain_{domain}", axis, t.text, (t.start, t.end), "situational"))
        if domains:
            # one pooled cue too, so a field with few training rows still counts as a domain
            cues.append(Cue("domain_word", axis, t.text, (t.start, t.end), "situational"))
    subject = human_subject(tokens, core)
    if subject is not None:
        cues.append(Cue("human_subject", axis, subject.text, (subject.start, subject.end), "situational"))
    # In an imperative the people named are whom the rule is about, not the subject of a claim.
    mention = "human_object" if is_imperative([t for t in tokens if t.start >= core]) else "human_mention"
    cues += [c for c in _word_cues(tokens, lx.HUMAN_SUBJECTS, mention, axis, "situational")
             if subject is None or c.span[0] != subject.start]
    cues += _phrase_cues(statement, lx.RESTRICTIVE_PHRASES, "restrictive_modifier", axis, "situational")
    cues += _phrase_cues(statement, lx.HABIT_FREQUENCIES, "habit_frequency", axis, "situational")
    cues += [Cue("habit_frequency", axis, m.group(), m.span(), "situational")
             for m in CALENDAR_PERIOD.finditer(statement)]
    if not cues and tokens:
        cues.append(Cue("no_domain_marker", axis, "", None, "universal"))
    cues += _word_cues(tokens, lx.ABSTRACT_NOUNS, "abstract_noun", axis, "universal")
    cues += _word_cues(tokens, lx.MATH_WORDS, "math_word", axis, "universal")
    cues += _word_cues(tokens, lx.VIRTUE_WORDS, "virtue_value", axis, "universal")
    for i, t in enumerate(tokens[:-1]):
        following = {u.lower for u in tokens[i + 1:i + 3]}
        if t.lower in lx.UNRESTRICTED_QUANTIFIERS and following & lx.ABSTRACT_NOUNS:
            cues.append(Cue("unrestricted_quantifier", axis, t.text, (t.start, t.end), "universal"))
    return cues


def _is_superlative_most(statement: str, start: int, end: int) -> bool:
    """"the most important", "what matters most": a superlative, not a proportion."""
    before = statement[:start].lower().rstrip()
    after = statement[end:].lower().lstrip()
    return before.endswith((" the", " at")) or before == "the" or not after[:1].isalpha() \
        or after.split(None, 1)[0] in ("before", "when", "if", "to", "and", "or", "in")


def certainty_cues(statement: str, tokens: Sequence[Token], core: int) -> list[Cue]:
    axis = "certainty"
    lo = _condition_end(statement)
    hi = _justification_start(statement)
    cues: list[Cue] = []
    for i, t in enumerate(tokens):
        if not (lo <= t.start and t.end <= hi) or t.lower not in lx.FREQUENCY_HEDGES:
            continue
        if t.lower == "about" and not (i + 1 < len(tokens) and (tokens[i + 1].lower in NUMBER_WORDS
                                                                or tokens[i + 1].lower[0].isdigit())):
            continue  # "talk about", "ask about": not a hedge
        cues.append(Cue("frequency_hedge", axis, t.text, (t.start, t.end), "stochastic"))
    for cue in _phrase_cues(statement, lx.HEDGE_PHRASES, "hedge_phrase", axis, "stochastic", lo, hi):
        if cue.text.lower() == "most" and _is_superlative_most(statement, *cue.span):
            continue
        cues.append(cue)
    cues += _phrase_cues(statement, lx.RANDOMNESS_PHRASES, "randomness", axis, "stochastic", lo, hi)
    hedged = [c.span for c in cues]
    for t in tokens:
        if t.lower in lx.ABSOLUTE_WORDS and not any(s[0] <= t.start < s[1] for s in hedged):
            cues.append(Cue("absolute", axis, t.text, (t.start, t.end), "deterministic"))
    cues += _phrase_cues(statement, lx.MATH_RELATIONS, "exact_relation", axis, "deterministic")
    for cue in _phrase_cues(statement, lx.HABIT_FREQUENCIES, "fixed_schedule", axis, "deterministic"):
        if not cue.text.lower().startswith("most"):
            cues.append(cue)
    cues += [Cue("fixed_schedule", axis, m.group(), m.span(), "deterministic")
             for m in CALENDAR_PERIOD.finditer(statement)]
    subject = human_subject(tokens, core)
    if subject is not None and not is_imperative([t for t in tokens if t.start >= core]):
        # Claims about what people do describe population tendencies (biases, risks).
        cues.append(Cue("human_tendency", axis, subject.text, (subject.start, subject.end), "stochastic"))
    return cues


def name_cues(name: str) -> list[Cue]:
    """Weak hints from the title's last word ("… law", "… bias", "… rule")."""
    words = re.sub(r"\(.*?\)", "", name).lower().split()
    if not words:
        return []
    last = words[-1].strip(".,:;'\"")
    cues = []
    if last in lx.DESCRIPTIVE_NAME_SUFFIXES:
        cues.append(Cue("name_descriptive_suffix", "normativity", last, None, "descriptive"))
        if last in ("law", "theorem", "principle", "inequality", "thesis"):
            cues.append(Cue("name_law", "certainty", last, None, "deterministic"))
    if last in lx.NORMATIVE_NAME_SUFFIXES:
        cues.append(Cue("name_normative_suffix", "normativity", last, None, "normative"))
    if last in lx.BIAS_NAME_SUFFIXES:
        cues.append(Cue("name_bias", "certainty", last, None, "stochastic"))
        cues.append(Cue("name_bias", "scope", last, None, "situational"))
    if any(w in lx.VIRTUE_WORDS for w in words):
        cues.append(Cue("name_virtue", "scope", name, None, "universal"))
    return cues


def find_cues(name: str, statement: str) -> list[Cue]:
    """Every cue of a principle, statement cues first, in a stable order."""
    tokens = tokenize(statement)
    core = main_clause_start(statement)
    return (normativity_cues(statement, tokens, core) + scope_cues(statement, tokens, core)
            + certainty_cues(statement, tokens, core) + name_cues(name))
