"""Fixtures for the render tests: golden cases, an Obsidian-like Markdown parser, an image server."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from image_server import ImageServer, png_bytes  # noqa: F401 -- png_bytes: the tests import it here

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


@pytest.fixture
def image_server():
    server = ImageServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def md_parser() -> MarkdownIt:
    return obsidian_markdown_it()
