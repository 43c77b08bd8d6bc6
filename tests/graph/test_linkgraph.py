"""The array form of the graph against its networkx form."""

from __future__ import annotations

import numpy as np

from vaultkit.analyse.graph import add_metrics, build_graph
from vaultkit.analyse.linkgraph import LinkGraph


def _edges(graph) -> list:
    return list(graph.edges(keys=True, data=True))


def test_networkx_round_trip_keeps_order_and_attributes(reading_vault):
    built = build_graph(reading_vault, include_unresolved=True)
    graph = built.graph
    again = LinkGraph.from_networkx(graph)
    assert again.nodes == built.links.nodes == list(graph.nodes())
    assert again.kinds == built.links.kinds
    assert np.array_equal(again.sources, built.links.sources)
    assert np.array_equal(again.weights, built.links.weights)
    assert _edges(again.to_networkx()) == _edges(graph)
    assert "property" in {a["kind"] for *_, a in _edges(graph)}


def test_metrics_added_to_the_networkx_graph_stay_on_it(reading_vault):
    built = build_graph(reading_vault)
    add_metrics(built.graph)
    assert all("pagerank" in attrs for _, attrs in built.graph.nodes(data=True))


def test_subgraph_keeps_the_edges_between_kept_nodes_only(reading_vault):
    links = build_graph(reading_vault).links
    keep = np.array([i % 2 == 0 for i in range(links.number_of_nodes())])
    part = links.subgraph(keep)
    expected = [(s, t, k) for s, t, k, _ in _edges(links.to_networkx())
                if s in set(part.nodes) and t in set(part.nodes)]
    assert part.nodes == links.nodes[::2]
    assert [(s, t, k) for s, t, k, _ in _edges(part.to_networkx())] == expected
    assert expected, "the test vault should keep some edges"
