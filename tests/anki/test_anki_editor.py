"""What you see is what Anki gets: field HTML that Anki's editor keeps as it is, and cards made
from the `[!definition]` callout the user reads and edits (round trips through the real backend)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from anki_samples import PNG_RED, T0, import_package, write_vault
from editor_model import editor_normalise
from vaultkit.export.anki import AnkiExportOptions, export_anki

pytest.importorskip("anki.collection", reason="the real Anki backend comes with the test extra")

SAMPLE_VAULT = Path(__file__).resolve().parents[2] / "sample_vault"

GOODHART = """\
---
lw_id: "goodhart1"
type: "concept"
title: "Goodhart's Law"
definition: "Goodhart's law: when a measure becomes a target, it tends to stop being a good measure."
tags:
  - "lesswrong/concept"
---

%% vaultkit:begin %%
> [!definition] Goodhart's Law
> **Goodhart's law:** when a "measure" becomes a target, it tends to stop being a good measure.

Optimisation pressure finds where proxy & goal come apart.
%% vaultkit:end %%
"""

EMPTY_CONCEPT = """\
---
lw_id: "empty1"
type: "concept"
title: "Untitled Wiki Page"
definition: ""
---

%% vaultkit:begin %%
> [!definition] Untitled Wiki Page
> (no definition upstream)
%% vaultkit:end %%
"""

TRICKY = """\
---
type: "principle"
title: "Don't \\"optimise\\" what you can't measure"
statement: "If a < b and b < c, then a < c; it's \\"obvious\\" & true\u00a0— always."
---
Card 'one'::An answer with "quotes", it's & <angle> brackets\u00a0and a no-break space.
Math card::$a < b$ and $$\\frac{x}{y} > 1$$
Image card::![[pic.png|200]] and ![a "quoted" alt](pic.png)
Link card::[a 'link'](https://example.org/?a=1&b="2") and [[Goodhart's Law|Goodhart's]]

| Col 'A' | Col "B" |
|:--|--:|
| x & y | `code "q"` |
?
A table above, with a footnote.[^1]

Lines one
and two?::Back with a hard\\
break and `<tag attr="v">` code.

Cloze: the {{c1::map's}} "not" the {{c2::territory & more}}.

[^1]: The note's footnote, with "quotes".
"""


def _vault(root: Path) -> Path:
    return write_vault(root, {
        "LessWrong/Concepts/Goodhart's Law.md": GOODHART,
        "LessWrong/Concepts/Untitled Wiki Page.md": EMPTY_CONCEPT,
        "Principles/Tricky.md": TRICKY,
        "LessWrong/Attachments/pic.png": PNG_RED,
    })


def _export(vault: Path, out: Path, clock: float):
    return export_anki(vault, out, AnkiExportOptions(), clock=lambda: clock)


def _all_fields(col) -> list[tuple[str, str, str]]:
    rows = []
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        rows.extend((note["VaultkitId"], name, value) for name, value in note.items())
    return rows


@pytest.mark.parametrize("source", ["tricky", "sample_vault"])
def test_every_field_survives_the_editor_unchanged(source, tmp_path, collection):
    if source == "tricky":
        vault = _vault(tmp_path / "vault")
    else:
        vault = tmp_path / "sample_vault"
        shutil.copytree(SAMPLE_VAULT, vault)
    _export(vault, tmp_path / "deck.apkg", T0 + 10)
    log = import_package(collection, tmp_path / "deck.apkg")
    assert log.new and not log.conflicting

    fields = _all_fields(collection)
    assert len(fields) > 20
    changed = [(vid, name, value, editor_normalise(value)) for vid, name, value in fields
               if editor_normalise(value) != value]
    assert not changed, f"Anki's editor would rewrite these fields: {changed[:3]}"


def test_titles_with_apostrophes_are_found_by_a_field_search(tmp_path, collection):
    vault = _vault(tmp_path / "vault")
    report = _export(vault, tmp_path / "deck.apkg", T0 + 10)
    import_package(collection, tmp_path / "deck.apkg")

    assert len(collection.find_notes("\"Front:Goodhart's Law\"")) == 1
    assert len(collection.find_notes("\"Front:Don't \\\"optimise\\\" what you can't measure\"")) == 1
    # the concept without a definition makes no card with a placeholder back; it is counted
    assert not collection.find_notes("\"Front:Untitled Wiki Page\"")
    assert not collection.find_notes("Back:*upstream*")
    assert report.concepts_without_definition == 1


def test_an_edit_in_the_definition_callout_reaches_anki(tmp_path, collection):
    vault = _vault(tmp_path / "vault")
    import_package(collection, _export(vault, tmp_path / "first.apkg", T0 + 10).output)
    nid = collection.find_notes("\"Front:Goodhart's Law\"")[0]
    assert collection.get_note(nid)["Back"].startswith("<strong>Goodhart's law:</strong> when a \"measure\"")

    note = vault / "LessWrong/Concepts/Goodhart's Law.md"
    note.write_text(note.read_text().replace("tends to stop being a good measure.",
                                             "stops measuring what you cared about."))
    os.utime(note, (T0 + 100, T0 + 100))
    report = _export(vault, tmp_path / "second.apkg", T0 + 110)
    log = import_package(collection, tmp_path / "second.apkg")

    assert report.changed == 1 and len(log.updated) >= 1
    back = collection.get_note(nid)["Back"]
    assert back.endswith("becomes a target, it stops measuring what you cared about.")


def test_a_callout_the_user_wrote_outside_the_region_wins(make_vault, tmp_path, collection):
    mine = GOODHART + "\n> [!definition] My wording\n> A target stops being a ==measure==.\n"
    vault = make_vault({"Goodhart.md": mine})
    import_package(collection, _export(vault, tmp_path / "deck.apkg", T0 + 10).output)
    nid = collection.find_notes("\"Front:Goodhart's Law\"")[0]
    assert collection.get_note(nid)["Back"] == "A target stops being a <mark>measure</mark>."


# -- the model itself, checked against the browser Anki's editor is built on ------------------------

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--virtual-time-budget=5000"]

PAGE = """<!doctype html><meta charset="utf-8">
<script id="fields" type="application/json">%s</script>
<div id="editable" contenteditable="true"></div><pre id="result"></pre>
<script>
const box = document.getElementById("editable");
const out = JSON.parse(document.getElementById("fields").textContent).map(f => {
  box.innerHTML = f; return box.innerHTML; });
document.getElementById("result").textContent = JSON.stringify(out);
</script>"""


def _chromium_round_trip(tmp_path: Path, values: list[str]) -> list[str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI must install it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    page = tmp_path / "editor.html"
    page.write_text(PAGE % json.dumps(values).replace("</", "<\\/"), encoding="utf-8")
    done = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                           "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    match = re.search(r'<pre id="result">(.*?)</pre>', done.stdout, re.S)
    assert match, f"chromium printed no result: {done.stderr[-500:]}"
    return json.loads(html.unescape(match.group(1)))


def test_the_editor_model_is_what_chromium_does(tmp_path, collection):
    vault = _vault(tmp_path / "vault")
    import_package(collection, _export(vault, tmp_path / "deck.apkg", T0 + 10).output)
    exported = [value for _, _, value in _all_fields(collection)]
    # spellings vaultkit used to write, which the browser rewrites, so the model must too
    rewritten = ["Goodhart&#x27;s Law", "a &quot;b&quot;", "x<br />y", '<img src="a.png" alt="x" />',
                 "<B>bold</B>", "<a href='u'>l</a>", "1\u00a02", "&copy; &amp; &lt;"]
    browser = _chromium_round_trip(tmp_path, exported + rewritten)

    assert browser == [editor_normalise(value) for value in exported + rewritten]
    assert browser[:len(exported)] == exported
    assert browser[len(exported):] != rewritten
