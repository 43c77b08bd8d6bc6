"""`vaultkit check` judges vaultkit's notes by vaultkit's vocabulary, and leaves yours alone."""

from __future__ import annotations

from vaultkit.analyse.check import check_vault


def test_your_own_type_values_are_yours(tmp_path):
    (tmp_path / "Mine.md").write_text('---\ntype: "note"\n---\nMy own note.\n', encoding="utf-8")
    (tmp_path / "Idea.md").write_text('---\ntype: "idea"\n---\nAnother.\n', encoding="utf-8")
    report = check_vault(tmp_path)
    assert report.ok, [p.message for p in report.problems]


def test_a_forum_note_still_needs_a_known_type(tmp_path):
    (tmp_path / "Post.md").write_text('---\nlw_id: "abc"\ntype: "note"\n---\nText.\n', encoding="utf-8")
    report = check_vault(tmp_path)
    assert [(p.kind, p.key) for p in report.problems] == [("invalid-value", "type")]
