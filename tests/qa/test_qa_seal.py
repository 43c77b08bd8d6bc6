"""The seal line in each region lets a vault that lost `.vaultkit/` take upstream changes safely."""

from __future__ import annotations

import json
import shutil

from vaultkit.sync.demo import DEMO_DIR, sync_demo


def _edited_upstream(tmp_path):
    """A copy of the demo data in which every post's body changed."""
    data = tmp_path / "demo-data"
    shutil.copytree(DEMO_DIR, data)
    posts = json.loads((data / "posts.json").read_text(encoding="utf-8"))
    for post in posts:
        post["contents"]["html"] += "<p>A paragraph added upstream.</p>"
    (data / "posts.json").write_text(json.dumps(posts), encoding="utf-8")
    return data


def test_lost_state_takes_upstream_changes_and_keeps_edited_regions(tmp_path):
    vault = tmp_path / "v"
    sync_demo(vault)
    mine = vault / "LessWrong" / "Posts" / "Log Odds Add Up.md"
    text = mine.read_text(encoding="utf-8")
    first_line = text.split("%% vaultkit:begin %%\n", 1)[1].split("\n", 1)[0]
    mine.write_text(text.replace(first_line, first_line + " My edit.", 1), encoding="utf-8")
    shutil.rmtree(vault / ".vaultkit")

    report = sync_demo(vault, data_dir=_edited_upstream(tmp_path))

    assert [c["note"] for c in report.conflicts] == ["LessWrong/Posts/Log Odds Add Up.md"]
    assert "My edit." in mine.read_text(encoding="utf-8")
    posts = list((vault / "LessWrong" / "Posts").glob("*.md"))
    taken = [p for p in posts if "A paragraph added upstream." in p.read_text(encoding="utf-8")]
    assert sorted(taken) == sorted(p for p in posts if p != mine)   # the conflict copy included
    assert report.counts["updated"] == len(posts) - 2
