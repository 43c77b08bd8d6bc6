"""Serialise a vault graph: GraphML, GEXF 1.2, node-link JSON (d3) and graphology JSON (sigma.js).

Every writer yields the file in pieces of text, in order, for `write_atomic` to stream to disk: a
50,000-note graph's 80 to 120 MB file is never held in memory whole (nor the objects a JSON file
is encoded from: they are built and encoded a batch at a time). Output is deterministic: nodes and
edges come in order from `build_graph`, list attributes are already joined with `;`, and nothing
carries a date. GraphML and GEXF are written directly rather than through
networkx's ElementTree writers, which need about 30 s and 2.5 GB for a 50,000-note vault; the
tests read both back with networkx (and GraphML also with lxml).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from typing import Any, Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from vaultkit.analyse.linkgraph import LinkGraph, as_link_graph
from vaultkit.export.graph.colors import color_for

MAX_NODE_SIZE = 30.0
ESCAPE_CACHE = 1 << 18
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
EDGE_TYPES = {"kind": str, "weight": int, "property": str}
_GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
LINES_PER_CHUNK = 1024  # node or edge lines joined into one piece of text (0.1 to 0.5 MB)
ITEMS_PER_CHUNK = 512  # JSON array items (or edges' values) built and encoded at a time
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def node_size(attrs: dict) -> float:
    """Display size: grows with the square root of the in-degree, up to a cap for the big hubs."""
    return round(min(MAX_NODE_SIZE, 3.0 + 2.0 * (attrs.get("in_degree", 0) ** 0.5)), 2)


def attribute_types(items: Iterable[dict], skip: tuple[str, ...] = ()) -> dict[str, type]:
    """One Python type per attribute across all items (str beats float beats int beats bool)."""
    items = list(items)
    pairs: set[tuple[str, type]] = set()
    for attrs in items:  # zip and map keep the loop over 50,000 nodes' values in C
        pairs.update(zip(attrs, map(type, attrs.values())))
    seen: dict[str, set[type]] = {key: set() for key in dict.fromkeys(itertools.chain.from_iterable(items))
                                  if key not in skip}
    for key, kind in pairs:
        if key in seen:
            seen[key].add(kind)
    types = {}
    for key, kinds in seen.items():
        for candidate in (str, float, int, bool):
            if candidate in kinds or (candidate is float and kinds == {int, float}):
                types[key] = candidate
                break
        else:
            types[key] = str
    return types


def _plain(value: object) -> str:
    """A value as XML text: booleans lower-case, floats exact, characters XML 1.0 forbids dropped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return _XML_INVALID.sub("", str(value))


# Node ids recur on every edge and most values (types, kinds, weights) recur everywhere: escaping
# each distinct value once halves the time to write a 50,000-note graph.
@functools.lru_cache(maxsize=ESCAPE_CACHE, typed=True)
def _xml_text(value: object) -> str:
    return escape(_plain(value))


@functools.lru_cache(maxsize=ESCAPE_CACHE, typed=True)
def _xml_attr(value: object) -> str:
    return quoteattr(_plain(value))


def joined(lines: Iterable[str]) -> Iterator[str]:
    """`lines` joined `LINES_PER_CHUNK` at a time: pieces of text big enough that the writer's
    per-piece work does not count, small enough not to weigh in memory."""
    lines = iter(lines)
    while piece := "".join(itertools.islice(lines, LINES_PER_CHUNK)):
        yield piece


class JsonArray:
    """A JSON array given as an iterator of its items, for `json_chunks` to encode a batch at a
    time (`ITEMS_PER_CHUNK`), so the items exist only a batch at a time too."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def json_chunks(value: Any) -> Iterator[str]:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"))` in pieces, where `value`'s
    dicts may hold `JsonArray`s (at any depth). Every piece is whole JSON tokens: no string is
    ever cut in two, so text escaped piece by piece is escaped as the whole would be."""
    if isinstance(value, JsonArray):
        items = iter(value.items)
        separator = "["
        while batch := list(itertools.islice(items, ITEMS_PER_CHUNK)):
            yield separator + _JSON.encode(batch)[1:-1]
            separator = ","
        yield "[]" if separator == "[" else "]"
    elif isinstance(value, dict) and _streams(value):
        separator = "{"
        for key, item in value.items():
            yield f"{separator}{_JSON.encode(key)}:"
            yield from json_chunks(item)
            separator = ","
        yield "{}" if separator == "{" else "}"
    else:
        yield _JSON.encode(value)


def _streams(value: dict) -> bool:
    """Whether a dict holds a `JsonArray`, at any depth (then it is encoded key by key; its keys
    must be strings, as all of ours are)."""
    return any(isinstance(item, JsonArray) or (isinstance(item, dict) and _streams(item))
               for item in value.values())


def graphml_chunks(graph: LinkGraph | nx.MultiDiGraph) -> Iterator[str]:
    """GraphML for Gephi, Cytoscape, yEd and igraph. Empty text values are left out."""
    return _graphml_lines(as_link_graph(graph))


def edge_attribute_names(links: LinkGraph) -> list[str]:
    """The edge attributes present, in the order every edge lists them."""
    if not links.number_of_edges():
        return []
    return ["kind", "weight", *(["property"] if any(links.properties) else [])]


def _graphml_lines(links: LinkGraph) -> Iterator[str]:
    node_types = attribute_types(links.attrs)
    edge_types = {name: EDGE_TYPES[name] for name in edge_attribute_names(links)}
    yield ("<?xml version='1.0' encoding='utf-8'?>\n"
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    node_ids, edge_ids = {}, {}
    for domain, types, ids in (("node", node_types, node_ids), ("edge", edge_types, edge_ids)):
        for name, kind in types.items():
            ids[name] = f"{domain[0]}{len(ids)}"
            yield (f'  <key id="{ids[name]}" for="{domain}" attr.name={_xml_attr(name)} '
                   f'attr.type="{_GRAPHML_TYPES[kind]}" />\n')
    yield '  <graph edgedefault="directed">\n'
    quoted = [_xml_attr(node) for node in links.nodes]
    opening = {k: f'<data key="{node_ids[k]}">' for k in node_types}
    floats = {k for k, kind in node_types.items() if kind is float}
    yield from joined(
        "    <node id=" + node + ">" + "".join([
            opening[k] + _xml_text(float(v) if k in floats and not isinstance(v, bool) else v) + "</data>"
            for k, v in attrs.items() if v != ""]) + "</node>\n"
        for node, attrs in zip(quoted, links.attrs))
    if not links.number_of_edges():
        yield "  </graph>\n</graphml>\n"
        return
    kind_key, weight_key = edge_ids["kind"], edge_ids["weight"]
    property_open = f'<data key="{edge_ids.get("property")}">'
    opening = {kind: f'    <edge id={_xml_attr(kind)} source=' for kind in set(links.kinds)}
    middle = {kind: f'><data key="{kind_key}">{_xml_text(kind)}</data><data key="{weight_key}">'
              for kind in set(links.kinds)}
    yield from joined(
        f'{opening[kind]}{quoted[s]} target={quoted[t]}{middle[kind]}{w}</data>'
        f'{property_open + _xml_text(p) + "</data>" if p else ""}</edge>\n'
        for s, t, kind, w, p in edge_rows(links))
    yield "  </graph>\n</graphml>\n"


def edge_rows(links: LinkGraph) -> Iterator[tuple[int, int, str, int, str]]:
    """(source index, target index, kind, weight, property) per edge, in order. The arrays become
    Python ints a slice at a time: all at once they are three lists of 456,000 ints at 50,000 notes."""
    for start in range(0, links.number_of_edges(), ITEMS_PER_CHUNK):
        stop = start + ITEMS_PER_CHUNK
        yield from zip(links.sources[start:stop].tolist(), links.targets[start:stop].tolist(),
                       links.kinds[start:stop], links.weights[start:stop].tolist(), links.properties[start:stop])


def _cast(value: object, kind: type) -> object:
    return float(value) if kind is float and not isinstance(value, bool) else value


def gexf_chunks(graph: LinkGraph | nx.MultiDiGraph, positions: dict[str, tuple[float, float]] | None = None,
                color_by: str = "type") -> Iterator[str]:
    """GEXF 1.2 for Gephi and sigma.js, with positions, sizes and colours when `positions` is given."""
    return _gexf_lines(as_link_graph(graph), positions, color_by)


def _gexf_lines(links: LinkGraph, positions: dict[str, tuple[float, float]] | None,
                color_by: str) -> Iterator[str]:
    node_types = attribute_types(links.attrs, skip=("label",))
    edge_types = {name: EDGE_TYPES[name] for name in edge_attribute_names(links) if name != "weight"}
    yield ("<?xml version='1.0' encoding='utf-8'?>\n"
           '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" '
           'version="1.2">\n  <meta>\n    <creator>vaultkit</creator>\n  </meta>\n'
           '  <graph defaultedgetype="directed" mode="static">\n')
    ids: dict[tuple[str, str], int] = {}
    for domain, types in (("node", node_types), ("edge", edge_types)):
        yield f'    <attributes class="{domain}" mode="static">\n'
        for name, kind in types.items():
            ids[(domain, name)] = len(ids)
            yield (f'      <attribute id="{ids[(domain, name)]}" title={_xml_attr(name)} '
                   f'type="{_GEXF_TYPES[kind]}" />\n')
        yield "    </attributes>\n"
    yield "    <nodes>\n"
    quoted = [_xml_attr(node) for node in links.nodes]

    def node_line(node: str, name: str, attrs: dict) -> str:
        values = "".join(f'<attvalue for="{ids[("node", k)]}" value={_xml_attr(_cast(v, node_types[k]))} />'
                         for k, v in attrs.items() if k != "label" and v != "")
        viz = ""
        if positions:
            x, y = positions[node]
            r, g, b = _rgb(color_for(color_by, attrs.get(color_by)))
            viz = (f'<viz:color r="{r}" g="{g}" b="{b}" a="1.0" /><viz:size value="{node_size(attrs)}" />'
                   f'<viz:position x="{x}" y="{y}" z="0.0" />')
        return (f"      <node id={name} label={_xml_attr(attrs.get('label', node))}>"
                f"{viz}<attvalues>{values}</attvalues></node>\n")

    yield from joined(map(node_line, links.nodes, quoted, links.attrs))
    yield "    </nodes>\n    <edges>\n"
    if links.number_of_edges():
        kind_values = {kind: f'<attvalue for="{ids[("edge", "kind")]}" value={_xml_attr(kind)} />'
                       for kind in set(links.kinds)}
        property_open = f'<attvalue for="{ids.get(("edge", "property"))}" value='
        yield from joined(
            f'      <edge id="{index}" source={quoted[s]} target={quoted[t]} weight="{w}"><attvalues>'
            f'{kind_values[kind]}'
            f'{property_open + _xml_attr(p) + " />" if p else ""}'
            f'</attvalues></edge>\n'
            for index, (s, t, kind, w, p) in enumerate(edge_rows(links)))
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _edge_dicts(links: LinkGraph) -> Iterator[tuple[str, str, str, dict]]:
    """(source, target, key, attributes) per edge, as networkx lists them."""
    nodes = links.nodes
    for s, t, kind, w, p in edge_rows(links):
        yield nodes[s], nodes[t], kind, ({"kind": kind, "weight": w, "property": p} if p else
                                         {"kind": kind, "weight": w})


def node_link_chunks(graph: LinkGraph | nx.MultiDiGraph) -> Iterator[str]:
    """node-link JSON as d3-force and force-graph read it (`nodes` and `links`, as networkx writes it)."""
    links = as_link_graph(graph)
    data = {
        "directed": True, "multigraph": True, "graph": {},
        "nodes": JsonArray({**attrs, "id": node} for node, attrs in zip(links.nodes, links.attrs)),
        "links": JsonArray({**attrs, "source": s, "target": t, "key": k} for s, t, k, attrs in _edge_dicts(links)),
    }
    yield from json_chunks(data)
    yield "\n"


def graphology_chunks(graph: LinkGraph | nx.MultiDiGraph, positions: dict[str, tuple[float, float]],
                      color_by: str = "type") -> Iterator[str]:
    """graphology's serialisation (load with `graphology.Graph.from(data)`), ready for sigma.js."""
    links = as_link_graph(graph)

    def node(key: str, attrs: dict) -> dict:
        x, y = positions[key]
        return {"key": key, "attributes": {**attrs, "x": x, "y": y, "size": node_size(attrs),
                                           "color": color_for(color_by, attrs.get(color_by))}}

    edges = ({"key": f"{source}->{target}:{key}", "source": source, "target": target, "attributes": attrs}
             for source, target, key, attrs in _edge_dicts(links))
    data = {"attributes": {}, "options": {"type": "directed", "multi": True, "allowSelfLoops": False},
            "nodes": JsonArray(map(node, links.nodes, links.attrs)), "edges": JsonArray(edges)}
    yield from json_chunks(data)
    yield "\n"


def _rgb(hex_color: str) -> tuple[int, int, int]:
    value = int(hex_color.lstrip("#"), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF
