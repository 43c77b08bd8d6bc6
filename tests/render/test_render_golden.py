"""Golden tests: one HTML fixture per dialect and construct, with the Markdown we want.

Regenerate with `python tests/render/regenerate_golden.py` and review the diff.
"""

from __future__ import annotations

import pytest
from render_samples import GOLDEN_DIR, GOLDEN_NAMES
from regenerate_golden import render_golden

REQUIRED_CASES = {
    "basics",
    "code",
    "details",
    "dialogue",
    "dollars",
    "footnotes_ckeditor",
    "footnotes_markdown_it",
    "footnotes_markdown_new",
    "images",
    "links",
    "math_codecogs",
    "math_mathjax2",
    "math_mathjax3",
    "math_mathjax3_lost",
    "math_raw_tex",
    "spoilers",
    "tables_ckeditor",
    "tables_fallback",
    "tables_lexical",
    "unsafe",
}


def test_every_dialect_of_the_reference_has_a_golden_case():
    assert REQUIRED_CASES <= set(GOLDEN_NAMES)
    for name in GOLDEN_NAMES:
        assert (GOLDEN_DIR / f"{name}.md").exists(), f"{name}.html has no expected Markdown"


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_converter_output_matches_the_golden_markdown(name):
    expected = (GOLDEN_DIR / f"{name}.md").read_text(encoding="utf-8")
    assert render_golden(GOLDEN_DIR / f"{name}.html") == expected
