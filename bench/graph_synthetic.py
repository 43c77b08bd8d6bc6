"""Write a synthetic vault in the shape `vaultkit sync` produces, for the graph benchmarks.

    python bench/graph_synthetic.py OUT_DIR [--notes 50000] [--links 500000]

Notes fall into clusters (most links stay inside a cluster, as topics do on the forum); posts carry
the properties contract (type, lw_id, title, author, sequence, prev/next, karma, status, tags, axes)
and an owned region with body links. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

KINDS = (("post", "LessWrong/Posts", 0.80), ("concept", "LessWrong/Concepts", 0.08),
         ("author", "LessWrong/Authors", 0.04), ("sequence", "LessWrong/Sequences", 0.02),
         ("principle", "Principles", 0.06))
AXIS_VALUES = {"normativity": ("normative", "descriptive", "uncertain"),
               "scope": ("universal", "situational", "uncertain"),
               "certainty": ("deterministic", "stochastic", "uncertain")}


def make_vault(root: Path, notes: int = 50_000, links: int = 500_000, seed: int = 1,
               clusters: int | None = None) -> None:
    """Write `notes` notes holding about `links` wikilinks in total under `root`."""
    rng = random.Random(seed)
    clusters = clusters or max(1, notes // 250)
    plan: list[tuple[str, str, str]] = []  # (kind, folder, name)
    for kind, folder, share in KINDS:
        count = max(1, round(notes * share))
        plan += [(kind, folder, f"{kind.title()} {i:06d}") for i in range(count)]
    plan = plan[:notes]
    by_kind: dict[str, list[int]] = {}
    for index, (kind, _, _) in enumerate(plan):
        by_kind.setdefault(kind, []).append(index)
    cluster_of = [rng.randrange(clusters) for _ in plan]
    members: dict[int, list[int]] = {}
    for index, cluster in enumerate(cluster_of):
        members.setdefault(cluster, []).append(index)
    sequences = by_kind["sequence"]
    authors = by_kind["author"]
    per_note = links / max(1, len(plan)) + 0.5  # int() below drops half a link per note on average
    for index, (kind, folder, name) in enumerate(plan):
        props = [f'type: "{kind}"', f'lw_id: "id{index:015d}"', f'title: "{name} title"']
        if kind == "post":
            props.append(f'author: "[[{plan[rng.choice(authors)][2]}]]"')
            seq = sequences[(index // 20) % len(sequences)]
            props.append(f'sequence: "[[{plan[seq][2]}]]"')
            if index + 1 < len(plan) and plan[index + 1][0] == "post":
                props.append(f'next: "[[{plan[index + 1][2]}]]"')
            if index > 0 and plan[index - 1][0] == "post":
                props.append(f'prev: "[[{plan[index - 1][2]}]]"')
            props.append(f"karma: {rng.randrange(-5, 300)}")
            props.append(f'status: "{rng.choice(("to-read", "reading", "read"))}"')
        if kind in ("principle", "concept"):
            for axis, values in AXIS_VALUES.items():
                props.append(f'{axis}: "{rng.choice(values)}"')
        props.append("tags:\n" + "".join(f'  - "{t}"\n' for t in
                                          (f"lesswrong/{kind}", f"lw/topic-{cluster_of[index] % 40}")).rstrip("\n"))
        body_links = max(0, int(rng.gauss(per_note, 2)) - (4 if kind == "post" else 0))
        own = members[cluster_of[index]]
        lines = []
        for _ in range(body_links):
            target = rng.choice(own) if rng.random() < 0.8 else rng.randrange(len(plan))
            lines.append(f"See [[{plan[target][2]}]] for more on this.")
        text = ("---\n" + "\n".join(props) + "\n---\n\n%% vaultkit:begin %%\n"
                + "\n".join(lines) + "\n%% vaultkit:end %%\n")
        path = root / folder / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--links", type=int, default=500_000)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    make_vault(args.out, args.notes, args.links)
    print(f"wrote {args.notes} notes to {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
