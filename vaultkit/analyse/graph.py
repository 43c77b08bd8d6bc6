"""The link graph of a vault as it is on disk.

Nodes are the vault's Markdown notes (keyed by vault-relative path); edges are the wikilinks found in
them, resolved with Obsidian's rules, so links the user added count as much as vaultkit's own.
Each edge carries its kind:

    link      a wikilink in the body            [[Note]]
    embed     an embed in the body              ![[Note]]
    property  a quoted wikilink in a property   author: "[[Jane Doe]]"
    sequence  reading order from prev / next    always drawn from the earlier post to the later one

The graph (`VaultGraph.links`, columns of a `LinkGraph`; `VaultGraph.graph` as a networkx
`MultiDiGraph`) has at most one edge per (source, target, kind), whose `weight` counts the occurrences. Links whose target does not exist are listed in
`VaultGraph.unresolved` and only become nodes (type ``unresolved``) when asked.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import networkx as nx
import numpy as np

from vaultkit.analyse.linkgraph import LinkGraph, as_link_graph
from vaultkit.analyse.metrics import label_propagation, pagerank
from vaultkit.vault.folder import require_vault_folder
from vaultkit.model.properties import AXES
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.vault.index import IndexedNote, load_notes
from vaultkit.vault.links import LinkResolver, iter_property_links
from vaultkit.vault.scan import in_folder, templates_folder

EDGE_KINDS = ("link", "embed", "property", "sequence")
SEQUENCE_KEYS = {"next": False, "prev": True}  # key -> the edge runs from the target to this note
UNRESOLVED_TYPE = "unresolved"
UNTYPED = "note"
NAME_KEYS = frozenset({"title"})  # names the note itself: "[[Draft]]" as a title is no link
CONFLICT_TYPE = "conflict"  # a sync conflict copy waiting for the user: not a second copy of the post
TEXT_ATTRIBUTES = ("label", "type", "folder", "tags", "author", "status", "lw_id",
                   *AXES)


@dataclass(frozen=True)
class UnresolvedLink:
    """A wikilink whose target is no file of the vault."""

    source: str          # vault-relative path of the note that holds the link
    target: str          # the target as written, e.g. "Some Missing Note"
    kind: str            # link | embed | property | sequence
    key: str | None = None  # the property holding the link, for property and sequence links


@dataclass(frozen=True)
class GraphFilter:
    """Keep only notes of the given types, with one of the given tags, under one of the folders.

    Empty tuples mean "no restriction". A tag matches nested tags too (`lw` matches `lw/bayes`).
    """

    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.types or self.tags or self.folders)

    def matches(self, path: str, attrs: Mapping) -> bool:
        if self.types and attrs.get("type") not in self.types:
            return False
        if self.tags:
            note_tags = [t.lower() for t in attrs.get("tags", "").split(";") if t]
            wanted = [t.lower().lstrip("#").rstrip("/") for t in self.tags]
            if not any(t == w or t.startswith(w + "/") for t in note_tags for w in wanted):
                return False
        if self.folders:
            folders = [f.strip("/") for f in self.folders]
            if not any(f == "" or path.startswith(f + "/") for f in folders):
                return False
        return True


@dataclass
class VaultGraph:
    """The graph plus what did not fit into it."""

    links: LinkGraph
    unresolved: list[UnresolvedLink] = field(default_factory=list)
    frontmatter_errors: dict[str, str] = field(default_factory=dict)
    types: frozenset[str] = frozenset()   # the note types of the whole vault, before any filter

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The graph as a networkx `MultiDiGraph`, built on first use (the exports read `links`)."""
        return self.links.to_networkx()


def link_name(value: object) -> str:
    """The target of a property holding a wikilink (`"[[Jane Doe|Jane]]"` -> `Jane Doe`), else the text."""
    if not isinstance(value, str):
        return ""
    return _link_name(value)


@functools.lru_cache(maxsize=65536)  # authors, sequences and collections repeat across notes
def _link_name(value: str) -> str:
    links = list(iter_property_links({"v": value}))
    return links[0][1].target if links else value


def node_attributes(rel: str, props: Mapping) -> dict:
    """The attributes a note gets as a graph node (flat: lists are joined with `;`)."""
    folder, _, name = rel.rpartition("/")  # dirname and basename, cheaper as string work
    stem = name[:-3]
    title = props.get("title")
    tags = props.get("tags")
    tag_list = tags if isinstance(tags, list) else [tags] if isinstance(tags, str) else []
    attrs = {
        "label": title if isinstance(title, str) and title.strip() else stem,
        "type": CONFLICT_TYPE if props.get("lw_conflict_of") else _text(props.get("type")) or UNTYPED,
        "folder": folder,
        "tags": ";".join(sorted({str(t).lstrip("#") for t in tag_list if t is not None and str(t)})),
        "author": link_name(props.get("author")),
        "status": _text(props.get("status")),
        "lw_id": _text(props.get("lw_id")),
    }
    for axis in AXES:
        attrs[axis] = _text(props.get(axis))
    karma = props.get("karma")
    if isinstance(karma, (int, float)) and not isinstance(karma, bool):
        attrs["karma"] = karma
    return attrs


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def note_links(note: IndexedNote) -> Iterable[tuple[str, str, str | None]]:
    """(kind, target as written, property key) for every wikilink of a note, body first; a link
    in `prev` or `next` is of kind ``sequence``; a "link" in the title names the note itself."""
    for kind, target, key in note.links:
        if key in NAME_KEYS:
            continue
        yield ("sequence" if key in SEQUENCE_KEYS else kind), target, key


def build_graph(root: Path, *, filters: GraphFilter | None = None, include_unresolved: bool = False,
                progress: Progress = NULL_PROGRESS, workers: int | None = None,
                write_index: bool = True) -> VaultGraph:
    """Build the link graph of the vault at `root` from its note index (see `vaultkit.vault.index`;
    `write_index=False` leaves the index on disk as it is).

    Links to attachments (files that are not notes) and links of a note to itself are left out,
    and so are the templates in the Templates plugin's folder. With `filters`, only the matching
    notes and the edges between them are kept.
    """
    root = Path(root)
    require_vault_folder(root, "vaultkit export graph")
    templates = templates_folder(root)
    vault = load_notes(root, write=write_index, progress=progress, workers=workers)
    resolver = CachedResolver(vault.files)
    nodes: list[tuple[str, dict]] = []
    edges: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)  # source -> (target, kind) -> weight
    property_keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    unresolved: list[UnresolvedLink] = []
    errors: dict[str, str] = {}
    is_node = {}  # resolved path -> whether it is a note outside the templates (asked 500,000 times)
    for rel, note in vault.notes.items():
        if in_folder(rel, templates):
            continue
        if note.frontmatter_error:
            errors[rel] = note.frontmatter_error
        nodes.append((rel, node_attributes(rel, note.properties)))
        resolve = resolver.from_note(rel)
        out = edges[rel]
        for kind, written, key in note_links(note):
            target = resolve(written)
            if target is None:
                unresolved.append(UnresolvedLink(rel, written, kind, key))
                continue
            usable = is_node.get(target)
            if usable is None:
                usable = is_node[target] = target.lower().endswith(".md") and not in_folder(target, templates)
            if target == rel or not usable:
                continue
            if kind == "sequence":
                # prev and next state the same order: count it once
                if SEQUENCE_KEYS[key]:
                    edges[target][(rel, kind)] = 1
                else:
                    out[(target, kind)] = 1
                continue
            out[(target, kind)] = out.get((target, kind), 0) + 1
            if key is not None:
                property_keys[(rel, target)].add(key)

    if include_unresolved:
        missing = sorted({link.target for link in unresolved})
        nodes += [(f"{UNRESOLVED_TYPE}:{target}", _unresolved_attributes(target)) for target in missing]
        for link in unresolved:
            out = edges[link.source]
            end = (f"{UNRESOLVED_TYPE}:{link.target}", link.kind)
            out[end] = out.get(end, 0) + 1
    links = _link_graph(nodes, edges, property_keys)
    _unify_karma_type(links.attrs)
    result = VaultGraph(links=links, unresolved=unresolved, frontmatter_errors=errors,
                        types=frozenset(a.get("type") for a in links.attrs if a.get("type") != UNRESOLVED_TYPE))
    if filters:
        kept = np.array([filters.matches(n, a) for n, a in zip(links.nodes, links.attrs)], dtype=bool)
        if include_unresolved and len(kept):
            unresolved_node = np.array([a.get("type") == UNRESOLVED_TYPE for a in links.attrs], dtype=bool)
            kept[links.targets[kept[links.sources] & unresolved_node[links.targets]]] = True
        result.links = links.subgraph(kept)
        kept_names = set(result.links.nodes)
        result.unresolved = [u for u in unresolved if u.source in kept_names]
    return result


def _link_graph(nodes: list[tuple[str, dict]], edges: dict[str, dict[tuple[str, str], int]],
                property_keys: dict[tuple[str, str], set[str]]) -> LinkGraph:
    """Nodes in the given order, edges by source node, then target and kind (as networkx lists
    them when they are added sorted); an edge end that is no node becomes one without attributes."""
    names = [rel for rel, _ in nodes]
    index = {rel: i for i, rel in enumerate(names)}
    sources: list[int] = []
    targets: list[int] = []
    kinds: list[str] = []
    weights: list[int] = []
    properties: list[str] = []
    if all(source in index for source in edges):
        try:
            # each source's few edges sorted on their own: sorting all 450,000 at once costs seconds
            for i, source in enumerate(names):
                out = edges.get(source)
                if not out:
                    continue
                keys = sorted(out)
                targets.extend([index[target] for target, _ in keys])
                sources.extend([i] * len(keys))
                kinds.extend([kind for _, kind in keys])
                weights.extend([out[key] for key in keys])
                properties.extend([";".join(sorted(property_keys[(source, target)])) if kind == "property" else ""
                                   for target, kind in keys])
            return LinkGraph(nodes=names, attrs=[a for _, a in nodes],
                             sources=np.array(sources, dtype=np.int64), targets=np.array(targets, dtype=np.int64),
                             kinds=kinds, weights=np.array(weights, dtype=np.int64), properties=properties)
        except KeyError:
            pass  # a link to a file that vanished while the vault was read: placed below
    return _link_graph_with_strays(nodes, Counter({(source, target, kind): weight
                                                  for source, out in edges.items()
                                                  for (target, kind), weight in out.items()}),
                                   property_keys)


def _link_graph_with_strays(nodes: list[tuple[str, dict]], weights: Counter[tuple[str, str, str]],
                            property_keys: dict[tuple[str, str], set[str]]) -> LinkGraph:
    """`_link_graph` when some edge ends are no nodes: they are added in the order of the sorted edges."""
    names = [rel for rel, _ in nodes]
    attrs = [a for _, a in nodes]
    index = {rel: i for i, rel in enumerate(names)}
    keys = sorted(weights)
    ends = []
    for source, target, _ in keys:
        for end in (source, target):
            if end not in index:
                index[end] = len(names)
                names.append(end)
                attrs.append({})
        ends.append((index[source], index[target]))
    order = sorted(range(len(keys)), key=lambda j: ends[j][0])  # stable: target and kind stay sorted
    keys = [keys[j] for j in order]
    ends_array = np.array([ends[j] for j in order], dtype=np.int64).reshape(-1, 2)
    return LinkGraph(nodes=names, attrs=attrs, sources=ends_array[:, 0], targets=ends_array[:, 1],
                     kinds=[kind for *_, kind in keys],
                     weights=np.array([weights[key] for key in keys], dtype=np.int64),
                     properties=[";".join(sorted(property_keys[(s, t)])) if kind == "property" else ""
                                 for s, t, kind in keys])


class CachedResolver:
    """`LinkResolver` with memos: most targets resolve the same from every note of the vault, the
    others the same from every note of one folder."""

    def __init__(self, files: Iterable[str]):
        self._resolver = LinkResolver(files)
        self._everywhere: dict[str, str | None] = {}       # target -> path
        self._memo: dict[str, dict[str, str | None]] = {}  # folder -> target -> path

    def resolve(self, target: str, source: str) -> str | None:
        return self.from_note(source)(target)

    def from_note(self, source: str):
        """`resolve` for every link of one note: the folder's memo is looked up once."""
        memo = self._memo.setdefault(source.rpartition("/")[0], {})
        everywhere = self._everywhere
        resolve_where = self._resolver.resolve_where

        def resolve(target: str) -> str | None:
            try:
                return everywhere[target]
            except KeyError:
                pass
            try:
                return memo[target]
            except KeyError:
                found, per_folder = resolve_where(target, source)
                if not target.strip():  # [[#Heading]]: the note itself, which differs per note
                    return found
                (memo if per_folder else everywhere)[target] = found
                return found
        return resolve


def _unresolved_attributes(target: str) -> dict:
    attrs = {name: "" for name in TEXT_ATTRIBUTES}
    attrs.update(label=target, type=UNRESOLVED_TYPE)
    return attrs


def _unify_karma_type(attrs: list[dict]) -> None:
    """Give `karma` one type across the graph (GraphML and GEXF declare one type per attribute)."""
    if any(isinstance(a.get("karma"), float) for a in attrs):
        for a in attrs:
            if "karma" in a:
                a["karma"] = float(a["karma"])


def add_metrics(graph: LinkGraph | nx.MultiDiGraph, *, seed: int = 0) -> None:
    """Add `pagerank`, `in_degree`, `out_degree`, `degree` and `community` to every node.

    Degrees count distinct edges (one per kind and pair), PageRank uses the edge weights, and
    communities come from label propagation on the undirected, weighted graph (0 = the largest).
    """
    links = as_link_graph(graph)
    n = links.number_of_nodes()
    if not n:
        return
    sources, targets, weights = links.sources, links.targets, links.weights
    ranks = pagerank(n, sources, targets, weights)
    community = label_propagation(n, sources, targets, weights.astype(float), seed=seed)
    in_degree = np.bincount(targets, minlength=n)
    out_degree = np.bincount(sources, minlength=n)
    for attrs, rank, into, out, group in zip(links.attrs, ranks.tolist(), in_degree.tolist(),
                                             out_degree.tolist(), community.tolist()):
        attrs["pagerank"] = rank
        attrs["in_degree"] = into
        attrs["out_degree"] = out
        attrs["degree"] = into + out
        attrs["community"] = group
