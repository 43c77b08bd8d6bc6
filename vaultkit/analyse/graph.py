"""The link graph of a vault as it is on disk.

Nodes are the vault's Markdown notes (keyed by vault-relative path); edges are the wikilinks found in
them, resolved with Obsidian's rules, so links the user added count as much as vaultkit's own.
Each edge carries its kind:

    link      a wikilink in the body            [[Note]]
    embed     an embed in the body              ![[Note]]
    property  a quoted wikilink in a property   author: "[[Jane Doe]]"
    sequence  reading order from prev / next    always drawn from the earlier post to the later one

The graph is a `networkx.MultiDiGraph` with at most one edge per (source, target, kind), whose
`weight` counts the occurrences. Links whose target does not exist are listed in
`VaultGraph.unresolved` and only become nodes (type ``unresolved``) when asked.
"""

from __future__ import annotations

import os
import posixpath
from concurrent.futures import ProcessPoolExecutor
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import networkx as nx
import numpy as np

from vaultkit.analyse.metrics import label_propagation, pagerank
from vaultkit.vault.folder import require_vault_folder
from vaultkit.model.properties import AXES
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.vault.links import LinkResolver, WikiLink, iter_property_links, iter_wikilinks
from vaultkit.vault.notes import Note, read_note
from vaultkit.vault.scan import in_folder, iter_vault_files, templates_folder

EDGE_KINDS = ("link", "embed", "property", "sequence")
SEQUENCE_KEYS = {"next": False, "prev": True}  # key -> the edge runs from the target to this note
UNRESOLVED_TYPE = "unresolved"
UNTYPED = "note"
NAME_KEYS = frozenset({"title"})  # names the note itself: "[[Draft]]" as a title is no link
CONFLICT_TYPE = "conflict"  # a sync conflict copy waiting for the user: not a second copy of the post
PARALLEL_THRESHOLD = 2000  # notes; below this, starting worker processes costs more than it saves
CHUNK = 500
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

    graph: nx.MultiDiGraph
    unresolved: list[UnresolvedLink] = field(default_factory=list)
    frontmatter_errors: dict[str, str] = field(default_factory=dict)
    types: frozenset[str] = frozenset()   # the note types of the whole vault, before any filter


def link_name(value: object) -> str:
    """The target of a property holding a wikilink (`"[[Jane Doe|Jane]]"` -> `Jane Doe`), else the text."""
    if not isinstance(value, str):
        return ""
    links = list(iter_property_links({"v": value}))
    return links[0][1].target if links else value


def node_attributes(note: Note) -> dict:
    """The attributes a note gets as a graph node (flat: lists are joined with `;`)."""
    props = note.properties
    stem = posixpath.basename(note.rel)[:-3]
    title = props.get("title")
    tags = props.get("tags")
    tag_list = tags if isinstance(tags, list) else [tags] if isinstance(tags, str) else []
    attrs = {
        "label": title if isinstance(title, str) and title.strip() else stem,
        "type": CONFLICT_TYPE if props.get("lw_conflict_of") else _text(props.get("type")) or UNTYPED,
        "folder": posixpath.dirname(note.rel),
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


def note_links(note: Note) -> Iterable[tuple[str, WikiLink, str | None]]:
    """(kind, link, property key) for every wikilink of a note, body first."""
    for link in iter_wikilinks(note.body):
        yield ("embed" if link.embed else "link"), link, None
    for key, link in iter_property_links(note.properties):
        if key in NAME_KEYS:
            continue
        yield ("sequence" if key in SEQUENCE_KEYS else "property"), link, key


@dataclass
class NoteFacts:
    """What the graph needs from one note: its attributes and its links, resolved."""

    rel: str
    attributes: dict
    links: list[tuple[str, str, str | None, str | None]]  # (kind, as written, resolved path, key)
    frontmatter_error: str | None


def read_note_facts(root: str, rel: str, resolver: CachedResolver) -> NoteFacts:
    """Read one note and pull out its graph attributes and its resolved links."""
    note = read_note(Path(root, rel), Path(root))
    links = [(kind, link.target, resolver.resolve(link.target, rel), key)
             for kind, link, key in note_links(note)]
    return NoteFacts(rel, node_attributes(note), links, note.frontmatter_error)


_worker_resolver: CachedResolver | None = None


def _start_worker(files: list[str]) -> None:
    global _worker_resolver
    _worker_resolver = CachedResolver(files)


def _read_chunk(root: str, rels: list[str]) -> list[NoteFacts]:
    return [read_note_facts(root, rel, _worker_resolver) for rel in rels]


def iter_note_facts(root: Path, files: list[str], progress: Progress = NULL_PROGRESS,
                    workers: int | None = None, skip_folder: str | None = None) -> Iterator[NoteFacts]:
    """Facts of every note among the vault's `files` (except those in `skip_folder`), in order.

    Large vaults are read and resolved by several processes, each with its own resolver.
    """
    rels = [rel for rel in files if rel.lower().endswith(".md") and not in_folder(rel, skip_folder)]
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    progress.start(len(rels), "Reading notes")
    if workers <= 1 or len(rels) < PARALLEL_THRESHOLD:
        resolver = CachedResolver(files)
        for rel in rels:
            yield read_note_facts(str(root), rel, resolver)
            progress.advance()
    else:
        chunks = [rels[i:i + CHUNK] for i in range(0, len(rels), CHUNK)]
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                 initargs=(files,)) as pool:
            for facts in pool.map(_read_chunk, [str(root)] * len(chunks), chunks):
                yield from facts
                progress.advance(len(facts))
    progress.finish()


def build_graph(root: Path, *, filters: GraphFilter | None = None, include_unresolved: bool = False,
                progress: Progress = NULL_PROGRESS, workers: int | None = None) -> VaultGraph:
    """Read every note under `root` and build its link graph.

    Links to attachments (files that are not notes) and links of a note to itself are left out,
    and so are the templates in the Templates plugin's folder. With `filters`, only the matching
    notes and the edges between them are kept.
    """
    root = Path(root)
    require_vault_folder(root, "vaultkit export graph")
    templates = templates_folder(root)
    files = vault_files(root)
    nodes: list[tuple[str, dict]] = []
    weights: Counter[tuple[str, str, str]] = Counter()
    property_keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    unresolved: list[UnresolvedLink] = []
    errors: dict[str, str] = {}
    for facts in iter_note_facts(root, files, progress, workers, skip_folder=templates):
        rel = facts.rel
        if facts.frontmatter_error:
            errors[rel] = facts.frontmatter_error
        nodes.append((rel, facts.attributes))
        for kind, written, target, key in facts.links:
            if target is None:
                unresolved.append(UnresolvedLink(rel, written, kind, key))
                continue
            if target == rel or not target.lower().endswith(".md") or in_folder(target, templates):
                continue
            if kind == "sequence":
                edge = (target, rel) if SEQUENCE_KEYS[key] else (rel, target)
                weights[(*edge, kind)] = 1  # prev and next state the same order: count it once
                continue
            weights[(rel, target, kind)] += 1
            if key is not None:
                property_keys[(rel, target)].add(key)

    if include_unresolved:
        missing = sorted({link.target for link in unresolved})
        nodes += [(f"{UNRESOLVED_TYPE}:{target}", _unresolved_attributes(target)) for target in missing]
        for link in unresolved:
            weights[(link.source, f"{UNRESOLVED_TYPE}:{link.target}", link.kind)] += 1
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(
        (source, target, kind,
         {"kind": kind, "weight": weight, **({"property": ";".join(sorted(property_keys[(source, target)]))}
                                             if kind == "property" else {})})
        for (source, target, kind), weight in sorted(weights.items()))
    _unify_karma_type(graph)
    result = VaultGraph(graph=graph, unresolved=unresolved, frontmatter_errors=errors,
                        types=frozenset(t for _, t in graph.nodes(data="type") if t != UNRESOLVED_TYPE))
    if filters:
        kept = {n for n, attrs in graph.nodes(data=True) if filters.matches(n, attrs)}
        if include_unresolved:
            kept |= {t for s, t in graph.edges() if s in kept and graph.nodes[t]["type"] == UNRESOLVED_TYPE}
        result.graph = graph.subgraph(sorted(kept)).copy()
        result.unresolved = [u for u in unresolved if u.source in kept]
    return result


def vault_files(root: Path) -> list[str]:
    """Vault-relative POSIX paths of every file of the vault (hidden folders skipped), sorted."""
    # absolute: `iter_vault_files(Path("."))` yields "a/b.md", not "./a/b.md", so a prefix cut of
    # the relative form would eat the start of every path
    root = Path(root).absolute()
    prefix = len(str(root).rstrip(os.sep)) + 1  # slicing: Path.relative_to is slow on 50,000 files
    return [str(p)[prefix:].replace(os.sep, "/") for p in iter_vault_files(root)]


class CachedResolver:
    """`LinkResolver` with a memo: a target resolves the same from every note of one folder."""

    def __init__(self, files: Iterable[str]):
        self._resolver = LinkResolver(files)
        self._memo: dict[tuple[str, str], str | None] = {}

    def resolve(self, target: str, source: str) -> str | None:
        if not target.strip():
            return self._resolver.resolve(target, source)
        memo_key = (target, source.rpartition("/")[0])
        try:
            return self._memo[memo_key]
        except KeyError:
            found = self._memo[memo_key] = self._resolver.resolve(target, source)
            return found


def _unresolved_attributes(target: str) -> dict:
    attrs = {name: "" for name in TEXT_ATTRIBUTES}
    attrs.update(label=target, type=UNRESOLVED_TYPE)
    return attrs


def _unify_karma_type(graph: nx.MultiDiGraph) -> None:
    """Give `karma` one type across the graph (GraphML and GEXF declare one type per attribute)."""
    values = [attrs["karma"] for _, attrs in graph.nodes(data=True) if "karma" in attrs]
    if any(isinstance(v, float) for v in values):
        for _, attrs in graph.nodes(data=True):
            if "karma" in attrs:
                attrs["karma"] = float(attrs["karma"])


def add_metrics(graph: nx.MultiDiGraph, *, seed: int = 0) -> None:
    """Add `pagerank`, `in_degree`, `out_degree`, `degree` and `community` to every node.

    Degrees count distinct edges (one per kind and pair), PageRank uses the edge weights, and
    communities come from label propagation on the undirected, weighted graph (0 = the largest).
    """
    nodes = list(graph.nodes())
    n = len(nodes)
    if not n:
        return
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[s], index[t], w) for s, t, w in graph.edges(data="weight")]
    sources, targets, weights = (np.array(column) for column in zip(*edges)) if edges else \
        (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    ranks = pagerank(n, sources, targets, weights)
    community = label_propagation(n, sources, targets, weights.astype(float), seed=seed)
    in_degree = np.bincount(targets, minlength=n)
    out_degree = np.bincount(sources, minlength=n)
    for i, node in enumerate(nodes):
        attrs = graph.nodes[node]
        attrs["pagerank"] = float(ranks[i])
        attrs["in_degree"] = int(in_degree[i])
        attrs["out_degree"] = int(out_degree[i])
        attrs["degree"] = int(in_degree[i] + out_degree[i])
        attrs["community"] = int(community[i])
