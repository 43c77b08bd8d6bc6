"""A corrupt `.vaultkit/tagger.json` heals: machine labels stay the tagger's, yours stay yours."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vaultkit.cli import app
from vaultkit.vault.notes import read_note

runner = CliRunner()
CONCEPT = "LessWrong/Concepts/Goodhart's Law.md"


def _tag(vault) -> dict:
    result = runner.invoke(app, ["tag", str(vault), "--concepts", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_machine_labels_are_not_turned_into_yours_by_a_corrupt_state(vault):
    _tag(vault)
    path = vault / CONCEPT
    text = path.read_text(encoding="utf-8")
    machine = read_note(path, vault).properties["normativity"]
    mine = "normative" if machine != "normative" else "descriptive"
    path.write_text(text.replace(f'normativity: "{machine}"', f'normativity: "{mine}"'), encoding="utf-8")
    (vault / ".vaultkit" / "tagger.json").write_text("{broken", encoding="utf-8")

    healed = _tag(vault)
    assert any("corrupt" in w for w in healed["warnings"])
    again = _tag(vault)
    kept = [n for n in again["notes"] if n.get("user_kept")]
    assert [n["note"] for n in kept] == [CONCEPT], kept    # only the value you changed is yours
    assert read_note(path, vault).properties["normativity"] == mine
