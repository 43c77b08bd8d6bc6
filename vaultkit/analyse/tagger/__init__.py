"""The principle tagger: normative/descriptive, universal/situational, deterministic/stochastic.

    from vaultkit.analyse.tagger import classify, tag_vault, explain_note
"""

from vaultkit.analyse.tagger.metrics import evaluate, evaluate_split, format_report
from vaultkit.analyse.tagger.explain import explain_note, format_explanation
from vaultkit.analyse.tagger.model import Classification, classify, load_model
from vaultkit.analyse.tagger.select import choose_model, named_model
from vaultkit.analyse.tagger.tagging import TagReport, tag_vault

__all__ = ["Classification", "TagReport", "classify", "evaluate", "evaluate_split", "explain_note", "format_report", "format_explanation",
           "choose_model", "load_model", "named_model", "tag_vault"]
