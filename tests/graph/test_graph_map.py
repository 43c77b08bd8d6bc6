"""The offline HTML map: vendored libraries intact, self-contained, and drawn by real headless Chromium."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from vaultkit.analyse.graph import add_metrics, build_graph
from vaultkit.analyse.layout import community_layout
from vaultkit.export.graph import export_graph
from vaultkit.export.graph.html import map_data

VENDOR = resources.files("vaultkit.export.graph") / "vendor"
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


def test_vendored_libraries_match_their_checksums():
    sums = (VENDOR / "SHA256SUMS").read_text().split("\n")
    checked = 0
    for line in filter(None, sums):
        digest, name = line.split()
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
        checked += 1
    assert checked == 2
    assert (VENDOR / "LICENSE-sigma.txt").read_text().startswith("Copyright")
    assert "MIT" in (VENDOR / "LICENSE-graphology.txt").read_text()


def test_map_is_one_self_contained_file(reading_vault, tmp_path):
    export_graph(reading_vault, tmp_path / "map.html")
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "Permission is hereby granted" in page  # the MIT notices travel with the code
    assert page.count("</script>") == 3  # libraries, data, page script: nothing closed the data early


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


def test_chromium_makes_a_big_map_interactive_with_links_on_demand(tmp_path):
    """2,000 notes and 60,000 linked pairs: past the point where every link is drawn at once."""
    import networkx as nx

    from vaultkit.export.graph.html import render_map

    rng = np.random.default_rng(7)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((f"Posts/Note {i:04d}.md", {"label": f"Note {i}", "type": "post"}) for i in range(2000))
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, 2000, size=(62_000, 2)) if a != b}
    graph.add_edges_from((f"Posts/Note {a:04d}.md", f"Posts/Note {b:04d}.md", "link", {"kind": "link", "weight": 1})
                         for a, b in sorted(pairs)[:60_000])
    add_metrics(graph)
    page = tmp_path / "big.html"
    page.write_text(render_map(graph, community_layout(graph), vault_name="big"), encoding="utf-8")
    dom = run_chromium(tmp_path, page, "--dump-dom")
    stats = re.search(r'<div id="stats" data-status="(\w+)" data-nodes="(\d*)" data-edges="(\d*)" '
                      r'data-ready-ms="(\d+)">([^<]*)<', dom.stdout)
    assert stats, dom.stdout[-2000:] + dom.stderr[-2000:]
    assert stats.group(1) == "rendered"
    assert (int(stats.group(2)), int(stats.group(3))) == (2000, 60_000)
    assert "links show when the pointer is on it" in stats.group(5)
