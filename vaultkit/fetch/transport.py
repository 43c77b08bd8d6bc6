"""HTTP to a forum's GraphQL endpoint: one session, a descriptive User-Agent, politeness, retries,
and recognising the edge's bot wall.

Two layers of retry, each for what it can see:

* urllib3's `Retry` (mounted on the session) retries connection errors, timeouts and 502/503/504,
  with exponential backoff, jitter and `Retry-After`. Its waits never drop below the politeness
  interval.
* `Transport.post` retries what only shows once the body is read: truncated bodies, non-JSON
  bodies on a 200, a plain 500, and a non-challenge 429.

The bot wall (429/403 with the "Security Checkpoint" page) is never retried: only a browser can pass
it, and hammering it makes things worse. It raises `RateLimitedError` at once.
"""

from __future__ import annotations

import json
import random
import threading
import time
from typing import Any, Callable

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InvalidHeader
from urllib3.util.retry import Retry

from vaultkit import HOMEPAGE, USER_AGENT  # noqa: F401 -- re-exported for the fetch package
from vaultkit.errors import PayloadTooLargeError, RateLimitedError, TransportError

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 130.0          # the forum's route may run for 120 s
DEFAULT_RETRIES = 5
DEFAULT_BACKOFF = 2.0         # seconds; doubles per attempt
BACKOFF_MAX = 120.0
JITTER = 1.0                  # up to this many random seconds on top of each backoff
RETRY_STATUSES = frozenset({502, 503, 504})
CHECKPOINT_MARKER = b"Vercel Security Checkpoint"
PAYLOAD_TOO_LARGE_MARKER = b"FUNCTION_RESPONSE_PAYLOAD_TOO_LARGE"


class PoliteRetry(Retry):
    """urllib3 `Retry` whose waits are never shorter than the politeness interval, and which
    reports every retry so that `Transport.request_count` stays exact."""

    def __init__(self, *args: Any, floor: float = 0.0, on_retry: Callable[[], None] | None = None,
                 **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.floor = floor
        self.on_retry = on_retry

    def new(self, **kwargs: Any) -> "PoliteRetry":
        retry = super().new(**kwargs)
        retry.floor, retry.on_retry = self.floor, self.on_retry
        return retry

    def increment(self, *args: Any, **kwargs: Any) -> "PoliteRetry":
        retry = super().increment(*args, **kwargs)
        if self.on_retry is not None:
            self.on_retry()
        return retry

    def get_backoff_time(self) -> float:
        return max(self.floor, super().get_backoff_time())

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        # urllib3 would also retry any 429 that carries Retry-After; a 429 may be the bot wall,
        # which must never be retried, so statuses outside the list are left to `Transport.post`.
        return (status_code in RETRY_STATUSES
                and super().is_retry(method, status_code, has_retry_after))

    def get_retry_after(self, response: Any) -> float | None:
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, BACKOFF_MAX)


def is_bot_wall(status: int, headers: Any, body: bytes) -> bool:
    """The edge's challenge page: 429/403 plus a mitigation header, a non-JSON body or the
    checkpoint title."""
    if status not in (429, 403):
        return False
    content_type = headers.get("Content-Type", "")
    return ("x-vercel-mitigated" in headers or "json" not in content_type
            or CHECKPOINT_MARKER in body)


def retry_after_seconds(headers: Any) -> float | None:
    """`Retry-After` in seconds (a number or an HTTP date), at most `BACKOFF_MAX`; else None."""
    value = headers.get("Retry-After")
    if not value:
        return None
    try:
        return min(BACKOFF_MAX, Retry().parse_retry_after(value))
    except InvalidHeader:
        return None


class Transport:
    """POSTs JSON to one GraphQL endpoint, politely, and returns the decoded JSON answer."""

    def __init__(self, url: str, *, min_interval: float, max_concurrency: int = 1,
                 retries: int = DEFAULT_RETRIES, backoff: float = DEFAULT_BACKOFF,
                 jitter: float = JITTER, user_agent: str = USER_AGENT,
                 timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)):
        self.url = url
        self.min_interval = min_interval
        self.retries = retries
        self.backoff = backoff
        self.jitter = jitter
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(max(1, max_concurrency))
        self._clock = threading.Lock()
        self._next_start = 0.0
        self._count_lock = threading.Lock()
        self._count = 0
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": user_agent, "Accept": "application/json"})
        retry = PoliteRetry(total=retries, connect=retries, read=retries, status=retries,
                            other=0, status_forcelist=RETRY_STATUSES,
                            allowed_methods=frozenset({"GET", "POST"}), backoff_factor=backoff,
                            backoff_jitter=jitter, backoff_max=BACKOFF_MAX,
                            respect_retry_after_header=True, raise_on_status=False,
                            floor=min_interval, on_retry=self._counted)
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=max(1, max_concurrency))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    @property
    def request_count(self) -> int:
        """HTTP requests sent so far, retries included."""
        return self._count

    def close(self) -> None:
        self.session.close()

    def post(self, payload: Any) -> tuple[int, Any]:
        """Send one JSON body; return (HTTP status, decoded JSON) for a 200 or a JSON 400.

        Raises `RateLimitedError` on the bot wall, `PayloadTooLargeError` when the answer is too
        big, and `TransportError` when every retry failed.
        """
        problem, retry_after = "no attempt made", None
        for attempt in range(self.retries + 1):
            if attempt:
                self._back_off(attempt, retry_after)
                retry_after = None
            with self._slots:
                self._wait_turn()
                self._counted()
                try:
                    response = self.session.post(self.url, json=payload, timeout=self.timeout)
                except (requests.exceptions.ChunkedEncodingError,
                        requests.exceptions.ContentDecodingError) as error:
                    problem = f"the answer was cut off ({type(error).__name__})"
                    continue
                except requests.exceptions.RequestException as error:
                    raise self._gave_up(f"{type(error).__name__}: {error}") from error
            status, body = response.status_code, response.content
            if is_bot_wall(status, response.headers, body):
                raise self._bot_wall(status, response.headers.get("Retry-After"))
            if status == 429 or (status == 500 and PAYLOAD_TOO_LARGE_MARKER not in body):
                problem, retry_after = f"HTTP {status}", retry_after_seconds(response.headers)
                continue
            if status == 500:
                raise PayloadTooLargeError(
                    f"The forum at {self.url} refused to send an answer this large.",
                    hint="Ask for fewer documents per request (vaultkit halves its batches "
                         "automatically where it can).")
            if status >= 500:  # urllib3 already retried the statuses worth retrying
                raise TransportError(f"The forum at {self.url} answered HTTP {status}.",
                                     hint="Check --endpoint (it should end in /graphql); if it is "
                                          "right, the forum is down: run the command again later.")
            try:
                decoded = json.loads(body)
            except ValueError:
                problem = f"HTTP {status} with a body that is not JSON"
                continue
            if status not in (200, 400):
                raise TransportError(f"The forum at {self.url} answered HTTP {status}.",
                                     hint="Check --endpoint (it should end in /graphql).")
            return status, decoded
        raise self._gave_up(problem)

    # --- politeness, backoff, errors ---------------------------------------------------------

    def _counted(self) -> None:
        with self._count_lock:
            self._count += 1

    def _wait_turn(self) -> None:
        """Keep at least `min_interval` seconds between the starts of two requests."""
        with self._clock:
            wait = self._next_start - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._next_start = time.monotonic() + self.min_interval

    def _back_off(self, attempt: int, retry_after: float | None) -> None:
        """Exponential backoff with jitter; never shorter than `Retry-After` or the interval."""
        delay = min(BACKOFF_MAX, self.backoff * 2 ** (attempt - 1)) + random.uniform(0, self.jitter)
        time.sleep(max(delay, retry_after or 0.0, self.min_interval))

    def _gave_up(self, problem: str) -> TransportError:
        return TransportError(
            f"The forum at {self.url} could not be reached reliably: {problem} "
            f"(after up to {self.retries + 1} attempts).",
            hint="Check your connection and --endpoint, then run the command again; what was "
                 "already fetched is cached and will not be fetched twice.")

    def _bot_wall(self, status: int, retry_after: str | None) -> RateLimitedError:
        when = (f"wait at least {retry_after} s (the server's Retry-After)" if retry_after
                else "wait at least an hour")
        return RateLimitedError(
            f"The forum's edge is rate-limiting this client: {self.url} answered HTTP {status} "
            f"with its \"Security Checkpoint\" bot wall, so vaultkit stopped instead of retrying.",
            hint=f"Nothing is lost: {when}, then run the same command again to resume from the "
                 f"cache. Slow down with a longer delay between requests, e.g. --delay 10 "
                 f"(seconds; the default is 3).")
