"""The offline graph map: one HTML file with the graph and the script that draws it inlined.

Positions are computed in Python (see `vaultkit.analyse.layout`), so the page runs no physics. The
data travels as columns (one array per attribute, categories as small integer codes, edges as a
flat index array), which keeps a 50,000-note map to a few megabytes. The page draws the notes on a
2D canvas itself: a WebGL library's first frame costs seconds of software rendering in a browser
without a GPU, a 2D canvas a fraction of one (`bench/RESULTS-graph.md`).
"""

from __future__ import annotations

import json
import re
from importlib import resources

import networkx as nx
import numpy as np

from vaultkit.analyse.linkgraph import LinkGraph, as_link_graph

from vaultkit.export.graph.colors import COLOR_SCHEMES, COMMUNITY_COLORS, OTHER
from vaultkit.export.graph.formats import node_size

CATEGORY_ATTRIBUTES = ("type", "normativity", "scope", "certainty", "status", "author")
TEXT_COLUMNS = ("label", "tags")


def _package_text(name: str) -> str:
    return resources.files("vaultkit.export.graph").joinpath(name).read_text(encoding="utf-8")


def map_data(graph: LinkGraph | nx.MultiDiGraph, positions: dict[str, tuple[float, float]],
             vault_name: str) -> dict:
    """The JSON the page reads: columns per attribute, category codes and a flat edge list."""
    links = as_link_graph(graph)
    nodes, attrs = links.nodes, links.attrs
    columns: dict[str, list] = {name: [a.get(name, "") for a in attrs] for name in TEXT_COLUMNS}
    columns["path"] = nodes
    columns["x"] = [positions[n][0] for n in nodes]
    columns["y"] = [positions[n][1] for n in nodes]
    columns["size"] = [node_size(a) for a in attrs]
    columns["karma"] = [a.get("karma") for a in attrs]
    columns["pagerank"] = [round(a.get("pagerank", 0.0), 7) for a in attrs]
    columns["degree"] = [a.get("degree", 0) for a in attrs]
    columns["community"] = [a.get("community", 0) for a in attrs]
    categories: dict[str, list[str]] = {}
    for name in CATEGORY_ATTRIBUTES:
        values = sorted({a.get(name, "") for a in attrs})
        code = {v: i for i, v in enumerate(values)}
        categories[name] = values
        columns[name] = [code[a.get(name, "")] for a in attrs]
    codes = links.pair_codes()
    pairs = np.stack([codes // len(nodes), codes % len(nodes)], axis=1) if len(nodes) else codes
    return {
        "vault": vault_name,
        "count": len(nodes),
        "nodes": columns,
        "categories": categories,
        "edges": pairs.ravel().tolist(),
        "palettes": {**{k: v for k, v in COLOR_SCHEMES.items() if k != "community"},
                     "community": list(COMMUNITY_COLORS)},
        "other": OTHER,
    }


def _script_json(data: object) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def render_map(graph: LinkGraph | nx.MultiDiGraph, positions: dict[str, tuple[float, float]], *,
               vault_name: str, color_by: str = "type") -> str:
    """The whole self-contained HTML page."""
    page = _package_text("map.html")
    replacements = {
        "/*VAULTKIT_TITLE*/": _html_escape(f"{vault_name}: vault map"),
        "/*VAULTKIT_DATA*/": _script_json(map_data(graph, positions, vault_name)),
        "/*VAULTKIT_COLOR_BY*/": _script_json(color_by),
    }
    # one pass over the template, so text inside the inserted data is never taken for a marker
    return re.sub(r"/\*VAULTKIT_[A-Z_]+\*/", lambda m: replacements[m.group(0)], page)


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
