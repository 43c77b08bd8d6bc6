"""Fixtures for the render tests: golden cases, an Obsidian-like Markdown parser, an image server."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from markdown_it import MarkdownIt

from render_samples import obsidian_markdown_it, png_bytes


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
