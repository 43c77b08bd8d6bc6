"""The offline graph map: one HTML file with the graph and the script that draws it inlined.

Positions are computed in Python (see `vaultkit.analyse.layout`), so the page runs no physics. The
data travels as columns (one array per attribute, categories as small integer codes, edges as a
flat index array), which keeps a 50,000-note map to a few megabytes. The page draws the notes on a
2D canvas itself: a WebGL library's first frame costs seconds of software rendering in a browser
without a GPU, a 2D canvas a fraction of one (`bench/RESULTS-graph.md`).
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Iterator

import networkx as nx
import numpy as np

from vaultkit.analyse.linkgraph import LinkGraph, as_link_graph

from vaultkit.export.graph.colors import COLOR_SCHEMES, COMMUNITY_COLORS, OTHER
from vaultkit.export.graph.formats import ITEMS_PER_CHUNK, JsonArray, json_chunks, node_size

CATEGORY_ATTRIBUTES = ("type", "normativity", "scope", "certainty", "status", "author")
TEXT_COLUMNS = ("label", "tags")


def _package_text(name: str) -> str:
    return resources.files("vaultkit.export.graph").joinpath(name).read_text(encoding="utf-8")


def map_data(graph: LinkGraph | nx.MultiDiGraph, positions: dict[str, tuple[float, float]],
             vault_name: str) -> dict:
    """The JSON the page reads: columns per attribute, category codes and a flat edge list."""
    data = _map_data(as_link_graph(graph), positions, vault_name)
    data["edges"] = data["edges"].tolist()
    return data


def _map_data(links: LinkGraph, positions: dict[str, tuple[float, float]], vault_name: str) -> dict:
    """`map_data` with the edge list as an array of indexes."""
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
        "edges": pairs.ravel(),
        "palettes": {**{k: v for k, v in COLOR_SCHEMES.items() if k != "community"},
                     "community": list(COMMUNITY_COLORS)},
        "other": OTHER,
    }


def _streamed_map_data(graph: LinkGraph | nx.MultiDiGraph, positions: dict[str, tuple[float, float]],
                       vault_name: str) -> dict:
    """`map_data` with its columns and edge list as `JsonArray`s, encoded a batch at a time."""
    data = _map_data(as_link_graph(graph), positions, vault_name)
    data["nodes"] = {name: JsonArray(column) for name, column in data["nodes"].items()}
    data["edges"] = JsonArray(_flat_items(data["edges"]))
    return data


def _flat_items(values: np.ndarray) -> Iterator[int]:
    """The array's values as Python ints, converted a batch at a time."""
    for start in range(0, len(values), ITEMS_PER_CHUNK):
        yield from values[start:start + ITEMS_PER_CHUNK].tolist()


def _script_json(data: object) -> Iterator[str]:
    """JSON that is safe inside a <script> element, in pieces (`json_chunks`: no piece cuts a
    string, so a `</` or `<!--` never straddles two)."""
    for text in json_chunks(data):
        yield text.replace("</", "<\\/").replace("<!--", "<\\!--")


def map_chunks(graph: LinkGraph | nx.MultiDiGraph, positions: dict[str, tuple[float, float]], *,
               vault_name: str, color_by: str = "type") -> Iterator[str]:
    """The whole self-contained HTML page, in pieces for `write_atomic` to stream."""
    page = _package_text("map.html")
    replacements = {
        "/*VAULTKIT_TITLE*/": lambda: [_html_escape(f"{vault_name}: vault map")],
        "/*VAULTKIT_DATA*/": lambda: _script_json(_streamed_map_data(graph, positions, vault_name)),
        "/*VAULTKIT_COLOR_BY*/": lambda: _script_json(color_by),
    }
    # one pass over the template, so text inside the inserted data is never taken for a marker
    for index, part in enumerate(re.split(r"(/\*VAULTKIT_[A-Z_]+\*/)", page)):
        if index % 2:
            yield from replacements[part]()
        else:
            yield part


def render_map(graph: LinkGraph | nx.MultiDiGraph, positions: dict[str, tuple[float, float]], *,
               vault_name: str, color_by: str = "type") -> str:
    """The whole self-contained HTML page as one text (`map_chunks` joined)."""
    return "".join(map_chunks(graph, positions, vault_name=vault_name, color_by=color_by))


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
