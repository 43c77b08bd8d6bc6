"""The WordNet word-sense table: its builder (on a tiny WordNet-format database written here), the
shipped table, and what the scope axis and `--explain` get from it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from vaultkit.analyse.tagger.build import wordnet_table
from vaultkit.analyse.tagger.features import cue_feature, extract
from vaultkit.analyse.tagger.model import classify
from vaultkit.analyse.tagger.senses import (
    SENSES_PATH, VAGUE_KINDS, sense_table, statement_sense_cues, word_categories,
)

# A tiny database in WordNet's own file formats (wndb(5WN)): offsets are only ids here. Lexicographer
# files: 3 noun.Tops, 8 noun.body, 23 noun.quantity, 38 verb.motion.
DATA_NOUN = """\
  1 this line is a licence header and is skipped
00000010 03 n 01 entity 0 000 | something that exists
00000020 08 n 01 body_part 0 001 @ 00000010 n 0000 | a part of an organism
00000030 08 n 01 tendon 0 001 @ 00000020 n 0000 | a band of tissue
00000040 23 n 01 number 0 001 @ 00000010 n 0000 | a count
00000050 23 n 02 number 0 figure 0 001 @ 00000040 n 0000 | a concept of quantity
00000060 03 n 01 run 0 000 | a score in a game
"""
INDEX_NOUN = """\
  1 this line is a licence header and is skipped
body_part n 1 1 @ 1 0 00000020
entity n 1 0 1 0 00000010
number n 2 1 @ 2 1 00000040 00000050
run n 1 0 1 0 00000060
tendon n 1 1 @ 1 0 00000030
tooth_fairy n 1 0 1 0 00000010
"""
DATA_VERB = "00000070 38 v 01 run 0 000 | move fast\n"
INDEX_VERB = "run v 1 0 1 0 00000070\n"
CNTLIST = "run%2:38:00:: 1 40\nrun%1:03:00:: 1 2\nsmall%3:00:00:: 1 50\nnumber%1:23:00:: 2 9\n"


def write_wordnet(folder: Path) -> Path:
    files = {"index.noun": INDEX_NOUN, "data.noun": DATA_NOUN, "index.verb": INDEX_VERB,
             "data.verb": DATA_VERB, "noun.exc": "teeth tooth\ntendons_x tendon\n", "verb.exc": "ran run\n",
             "cntlist.rev": CNTLIST}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="latin-1")
    return folder


def test_builder_derives_categories_kinds_counts_and_forms_from_wordnet_files(tmp_path):
    table = wordnet_table.build(write_wordnet(tmp_path), min_nouns=1)
    lexnames, kinds = table["lexnames"], table["ancestors"]
    count, categories, ancestors = table["n"]["tendon"]
    assert [lexnames[c] for c in categories] == ["noun.body"] and count == 0
    assert [kinds[k] for k in ancestors] == ["entity", "body_part"]   # tendon → body_part → entity
    count, categories, ancestors = table["n"]["number"]
    assert count == 9 and [lexnames[c] for c in categories] == ["noun.quantity"]
    assert [kinds[k] for k in ancestors] == ["entity"]            # the first sense's ancestors only
    general = wordnet_table.build(tmp_path, min_nouns=2)          # only kinds two single-word nouns share
    assert [general["ancestors"][k] for k in general["n"]["tendon"][2]] == ["entity"]
    assert table["v"]["run"][:2] == [40, [lexnames.index("verb.motion")]]
    assert "tooth_fairy" not in table["n"]                          # multi-word lemmas are left out
    assert table["v_forms"] == {"ran": "run"}                       # irregular forms of known lemmas only
    assert table["a"] == {"small": 50}


def test_builder_output_is_byte_for_byte_reproducible(tmp_path):
    wordnet = write_wordnet(tmp_path)
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    wordnet_table.main(["--dict", str(wordnet), "--out", str(first)])
    wordnet_table.main(["--dict", str(wordnet), "--out", str(second)])
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(gzip.decompress(first.read_bytes()))["n"]["tendon"][1]


def test_shipped_table_is_compact_licensed_and_knows_words_no_training_row_needs():
    assert SENSES_PATH.stat().st_size < 1_500_000
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in (
        SENSES_PATH.parent / "WORDNET-LICENSE.txt").read_text(encoding="utf-8")
    assert len(sense_table()["n"]) > 50_000
    assert {"noun.body", "kind:body_part"} <= set(word_categories("tendons"))
    assert "kind:device" in word_categories("transistors")
    assert "noun.attribute" in word_categories("numbers")           # the plural of "number", not "Numbers"
    assert "kind:mathematical_relation" in word_categories("functions")
    assert "kind:person" in word_categories("guards")
    assert word_categories("small") == ()                           # mostly an adjective
    assert word_categories("the") == () and word_categories("should") == ()


def test_sense_cues_name_each_category_once_with_its_words_and_first_span():
    cues = {c.id: c for c in statement_sense_cues("Warm up your tendons and knees before lifting.")}
    body = cues["wordnet_noun_body"]
    assert body.text == "tendons, knees: a body part (WordNet)" and body.span == (13, 20)
    assert cues["wordnet_kind_body_part"].text == "tendons, knees: a kind of body part (WordNet)"


def test_explain_shows_wordnet_evidence_in_words():
    result = classify("Warm-up", "Stretch your tendons gently before a heavy session.", explain=True)
    texts = [c["text"] for c in result.axes["scope"].cues]
    assert "tendons: a body part (WordNet)" in texts


def test_the_fast_path_scores_the_same_features_the_explanation_lists():
    statement = "Keep vaccines cold from the factory to the clinic."
    explained, cues = extract("Cold chain", statement)
    quick, quick_cues = extract("Cold chain", statement, explain=False)
    assert explained == quick
    listed = {cue_feature(c) for c in cues if c.id.startswith("wordnet_")}
    shown = {f for f in quick if f.startswith("cue:wordnet_") and f.removeprefix("cue:wordnet_kind_") not in VAGUE_KINDS}
    assert listed and listed == shown
    assert not [c for c in quick_cues if c.id.startswith("wordnet_")]


def test_explain_leaves_out_the_topmost_kinds_but_the_model_still_counts_them():
    statement = "Stretch your tendons gently before a heavy session."
    assert "kind:entity" in word_categories("tendons")
    shown = {c.id for c in statement_sense_cues(statement)}
    assert "wordnet_kind_entity" not in shown and "wordnet_kind_body_part" in shown
    features, _ = extract("Warm-up", statement, explain=True)
    assert "cue:wordnet_kind_entity" in features
