"""Every export format, byte for byte, as the networkx-based writers wrote it before the graph was
kept as arrays (hashes recorded from that code on the same synthetic vault)."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vaultkit.analyse.graph import GraphFilter
from vaultkit.export.graph import export_graph

ROOT = Path(__file__).resolve().parents[2]
OUTPUTS = ("graphml", "gexf", "json", "graphology.json", "html")
EXTRA_NOTES = {  # what the generator never writes: embeds, two properties to one note, odd names
    "Odd/Ampersand & <Angle> \"Quote\".md":
        '---\ntype: "concept"\ntitle: "Q&A <draft> \u00e9t\u00e9"\nkarma: 12.5\n'
        'author: "[[Author 000000]]"\nreviewer: "[[Author 000000]]"\n---\n\n'
        "![[Concept 000001]] and [[Nowhere To Be Found]] and [[Concept 000001]].\n",
    "Odd/Plain.md": "No properties, a link to [[Ampersand & <Angle> \"Quote\"]] and [[Missing Too]].\n",
}
# sha256 of each output, recorded with the MultiDiGraph-based code (main at 5af0e36); for the map,
# of the graph data inside it (recorded from main at fe8f10b, before the page drew on a 2D canvas)
EXPECTED = {
    "plain.graphml": "4fc7407c9dabfa298e7993ad6234c69e95f849cc44c596c98873a13ba88e6f9f",
    "plain.gexf": "3684d799eff7164ffba6b02b7ab034500bb793beb9334c34fd0cf45e2e646aed",
    "plain.json": "b3fa8559779d800d23aa3364694ae82abe6f3289c9b45d6e2166234400934d8e",
    "plain.graphology.json": "e9265e7c7beecc02a635e16edbcbf4d254aa8e268d935975c88371f8dcf66965",
    "plain.html": "87fe9b984891b4731f254c78e575799f74870e9504b64fea50a3b68ae14ecd3b",
    "unresolved.graphml": "94e061f53d38819046e22cd784c9dd2c64b1b250f633865a6686fb4e0ed1acf6",
    "unresolved.gexf": "1633c46bf61bbbd7642650d5fb5e746599aed53f588c071c5a3834173704a876",
    "unresolved.json": "cfb08818e963d05d9d1adfece4ebd6dcb3ff21dac9f6f078000f0fe240b5dab2",
    "unresolved.graphology.json": "02b198ac3b5fd8e4a835db420ae9a1503588bb3ebf3fa93fa446de3993297723",
    "unresolved.html": "ceb148b95937dfb95cb2deb896941d180a67dbf823dd092bdabc7f377dc301ac",
    "filtered.graphml": "2f8d7715a7ac5ea2edea5b1ff08fa833a81c5bcfee23ba0b9b799edc90a3be4e",
    "filtered.gexf": "77b7974936782f8f05901715b02d1c57c2f4fa1b75426fbbb1ec18174dc98ab9",
    "filtered.json": "fff89b081001a16e90136c2192cc4129727220928348f12a2ae2358a3426a2d1",
    "filtered.graphology.json": "ad7cd1ebf6ad3f7d4baf49a6798c4a27d88961709f22c09de7d7a760062e1d10",
    "filtered.html": "2e5d22c33022398f9fc5bfe060dbf581f3e504c45e0663e742884c7245859dff",
}


def _synthetic_vault(root: Path) -> Path:
    spec = importlib.util.spec_from_file_location("graph_synthetic", ROOT / "bench" / "graph_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    vault = root / "synthetic"
    module.make_vault(vault, notes=600, links=5000, seed=7)
    for rel, text in EXTRA_NOTES.items():
        (vault / rel).parent.mkdir(parents=True, exist_ok=True)
        (vault / rel).write_text(text, encoding="utf-8")
    return vault


def _compared_bytes(output: Path) -> bytes:
    """The whole file; for the map, the graph data it carries (the page around it is the map's own
    code, free to change: tests/graph/test_graph_map.py checks what it does)."""
    data = output.read_bytes()
    if output.suffix == ".html":
        start = data.index(b'<script id="graph-data" type="application/json">')
        return data[data.index(b">", start) + 1:data.index(b"</script>", start)]
    return data


def export_hashes(root: Path) -> dict[str, str]:
    """sha256 of every format, plain, with unresolved links, and filtered to most notes."""
    vault = _synthetic_vault(root)
    hashes = {}
    variants = {"plain": {}, "unresolved": {"include_unresolved": True},
                "filtered": {"include_unresolved": True, "filters": GraphFilter(types=("post", "concept"))}}
    for name, options in variants.items():
        for ext in OUTPUTS:
            output = root / f"{name}.{ext}"
            export_graph(vault, output, **options)
            hashes[f"{name}.{ext}"] = hashlib.sha256(_compared_bytes(output)).hexdigest()
    return hashes


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_export_bytes_match_the_networkx_based_writers(name, synthetic_hashes):
    assert synthetic_hashes[name] == EXPECTED[name]


@pytest.fixture(scope="module")
def synthetic_hashes(tmp_path_factory):
    return export_hashes(tmp_path_factory.mktemp("bytes"))


def test_a_narrow_filter_gives_the_same_bytes_whatever_the_hash_seed(tmp_path):
    # networkx's subgraph listed the nodes in set order when under half were kept
    vault = _synthetic_vault(tmp_path)
    outputs = []
    for seed in ("1", "2"):
        output = tmp_path / f"concepts-{seed}.graphml"
        subprocess.run([sys.executable, "-m", "vaultkit", "export", "graph", str(vault), "-o", str(output),
                        "--type", "concept"], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b"<node ") > 10


if __name__ == "__main__":  # print the table above for the code on the path
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for key, value in export_hashes(Path(folder)).items():
            print(f'    "{key}": "{value}",', file=sys.stdout)
