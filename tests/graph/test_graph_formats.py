"""Every export format, read back with networkx (and GraphML also with lxml against its declared keys)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from typer.testing import CliRunner

from vaultkit.analyse.graph import GraphFilter, build_graph
from vaultkit.cli.app import app
from vaultkit.errors import ConfigError
from vaultkit.export.graph import export_graph, format_for_path

P = "LessWrong/Posts/"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
METRICS = ("pagerank", "in_degree", "out_degree", "degree", "community")


def no_list_values(graph: nx.Graph) -> bool:
    values = [v for _, attrs in graph.nodes(data=True) for v in attrs.values()]
    values += [v for *_, attrs in graph.edges(data=True) for v in attrs.values()]
    return not any(isinstance(v, (list, dict, tuple)) for v in values)


def test_graphml_reads_back_with_networkx(reading_vault, tmp_path):
    report = export_graph(reading_vault, tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    original = build_graph(reading_vault).graph
    assert report.format == "graphml" and report.nodes == graph.number_of_nodes() == 13
    assert sorted(graph.nodes()) == sorted(original.nodes())
    assert graph.number_of_edges() == original.number_of_edges() == report.edges
    bets = graph.nodes[P + "Bets.md"]
    assert bets["type"] == "post" and bets["author"] == "Ada Writer" and bets["karma"] == 120.0
    assert all(name in bets for name in METRICS)
    kinds = {attrs["kind"] for *_, attrs in graph.edges(data=True)}
    assert kinds == {"link", "embed", "property", "sequence"}
    assert no_list_values(graph)


def test_graphml_keys_are_declared_for_a_second_reader(reading_vault, tmp_path):
    export_graph(reading_vault, tmp_path / "g.graphml")
    root = etree.parse(str(tmp_path / "g.graphml")).getroot()
    keys = {k.get("id"): k for k in root.iter(f"{GRAPHML}key")}
    assert {k.get("attr.name") for k in keys.values()} >= {"type", "tags", "karma", "kind", *METRICS}
    assert all(k.get("attr.type") in {"string", "int", "long", "float", "double", "boolean"}
               for k in keys.values())
    for element, domain in ((f"{GRAPHML}node", "node"), (f"{GRAPHML}edge", "edge")):
        items = list(root.iter(element))
        assert items
        for item in items:
            for data in item.iter(f"{GRAPHML}data"):
                assert keys[data.get("key")].get("for") == domain
    pagerank_key = next(k for k, v in keys.items() if v.get("attr.name") == "pagerank")
    values = [float(d.text) for d in root.iter(f"{GRAPHML}data") if d.get("key") == pagerank_key]
    assert len(values) == 13 and abs(sum(values) - 1) < 1e-6


def test_gexf_reads_back_and_is_byte_for_byte_reproducible(reading_vault, tmp_path):
    export_graph(reading_vault, tmp_path / "a.gexf")
    export_graph(reading_vault, tmp_path / "b.gexf")
    data = (tmp_path / "a.gexf").read_bytes()
    assert data == (tmp_path / "b.gexf").read_bytes()
    assert b"lastmodifieddate" not in data
    graph = nx.read_gexf(tmp_path / "a.gexf")
    assert graph.number_of_nodes() == 13
    bets = graph.nodes[P + "Bets.md"]
    assert bets["label"] == "Bets" and "viz" in bets and "position" in bets["viz"]
    assert bets["community"] >= 0 and no_list_values(nx.MultiDiGraph(
        (s, t, {k: v for k, v in a.items() if k != "viz"}) for s, t, a in graph.edges(data=True)))


def test_node_link_json_reads_back(reading_vault, tmp_path):
    export_graph(reading_vault, tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert "links" in data and "edges" not in data  # what d3-force expects
    graph = nx.node_link_graph(data, edges="links")
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.number_of_nodes() == 13
    assert graph.nodes["Inbox.md"]["type"] == "note"
    assert set(graph.get_edge_data(P + "Bets.md", P + "Odds.md")) == {"link", "sequence"}


def test_graphology_json_is_ready_for_sigma(reading_vault, tmp_path):
    export_graph(reading_vault, tmp_path / "g.graphology.json", color_by="normativity")
    data = json.loads((tmp_path / "g.graphology.json").read_text(encoding="utf-8"))
    assert data["options"] == {"type": "directed", "multi": True, "allowSelfLoops": False}
    keys = {n["key"] for n in data["nodes"]}
    assert len(keys) == len(data["nodes"]) == 13
    for node in data["nodes"]:
        attrs = node["attributes"]
        assert {"x", "y", "size", "label", "color", "pagerank", "community"} <= set(attrs)
        assert attrs["color"].startswith("#") and len(attrs["color"]) == 7
    colors = {n["key"]: n["attributes"]["color"] for n in data["nodes"]}
    assert colors["LessWrong/Concepts/Bayes Rule.md"] != colors["Inbox.md"]  # normative vs unset
    assert all(e["source"] in keys and e["target"] in keys for e in data["edges"])
    assert len({e["key"] for e in data["edges"]}) == len(data["edges"])
    assert len(data["edges"]) == build_graph(reading_vault).graph.number_of_edges()


def test_format_from_extension_or_option(tmp_path):
    assert format_for_path(Path("x.GraphML")) == "graphml"
    assert format_for_path(Path("x.graphology.json")) == "graphology"
    assert format_for_path(Path("x.json")) == "json"
    assert format_for_path(Path("x.htm")) == "html"
    assert format_for_path(Path("x.txt"), "gexf") == "gexf"
    with pytest.raises(ConfigError, match="Cannot tell the graph format"):
        format_for_path(Path("x.txt"))
    with pytest.raises(ConfigError, match="Unknown graph format"):
        format_for_path(Path("x.json"), "dot")


def test_second_export_writes_nothing(reading_vault, tmp_path):
    assert export_graph(reading_vault, tmp_path / "g.graphml").written
    before = (tmp_path / "g.graphml").stat().st_mtime_ns
    assert not export_graph(reading_vault, tmp_path / "g.graphml").written
    assert (tmp_path / "g.graphml").stat().st_mtime_ns == before


def test_filtered_export(reading_vault, tmp_path):
    report = export_graph(reading_vault, tmp_path / "c.graphml",
                          filters=GraphFilter(types=("concept", "principle")))
    graph = nx.read_graphml(tmp_path / "c.graphml")
    assert report.nodes == 3
    assert {a["type"] for _, a in graph.nodes(data=True)} == {"concept", "principle"}


def test_cli_exports_and_reports(reading_vault, tmp_path):
    runner = CliRunner()
    out = tmp_path / "g.gexf"
    result = runner.invoke(app, ["export", "graph", str(reading_vault), "-o", str(out), "--type", "post"])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out} (gexf): 4 notes" in result.output
    result = runner.invoke(app, ["export", "graph", str(reading_vault), "-o", str(tmp_path / "g.dot")])
    assert result.exit_code == 2 and "Error: Cannot tell the graph format" in result.output
    result = runner.invoke(app, ["export", "graph", str(reading_vault), "-o", str(tmp_path / "u.json"),
                                 "--json", "--unresolved"])
    assert result.exit_code == 0 and json.loads(result.output)["nodes"] == 13


def test_hostile_titles_survive_xml(make_vault, tmp_path):
    from .conftest import note

    title = 'Odds <b> & "quotes" \x01 ünïcode'
    root = make_vault({"A.md": note({"type": "concept", "title": title}, "[[B]]"), "B.md": "x\n"})
    export_graph(root, tmp_path / "h.graphml")
    export_graph(root, tmp_path / "h.gexf")
    assert nx.read_graphml(tmp_path / "h.graphml").nodes["A.md"]["label"] == title.replace("\x01", "")
    assert nx.read_gexf(tmp_path / "h.gexf").nodes["A.md"]["label"] == title.replace("\x01", "")
    etree.parse(str(tmp_path / "h.graphml"))  # well-formed for a strict XML parser too
