"""Make the README's pictures from the demo vault, in real headless Chromium.

    python scripts/readme_images.py                 # writes docs/images/*.png
    python scripts/readme_images.py --out /tmp/x    # anywhere else

Three pictures: the interactive map (`vaultkit export graph -o map.html`), one post note rendered
the way Obsidian's reading view shows it (Markdown -> HTML with markdown-it-py, properties on top),
and one Anki card rendered from the exported package's own card HTML (the package imported into a
fresh collection of the real Anki backend, the card's question and answer asked from it).
Each picture is checked to be more than a blank page before the script succeeds.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "images"
NOTE = "LessWrong/Posts/Four Ways a Proxy Comes Apart.md"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--hide-scrollbars",
                  "--virtual-time-budget=10000"]
MAX_BYTES = 200_000

PAGE_CSS = """
body { font: 16px/1.55 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #dadada;
       background: #1e1e1e; margin: 0; padding: 28px 48px; }
h1 { font-size: 26px; margin: 0 0 14px; color: #fff; }
h2 { font-size: 20px; color: #fff; }
a, .internal-link { color: #a88bfa; text-decoration: none; }
.properties { border-bottom: 1px solid #3a3a3a; margin-bottom: 18px; padding-bottom: 10px;
              font-size: 14px; }
.properties td { padding: 2px 14px 2px 0; vertical-align: top; }
.properties td:first-child { color: #999; width: 130px; }
.callout { background: rgba(68, 138, 255, 0.1); border-left: 3px solid #448aff; padding: 8px 14px;
           border-radius: 4px; margin: 12px 0; }
.callout-title { font-weight: 600; color: #7fb0ff; }
.callout p { margin: 4px 0; }
.tag { background: rgba(168, 139, 250, 0.15); color: #a88bfa; border-radius: 10px; padding: 1px 8px;
       margin-right: 4px; }
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make the README pictures from the demo vault.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vaultkit-images-") as tmp:
        work = Path(tmp)
        vault = work / "demo-vault"
        _vaultkit("sync", "--demo", str(vault))
        made = [_map(vault, work, args.out), _note(vault, work, args.out), _card(vault, work, args.out)]
    for path in made:
        print(f"Wrote {path} ({path.stat().st_size // 1024} KB)")
    return 0


def _vaultkit(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "vaultkit", "-q", *args], check=True)


def _map(vault: Path, work: Path, out: Path) -> Path:
    page = work / "map.html"
    _vaultkit("export", "graph", str(vault), "-o", str(page))
    return _screenshot(page, out / "map.png", work, (1000, 640))


def _note(vault: Path, work: Path, out: Path) -> Path:
    from vaultkit.vault.notes import read_note

    note = read_note(vault / NOTE, vault)
    props = note.properties
    rows = "".join(f"<tr><td>{html.escape(key)}</td><td>{_property_html(props[key])}</td></tr>"
                   for key in ("type", "author", "posted", "karma", "sequence", "status", "tags")
                   if props.get(key) not in (None, "", []))
    body = f"""<h1>{html.escape(Path(NOTE).stem)}</h1>
<table class="properties">{rows}</table>
{_reading_view(note.body)}"""
    page = work / "note.html"
    page.write_text(f"<!doctype html><meta charset='utf-8'><style>{PAGE_CSS}</style>{body}",
                    encoding="utf-8")
    return _screenshot(page, out / "note.png", work, (900, 760))


def _property_html(value: object) -> str:
    if isinstance(value, list):
        return "".join(f"<span class='tag'>{html.escape(str(v))}</span>" for v in value)
    return _links(html.escape(str(value)))


def _links(text: str) -> str:
    """Wikilinks as Obsidian draws them: the display text, in the link colour."""
    return re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"<span class='internal-link'>\1</span>", text)


def _reading_view(markdown: str) -> str:
    """Markdown as Obsidian's reading view shows it: comments hidden, callouts boxed, links coloured."""
    from markdown_it import MarkdownIt

    text = re.sub(r"%%.*?%%", "", markdown, flags=re.S)
    # inline math in italics, standing in for Obsidian's MathJax (escaped `\$` stay dollars)
    text = re.sub(r"(?<![\\$])\$([^$\n]+?)(?<!\\)\$", r"<em>\1</em>", text)
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    rendered = _links(rendered)
    return re.sub(r"<blockquote>\s*<p>\[!(\w+)\]\s*([^\n<]*)",
                  lambda m: f"<blockquote class='callout'><p><span class='callout-title'>"
                            f"{m[2] or m[1].title()}</span>", rendered)


def _card(vault: Path, work: Path, out: Path) -> Path:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    deck = work / "LessWrong.apkg"
    _vaultkit("export", "anki", str(vault), "-o", str(deck))
    (work / "anki").mkdir()
    collection = Collection(str(work / "anki" / "collection.anki2"))
    try:
        collection.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(deck), options=ImportAnkiPackageOptions()))
        card = collection.get_card(sorted(collection.find_cards('"Front:*Goodhart*"')
                                          or collection.find_cards(""))[0])
        answer = card.answer()
    finally:
        collection.close()
    page = work / "card.html"
    page.write_text("<!doctype html><meta charset='utf-8'><style>body { margin: 0; padding: 24px; background: #fff; }"
                    f"</style><div class='card'>{answer}</div>", encoding="utf-8")
    return _screenshot(page, out / "anki-card.png", work, (800, 420))


def _screenshot(page: Path, target: Path, work: Path, size: tuple[int, int]) -> Path:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    shot = work / target.name
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--window-size={size[0]},{size[1]}",
                    f"--user-data-dir={work / 'profile'}", f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=180, cwd=work)
    _check_not_blank(shot)
    _shrink(shot, target)
    return target


def _check_not_blank(png: Path) -> None:
    from PIL import Image

    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    if len(colours) < 16:
        raise SystemExit(f"{png.name} came out blank ({len(colours)} colours); nothing was drawn")


def _shrink(source: Path, target: Path) -> None:
    """Save as an optimised PNG, reduced to a palette when that is what keeps it small."""
    from PIL import Image

    with Image.open(source) as image:
        image = image.convert("RGB")
        image.save(target, optimize=True)
        if target.stat().st_size > MAX_BYTES:
            image.quantize(colors=128).save(target, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
