"""`--images` belongs to its selection: the author notes its posts bring try to download their
images, while another selection's authors keep theirs as links, untried. (vaultkit downloads
from public addresses only, so the loopback URLs here are refused and reported: the report names
exactly the images a run tried.)"""

from __future__ import annotations

import copy

from sync_e2e_support import cli_sync, notes_by_id
from sync_helpers import forum_id, small_forum

BASE = "http://127.0.0.1:9"


def test_images_follow_only_their_selections_author_notes(tmp_path):
    rows = copy.deepcopy(small_forum())
    jane, bob = rows["users"]                   # post 0 is Jane's, post 1 Bob's
    jane["htmlBio"] = f'<p>Jane.</p><p><img src="{BASE}/jane.png"></p>'
    bob["htmlBio"] = f'<p>Bob.</p><p><img src="{BASE}/bob.png"></p>'
    rows["posts"][1]["contents"]["html"] += f'<p><img src="{BASE}/post1.png"></p>'
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "vaultkit.toml").write_text(
        f'site = "lesswrong"\n\n[[selection]]\nposts = ["{forum_id("post", 0)}"]\n\n'
        f'[[selection]]\nposts = ["{forum_id("post", 1)}"]\nimages = true\n')
    result = cli_sync(vault, rows, [])
    assert result.exit_code == 0, result.output
    tried = [line for line in result.output.splitlines() if "image skipped" in line]
    assert any(f"{BASE}/post1.png" in line for line in tried)
    assert any(f"{BASE}/bob.png" in line for line in tried)
    assert not any("jane.png" in line for line in tried)   # her selection did not ask for images
    assert f"{BASE}/jane.png" in notes_by_id(vault)[jane["_id"]].body
