"""`--images` belongs to its selection: the author notes its posts bring download their images,
while another selection's authors keep theirs as links."""

from __future__ import annotations

import copy

from image_server import ImageServer, png_bytes
from sync_e2e_support import cli_sync, notes_by_id
from sync_helpers import forum_id, small_forum


def test_images_follow_only_their_selections_author_notes(tmp_path):
    images = ImageServer()
    for name in ("jane", "bob", "post1"):
        images.routes[f"/{name}.png"] = (200, "image/png", png_bytes(), {})
    try:
        rows = copy.deepcopy(small_forum())
        jane, bob = rows["users"]
        jane["htmlBio"] = f'<p>Jane.</p><p><img src="{images.base}/jane.png"></p>'
        bob["htmlBio"] = f'<p>Bob.</p><p><img src="{images.base}/bob.png"></p>'
        rows["posts"][1]["contents"]["html"] += f'<p><img src="{images.base}/post1.png"></p>'
        vault = tmp_path / "v"
        vault.mkdir()
        (vault / "vaultkit.toml").write_text(
            f'site = "lesswrong"\n\n[[selection]]\nposts = ["{forum_id("post", 0)}"]\n\n'
            f'[[selection]]\nposts = ["{forum_id("post", 1)}"]\nimages = true\n')
        result = cli_sync(vault, rows, [])
        assert result.exit_code == 0, result.output
    finally:
        images.close()
    assert images.hits.get("/post1.png") == 1 and images.hits.get("/bob.png") == 1
    assert "/jane.png" not in images.hits           # her selection did not ask for images
    notes = notes_by_id(vault)
    assert f"{images.base}/jane.png" in notes[jane["_id"]].body
    assert f"{images.base}/bob.png" not in notes[bob["_id"]].body
