"""Node positions for the graph map, computed ahead of time in well under a minute for 50,000 notes.

A force-directed layout of every node (networkx `spring_layout`) takes minutes at that size. Instead:

1. each community gets a disc whose area grows with its size;
2. the discs are placed by a spring layout of the community graph (communities linked by many edges
   end up close), then pushed apart until they no longer overlap;
3. inside a disc the notes sit on a sunflower spiral, the most linked ones in the middle.

The result is deterministic for a seed and shows the clusters, hubs and bridges that matter on a map.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import networkx as nx
import numpy as np

from vaultkit.analyse.linkgraph import LinkGraph, as_link_graph

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
MAX_LAID_OUT_COMMUNITIES = 1500  # smaller communities beyond this share one disc
OVERLAP_ROUNDS = 60


def community_layout(graph: LinkGraph | nx.MultiDiGraph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """(x, y) per node, from the `community` and `degree` node attributes (see `add_metrics`)."""
    links = as_link_graph(graph)
    if links.number_of_nodes() == 0:
        return {}
    groups = _groups(links)
    centres, radii = _place_discs(links, groups, seed)
    names, attrs = links.nodes, links.attrs
    positions: dict[str, tuple[float, float]] = {}
    for group, members in groups.items():
        cx, cy = centres[group]
        members.sort(key=lambda i: (-attrs[i].get("degree", 0), names[i]))
        for k, (x, y) in enumerate(_sunflower(len(members))):
            positions[names[members[k]]] = (round(float(cx + x), 3), round(float(cy + y), 3))
    return positions


def _groups(links: LinkGraph) -> dict[int, list[int]]:
    """Node indices per community; the smallest communities beyond the cap share the last group."""
    sizes = Counter(attrs.get("community", 0) for attrs in links.attrs)
    ranked = sorted(sizes, key=lambda c: (-sizes[c], c))
    group_of = {c: min(i, MAX_LAID_OUT_COMMUNITIES) for i, c in enumerate(ranked)}
    groups: dict[int, list[int]] = defaultdict(list)
    for i, attrs in enumerate(links.attrs):
        groups[group_of[attrs.get("community", 0)]].append(i)
    return dict(groups)


def _place_discs(links: LinkGraph, groups: dict[int, list[int]],
                 seed: int) -> tuple[dict[int, np.ndarray], dict[int, float]]:
    group_of = np.zeros(links.number_of_nodes(), dtype=np.int64)
    for g, members in groups.items():
        group_of[members] = g
    radii = {g: math.sqrt(len(members)) for g, members in groups.items()}
    quotient = nx.Graph()
    quotient.add_nodes_from(sorted(groups))
    for a, b, weight in zip(group_of[links.sources].tolist(), group_of[links.targets].tolist(),
                            links.weights.tolist()):
        if a != b:
            previous = quotient.get_edge_data(a, b, {"weight": 0})["weight"]
            quotient.add_edge(a, b, weight=previous + weight)
    order = sorted(groups)
    if len(order) == 1:
        return {order[0]: np.zeros(2)}, radii
    spring = nx.spring_layout(quotient, weight="weight", seed=seed, iterations=100)
    total_area = sum(r * r for r in radii.values())
    scale = 2.2 * math.sqrt(total_area)
    points = np.array([spring[g] for g in order]) * scale
    r = np.array([radii[g] for g in order])
    points = _remove_overlaps(points, r)
    return {g: points[i] for i, g in enumerate(order)}, radii


def _remove_overlaps(points: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Push overlapping discs apart along the line between their centres (a few vector rounds)."""
    points = points.copy()
    gap = 1.0
    for _ in range(OVERLAP_ROUNDS):
        delta = points[:, None, :] - points[None, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=2))
        np.fill_diagonal(distance, np.inf)
        overlap = radii[:, None] + radii[None, :] + gap - distance
        overlap[overlap < 0] = 0
        if not overlap.any():
            break
        safe = np.where(np.isfinite(distance) & (distance > 1e-9), distance, 1.0)
        direction = delta / safe[:, :, None]
        # coincident centres: separate them along a fixed, index-dependent direction
        coincident = distance < 1e-9
        if coincident.any():
            angle = np.arange(points.shape[0])[:, None] * GOLDEN_ANGLE
            fallback = np.stack([np.cos(angle), np.sin(angle)], axis=2)
            direction = np.where(coincident[:, :, None], fallback, direction)
        points += 0.5 * (direction * overlap[:, :, None]).sum(axis=1)
    return points


def _sunflower(count: int) -> np.ndarray:
    """`count` points spread evenly over a disc of radius sqrt(count), the first ones in the centre."""
    k = np.arange(count)
    radius = np.sqrt(k + 0.5)
    angle = k * GOLDEN_ANGLE
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
