"""Colours of the graph map and of the GEXF/graphology exports, one palette for all of them."""

from __future__ import annotations

from vaultkit.model.properties import AXES, UNCERTAIN

TYPE_COLORS = {
    "post": "#4e79a7", "sequence": "#f28e2b", "collection": "#e15759", "book": "#ff9da7",
    "concept": "#59a14f",
    "author": "#b07aa1", "principle": "#edc948", "comments": "#9c755f", "note": "#76b7b2",
    "unresolved": "#bab0ac", "conflict": "#ff0000",
}
AXIS_COLORS = {
    "normative": "#e15759", "descriptive": "#4e79a7", "universal": "#59a14f",
    "situational": "#f28e2b", "deterministic": "#b07aa1", "stochastic": "#edc948",
    UNCERTAIN: "#9c755f",
}
STATUS_COLORS = {"to-read": "#bab0ac", "reading": "#f28e2b", "read": "#59a14f"}
COMMUNITY_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                    "#ff9da7", "#9c755f", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e",
                    "#e6ab02", "#a6761d")
OTHER = "#d0d0d0"  # values without a colour of their own (and "not set")

# What the map can colour by: attribute -> fixed colours per value (communities use the cycle).
COLOR_SCHEMES: dict[str, dict[str, str]] = {
    "type": TYPE_COLORS,
    **{axis: {v: AXIS_COLORS[v] for v in (*labels, UNCERTAIN)} for axis, labels in AXES.items()},
    "status": STATUS_COLORS,
    "community": {},
}


def color_for(scheme: str, value: object) -> str:
    """The colour of a node whose attribute `scheme` has `value`."""
    if scheme == "community":
        if isinstance(value, int) and 0 <= value < len(COMMUNITY_COLORS):
            return COMMUNITY_COLORS[value]
        return OTHER
    return COLOR_SCHEMES.get(scheme, {}).get(str(value), OTHER)
