"""Fault injection for the stand-in server, switchable while it runs.

Counters (`fail_next_n`, `truncate_next_n`, …) are consumed one request at a time, so a test can
say "the next two requests fail" and then watch the client recover.
"""

from __future__ import annotations

import threading
from typing import Any
from dataclasses import dataclass, field

CHECKPOINT_HTML = (
    "<!DOCTYPE html><html><head><title>Vercel Security Checkpoint</title></head>"
    "<body><p>We're verifying your browser.</p></body></html>"
)


@dataclass
class Faults:
    """What the stand-in does wrong. All fields may be changed at run time."""

    bot_wall: bool = False              # every request: 429 + checkpoint HTML + x-vercel-mitigated
    bot_wall_status: int = 429          # the edge also uses 403
    fail_next_n: int = 0                # the next n requests: `fail_status` with a non-JSON body
    fail_status: int = 502
    throttle_next_n: int = 0            # the next n requests: a plain (non-challenge) JSON 429
    truncate_next_n: int = 0            # the next n responses stop halfway (Content-Length lies)
    garble_next_n: int = 0              # the next n responses: HTTP 200 with a non-JSON body
    slow_seconds: float = 0.0           # sleep before answering every request
    # Bigger answers: 500 FUNCTION_RESPONSE_PAYLOAD_TOO_LARGE (the forum's host caps them at 4.5 MB).
    max_response_bytes: int | None = 4_500_000
    retry_after: int | None = None      # Retry-After header (seconds) on 429/5xx answers
    require_user_agent: bool = True     # 403 when the request has no User-Agent
    # Ids whose single-document read answers `result: null` with no error, as the forum does for
    # a document a guest may not read (drafts and deleted sequences do so anyway).
    null_result_ids: set[str] = field(default_factory=set)
    # Operation names whose current (selector) form fails validation, as if the API changed.
    reject_operations: set[str] = field(default_factory=set)
    reject_batches: bool = False        # a JSON array of operations: 400, as Apollo Server's default
    wrong_shape_next_n: int = 0         # the next n answers: every `results` an object, `result` a list
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def take(self, counter: str) -> bool:
        """Consume one unit of a `*_next_n` counter; True when the fault applies to this request."""
        with self._lock:
            left = getattr(self, counter)
            if left > 0:
                setattr(self, counter, left - 1)
                return True
            return False


def misshape(answer: Any) -> Any:
    """The same answer in the wrong shape: each root's `results` an object, `result` a list."""
    data = answer.get("data") if isinstance(answer, dict) else None
    for root in (data or {}).values():
        if isinstance(root, dict) and "results" in root:
            root["results"] = {"0": root["results"]}
        elif isinstance(root, dict) and "result" in root:
            root["result"] = [root["result"]]
    return answer
