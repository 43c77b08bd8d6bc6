"""Fixtures for the render tests: golden cases, an Obsidian-like Markdown parser, an image server."""

from __future__ import annotations

import importlib.util
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
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


class ImageServer:
    """A loopback HTTP server with a few images and a few ways to fail."""

    def __init__(self):
        self.routes: dict[str, tuple[int, str, bytes, dict]] = {
            "/pic.png": (200, "image/png", png_bytes(shade=10), {}),
            "/same-pic.png": (200, "image/png", png_bytes(shade=10), {}),
            "/other.png": (200, "image/png; charset=binary", png_bytes(shade=200), {}),
            "/page.html": (200, "text/html", b"<html>not an image</html>", {}),
            "/huge.png": (200, "image/png", png_bytes(300, 300, 7) + b"\0" * 200_000, {}),
            "/redirect.png": (302, "text/plain", b"", {"Location": "/pic.png"}),
        }
        self.hits: dict[str, int] = {}
        self.user_agents: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                server.user_agents.add(self.headers.get("User-Agent") or "")
                status, content_type, body, headers = server.routes.get(
                    self.path, (404, "text/plain", b"missing", {})
                )
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def image_server():
    server = ImageServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def md_parser() -> MarkdownIt:
    return obsidian_markdown_it()
