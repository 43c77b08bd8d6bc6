"""The cue layer: mood after openers, hedges that do and do not count, spans."""

from __future__ import annotations

import pytest

from vaultkit.analyse.tagger.cues import find_cues, is_imperative, main_clause_start, tokenize


def cue_ids(statement: str, axis: str, name: str = "") -> set[str]:
    return {c.id for c in find_cues(name, statement) if c.axis == axis}


def imperative(statement: str) -> bool:
    return is_imperative([t for t in tokenize(statement) if t.start >= main_clause_start(statement)])


@pytest.mark.parametrize("statement", [
    "Keep a spare key with a neighbour.",
    "Occasionally, walk to work by a new route.",
    "Every so often reread your old notebooks.",
    "When a meeting runs long, end it on time anyway.",
    "Never answer an angry email on the day it arrives.",
    "Don't sign a lease without reading it.",
    "Usually defer to the person who will do the work.",
    "Patience: wait for the full story before judging.",
])
def test_imperatives_are_found_after_openers_and_labels(statement):
    assert imperative(statement)
    assert "imperative" in cue_ids(statement, "normativity")


@pytest.mark.parametrize("statement", [
    "Work expands when deadlines are loose.",
    "Light bends when it enters glass.",
    "People forget most of a lecture within a week.",
    "The tide rises twice a day.",
])
def test_declaratives_are_not_imperatives(statement):
    assert not imperative(statement)
    assert "imperative" not in cue_ids(statement, "normativity")


def test_a_hedge_inside_a_condition_does_not_hedge_the_rule():
    assert cue_ids("If a storm is likely, bring the boat in before dark.", "certainty").isdisjoint(
        {"frequency_hedge", "hedge_phrase"})
    assert "hedge_phrase" in cue_ids("Storms are likely to arrive in the afternoon.", "certainty")


def test_a_possibility_in_the_justification_does_not_hedge_the_rule():
    ids = cue_ids("Lock the shed every night, since someone might take the tools.", "certainty")
    assert "hedge_phrase" not in ids
    assert "fixed_schedule" in ids


def test_superlative_most_is_not_a_proportion():
    assert "hedge_phrase" not in cue_ids("Fix the most painful problem first.", "certainty")
    assert "hedge_phrase" in cue_ids("Most drivers rate themselves above average.", "certainty")


def test_about_counts_only_before_a_quantity():
    assert "frequency_hedge" not in cue_ids("Ask about side effects before you start.", "certainty")
    assert "frequency_hedge" in cue_ids("About 40% of seeds fail to sprout.", "certainty")


def test_probability_as_subject_matter_is_an_exact_relation_not_a_hedge():
    ids = cue_ids("The probability of any event never exceeds one.", "certainty")
    assert "exact_relation" in ids
    assert ids.isdisjoint({"frequency_hedge", "hedge_phrase", "randomness"})


def test_prescribed_randomness_is_a_stochastic_cue():
    assert "randomness" in cue_ids("Choose the speaker at random each week.", "certainty")


def test_domain_and_human_subject_cues_point_to_situational():
    assert "domain_software" in cue_ids("Delete dead code from the repository.", "scope")
    assert "human_subject" in cue_ids("Patients forget half of what the doctor says.", "scope")
    assert "no_domain_marker" in cue_ids("Finish what you begin.", "scope")


def test_name_suffixes_are_weak_separate_cues():
    cues = find_cues("Decoy bias", "A third option changes which of two others gets chosen.")
    name_cues = [c for c in cues if c.span is None]
    assert {(c.id, c.direction) for c in name_cues} >= {("name_descriptive_suffix", "descriptive"),
                                                       ("name_bias", "stochastic")}


def test_every_statement_cue_span_points_at_its_text():
    statement = "Occasionally, most engineers should test backups at random, since disks might fail."
    for cue in find_cues("Restore drill", statement):
        if cue.span is not None:
            assert statement[cue.span[0]:cue.span[1]] == cue.text


def test_a_frequency_opener_is_not_mistaken_for_a_condition():
    ids = cue_ids("Once in a while, restore one file from the backup.", "certainty")
    assert "hedge_phrase" in ids
    assert "hedge_phrase" not in cue_ids("Once the bread has cooled, slice it.", "certainty")


def test_a_setting_named_before_the_main_clause_is_situational_and_a_generality_is_not():
    frame = [c for c in find_cues("", "During a job interview, ask about the team's worst week.")
             if c.id == "setting_frame"]
    assert [(c.text, c.direction) for c in frame] == [("a job interview", "situational")]
    assert "setting_frame" not in cue_ids("In most cases, take the simpler explanation.", "scope")
    assert "setting_frame" not in cue_ids("In any dispute, state the other side's view first.", "scope")
    # after a "Name:" label, a capitalised setting still counts
    assert "setting_frame" in cue_ids("Haggling: At a street market, offer half the asking price.", "scope")
