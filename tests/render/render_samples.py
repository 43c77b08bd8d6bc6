"""Golden cases, the Obsidian-like Markdown parser and hand-built images for the render tests. Test
modules import these names from here (not from conftest, a name every test folder has)."""

from __future__ import annotations

import importlib.util
import struct
import zlib
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
GOLDEN_NAMES = sorted(p.stem for p in GOLDEN_DIR.glob("*.html"))


def obsidian_markdown_it() -> MarkdownIt:
    """markdown-it-py configured to find math, footnotes and tables where Obsidian does
    (obsidian.md §10): no math after `$ ` or before a digit, `$$` inline allowed."""
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    )


def load_bench_corpus():
    """The benchmark's corpus generator (bench/render_corpus.py), loaded by path."""
    spec = importlib.util.spec_from_file_location(
        "render_corpus", ROOT / "bench" / "render_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_bytes(width: int = 2, height: int = 2, shade: int = 0) -> bytes:
    """A real, valid PNG image (grey pixels), built by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
