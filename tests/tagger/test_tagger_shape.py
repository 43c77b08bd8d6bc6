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
