"""Building the vault graph from the notes on disk: nodes, edge kinds, unresolved links, filters, metrics."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from vaultkit.analyse.metrics import label_propagation
from vaultkit.analyse.graph import GraphFilter, add_metrics, build_graph
from vaultkit.analyse.layout import community_layout
from vaultkit.errors import ConfigError

from .conftest import note, reading_vault_files

P = "LessWrong/Posts/"
BETS, ODDS, SCORES = P + "Bets.md", P + "Odds.md", P + "Scores.md"


def edge_kinds(graph, source, target):
    return set(graph.get_edge_data(source, target, default={}))


def test_every_note_is_a_node_with_its_properties(reading_vault):
    graph = build_graph(reading_vault).graph
    assert graph.number_of_nodes() == 13
    bets = graph.nodes[BETS]
    assert bets["type"] == "post" and bets["label"] == "Bets" and bets["author"] == "Ada Writer"
    assert bets["status"] == "read" and bets["tags"] == "lesswrong/post"
    assert bets["karma"] == 120.0 and isinstance(bets["karma"], float)  # Scores has 7.5: one type
    assert graph.nodes["LessWrong/Concepts/Bayes Rule.md"]["normativity"] == "normative"
    assert graph.nodes["Inbox.md"]["type"] == "note" and graph.nodes["Inbox.md"]["label"] == "Inbox"
    assert not any(node.endswith(".png") for node in graph)


def test_edges_carry_their_kind(reading_vault):
    graph = build_graph(reading_vault).graph
    assert edge_kinds(graph, BETS, ODDS) == {"link", "sequence"}
    assert edge_kinds(graph, ODDS, BETS) == {"embed"}
    assert edge_kinds(graph, ODDS, SCORES) == {"sequence"}
    author_edge = graph.edges[BETS, "LessWrong/Authors/Ada Writer.md", "property"]
    assert author_edge["property"] == "author" and author_edge["weight"] == 1
    # prev on Odds and next on Bets state the same order: one edge, counted once
    assert graph.edges[BETS, ODDS, "sequence"]["weight"] == 1
    assert edge_kinds(graph, ODDS, "LessWrong/Concepts/Bayes Rule.md") == {"link"}  # [[X#Heading]]


def test_links_the_user_wrote_count(reading_vault):
    graph = build_graph(reading_vault).graph
    assert edge_kinds(graph, "Inbox.md", "LessWrong/Concepts/Calibration.md") == {"link"}
    assert edge_kinds(graph, "Principles/Bet on it.md", BETS) == {"link"}
    assert edge_kinds(graph, BETS, SCORES) == {"link"}  # below the owned region, with an alias


def test_links_in_code_are_not_links(reading_vault):
    built = build_graph(reading_vault)
    assert built.unresolved == []
    assert edge_kinds(built.graph, P + "Loose Post.md", BETS) == {"link"}


def test_unresolved_links_are_listed_not_invented(make_vault):
    files = reading_vault_files()
    files["Inbox.md"] = "See [[Nowhere]] and [[Nowhere]] and [[Bets]].\n"
    files[P + "Odds.md"] = files[P + "Odds.md"].replace('next: "[[Scores]]"', 'next: "[[Gone]]"')
    built = build_graph(make_vault(files))
    assert sorted((u.source, u.target, u.kind, u.key) for u in built.unresolved) == [
        ("Inbox.md", "Nowhere", "link", None), ("Inbox.md", "Nowhere", "link", None),
        (P + "Odds.md", "Gone", "sequence", "next")]
    assert "unresolved:Nowhere" not in built.graph
    with_missing = build_graph(make_vault(files, name="again"), include_unresolved=True).graph
    assert with_missing.nodes["unresolved:Nowhere"]["type"] == "unresolved"
    assert with_missing.edges["Inbox.md", "unresolved:Nowhere", "link"]["weight"] == 2


def test_filters_by_type_tag_and_folder(reading_vault):
    concepts = build_graph(reading_vault, filters=GraphFilter(types=("concept",))).graph
    assert sorted(concepts) == ["LessWrong/Concepts/Bayes Rule.md", "LessWrong/Concepts/Calibration.md"]
    tagged = build_graph(reading_vault, filters=GraphFilter(tags=("lw",))).graph
    assert list(tagged) == [P + "Loose Post.md"]
    posts = build_graph(reading_vault, filters=GraphFilter(folders=("LessWrong/Posts/",))).graph
    assert sorted(posts) == sorted([BETS, ODDS, SCORES, P + "Loose Post.md"])
    assert all(s.startswith(P) and t.startswith(P) for s, t in posts.edges())
    assert posts.number_of_edges() > 0


def test_metrics_on_every_node(reading_vault):
    graph = build_graph(reading_vault).graph
    add_metrics(graph)
    ranks = [attrs["pagerank"] for _, attrs in graph.nodes(data=True)]
    assert math.isclose(sum(ranks), 1.0, rel_tol=1e-6)
    bets = graph.nodes[BETS]
    assert bets["degree"] == bets["in_degree"] + bets["out_degree"] == graph.degree(BETS)
    assert graph.nodes[BETS]["pagerank"] > 2 * graph.nodes["Inbox.md"]["pagerank"]  # nothing links to Inbox
    expected = nx.pagerank(graph, weight="weight")  # the reference definition
    assert all(math.isclose(attrs["pagerank"], expected[node], abs_tol=1e-4)
               for node, attrs in graph.nodes(data=True))
    assert all(isinstance(attrs["community"], int) for _, attrs in graph.nodes(data=True))


def test_label_propagation_finds_two_groups_deterministically():
    # two 6-cliques joined by one edge, plus an isolated node
    edges = [(a, b) for group in (range(6), range(6, 12)) for a in group for b in group if a < b]
    edges.append((5, 6))
    s, t = (np.array(c) for c in zip(*edges))
    first = label_propagation(13, s, t, np.ones(len(edges)), seed=3)
    assert len(set(first[:6])) == 1 and len(set(first[6:12])) == 1 and first[0] != first[6]
    assert first[12] not in (first[0], first[6])
    assert np.array_equal(first, label_propagation(13, s, t, np.ones(len(edges)), seed=3))


def test_layout_is_deterministic_and_spreads_nodes(reading_vault):
    graph = build_graph(reading_vault).graph
    add_metrics(graph)
    positions = community_layout(graph)
    assert set(positions) == set(graph)
    assert positions == community_layout(graph)
    assert len(set(positions.values())) == len(positions)
    assert all(math.isfinite(c) for xy in positions.values() for c in xy)


def test_conflict_copies_are_marked(make_vault):
    files = reading_vault_files()
    files[P + "Bets (conflict 2026-01-02).md"] = note({"lw_conflict_of": "pst00000000000001", "type": "post",
                                                        "title": "Bets"}, "[[Odds]]")
    graph = build_graph(make_vault(files)).graph
    assert graph.nodes[P + "Bets (conflict 2026-01-02).md"]["type"] == "conflict"
    assert graph.nodes[BETS]["type"] == "post"


def test_frontmatter_errors_do_not_stop_the_graph(make_vault):
    root = make_vault({"A.md": "---\ntitle: Bad: yaml\n---\n[[B]]\n", "B.md": note({"type": "concept"})})
    built = build_graph(root)
    assert list(built.frontmatter_errors) == ["A.md"]
    assert set(built.graph.get_edge_data("A.md", "B.md")) == {"link"}


def test_missing_vault_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        build_graph(tmp_path / "nope")
    (tmp_path / "file.md").write_text("x")
    with pytest.raises(ConfigError, match="is a file, not a vault folder"):
        build_graph(tmp_path / "file.md")


def test_many_notes_are_read_in_parallel_with_the_same_result(make_vault):
    files = {f"N{i:04d}.md": note({"type": "concept"}, f"[[N{(i * 7) % 2500:04d}]] [[N{(i + 1) % 2500:04d}]]")
             for i in range(2500)}
    root = make_vault(files)
    serial, parallel = build_graph(root, workers=1).graph, build_graph(root, workers=2).graph
    assert list(serial.edges(keys=True, data=True)) == list(parallel.edges(keys=True, data=True))
    expected = {(i, j) for i in range(2500) for j in ((i * 7) % 2500, (i + 1) % 2500) if i != j}
    assert {(int(s[1:5]), int(t[1:5])) for s, t in serial.edges()} == expected


def test_templates_are_not_part_of_the_graph(tmp_path):
    from vaultkit.analyse.graph import build_graph

    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "templates.json").write_text('{"folder": "Templates"}')
    (tmp_path / "Templates").mkdir()
    (tmp_path / "Templates" / "Principle.md").write_text('---\ntype: "principle"\n---\n{{title}}\n')
    (tmp_path / "Note.md").write_text("See [[Principle]] and [[Other]].\n")
    (tmp_path / "Other.md").write_text("Back to [[Note]].\n")
    built = build_graph(tmp_path, workers=1)
    assert sorted(built.graph.nodes) == ["Note.md", "Other.md"]
    assert built.unresolved == []  # a link to a template resolves; it just draws no edge
