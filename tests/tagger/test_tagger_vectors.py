"""The word-vector table: its builder's parts on a small fixture, the shipped file, the run-time
features and what `--explain` says about them. (The encoder's agreement with sentence-transformers
needs torch, so it was measured once by hand: docs/tagger.md, ninth pass.)"""

from __future__ import annotations

import gzip
import hashlib

import numpy as np
import pytest

from vaultkit.analyse.tagger.build import word_vectors as vb
from vaultkit.analyse.tagger.build.minilm import HEADS, LAYERS, MiniLM
from vaultkit.analyse.tagger.model import classify, load_model
from vaultkit.analyse.tagger.vectors import (VECTORS_PATH, parse_table, statement_vector, statement_words,
                                             word_row, word_vectors)

WIDTH, INNER, VOCAB = 24, 48, 12


class WordTokenizer:
    """A stand-in for `tokenizers.Tokenizer`: [CLS] = 1, one id per known word, [SEP] = 2."""

    class Encoding:
        def __init__(self, ids):
            self.ids = ids

    def __init__(self):
        self.padding = True

    def no_padding(self):
        self.padding = False

    def no_truncation(self):
        pass

    def encode(self, text):
        ids = [1] + [3 + sum(map(ord, w)) % (VOCAB - 3) for w in text.split()] + [2]
        return self.Encoding(ids + [0] * (8 - len(ids)) if self.padding else ids)


def tiny_encoder() -> MiniLM:
    rng = np.random.default_rng(7)
    w = {"embeddings.word_embeddings.weight": rng.normal(size=(VOCAB, WIDTH)),
         "embeddings.position_embeddings.weight": rng.normal(size=(16, WIDTH)),
         "embeddings.token_type_embeddings.weight": rng.normal(size=(2, WIDTH)),
         "embeddings.LayerNorm.weight": np.ones(WIDTH), "embeddings.LayerNorm.bias": np.zeros(WIDTH)}
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."
        for name, shape in (("attention.self.query", (WIDTH, WIDTH)), ("attention.self.key", (WIDTH, WIDTH)),
                            ("attention.self.value", (WIDTH, WIDTH)), ("attention.output.dense", (WIDTH, WIDTH)),
                            ("intermediate.dense", (INNER, WIDTH)), ("output.dense", (WIDTH, INNER))):
            w[p + name + ".weight"] = rng.normal(scale=0.2, size=shape)
            w[p + name + ".bias"] = rng.normal(scale=0.1, size=shape[0])
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + norm + ".weight"], w[p + norm + ".bias"] = np.ones(WIDTH), np.zeros(WIDTH)
    assert WIDTH % HEADS == 0
    return MiniLM(w, WordTokenizer())


def test_pooling_is_the_unit_mean_of_real_tokens_whatever_the_batch():
    encoder = tiny_encoder()
    texts = ["keep promises", "water boils", "a watched pot never boils", "tune up"]
    together = encoder.encode(texts, batch=2)
    for text, row in zip(texts, together):
        alone = encoder.encode([text])[0]
        assert np.allclose(row, alone, atol=1e-6)
        hidden = encoder.hidden_states(np.array([encoder.token_ids(text)]))[0]
        expected = hidden.mean(axis=0)
        assert np.allclose(row, expected / np.linalg.norm(expected), atol=1e-6)
    assert encoder.tokenizer.padding is False  # the bundled tokenizer's padding would enter the mean
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-6)


def test_vocabulary_takes_wordnet_and_whole_tokenizer_words_only():
    wordnet = {"n": {"tendon": [1], "a-bomb": [0], "new_york": [0]}, "v": {"stretch": [3]}, "a": {"taut": 1}}
    words = vb.vocabulary(wordnet, ["[CLS]", "##ing", "the", "Tendon", "tendon", "42", "don't"])
    assert words == ["a-bomb", "don't", "stretch", "taut", "tendon", "the"]


def test_principal_components_are_orthonormal_ordered_and_signed_the_same_way_every_time():
    rng = np.random.default_rng(3)
    data = rng.normal(size=(200, 6)) * np.array([5.0, 3.0, 2.0, 1.0, 0.5, 0.1])
    mean, components = vb.principal_components(data, 3)
    assert np.allclose(mean, data.mean(axis=0))
    assert np.allclose(components @ components.T, np.eye(3), atol=1e-9)
    assert np.allclose(np.abs(components).argmax(axis=1), [0, 1, 2])
    assert (components[np.arange(3), np.abs(components).argmax(axis=1)] > 0).all()
    variances = ((data - mean) @ components.T).var(axis=0)
    assert variances[0] > variances[1] > variances[2]
    _, flipped = vb.principal_components(-data, 3)
    assert np.allclose(flipped, components)


def test_quantisation_keeps_each_value_within_half_a_step():
    values = np.array([[0.5, -2.0], [-0.25, 1.0], [0.1, 0.0]])
    quantised, scales = vb.quantise(values)
    assert quantised.dtype == np.int8
    assert np.abs(quantised).max(axis=0).tolist() == [127, 127]
    assert np.abs(quantised * scales - values).max() <= scales.max() / 2 + 1e-9


def test_the_table_round_trips_and_rebuilds_to_the_same_bytes():
    rng = np.random.default_rng(5)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    vectors = rng.normal(size=(len(words), 10))
    data = vb.build_table(words, vectors, dims=4)
    assert data == vb.build_table(words, vectors.copy(), dims=4)
    assert data[4:8] == b"\0\0\0\0"  # gzip without a timestamp
    table = parse_table(data)
    assert list(table.index) == words and table.rows.shape == (6, 4)
    mean, components = vb.principal_components(vectors, 4)
    exact = (vectors - mean) @ components.T
    assert np.abs(table.rows - exact).max() <= np.abs(exact).max() / 127
    nudged = vectors.copy()
    nudged[0, 0] += 0.5
    assert vb.build_table(words, nudged, dims=4) != data


def test_the_shipped_table_has_its_shape_and_checksum():
    data = VECTORS_PATH.read_bytes()
    assert len(data) < 5_000_000
    # Rebuilt by `python -m vaultkit.analyse.tagger.build.word_vectors --wheel …`; change both together.
    assert hashlib.sha256(data).hexdigest() == "e1e020e6493397ad845ba720a629aa5763f128d67ed34fa4f2b5b6d8e0dfaf8e"
    table = word_vectors()
    assert table.dims == vb.DIMENSIONS and table.rows.shape[0] > 70_000
    assert list(table.index) == sorted(table.index)
    assert gzip.decompress(data).count(b"\n") >= table.rows.shape[0]


def test_a_statement_vector_is_the_mean_of_its_content_words():
    assert word_row("tendons") == word_row("tendon") is not None
    assert word_row("patient's") == word_row("patient") is not None
    assert word_row("the") is None and word_row("should") is None
    statement = "Stretch the tendons gently."
    assert statement_words(statement) == ["stretch", "tendons", "gently"]
    rows = word_vectors().rows
    expected = rows[[word_row("stretch"), word_row("tendon"), word_row("gently")]].mean(axis=0)
    assert np.allclose(statement_vector(statement), expected)
    assert not statement_vector("It is what it is.").any()


def test_wording_about_one_domain_lies_closer_to_that_domain():
    def cosine(a, b):
        return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))

    sprint = statement_vector("Warm up your leg muscles before a sprint.")
    run = statement_vector("Stretch your hamstrings after a long run.")
    even = statement_vector("The sum of two even numbers is even.")
    assert cosine(sprint, run) > cosine(sprint, even) + 0.2


def test_only_the_scope_axis_weighs_the_statement_vector():
    model = load_model()
    assert model.axes["scope"].vector_weights is not None
    assert len(model.axes["scope"].vector_weights.weights) == vb.DIMENSIONS
    assert model.axes["normativity"].vector_weights is None and model.axes["certainty"].vector_weights is None


def test_the_statement_vector_moves_the_scope_probability_by_its_contribution():
    model = load_model()
    statement = "Warm up your leg muscles before a sprint."
    result = classify("Warm-up", statement, explain=True)
    wording = [c for c in result.axes["scope"].cues if c["id"] == "wording"]
    assert len(wording) == 1
    contribution = model.axes["scope"].vector_weights.contribution(statement_vector(statement))
    assert wording[0]["contribution"] == pytest.approx(contribution, abs=1e-3)
    assert wording[0]["direction"] == ("universal" if contribution >= 0 else "situational")
    assert wording[0]["text"].startswith(f"its words read {wording[0]['direction']}; closest labelled: ")
    assert wording[0]["text"].count("(") == 2
    assert not [c for c in result.axes["normativity"].cues if c["id"] == "wording"]
