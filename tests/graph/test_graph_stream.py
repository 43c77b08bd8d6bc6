"""`export graph` streams every format to disk: the file is never held in memory whole, and the
guarantees of a whole-file write hold (atomic, unchanged files untouched, byte-identical output,
`--dry-run` writes nothing, nothing written beside the target but its temporary file)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import vaultkit.export.graph as graph_export
from vaultkit.analyse.graph import add_metrics, build_graph
from vaultkit.analyse.layout import community_layout
from vaultkit.export.graph import export_graph

from .test_graph_bytes import EXPECTED, export_hashes

ROOT = Path(__file__).resolve().parents[2]
OUTPUTS = ("graphml", "gexf", "json", "graphology.json", "html")


def _synthetic(root: Path, notes: int, links: int) -> Path:
    spec = importlib.util.spec_from_file_location("graph_synthetic", ROOT / "bench" / "graph_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    vault = root / "vault"
    module.make_vault(vault, notes=notes, links=links, seed=3)
    return vault


@pytest.fixture(scope="module")
def big_vault(tmp_path_factory) -> Path:
    """5,000 notes and 50,000 links: a 10 MB GraphML file."""
    return _synthetic(tmp_path_factory.mktemp("stream"), 5000, 50_000)


def _write_overhead(monkeypatch, run) -> int:
    """Memory (traced) that `run` allocates beyond what it holds once the graph is built and laid
    out: the cost of writing the file, measured from the end of the last stage before writing."""
    marks = []

    def marking(stage):
        def wrapper(*args, **kwargs):
            result = stage(*args, **kwargs)
            tracemalloc.reset_peak()
            marks.append(tracemalloc.get_traced_memory()[0])
            return result
        return wrapper

    monkeypatch.setattr(graph_export, "add_metrics", marking(graph_export.add_metrics))
    monkeypatch.setattr(graph_export, "community_layout", marking(graph_export.community_layout))
    tracemalloc.start()
    try:
        run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak - marks[-1]


@pytest.mark.slow
@pytest.mark.parametrize("ext", OUTPUTS)
def test_writing_costs_a_few_buffers_not_the_file(big_vault, tmp_path, monkeypatch, ext):
    output = tmp_path / f"graph.{ext}"
    export_graph(big_vault, output)  # the note index warm, and a file to compare with
    size = output.stat().st_size
    for case in ("unchanged", "changed"):
        if case == "changed":
            output.write_bytes(output.read_bytes()[:-1] + b" ")
        reports = []
        overhead = _write_overhead(monkeypatch, lambda: reports.append(export_graph(big_vault, output)))
        assert reports[0].written == (case == "changed")
        # streamed: 3-4 MB whatever the size (a piece, its bytes, the write buffer, the old file's
        # bytes read alongside); held whole (the text, its bytes, the old file's bytes), 27-50 MB
        # for these 8-12 MB files, and 9 MB for the 1 MB map
        assert overhead < 6e6, f"{case}: {overhead / 1e6:.1f} MB to write a {size / 1e6:.1f} MB file"


def test_small_pieces_give_the_same_bytes(tmp_path, monkeypatch):
    """Every piece boundary (3 lines, 3 JSON items) gives the bytes recorded from the old writers."""
    from vaultkit.export.graph import formats

    monkeypatch.setattr(formats, "LINES_PER_CHUNK", 3, raising=False)
    monkeypatch.setattr(formats, "ITEMS_PER_CHUNK", 3, raising=False)
    assert export_hashes(tmp_path) == EXPECTED


def _template_page(data: dict, title: str, color_by: str) -> str:
    """The map page built in memory, as the writer did before it streamed: one `json.dumps` of
    the whole data and one substitution over the template."""
    from importlib import resources

    def script_json(value: object) -> str:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return text.replace("</", "<\\/").replace("<!--", "<\\!--")

    page = resources.files("vaultkit.export.graph").joinpath("map.html").read_text(encoding="utf-8")
    title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    replacements = {"/*VAULTKIT_TITLE*/": title, "/*VAULTKIT_DATA*/": script_json(data),
                    "/*VAULTKIT_COLOR_BY*/": script_json(color_by)}
    return re.sub(r"/\*VAULTKIT_[A-Z_]+\*/", lambda m: replacements[m.group(0)], page)


def test_the_streamed_map_page_is_the_page_built_in_memory(make_vault, tmp_path, monkeypatch):
    from vaultkit.export.graph import formats
    from vaultkit.export.graph.html import map_data

    monkeypatch.setattr(formats, "ITEMS_PER_CHUNK", 2, raising=False)
    vault = make_vault({
        "A </script><!-- & \"B\".md": "---\ntype: concept\ntags: [\"x</y\"]\n---\nSee [[C]] and [[D]].\n",
        "C.md": "[[D]] and [[A </script><!-- & \"B\"]] /*VAULTKIT_DATA*/\n",
        "D.md": "---\ntitle: \"<!-- </b> /*VAULTKIT_TITLE*/\"\n---\n[[C]]\n",
    }, name="odd <&> vault")
    output = tmp_path / "map.html"
    export_graph(vault, output, color_by="normativity")
    graph = build_graph(vault).links
    add_metrics(graph)
    expected = _template_page(map_data(graph, community_layout(graph), vault.name),
                              f"{vault.name}: vault map", "normativity")
    assert output.read_text(encoding="utf-8") == expected
    assert expected.count("</script>") == 2


def test_an_unchanged_file_is_left_alone_and_a_changed_one_replaced(reading_vault, tmp_path):
    out = tmp_path / "out"
    for ext in OUTPUTS:
        output = out / f"g.{ext}"
        assert export_graph(reading_vault, output).written
        data, before = output.read_bytes(), output.stat().st_mtime_ns
        assert not export_graph(reading_vault, output).written
        assert output.stat().st_mtime_ns == before
        output.write_bytes(data + b"\n")  # the same bytes and one more: still a difference
        assert export_graph(reading_vault, output).written
        assert output.read_bytes() == data
    assert sorted(p.name for p in out.iterdir()) == sorted(f"g.{ext}" for ext in OUTPUTS)


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


def test_dry_run_writes_nothing_anywhere(reading_vault, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "same.graphml").write_bytes(b"")
    export_graph(reading_vault, out / "same.graphml")
    (out / "old.json").write_text("old")
    left = out / f".vaultkit-{_dead_pid()}-0.tmp"
    left.write_text("half")
    before = _tree(tmp_path)
    assert export_graph(reading_vault, out / "new.gexf", dry_run=True).written
    assert export_graph(reading_vault, out / "old.json", dry_run=True).written
    assert not export_graph(reading_vault, out / "same.graphml", dry_run=True).written
    after = _tree(tmp_path)
    assert after == before  # nor is a killed run's temporary file removed: that is a write too


def test_nothing_is_written_but_the_target_in_its_folder(reading_vault, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    export_graph(reading_vault, tmp_path / "warm.html")  # the vault's note index, written once
    before = _tree(tmp_path)
    for ext in OUTPUTS:
        export_graph(reading_vault, out / f"g.{ext}")
    new = sorted(set(_tree(tmp_path)) - set(before))
    assert new == sorted(f"out/g.{ext}" for ext in OUTPUTS)
    assert {k: v for k, v in _tree(tmp_path).items() if k in before} == before


def test_a_failure_half_way_keeps_the_old_file_and_leaves_no_temporary_file(reading_vault, tmp_path,
                                                                             monkeypatch):
    output = tmp_path / "out" / "g.gexf"
    output.parent.mkdir()
    output.write_text("old")
    layout = graph_export.community_layout

    def broken_layout(graph):  # positions for every note but the last: the writer fails half way
        positions = layout(graph)
        positions.pop(graph.nodes[-1])
        return positions

    monkeypatch.setattr(graph_export, "community_layout", broken_layout)
    with pytest.raises(KeyError):
        export_graph(reading_vault, output)
    assert output.read_text() == "old"
    assert [p.name for p in output.parent.iterdir()] == ["g.gexf"]


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True)
    return int(child.stdout)


KILLED_AT_FSYNC = """
import os, signal, sys
from pathlib import Path
from vaultkit.export.graph import export_graph

def killed(fd):  # the new file is all in its temporary file, not yet renamed over the old one
    os.kill(os.getpid(), signal.SIGKILL)

os.fsync = killed
export_graph(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_kill_leaves_the_old_file_and_the_next_run_cleans_up(reading_vault, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    output = out / "g.graphml"
    output.write_text("old")
    run = subprocess.run([sys.executable, "-c", KILLED_AT_FSYNC, str(reading_vault), str(output)],
                         capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == -9, run.stderr
    assert output.read_text() == "old"
    assert len([p for p in out.iterdir() if p.name.endswith(".tmp")]) == 1  # what the kill left
    assert export_graph(reading_vault, output).written
    assert output.read_bytes().startswith(b"<?xml")
    assert [p.name for p in out.iterdir()] == ["g.graphml"]
