"""The README's pictures are made by scripts/readme_images.py; this fails when it no longer runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PICTURES = ("map.png", "note.png", "anki-card.png")


@pytest.mark.slow
def test_the_readme_images_script_draws_three_non_blank_pictures(tmp_path):
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        pytest.fail("chromium is not installed; CI must install it (apt-get install chromium)")
    from PIL import Image

    result = subprocess.run([sys.executable, str(REPO / "scripts" / "readme_images.py"), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    for name in PICTURES:
        path = tmp_path / name
        assert 0 < path.stat().st_size < 200_000, name
        with Image.open(path) as image:
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
            assert image.width >= 600 and len(colours) > 16, name
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(f"docs/images/{name}" in readme for name in PICTURES)
    assert all((REPO / "docs" / "images" / name).exists() for name in PICTURES)
