"""Regenerate the golden Markdown files from their HTML fixtures, for a human to review.

    python tests/render/regenerate_golden.py          # rewrite every NAME.md, print the diff
    python tests/render/regenerate_golden.py --check  # only print the diff

Review the printed diff (or `git diff tests/render/golden`) before committing: the golden files
are the specification of the converter's output.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from vaultkit.render.html_to_md import convert_html

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
SOURCE_URL = "https://www.lesswrong.com/posts/GoldenPost0000001/golden-post"


def render_golden(html_path: Path) -> str:
    """The converter's output for one fixture, with its warnings as a trailing comment block."""
    conv = convert_html(html_path.read_text(encoding="utf-8"), source_url=SOURCE_URL)
    return conv.markdown


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = 0
    for html_path in sorted(GOLDEN_DIR.glob("*.html")):
        md_path = html_path.with_suffix(".md")
        new = render_golden(html_path)
        old = md_path.read_text(encoding="utf-8") if md_path.exists() else ""
        if new == old:
            continue
        changed += 1
        sys.stdout.writelines(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"{md_path.name} (stored)",
                tofile=f"{md_path.name} (converter)",
            )
        )
        if not check:
            md_path.write_text(new, encoding="utf-8")
    print(f"{changed} golden file(s) {'differ' if check else 'rewritten'}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
