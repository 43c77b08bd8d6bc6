"""The grammatical shape of a definition: a claim, or a phrase that names a topic."""

from __future__ import annotations

from vaultkit.analyse.tagger.shape import finite_verbs, shape_cues


def kind(text: str) -> str:
    return shape_cues(text)[0][0]


def test_claims_have_a_finite_verb_in_the_main_clause():
    assert kind("Heavy suitcases slow travellers down.") == "shape_claim"
    assert kind("Most plans can be improved by asking a stranger.") == "shape_claim"
    assert finite_verbs("A repeated warning draws less and less attention.") == ["draws"]


def test_the_verb_of_a_relative_clause_does_not_make_a_claim():
    assert finite_verbs("Evening classes where adults learn a trade.") == []
    assert finite_verbs("Open evenings where people meet the teachers.") == []
    assert finite_verbs("People meet the teachers.") == ["meet"]


def test_topics_are_noun_or_gerund_phrases():
    assert kind("Amateur choirs, their concerts and their songbooks.") == "shape_phrase"
    assert kind("Restoring old clocks and watches.") == "shape_gerund"
    # an act told with its error is how fallacies are defined, not how activities are
    assert kind("Trusting a forecast as soon as it looks precise.") == "shape_gerund_act"


def test_an_empty_definition_has_no_shape():
    assert shape_cues("") == []


def test_an_instruction_is_told_apart_from_a_noun_phrase():
    # own examples, not rows of the labelled set
    assert kind("Split 100 by the number of guests to find each share.") == "shape_imperative"
    assert kind("Answer your hardest email first thing in the morning.") == "shape_imperative"
    assert kind("Check facts against two independent sources.") == "shape_imperative"
    # a noun before a plural opens a noun phrase ("Garden tours …"), not an instruction
    assert kind("Garden tours and open days in the spring.") == "shape_phrase"


def test_a_habit_of_mind_as_the_head_is_not_a_topic_phrase():
    assert kind("The habit of reading intent into accidents.") == "shape_disposition"
    assert kind("The belief that one's own town is the safest.") == "shape_disposition"
    assert kind("The study of how rivers carve valleys.") == "shape_phrase"


def test_verbs_of_an_opening_question_or_a_subordinate_clause_are_not_the_main_clause():
    assert finite_verbs("How choirs can keep in tune without a piano.") == []
    assert finite_verbs("What we praise is what we get more of.") == ["is"]
    assert kind("Checking a bridge for cracks before anyone else does.") == "shape_gerund"
    assert finite_verbs("Prices rise until buyers stop.") == ["rise"]
