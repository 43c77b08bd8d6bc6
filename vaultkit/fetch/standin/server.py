"""A loopback HTTP GraphQL server over fixture data, for tests and `sync --demo`.

    with StandinServer(load_fixtures(folder)) as server:
        client = open_client(endpoint=server.url)

It answers `POST /graphql` (one request object or a batch array) and `GET /graphql?query=…`, with
the real API's status codes and error shapes, and misbehaves on demand through `server.faults`.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from vaultkit.fetch.standin.database import MAX_LIMIT, MAX_OFFSET, Database
from vaultkit.fetch.standin.faults import CHECKPOINT_HTML, Faults, misshape
from vaultkit.fetch.standin.fixtures import Fixtures
from vaultkit.fetch.standin.schema import build_standin_schema, run_operation


class StandinServer:
    """The stand-in GraphQL server, run in a background thread on 127.0.0.1 and an ephemeral port.

    `max_limit`/`max_offset` are the API's caps (`max_offset=None` turns the skip cap off, like the
    EA Forum's bot host); `legacy_only=True` serves only the old `input: {terms}` argument style;
    `filter_settings_ignore_offset` (on, as upstream) makes tag-filtered listings ignore `offset`;
    `own_sdl` serves our own SDL even where the real schema is at hand (what the offline demo gets).
    """

    def __init__(self, fixtures: Fixtures, *, faults: Faults | None = None,
                 max_limit: int = MAX_LIMIT, max_offset: int | None = MAX_OFFSET,
                 legacy_only: bool = False, site_url: str = "https://www.lesswrong.com",
                 port: int = 0, filter_settings_ignore_offset: bool = True,
                 own_sdl: bool = False):
        self.faults = faults or Faults()
        self.database = Database(fixtures, site_url=site_url, max_limit=max_limit,
                                 max_offset=max_offset, faults=self.faults,
                                 filter_settings_ignore_offset=filter_settings_ignore_offset)
        self.schema = build_standin_schema(legacy_only, own_sdl=own_sdl)
        self.operations: list[tuple[str | None, dict]] = []   # (operationName, variables) served
        self._count = 0
        self._lock = threading.Lock()
        self._httpd = _QuietServer(("127.0.0.1", port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/graphql"

    @property
    def request_count(self) -> int:
        """HTTP requests received, including the ones a fault answered."""
        return self._count

    def start(self) -> "StandinServer":
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.02}, name="vaultkit-standin",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the port (a second call does nothing)."""
        if self._thread is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
        self._thread = None

    def __enter__(self) -> "StandinServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def count_request(self) -> None:
        with self._lock:
            self._count += 1

    def answer(self, payload: Any) -> tuple[int, Any]:
        """Status and JSON body for one request body (an object or a batch list)."""
        if isinstance(payload, list) and self.faults.reject_batches:
            return 400, {"errors": [{"message": "Operation batching disabled.",
                                     "extensions": {"code": "BAD_REQUEST"}}]}
        if isinstance(payload, list):
            answers = [self._answer_one(item) for item in payload]
            return 200, [body for _, body in answers]
        return self._answer_one(payload)

    def _answer_one(self, payload: Any) -> tuple[int, dict]:
        if isinstance(payload, dict):
            with self._lock:
                self.operations.append((payload.get("operationName"),
                                        payload.get("variables") or {}))
            if payload.get("operationName") in self.faults.reject_operations:
                return 400, {"errors": [{
                    "message": "Cannot query field \"fmCrosspost\" on type \"Post\" "
                               "(rejected by Faults.reject_operations).",
                    "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}]}
        return run_operation(self.schema, self.database, payload)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout tests) hangs up mid-answer; that is not a server error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_for(server: StandinServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in separate writes; without this, Nagle's algorithm and
            # delayed ACKs add ~40 ms to every answer.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(parts.query).items()}
            try:
                variables = json.loads(params["variables"]) if "variables" in params else None
            except json.JSONDecodeError:
                variables = "invalid"
            payload = {"query": params.get("query"), "variables": variables,
                       "operationName": params.get("operationName")}
            self._serve(parts.path, payload)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                payload = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                payload = None
            self._serve(urlsplit(self.path).path, payload)

        def _serve(self, path: str, payload: Any) -> None:
            server.count_request()
            faults = server.faults
            if faults.slow_seconds:
                time.sleep(faults.slow_seconds)
            if path != "/graphql":
                return self._send(404, b"Not found", "text/plain")
            if faults.require_user_agent and not self.headers.get("User-Agent"):
                return self._send(403, b"Forbidden", "text/plain")
            if faults.bot_wall:
                return self._send(faults.bot_wall_status, CHECKPOINT_HTML.encode(), "text/html",
                                  {"x-vercel-mitigated": "challenge"})
            if faults.take("throttle_next_n"):
                return self._send(429, b'{"errors":[{"message":"Too many requests"}]}',
                                  "application/json")
            if faults.take("fail_next_n"):
                return self._send(faults.fail_status, b"<html><body>Bad gateway</body></html>",
                                  "text/html")
            status, answer = server.answer(payload)
            if faults.take("wrong_shape_next_n"):
                answer = misshape(answer)
            body = json.dumps(answer).encode()
            if faults.take("garble_next_n"):
                return self._send(200, b"<html>An error occurred</html>", "text/html")
            if faults.max_response_bytes is not None and len(body) > faults.max_response_bytes:
                return self._send(500, b"FUNCTION_RESPONSE_PAYLOAD_TOO_LARGE", "text/plain")
            if faults.take("truncate_next_n"):
                return self._send(status, body, "application/json", truncate=True)
            self._send(status, body, "application/json")

        def _send(self, status: int, body: bytes, content_type: str,
                  headers: dict[str, str] | None = None, truncate: bool = False) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            retry_after = server.faults.retry_after
            if retry_after is not None and (status == 429 or status >= 500):
                self.send_header("Retry-After", str(retry_after))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if truncate:
                # Promise the whole body, send half, hang up: a truncated response.
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

    return Handler
