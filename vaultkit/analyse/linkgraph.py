"""The link graph as arrays: what the exports, metrics and layout read.

A `networkx.MultiDiGraph` with 50,000 nodes and 450,000 edges costs seconds to build and as much
again to walk through its views; the writers only ever need the nodes in order and the edges as
columns. Node `i` is `nodes[i]` with attributes `attrs[i]`; edge `j` runs from `sources[j]` to
`targets[j]`, is of kind `kinds[j]` (also its key), counts `weights[j]` occurrences and, for
property links, names the properties in `properties[j]` (joined with `;`, else "").
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np


@dataclass
class LinkGraph:
    """Nodes with attribute dicts, edges as index columns, in the order the files list them."""

    nodes: list[str]
    attrs: list[dict]
    sources: np.ndarray
    targets: np.ndarray
    kinds: list[str]
    weights: np.ndarray
    properties: list[str]

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return len(self.kinds)

    def pair_codes(self) -> np.ndarray:
        """The distinct linked (source, target) pairs, sorted, each as `source * n + target`."""
        n = len(self.nodes)
        return np.unique(self.sources.astype(np.int64) * n + self.targets)

    def edge_attributes(self, j: int) -> dict:
        """Edge `j`'s attributes as the networkx graph carries them."""
        attrs = {"kind": self.kinds[j], "weight": int(self.weights[j])}
        if self.properties[j]:
            attrs["property"] = self.properties[j]
        return attrs

    def subgraph(self, keep: np.ndarray) -> LinkGraph:
        """The nodes where `keep` is true (order kept) and the edges between them."""
        new_index = np.cumsum(keep) - 1
        edges = np.flatnonzero(keep[self.sources] & keep[self.targets]) if len(self.kinds) else \
            np.zeros(0, dtype=np.int64)
        return LinkGraph(
            nodes=[n for n, k in zip(self.nodes, keep.tolist()) if k],
            attrs=[a for a, k in zip(self.attrs, keep.tolist()) if k],
            sources=new_index[self.sources[edges]], targets=new_index[self.targets[edges]],
            kinds=[self.kinds[j] for j in edges.tolist()], weights=self.weights[edges],
            properties=[self.properties[j] for j in edges.tolist()])

    def to_networkx(self) -> nx.MultiDiGraph:
        """The same graph as a networkx `MultiDiGraph` (with copies of the attribute dicts)."""
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(zip(self.nodes, self.attrs))
        nodes = self.nodes
        graph.add_edges_from((nodes[s], nodes[t], self.kinds[j], self.edge_attributes(j))
                             for j, (s, t) in enumerate(zip(self.sources.tolist(), self.targets.tolist())))
        return graph

    @classmethod
    def from_networkx(cls, graph: nx.MultiDiGraph) -> LinkGraph:
        """Columns of a networkx graph whose edges carry `kind`, `weight` and maybe `property`
        (node attribute dicts are shared, so metrics added here show in `graph` too)."""
        nodes = list(graph.nodes())
        index = {node: i for i, node in enumerate(nodes)}
        edges = list(graph.edges(data=True))
        return cls(nodes=nodes, attrs=[graph.nodes[n] for n in nodes],
                   sources=np.array([index[s] for s, _, _ in edges], dtype=np.int64),
                   targets=np.array([index[t] for _, t, _ in edges], dtype=np.int64),
                   kinds=[a["kind"] for *_, a in edges],
                   weights=np.array([a.get("weight", 1) for *_, a in edges], dtype=np.int64),
                   properties=[a.get("property", "") for *_, a in edges])


def as_link_graph(graph: LinkGraph | nx.MultiDiGraph) -> LinkGraph:
    """`graph` as columns, converting a networkx graph (as tests and callers may build them)."""
    return graph if isinstance(graph, LinkGraph) else LinkGraph.from_networkx(graph)
