"""Benchmark: a first sync of N realistic posts, with a simple reference pipeline in the same run.

    python bench/sync_first.py [--posts 2500 5000 10000] [--rerender 10000] [--workdir bench/out/first]

For each N the stand-in serves `generate_fixtures(N)` with realistic bodies (bench/render_corpus.py,
400 distinct bodies cycled, so the server stays small) from a separate process on 127.0.0.1, with
no politeness delay. Then, each in a fresh process measured for wall time and peak RSS of its whole
process tree (RSS of the process and its descendants summed, sampled every 20 ms):

- REFERENCE: a simple one-process pipeline doing the same conversion: list the posts, fetch them
  in batches, `convert_html` each body and write one file per post (plain `open().write()`);
- SYNC: `vaultkit sync VAULT --since 2000-01-01 --delay 0`.

With `--rerender N`, a vault of N posts is built, then a template is edited and the sync that
re-renders every note from its stored item is timed, beside a reference that reads the same
stored items and writes one file per note.

Figures and the machine load are appended to bench/RESULTS-sync-first.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
DISTINCT_BODIES = 400


# -- measuring a process tree --------------------------------------------------------------------

def _tree_rss_kb(root: int) -> int:
    """Summed RSS (kB) of `root` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(name), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def measure(cmd: list[str], pythonpath: Path | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB of the whole process tree, CPU seconds) of one command (run
    with `pythonpath` first on the path, to measure another checkout's code). On a shared machine
    the CPU seconds say more than the wall time, which grows with everyone else's load."""
    env = {**os.environ, "PYTHONPATH": str(pythonpath)} if pythonpath else None
    started = time.perf_counter()
    # run outside the checkout: `python -m` puts the working folder before PYTHONPATH
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            cwd=tempfile.gettempdir())
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return elapsed, max(peak, usage.ru_maxrss) / 1024, usage.ru_utime + usage.ru_stime


# -- the stand-in, in its own process ------------------------------------------------------------

def realistic_fixtures(n_posts: int):
    sys.path.insert(0, str(BENCH))
    from render_corpus import generate_corpus

    from vaultkit.fetch.standin import generate_fixtures

    fixtures = generate_fixtures(n_posts, seed=1)
    bodies = generate_corpus(DISTINCT_BODIES)
    for i, post in enumerate(fixtures.posts.values()):
        html = bodies[i % len(bodies)]
        post["contents"] = {"html": html, "wordCount": html.count(" ")}
    return fixtures


def serve(n_posts: int, url_file: Path) -> None:
    """Child process: serve N realistic posts until killed."""
    from vaultkit.fetch.standin import StandinServer

    with StandinServer(realistic_fixtures(n_posts), max_offset=None) as server:
        url_file.write_text(server.url)
        threading.Event().wait()


class Standin:
    def __init__(self, n_posts: int, workdir: Path):
        self.url_file = workdir / f"standin-{n_posts}.url"
        self.url_file.unlink(missing_ok=True)
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve", str(n_posts), str(self.url_file)])
        while not self.url_file.exists() or not self.url_file.read_text():
            if self.proc.poll() is not None:
                sys.exit("the stand-in did not start")
            time.sleep(0.1)
        self.url = self.url_file.read_text()

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


# -- the reference pipelines ---------------------------------------------------------------------

def reference_sync(url: str, out: Path) -> None:
    """Child process: list, fetch in batches, convert, write one file per post."""
    from vaultkit.fetch.forum import open_client
    from vaultkit.render.html_to_md import convert_html

    out.mkdir(parents=True, exist_ok=True)
    client = open_client(endpoint=url, min_interval=0, cache_db=None)
    ids = [row["_id"] for row in client.list_posts(after="2000-01-01T00:00:00.000Z", time_field="postedAt")]
    for start in range(0, len(ids), 200):
        for raw in client.posts_by_ids(ids[start:start + 200]):
            html = (raw.get("contents") or {}).get("html") or ""
            markdown = convert_html(html).markdown
            with open(out / f"{raw['_id']}.md", "w", encoding="utf-8") as handle:
                handle.write(f"# {raw['title']}\n\n{markdown}\n")


def reference_rerender(database: Path, out: Path) -> None:
    """Child process: read every stored item and write one file per note."""
    from vaultkit.vault.database import unpack

    out.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(database)
    for lw_id, data in connection.execute("SELECT id, data FROM items"):
        item = unpack(data)
        with open(out / f"{lw_id}.md", "w", encoding="utf-8") as handle:
            handle.write(f"# {item.get('title', '')}\n\n{item.get('body', '')}\n")


# -- the runs ------------------------------------------------------------------------------------

def notes_in(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.md"))


def sync_command(vault: Path, url: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "vaultkit", "-q", "sync", str(vault), "--endpoint", url, "--delay", "0", *extra]


def first_sync(n_posts: int, workdir: Path, baseline: Path | None) -> dict:
    standin = Standin(n_posts, workdir)
    ref_out, vault = workdir / f"ref-{n_posts}", workdir / f"sync-{n_posts}"
    try:
        runs = {}
        for name, code in [("ref", None), ("sync", None), ("base", baseline)]:
            if name == "base" and baseline is None:
                continue
            out = ref_out if name == "ref" else workdir / f"{name}-{n_posts}"
            shutil.rmtree(out, ignore_errors=True)
            cmd = ([sys.executable, __file__, "--reference", standin.url, str(out)] if name == "ref"
                   else sync_command(out, standin.url, "--since", "2000-01-01"))
            runs[name] = (*measure(cmd, code), os.getloadavg()[0])
    finally:
        standin.close()
    for name in ("base",):
        shutil.rmtree(workdir / f"{name}-{n_posts}", ignore_errors=True)
    return {"n": n_posts, "posts": notes_in(ref_out), "runs": runs,
            "notes": notes_in(vault / "LessWrong"), "vault": vault}


def rerender(n_posts: int, workdir: Path, built: Path | None, baseline: Path | None = None) -> dict:
    vault = built
    if vault is None:
        vault = first_sync(n_posts, workdir, None)["vault"]
    base_vault = workdir / f"base-rerender-{n_posts}"
    shutil.rmtree(base_vault, ignore_errors=True)
    if baseline is not None:
        shutil.copytree(vault, base_vault, symlinks=True)
    ref_out = workdir / f"ref-rerender-{n_posts}"
    shutil.rmtree(ref_out, ignore_errors=True)
    ref = measure([sys.executable, __file__, "--reference-rerender", str(vault / ".vaultkit" / "vaultkit.sqlite3"),
                   str(ref_out)])
    from vaultkit.resources import templates_dir

    template = templates_dir() / "post.md"
    for folder in (vault, base_vault) if baseline is not None else (vault,):
        override = folder / ".vaultkit" / "templates" / "post.md"
        override.parent.mkdir(parents=True, exist_ok=True)
        override.write_text(template.read_text() + "\n(edited template)\n")
    standin = Standin(n_posts, workdir)
    try:
        load = os.getloadavg()[0]
        sync = measure(sync_command(vault, standin.url))
        base = measure(sync_command(base_vault, standin.url), baseline) if baseline is not None else None
    finally:
        standin.close()
    shutil.rmtree(base_vault, ignore_errors=True)
    return {"n": n_posts, "notes": notes_in(vault / "LessWrong"), "ref": ref, "sync": sync, "base": base,
            "load": load}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, nargs="*", default=[2500, 5000, 10000])
    parser.add_argument("--rerender", type=int, default=0, help="also time a full re-render of N posts")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "first")
    parser.add_argument("--note", default="", help="a line to add to the results (what was measured)")
    parser.add_argument("--baseline", type=Path, help="also time the sync of another checkout (its root)")
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--reference", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--reference-rerender", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(int(args.serve[0]), Path(args.serve[1]))
    if args.reference:
        return reference_sync(args.reference[0], Path(args.reference[1]))
    if args.reference_rerender:
        return reference_rerender(Path(args.reference_rerender[0]), Path(args.reference_rerender[1]))

    args.workdir.mkdir(parents=True, exist_ok=True)
    lines = [f"\n## First sync, realistic posts ({time.strftime('%Y-%m-%d %H:%M')} UTC)\n",
             f"- command: `python bench/sync_first.py --posts {' '.join(map(str, args.posts))}"
             + (f" --rerender {args.rerender}" if args.rerender else "")
             + (" --baseline CHECKOUT`" if args.baseline else "`"),
             f"- machine: {os.cpu_count()} cores, {platform.python_implementation()} "
             f"{platform.python_version()}, {platform.system()} {platform.machine()}"]
    if args.note:
        lines.append(f"- {args.note}")
    lines += ["", "Posts/s and peak RSS (MB, whole process tree) of each run; load = 1-minute load average "
              "after it; CPU = ms of CPU a post, the whole process tree (on a shared machine the "
              "CPU ratio says more than the wall-time one).", "",
              "| posts | notes | reference | sync | sync / reference |"
              + (" baseline sync |" if args.baseline else ""), "|---|---|---|---|---|" + ("---|" if args.baseline else "")]
    built = None
    for n in args.posts:
        r = first_sync(n, args.workdir, args.baseline)
        cells = {name: f"{r['posts'] / t:.0f}/s, {cpu / r['posts'] * 1000:.2f} ms CPU, {m:.0f} MB (load {load:.0f})"
                 for name, (t, m, cpu, load) in r["runs"].items()}
        (ref_t, _m, ref_cpu, _l), (sync_t, _m, sync_cpu, _l) = r["runs"]["ref"], r["runs"]["sync"]
        lines.append(f"| {r['posts']:,} | {r['notes']:,} | {cells['ref']} | {cells['sync']} | "
                     f"{ref_t / sync_t:.2f} wall, {ref_cpu / sync_cpu:.2f} CPU |"
                     + (f" {cells['base']} |" if args.baseline else ""))
        print(lines[-1], flush=True)
        if n == args.rerender:
            built = r["vault"]
    if args.rerender:
        r = rerender(args.rerender, args.workdir, built, args.baseline)
        (rt, rm, rc), (st, sm, sc) = r["ref"], r["sync"]
        lines += ["", f"Full re-render after a template edit, {r['notes']:,} notes: sync {st:.1f} s "
                  f"({sc:.1f} s CPU, peak {sm:.0f} MB); reference (read every stored item, write one "
                  f"file each) {rt:.1f} s ({rc:.1f} s CPU, peak {rm:.0f} MB); sync / reference "
                  f"{st / rt:.1f}x wall, {sc / rc:.1f}x CPU; load avg {r['load']:.1f}."]
        if r["base"] is not None:
            bt, bm, bc = r["base"]
            lines.append(f"Baseline sync (the --baseline checkout) on a copy of the same vault: {bt:.1f} s "
                         f"({bc:.1f} s CPU, peak {bm:.0f} MB).")
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    with (BENCH / "RESULTS-sync-first.md").open("a") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
