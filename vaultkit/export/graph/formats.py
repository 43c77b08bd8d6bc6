"""Serialise a vault graph: GraphML, GEXF 1.2, node-link JSON (d3) and graphology JSON (sigma.js).

Every writer returns the whole file as text so the caller can write it atomically. Output is
deterministic: nodes and edges come sorted from `build_graph`, list attributes are already joined
with `;`, and the GEXF date stamp that networkx adds is removed.
"""

from __future__ import annotations

import json
import re

import networkx as nx

from vaultkit.export.graph.colors import color_for

MAX_NODE_SIZE = 30.0
_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """GraphML for Gephi, Cytoscape, yEd and igraph."""
    return "\n".join(nx.generate_graphml(graph, prettyprint=True)) + "\n"


def to_gexf(graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]] | None = None,
            color_by: str = "type") -> str:
    """GEXF 1.2 for Gephi and sigma.js, with positions, sizes and colours when `positions` is given."""
    if positions:
        graph = graph.copy()
        for node, attrs in graph.nodes(data=True):
            x, y = positions[node]
            r, g, b = _rgb(color_for(color_by, attrs.get(color_by)))
            attrs["viz"] = {"position": {"x": x, "y": y, "z": 0.0}, "size": node_size(attrs),
                            "color": {"r": r, "g": g, "b": b, "a": 1.0}}
    text = "\n".join(nx.generate_gexf(graph, version="1.2draft", prettyprint=True)) + "\n"
    return _GEXF_DATE.sub("", text, count=1)


def to_node_link(graph: nx.MultiDiGraph) -> str:
    """node-link JSON as d3-force and force-graph read it (`nodes` and `links`)."""
    data = nx.node_link_data(graph, edges="links")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def to_graphology(graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]],
                  color_by: str = "type") -> str:
    """graphology's serialisation (load with `graphology.Graph.from(data)`), ready for sigma.js."""
    nodes = []
    for node, attrs in graph.nodes(data=True):
        x, y = positions[node]
        nodes.append({"key": node, "attributes": {**attrs, "x": x, "y": y, "size": node_size(attrs),
                                                  "color": color_for(color_by, attrs.get(color_by))}})
    edges = [{"key": f"{source}->{target}:{key}", "source": source, "target": target,
              "attributes": dict(attrs)}
             for source, target, key, attrs in graph.edges(keys=True, data=True)]
    data = {"attributes": {}, "options": {"type": "directed", "multi": True, "allowSelfLoops": False},
            "nodes": nodes, "edges": edges}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def node_size(attrs: dict) -> float:
    """Display size: grows with the square root of the in-degree, up to a cap for the big hubs."""
    return round(min(MAX_NODE_SIZE, 3.0 + 2.0 * (attrs.get("in_degree", 0) ** 0.5)), 2)


def _rgb(hex_color: str) -> tuple[int, int, int]:
    value = int(hex_color.lstrip("#"), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF
