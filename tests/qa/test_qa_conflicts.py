"""Item 12: once a conflict is resolved, the conflict copy vaultkit wrote goes; one you edited stays.

Sync's count of open conflicts and `check`'s are the same number after every run.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

from vaultkit.analyse.check import check_vault
from vaultkit.sync.demo import DEMO_DIR, sync_demo
from vaultkit.sync.engine import SyncOptions

POSTS = ("Base Rates on the Bus", "Log Odds Add Up")
# The demo dates a run by its newest post, which `_upstream_changed` moves to now: near midnight
# UTC two runs would then name their conflict copies by different days.
DAY = dt.date(2026, 1, 2)


def _upstream_changed(tmp_path, paragraph="A paragraph added upstream.", *, ahead_s=60):
    data = tmp_path / "demo-data"
    shutil.copytree(DEMO_DIR, data)
    posts = json.loads((data / "posts.json").read_text(encoding="utf-8"))
    for post in posts:
        post["contents"]["html"] += f"<p>{paragraph}</p>"
        post["modifiedAt"] = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=ahead_s)
                              ).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    (data / "posts.json").write_text(json.dumps(posts), encoding="utf-8")
    return data


def _edit_region(note):
    text = note.read_text(encoding="utf-8")
    first_line = text.split("%% vaultkit:begin %%\n", 1)[1].split("\n", 1)[0]
    note.write_text(text.replace(first_line, first_line + " My edit.", 1), encoding="utf-8")


def _check_conflicts(vault) -> list[str]:
    return sorted(p.path for p in check_vault(vault).problems if p.kind == "conflict")


def _with_conflicts(tmp_path):
    vault = tmp_path / "v"
    sync_demo(vault)
    posts = vault / "LessWrong" / "Posts"
    for name in POSTS:
        _edit_region(posts / f"{name}.md")
    data = _upstream_changed(tmp_path)
    report = sync_demo(vault, SyncOptions(today=DAY), data_dir=data)
    copies = sorted(c["upstream_copy"] for c in report.conflicts)
    assert len(copies) == 2 and report.counts["conflicts"] == 2 == len(_check_conflicts(vault))
    return vault, data, copies


def test_force_removes_the_copies_vaultkit_wrote_and_keeps_the_one_you_edited(tmp_path):
    vault, data, copies = _with_conflicts(tmp_path)
    edited_copy = vault / copies[0]
    edited_copy.write_text(edited_copy.read_text(encoding="utf-8") + "\nMy merge notes.\n",
                           encoding="utf-8")

    forced = sync_demo(vault, SyncOptions(force=True, today=DAY), data_dir=data)

    assert not (vault / copies[1]).exists()                 # exactly what vaultkit wrote: gone
    assert edited_copy.read_text(encoding="utf-8").endswith("My merge notes.\n")  # yours: kept
    kept = [p for p in forced.problems if "kept your edited conflict copy" in p]
    assert len(kept) == 1 and copies[0] in kept[0]
    assert _check_conflicts(vault) == [copies[0]]
    assert forced.counts["conflicts"] == 1                  # the same number check reports

    again = sync_demo(vault, SyncOptions(today=DAY), data_dir=data)
    assert not [p for p in again.problems if "kept your edited conflict copy" in p]  # said once
    assert again.counts["conflicts"] == 1 == len(_check_conflicts(vault))

    edited_copy.unlink()
    done = sync_demo(vault, SyncOptions(today=DAY), data_dir=data)
    assert done.counts["conflicts"] == 0 == len(_check_conflicts(vault))


def test_a_conflict_you_resolve_by_hand_removes_the_unedited_copy(tmp_path):
    vault, data, copies = _with_conflicts(tmp_path)
    for name, copy in zip(sorted(POSTS), copies):
        note = vault / "LessWrong" / "Posts" / f"{name}.md"
        # take the upstream region from the copy: the note no longer differs from upstream
        upstream = (vault / copy).read_text(encoding="utf-8")
        region = upstream[upstream.index("%% vaultkit:begin %%"):]
        text = note.read_text(encoding="utf-8")
        note.write_text(text[:text.index("%% vaultkit:begin %%")] + region, encoding="utf-8")

    report = sync_demo(vault, SyncOptions(today=DAY), data_dir=data)

    assert not report.conflicts and report.counts["conflicts"] == 0
    assert not any((vault / c).exists() for c in copies)
    assert _check_conflicts(vault) == []


def _edited_copy_then_newer_upstream(tmp_path):
    """Two conflicts, the first copy edited by you, then every post changed again upstream."""
    vault, data, copies = _with_conflicts(tmp_path)
    edited_copy = vault / copies[0]
    mine = edited_copy.read_text(encoding="utf-8") + "\nMy merge notes.\n"
    edited_copy.write_text(mine, encoding="utf-8")
    # every post changes again, the same day (after the last run's cutoff, to the second)
    newer = _upstream_changed(tmp_path / "newer", "Changed again upstream.", ahead_s=180)
    return vault, copies, edited_copy, mine, newer


def test_a_newer_upstream_version_never_overwrites_the_copy_you_edited(tmp_path):
    vault, copies, edited_copy, mine, newer = _edited_copy_then_newer_upstream(tmp_path)

    report = sync_demo(vault, SyncOptions(today=DAY), data_dir=newer)

    assert edited_copy.read_text(encoding="utf-8") == mine
    assert "Changed again upstream." in (vault / copies[1]).read_text(encoding="utf-8")  # unedited: replaced
    new_copies = sorted(c["upstream_copy"] for c in report.conflicts)
    assert len(new_copies) == 2 and copies[0] not in new_copies
    assert all((vault / c).exists() for c in new_copies)
    assert report.counts["conflicts"] == len(_check_conflicts(vault)) == 3
    assert any("kept your edited conflict copy" in p and copies[0] in p for p in report.problems)


def test_deleting_the_copy_keeps_your_version_and_closes_the_conflict(tmp_path):
    vault, data, copies = _with_conflicts(tmp_path)
    note = vault / "LessWrong" / "Posts" / f"{sorted(POSTS)[0]}.md"
    before = note.read_text(encoding="utf-8")
    (vault / copies[0]).unlink()

    report = sync_demo(vault, SyncOptions(today=DAY), data_dir=data)

    assert note.read_text(encoding="utf-8") == before
    assert [c["upstream_copy"] for c in report.conflicts] == [copies[1]]
    assert report.counts["conflicts"] == 1 == len(_check_conflicts(vault))


def test_the_cli_names_every_open_conflict_it_counts_in_text_and_json(tmp_path):
    from typer.testing import CliRunner

    from vaultkit.cli import app

    vault, data, copies = _with_conflicts(tmp_path)
    edited_copy = vault / copies[0]
    edited_copy.write_text(edited_copy.read_text(encoding="utf-8") + "\nMine.\n", encoding="utf-8")
    sync_demo(vault, SyncOptions(force=True, today=DAY), data_dir=data)

    text = CliRunner().invoke(app, ["sync", str(vault), "--dry-run"])
    as_json = CliRunner().invoke(app, ["sync", str(vault), "--dry-run", "--json"])
    assert text.exit_code == 0 == as_json.exit_code, text.output
    assert "1 conflict," in text.output and f"conflict  {copies[0]}" in text.output
    report = json.loads(as_json.stdout)
    assert report["counts"]["conflicts"] == 1 and report["open_conflicts"] == [copies[0]]


def test_a_dry_run_counts_the_conflict_copies_the_real_run_leaves(tmp_path):
    vault, data, copies = _with_conflicts(tmp_path)
    mine = vault / copies[0]   # edited: forcing keeps it; the other copy goes
    mine.write_text(mine.read_text(encoding="utf-8") + "\nMine.\n", encoding="utf-8")

    dry = sync_demo(vault, SyncOptions(force=True, today=DAY, dry_run=True), data_dir=data)
    assert all((vault / c).exists() for c in copies)         # a dry run removes nothing
    real = sync_demo(vault, SyncOptions(force=True, today=DAY), data_dir=data)

    assert real.open_conflicts == [copies[0]] == _check_conflicts(vault)
    assert dry.open_conflicts == real.open_conflicts
    assert dry.counts["conflicts"] == real.counts["conflicts"] == 1


def test_a_dry_run_says_it_would_keep_the_copy_you_edited_as_the_real_run_then_does(tmp_path):
    vault, copies, edited_copy, mine, newer = _edited_copy_then_newer_upstream(tmp_path)
    files_before = sorted(p.relative_to(vault) for p in vault.rglob("*.md"))

    dry = sync_demo(vault, SyncOptions(today=DAY, dry_run=True), data_dir=newer)

    assert sorted(p.relative_to(vault) for p in vault.rglob("*.md")) == files_before
    kept = [p for p in dry.problems if "kept your edited conflict copy" in p]
    assert len(kept) == 1 and copies[0] in kept[0], dry.problems
    real = sync_demo(vault, SyncOptions(today=DAY), data_dir=newer)
    assert sorted(c["upstream_copy"] for c in dry.conflicts) == sorted(c["upstream_copy"] for c in real.conflicts)
    assert copies[0] not in [c["upstream_copy"] for c in dry.conflicts]
    assert [p for p in real.problems if "kept your edited conflict copy" in p] == kept
    assert edited_copy.read_text(encoding="utf-8") == mine
