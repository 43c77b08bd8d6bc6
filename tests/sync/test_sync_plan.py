"""plan_note: the rules that keep the user's text and report conflicts."""

from __future__ import annotations

import datetime as dt
import re

from vaultkit.vault.notes import parse_properties, split_frontmatter
from vaultkit.sync.plan import plan_note, sealed_by_vaultkit
from vaultkit.vault.regions import BEGIN, END, region_text
from vaultkit.sync.state import new_entry

from sync_helpers import TODAY, make_note

PATH = "LessWrong/Posts/Fermi Estimation.md"


def body_of(text: str) -> str:
    """The region without its seal line (which `test_qa_seal` checks)."""
    inner = region_text(text)
    assert sealed_by_vaultkit(inner)
    return inner.rsplit("%% vaultkit:sha256 ", 1)[0]


def props_of(text: str) -> dict:
    return parse_properties(split_frontmatter(text)[0])


def created(note=None):
    note = note or make_note()
    action = plan_note(note, new_entry("post"), PATH, None, TODAY)
    return action, action.text


def test_create_writes_properties_region_status_and_synced():
    action, text = created()
    assert action.op == "create"
    props = props_of(text)
    assert props["lw_id"] == "postAAAAAAAAAAAAA"
    assert props["status"] == "to-read"
    assert props["synced"] == TODAY
    assert props["aliases"] == []          # the file name equals the title
    assert props["tags"] == ["lesswrong/post", "lw/rationality"]
    assert body_of(text) == "Body text.\n"
    assert text.index(BEGIN) < text.index(END)


def test_same_note_again_is_unchanged_and_writes_nothing():
    action, text = created()
    again = plan_note(make_note(), action.entry, PATH, text, dt.date(2030, 1, 1))
    assert again.op == "unchanged" and again.text is None


def test_user_text_and_properties_survive_an_update_byte_for_byte():
    action, text = created()
    user_before = "# My heading\n\nMy own thoughts.\n\n"
    edited = text.replace("---\n", "---\nmy_rating: 5 # comment kept\n", 1)
    edited = edited.replace("status: \"to-read\"", "status: \"read\"")
    head, tail = edited.split(BEGIN)
    edited = head + user_before + BEGIN + tail + "\nAfter the region, mine too.\n"
    update = plan_note(make_note(region="New upstream body.", karma=11), action.entry, PATH, edited,
                       dt.date(2024, 4, 1))
    assert update.op == "update"
    new = update.text
    assert "my_rating: 5 # comment kept\n" in new
    assert 'status: "read"' in new                  # the user's status is kept
    assert user_before + BEGIN in new
    assert new.endswith(END + "\n\nAfter the region, mine too.\n")
    assert body_of(new) == "New upstream body.\n"
    props = props_of(new)
    assert props["karma"] == 11 and props["synced"] == dt.date(2024, 4, 1)
    # every line that is not vaultkit's is unchanged, in order
    ours = ("karma:", "synced:", "%% vaultkit:sha256 ")
    assert [l for l in new.splitlines() if not l.startswith(ours) and l != "New upstream body."] == \
           [l for l in edited.splitlines() if not l.startswith(ours) and l != "Body text."]


def test_edit_inside_region_gives_a_conflict_copy_and_leaves_the_note_alone():
    action, text = created()
    edited = text.replace("Body text.", "Body text, with my correction.")
    conflict = plan_note(make_note(region="Upstream changed."), action.entry, PATH, edited, TODAY)
    assert conflict.op == "conflict" and conflict.text is None
    assert conflict.conflict_path == "LessWrong/Posts/Fermi Estimation (conflict 2024-03-01).md"
    copy = props_of(conflict.conflict_text)
    assert "lw_id" not in copy and copy["lw_conflict_of"] == "postAAAAAAAAAAAAA"
    assert body_of(conflict.conflict_text) == "Upstream changed.\n"
    # reported again on the next run, without writing the copy a second time
    again = plan_note(make_note(region="Upstream changed."), conflict.entry, PATH, edited, TODAY)
    assert again.op == "conflict" and again.conflict_text is None


def test_force_overwrites_an_edited_region():
    action, text = created()
    edited = text.replace("Body text.", "Mine.")
    forced = plan_note(make_note(region="Upstream."), action.entry, PATH, edited, TODAY, force=True)
    assert forced.op == "update" and body_of(forced.text) == "Upstream.\n"


def test_unknown_history_and_equal_region_is_adopted_not_a_conflict():
    _action, text = created()
    adopted = plan_note(make_note(), new_entry("post"), PATH, text, TODAY)
    assert adopted.op == "unchanged"


def test_unknown_history_and_an_edited_region_is_a_conflict():
    _action, text = created()
    text = text.replace("Body text.", "Body text, edited.")
    result = plan_note(make_note(region="Other."), new_entry("post"), PATH, text, TODAY)
    assert result.op == "conflict"


def test_unknown_history_and_an_unsealed_region_is_a_conflict():
    _action, text = created()
    text = re.sub(r"%% vaultkit:sha256 \w+ %%\n", "", text)   # written before regions were sealed
    result = plan_note(make_note(region="Other."), new_entry("post"), PATH, text, TODAY)
    assert result.op == "conflict"


def test_unknown_history_and_an_intact_seal_is_an_update():
    _action, text = created()
    result = plan_note(make_note(region="Other."), new_entry("post"), PATH, text, TODAY)
    assert result.op == "update" and body_of(result.text) == "Other.\n"


def test_upstream_title_change_keeps_the_old_title_as_alias_and_user_aliases():
    action, text = created()
    text = text.replace("aliases: []", 'aliases:\n  - "my alias"')
    renamed = plan_note(make_note(title="Fermi Estimates, Revisited"), action.entry, PATH, text, TODAY)
    props = props_of(renamed.text)
    assert props["title"] == "Fermi Estimates, Revisited"
    # the user's alias stays first; the new and the old title are added
    assert props["aliases"] == ["my alias", "Fermi Estimates, Revisited", "Fermi Estimation"]
    assert renamed.path == PATH


def test_upstream_tag_removed_but_user_tag_kept():
    action, text = created()
    text = text.replace('  - "lw/rationality"\n', '  - "lw/rationality"\n  - "mine"\n')
    note = make_note()
    note.list_items["tags"] = ["lesswrong/post"]
    update = plan_note(note, action.entry, PATH, text, TODAY)
    assert props_of(update.text)["tags"] == ["lesswrong/post", "mine"]


def test_unbalanced_markers_are_skipped_with_a_reason():
    action, text = created()
    broken = text.replace(END, "")
    result = plan_note(make_note(region="x"), action.entry, PATH, broken, TODAY)
    assert result.op == "skipped" and "unbalanced" in result.reason
    assert "\n" not in result.reason and "`%% vaultkit:end %%`" in result.reason  # hint on the same line
