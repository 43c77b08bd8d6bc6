"""The offline HTML map: self-contained, drawn by real headless Chromium, and driven there like a reader
would (pointer and keyboard events through the DevTools protocol)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from vaultkit.analyse.graph import add_metrics, build_graph
from vaultkit.analyse.layout import community_layout
from vaultkit.export.graph import export_graph
from vaultkit.export.graph.html import map_data

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--window-size=1200,800",
                  "--virtual-time-budget=10000"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; CI must install it (.ci/run does: apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium); the map cannot be drawn here")


def run_chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_map_is_one_self_contained_file(reading_vault, tmp_path):
    export_graph(reading_vault, tmp_path / "map.html")
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert not re.search(r"\bimport\(|fetch\(|XMLHttpRequest|https?://", page)  # nothing loaded later
    assert page.count("</script>") == 2  # data, page script: nothing closed the data early


def test_map_data_is_columnar_and_complete(reading_vault):
    graph = build_graph(reading_vault).graph
    add_metrics(graph)
    data = map_data(graph, community_layout(graph), "vault")
    assert data["count"] == 13
    assert all(len(column) == 13 for column in data["nodes"].values())
    assert len(data["edges"]) % 2 == 0 and max(data["edges"]) < 13
    types = [data["categories"]["type"][code] for code in data["nodes"]["type"]]
    assert types.count("post") == 4


def test_chromium_draws_the_map(reading_vault, tmp_path):
    page = tmp_path / "map.html"
    report = export_graph(reading_vault, page)
    dom = run_chromium(tmp_path, page, "--dump-dom")
    stats = re.search(r'<div id="stats" data-status="(\w+)" data-nodes="(\d*)" data-edges="(\d*)"', dom.stdout)
    assert stats, dom.stdout[-2000:] + dom.stderr[-2000:]
    assert stats.group(1) == "rendered"
    assert int(stats.group(2)) == report.nodes == 13
    assert int(stats.group(3)) > 0

    shot = tmp_path / "shot.png"
    run_chromium(tmp_path, page, f"--screenshot={shot}")
    image = Image.open(shot).convert("RGB")
    graph_area = image.crop((0, 0, image.width - 330, image.height))  # left of the side panel
    pixels = np.asarray(graph_area, dtype=np.int16).reshape(-1, 3)
    coloured = int(((pixels.max(axis=1) - pixels.min(axis=1)) > 40).sum())  # node colours, not grey
    assert coloured > 13 * 20, "the graph area is blank"
    assert len(np.unique(pixels, axis=0)) > 20


def dense_map(path: Path) -> Path:
    """2,000 notes, all posts (one colour), and 60,000 linked pairs: past the point where every link
    is drawn at once, so the map shows nothing but the notes until the pointer is on one."""
    import networkx as nx

    from vaultkit.export.graph.html import render_map

    rng = np.random.default_rng(7)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((f"Posts/Note {i:04d}.md", {"label": f"Note {i:04d}", "type": "post"}) for i in range(2000))
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, 2000, size=(62_000, 2)) if a != b}
    graph.add_edges_from((f"Posts/Note {a:04d}.md", f"Posts/Note {b:04d}.md", "link", {"kind": "link", "weight": 1})
                         for a, b in sorted(pairs)[:60_000])
    add_metrics(graph)
    path.write_text(render_map(graph, community_layout(graph), vault_name="big"), encoding="utf-8")
    return path


def test_chromium_makes_a_big_map_interactive_with_links_on_demand(tmp_path):
    page = dense_map(tmp_path / "big.html")
    dom = run_chromium(tmp_path, page, "--dump-dom")
    stats = re.search(r'<div id="stats" data-status="(\w+)" data-nodes="(\d*)" data-edges="(\d*)" '
                      r'data-ready-ms="(\d+)">([^<]*)<', dom.stdout)
    assert stats, dom.stdout[-2000:] + dom.stderr[-2000:]
    assert stats.group(1) == "rendered"
    assert (int(stats.group(2)), int(stats.group(3))) == (2000, 60_000)
    assert "links show when the pointer is on it" in stats.group(5)


@pytest.fixture
def browser(tmp_path):
    """Real headless Chromium driven over its DevTools pipe (the driver of bench/map_ready.py)."""
    chromium()
    spec = importlib.util.spec_from_file_location("map_ready", ROOT / "bench" / "map_ready.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    driver = module.Browser(tmp_path / "devtools-profile")
    driver.call("Page.enable")
    yield driver
    driver.close()


# In the page: how many notes have their own colour at the pixel under their centre (links lie under
# the notes, labels on a layer of their own).
NOTES_SEEN_IN_PIXELS = """(function () {
  var canvas = document.getElementById("nodes"), rect = canvas.getBoundingClientRect();
  var scale = canvas.width / rect.width, pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  var paths = JSON.parse(document.getElementById("graph-data").textContent).nodes.path, seen = 0;
  paths.forEach(function (path) {
    var p = window.vaultkitMap.pointOf(path);
    var x = Math.floor((p[0] - rect.left) * scale), y = Math.floor((p[1] - rect.top) * scale);
    if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) return;
    var at = (y * canvas.width + x) * 4;  // a post is #4e79a7
    if (pixels[at] === 0x4e && pixels[at + 1] === 0x79 && pixels[at + 2] === 0xa7) seen++;
  });
  return seen;
})()"""


def settle(browser) -> None:
    """Wait until the page has drawn its next frames (an animation, or the full frame after a move)."""
    time.sleep(0.7)
    browser.evaluate("new Promise(function (done) { requestAnimationFrame(function () { done(1); }); })")


def test_every_note_of_a_big_map_is_drawn(tmp_path, browser):
    """6,000 posts in a chain, laid out on a grid far enough apart that no note hides another."""
    import networkx as nx

    from vaultkit.export.graph.html import render_map

    graph = nx.MultiDiGraph()
    names = [f"Posts/Note {i:04d}.md" for i in range(6000)]
    graph.add_nodes_from((name, {"label": name[6:-3], "type": "post"}) for name in names)
    graph.add_edges_from((a, b, "link", {"kind": "link", "weight": 1}) for a, b in zip(names, names[1:]))
    add_metrics(graph)
    positions = {name: (float(i % 80), float(i // 80)) for i, name in enumerate(names)}
    page = tmp_path / "grid.html"
    page.write_text(render_map(graph, positions, vault_name="grid"), encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.evaluate("document.getElementById('stats').dataset.nodes") == "6000"
    assert browser.evaluate(NOTES_SEEN_IN_PIXELS) == 6000


def test_every_note_is_found_by_search_and_search_goes_to_it(tmp_path, browser):
    page = dense_map(tmp_path / "big.html")
    browser.open(page.as_uri())

    labels = [f"Note {i:04d}" for i in range(2000)]
    unfound = browser.evaluate("""(function (labels) {
      var search = document.getElementById("search"), missing = [];
      labels.forEach(function (label) {
        search.value = label;
        search.dispatchEvent(new Event("input"));
        var items = Array.from(document.querySelectorAll("#results li"));
        if (!items.some(function (li) { return li.textContent === label; })) missing.push(label);
      });
      return missing;
    })(%s)""" % json.dumps(labels))
    assert unfound == []

    radius_before = browser.evaluate("window.vaultkitMap.pointOf('Posts/Note 1234.md')[2]")
    browser.evaluate("document.getElementById('search').value = ''; document.getElementById('search').focus()")
    browser.call("Input.insertText", text="Note 1234")
    browser.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13)
    browser.call("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter", windowsVirtualKeyCode=13)
    settle(browser)
    assert browser.evaluate("window.vaultkitMap.focused()") == "Posts/Note 1234.md"
    assert browser.evaluate("document.querySelector('#details h3').textContent") == "Note 1234"
    # the camera went to it: the note now sits in the middle of the map, zoomed in
    x, y, radius = browser.evaluate("window.vaultkitMap.pointOf('Posts/Note 1234.md')")
    middle = browser.evaluate("(function (r) { return [r.left + r.width / 2, r.top + r.height / 2]; })"
                              "(document.getElementById('map').getBoundingClientRect())")
    assert abs(x - middle[0]) < 2 and abs(y - middle[1]) < 2
    assert radius > 4 * radius_before  # zoomed in 20 times; a note grows with the square root


def mouse(browser, kind: str, x: float, y: float, **extra) -> None:
    browser.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, **extra)


def test_hover_shows_a_note_click_opens_it_and_drag_pans(reading_vault, tmp_path, browser):
    page = tmp_path / "map.html"
    export_graph(reading_vault, page)
    browser.open(page.as_uri())
    x, y, _ = browser.evaluate("window.vaultkitMap.pointOf('LessWrong/Posts/Odds.md')")

    mouse(browser, "mouseMoved", x, y)
    assert browser.evaluate("window.vaultkitMap.focused()") == "LessWrong/Posts/Odds.md"
    assert browser.evaluate("document.querySelector('#details h3').textContent") == "Odds"
    veiled = browser.evaluate("""(function () {
      var o = document.getElementById("overlay");
      return o.getContext("2d").getImageData(2, 2, 1, 1).data[3];
    })()""")
    assert veiled > 0  # the rest of the map is dimmed under the note and its neighbours

    mouse(browser, "mousePressed", x, y, button="left", buttons=1, clickCount=1)
    mouse(browser, "mouseReleased", x, y, button="left", buttons=0, clickCount=1)
    vault = reading_vault.resolve().name
    assert browser.evaluate("document.getElementById('stats').dataset.opened") == (
        f"obsidian://open?vault={vault}&file=LessWrong%2FPosts%2FOdds.md")

    # a drag from empty space moves the map with the pointer and opens nothing
    browser.evaluate("delete document.getElementById('stats').dataset.opened")
    mouse(browser, "mouseMoved", 5, 5)
    assert browser.evaluate("window.vaultkitMap.focused()") is None
    mouse(browser, "mousePressed", 5, 5, button="left", buttons=1, clickCount=1)
    mouse(browser, "mouseMoved", 45, 25, button="left", buttons=1)
    mouse(browser, "mouseMoved", 85, 65, button="left", buttons=1)
    mouse(browser, "mouseReleased", 85, 65, button="left", buttons=0, clickCount=1)
    settle(browser)
    moved = browser.evaluate("window.vaultkitMap.pointOf('LessWrong/Posts/Odds.md')")
    assert (round(moved[0] - x), round(moved[1] - y)) == (80, 60)
    assert browser.evaluate("document.getElementById('stats').dataset.opened") is None
