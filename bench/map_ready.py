"""How long an exported map takes to become interactive in real headless Chromium.

    python bench/map_ready.py MAP.html [MAP.html …] [--runs 3]

Chromium is driven through the DevTools protocol over a pipe (`--remote-debugging-pipe`: no
network port, no extra package). For each run the page is opened in a fresh profile (cold) and then
reloaded (warm); the time is what the page itself reports in `window.__mapReady`: milliseconds from
navigation start to the end of its first frame, and when the page next answers a DevTools command
(its main thread is free: a click or hover can be handled). A page that reports
`window.__mapTimings` (the current map) also says where its own time went: when its script started
(Chromium loading and parsing the HTML before that), reading the data, building its indexes and
drawing; the rest up to "answering" is Chromium's. On such a page it then times, after the cold
load, a hover over the most important note (the DevTools command returns once the page has handled
the event and drawn the highlight) and a switch of the colour scheme (recolour and redraw, timed by
the page). The peak memory of Chromium's whole process tree
(summed PSS) is sampled from /proc every 0.1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update", "--use-angle=swiftshader",
         "--enable-unsafe-swiftshader", "--window-size=1200,800", "--remote-debugging-pipe"]
TIMEOUT = 600


class Browser:
    """One Chromium process and its DevTools pipe."""

    def __init__(self, profile: Path):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4
        self.process = subprocess.Popen(
            [shutil.which("chromium") or "/usr/bin/chromium", *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: _as_fds_3_and_4(to_browser_r, from_browser_w))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.session = None
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]

    def call(self, method: str, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def open(self, url: str) -> tuple[float, float]:
        """(ms the page reports from its navigation start until its first frame, seconds from the
        navigate command until the page answers after that frame, i.e. takes input)."""
        start = time.time()
        self.call("Page.navigate", url=url)
        return self._wait(start)

    def reload(self) -> tuple[float, float]:
        start = time.time()
        self.call("Page.reload", ignoreCache=False)
        return self._wait(start)

    def _wait(self, start: float) -> tuple[float, float]:
        time.sleep(0.05)
        while time.time() - start < TIMEOUT:
            ready = self.evaluate("document.readyState !== 'loading' && window.__mapReady "
                                  "&& [window.__mapReady, performance.timeOrigin + window.__mapReady]")
            if ready:
                # the answer itself comes only once the page's main thread is free again: the
                # later of the two is when a reader can interact
                return float(ready[0]), max(ready[1] / 1000, time.time()) - start
            status = self.evaluate("(document.getElementById('stats') || {}).textContent || ''")
            if status.startswith("The map could not be drawn"):
                raise RuntimeError(status)
            time.sleep(0.05)
        raise RuntimeError("the map did not become ready")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def _as_fds_3_and_4(read_end: int, write_end: int) -> None:
    read_copy, write_copy = os.dup(read_end), os.dup(write_end)  # either may be 3 or 4 already
    os.dup2(read_copy, 3)
    os.dup2(write_copy, 4)


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, from /proc: the sum of their proportional set
    sizes (PSS: shared pages divided among the processes sharing them, so nothing counts twice)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                total += next(int(line.split()[1]) * 1024 for line in handle if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    pending += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(page: Path) -> dict:
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(Path(profile))
        peak = [0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], tree_rss(browser.process.pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            browser.call("Page.enable")
            cold = browser.open(page.resolve().as_uri())
            nodes = browser.evaluate("document.getElementById('stats').dataset.nodes")
            timings = browser.evaluate("window.__mapTimings || null")
            if timings:
                timings.update(interactions(browser))
            warm = browser.reload()
        finally:
            stop.set()
            sampler.join()
            browser.close()
    return {"cold_ms": cold[0], "cold_wall_s": cold[1], "warm_ms": warm[0], "warm_wall_s": warm[1],
            "nodes": nodes, "timings": timings, "peak_rss_mb": peak[0] / 1e6, "size_mb": page.stat().st_size / 1e6}


HUB = """(function () {
  var N = JSON.parse(document.getElementById("graph-data").textContent).nodes, best = 0;
  for (var i = 1; i < N.pagerank.length; i++) if (N.pagerank[i] > N.pagerank[best]) best = i;
  return window.vaultkitMap.pointOf(N.path[best]);
})()"""
RECOLOUR = """(function () {
  var select = document.getElementById("color-by"), began = performance.now();
  select.value = "community";
  select.dispatchEvent(new Event("change"));
  return performance.now() - began;
})()"""


def interactions(browser: Browser) -> dict:
    x, y, _ = browser.evaluate(HUB)
    began = time.time()
    browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    hover = (time.time() - began) * 1000
    return {"hover": hover, "recolour": browser.evaluate(RECOLOUR)}


def page_share(timings: dict | None) -> str:
    """Where the page's own time went on the cold load, when it says."""
    if not timings:
        return ""
    return (f"; cold: script started at {timings['scriptStart'] / 1000:.2f} s, then data "
            f"{timings['parseData'] / 1000:.2f} s, indexes {timings['prepare'] / 1000:.2f} s, "
            f"drawing {timings['draw'] / 1000:.2f} s; hover {timings['hover']:.0f} ms, "
            f"recolour {timings['recolour']:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("maps", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()}", flush=True)
    for page in args.maps:
        for run in range(args.runs):
            result = measure(page)
            print(f"{page.name} run {run + 1}: cold {result['cold_ms'] / 1000:.2f} s "
                  f"(answering after {result['cold_wall_s']:.2f} s), warm {result['warm_ms'] / 1000:.2f} s ({result['warm_wall_s']:.2f} s), "
                  f"{result['nodes']} nodes drawn, {result['size_mb']:.1f} MB page, "
                  f"peak PSS of the tree {result['peak_rss_mb']:.0f} MB{page_share(result['timings'])}", flush=True)
    print(f"load average after: {os.getloadavg()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
