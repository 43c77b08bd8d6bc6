"""Reading progress per collection, book and sequence, from the `status` property of post notes.

`vaultkit progress` prints it and keeps two kinds of live views in the vault, neither of which
needs a community plugin:

- `.base` files for Obsidian's core Bases plugin (posts to read grouped by sequence, concepts,
  principles by axis). They are created when absent and then belong to the user, like `.obsidian/`.
- a plain Progress note for older Obsidian versions, whose table vaultkit rewrites inside its owned
  region (only when the figures change); text around the region is the user's.

A post's sequence comes from its `sequence` property; its collection and book from its own
`collection` / `book` properties, else its sequence note's, else from where a collection note lists
the sequence (or the post) under a book heading.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from vaultkit.analyse.graph import CachedResolver, link_name
from vaultkit.vault.folder import require_vault_folder, vault_subfolder
from vaultkit.model.properties import AXES, UNCERTAIN
from vaultkit.model.sites import DEFAULT_SITE, SITES
from vaultkit.vault.atomic import write_atomic
from vaultkit.vault.links import LinkResolver, iter_wikilinks
from vaultkit.vault.index import VaultNotes, collector_paused, load_notes
from vaultkit.vault.regions import replace_region
from vaultkit.vault.scan import vault_files

DEFAULT_FOLDER = SITES[DEFAULT_SITE].folder
VIEWS_FOLDER = "Views"
PROGRESS_NOTE = "Progress.md"
UNSET = "to-read"  # a post without a status has not been read
_HEADING = re.compile(r"#{1,6}\s+(.+?)\s*#*\s*$")


@dataclass
class ProgressRow:
    """Reading progress of one group of posts."""

    level: str              # all | collection | book | sequence
    name: str
    depth: int              # indentation in the table: collection 0, book 1, sequence 1 or 2
    total: int = 0
    read: int = 0
    reading: int = 0
    path: str | None = None  # the group's own note, when the vault has one

    @property
    def to_read(self) -> int:
        return self.total - self.read - self.reading

    @property
    def fraction(self) -> float:
        return self.read / self.total if self.total else 0.0

    def count(self, status: str) -> None:
        self.total += 1
        if status == "read":
            self.read += 1
        elif status == "reading":
            self.reading += 1


@dataclass
class ProgressReport:
    """The table rows plus the files `update_progress` wrote or left alone."""

    rows: list[ProgressRow]
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    dry_run: bool = False   # then `written` lists what would be written

    def to_dict(self) -> dict:
        return {"rows": [{**asdict(r), "to_read": r.to_read} for r in self.rows],
                "written": self.written, "kept": self.kept, "dry_run": self.dry_run}


@dataclass
class _Post:
    status: str
    sequence: tuple[str, str | None] | None    # (name, path)
    collection: tuple[str, str | None] | None
    book: tuple[str, str | None] | None


@collector_paused()  # tens of thousands of notes' facts: see its docstring
def reading_progress(root: Path, *, write_index: bool = True) -> list[ProgressRow]:
    """Rows for all posts, then each collection with its books and sequences, then loose sequences.

    Properties come from the note index (see `vaultkit.vault.index`; `write_index=False` leaves
    it on disk as it is); only collection notes are read whole, for the books they list.
    """
    root = Path(root)
    require_vault_folder(root, "vaultkit progress")
    vault = load_notes(root, write=write_index)
    resolver = CachedResolver(vault.files)
    notes = vault.notes

    def group(value: object, source: str) -> tuple[str, str | None] | None:
        target = link_name(value)
        if not target:
            return None
        path = resolver.resolve(target, source)
        if path in notes:
            title = notes[path].properties.get("title")
            name = title if isinstance(title, str) and title else posixpath.basename(path)[:-3]
            return name, path
        return target, None

    listed = _collection_listings(vault, resolver, group)
    posts = []
    for rel, note in notes.items():
        props = note.properties
        if props.get("type") != "post":
            continue
        status = props.get("status") if props.get("status") in ("read", "reading") else UNSET
        sequence = group(props.get("sequence"), rel)
        sequence_path = sequence[1] if sequence else None
        sequence_props = notes[sequence_path].properties if sequence_path else {}

        def inherited(key: str) -> tuple[str, str | None] | None:
            own = group(props.get(key), rel)
            return own or (group(sequence_props.get(key), sequence_path) if sequence_path else None)

        collection, book = inherited("collection"), inherited("book")
        if collection is None:
            collection, book = listed.get(sequence_path) or listed.get(rel) or (None, None)
        posts.append(_Post(status, sequence, collection, book))
    return _rows(posts)


def _collection_listings(vault: VaultNotes, resolver: CachedResolver, group) -> dict:
    """Sequence or post path -> (collection, book) from the links in collection notes' bodies.

    A collection note lists its books as headings and each book's sequences (or posts) as links
    below the heading, which is how sync writes it and how a person would.
    """
    listed: dict[str, tuple] = {}
    notes = vault.notes
    for rel, indexed in notes.items():
        if indexed.properties.get("type") != "collection":
            continue
        collection = group(f"[[{rel[:-3]}]]", rel)
        book = None
        for line in vault.note(rel).body.splitlines():
            heading = _HEADING.match(line)
            if heading:
                book = (heading.group(1).strip(), None)
                continue
            for link in iter_wikilinks(line):
                target = resolver.resolve(link.target, rel)
                if target in notes and notes[target].properties.get("type") in ("sequence", "post"):
                    listed.setdefault(target, (collection, book))
    return listed


def _rows(posts: list[_Post]) -> list[ProgressRow]:
    everything = ProgressRow("all", "All posts", 0)
    tree: dict = {}
    for post in posts:
        everything.count(post.status)
        branch = []
        if post.collection:
            branch.append(("collection", post.collection))
            if post.book:
                branch.append(("book", post.book))
        if post.sequence:
            branch.append(("sequence", post.sequence))
        node = tree
        for depth, (level, (name, path)) in enumerate(branch):
            key = (level, name)
            if key not in node:
                node[key] = (ProgressRow(level, name, depth, path=path), {})
            row, node = node[key]
            row.count(post.status)
    rows = [everything]

    def walk(node: dict) -> None:
        # collections first, then loose sequences; alphabetical inside each
        for key in sorted(node, key=lambda k: (k[0] != "collection", k[1].lower(), k[1])):
            row, children = node[key]
            rows.append(row)
            walk(children)

    walk(tree)
    return rows


def progress_bar(fraction: float, width: int = 20) -> str:
    """A text bar such as `████████░░░░░░░░░░░░`."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def progress_note_text(rows: list[ProgressRow], link_target) -> str:
    """The owned region of the Progress note: one Markdown table, links to the groups' notes."""
    lines = ["# Reading progress", "",
             "Written by `vaultkit progress` from the `status` property of each post "
             "(to-read, reading, read). Change a status and run it again.", "",
             "| Group | Read | Reading | To read | Progress |", "|---|---:|---:|---:|---|"]
    for row in rows:
        name = row.name.replace("|", "/").replace("]]", "")
        label = f"[[{link_target(row.path)}\\|{name}]]" if row.path else name
        indent = "&nbsp;&nbsp;" * row.depth
        label = f"**{label}**" if row.level in ("all", "collection") else label
        lines.append(f"| {indent}{label} | {row.read} | {row.reading} | {row.to_read} | "
                     f"`{progress_bar(row.fraction, 10)}` {round(row.fraction * 100)}% |")
    return "\n".join(lines) + "\n"


def bases_files() -> dict[str, str]:
    """File name -> YAML of the `.base` views (Obsidian core Bases plugin)."""
    post_columns = "\n".join(f"      - {c}" for c in ("file.name", "note.author", "note.status", "note.karma"))
    reading_list = f"""# Written by vaultkit once; yours to change. Needs Obsidian 1.9+ with the Bases core plugin.
filters:
  and:
    - 'note.type == "post"'
    - 'note.status != "read"'
views:
  - type: table
    name: "To read, by sequence"
    groupBy:
      property: note.sequence
      direction: ASC
    order:
{post_columns}
  - type: table
    name: "Reading now"
    filters: 'note.status == "reading"'
    order:
{post_columns}
"""
    concepts = """# Written by vaultkit once; yours to change. Needs Obsidian 1.9+ with the Bases core plugin.
filters: 'note.type == "concept"'
views:
  - type: table
    name: "Concepts"
    order:
      - file.name
      - note.definition
      - note.normativity
"""
    axis_columns = "\n".join(f"      - {c}" for c in ("file.name", "note.statement", *(f"note.{a}" for a in AXES)))
    axis_views = "".join(f"""  - type: table
    name: "By {axis}"
    groupBy:
      property: note.{axis}
      direction: ASC
    order:
{axis_columns}
""" for axis in AXES)
    # principles are the user's principle notes plus concepts the tagger placed on an axis
    first_axis, labels = next(iter(AXES.items()))
    on_axis = "".join(f"    - 'note.{first_axis} == \"{value}\"'\n" for value in (*labels, UNCERTAIN))
    principles = f"""# Written by vaultkit once; yours to change. Needs Obsidian 1.9+ with the Bases core plugin.
filters:
  or:
    - 'note.type == "principle"'
{on_axis}views:
{axis_views}"""
    return {"Reading list.base": reading_list, "Concepts.base": concepts, "Principles.base": principles}


def update_progress(root: Path, *, folder: str = DEFAULT_FOLDER, write: bool = True,
                    dry_run: bool = False) -> ProgressReport:
    """Compute the progress rows and (with `write`) refresh the Progress note and create the bases.

    `folder` must lie inside the vault. With `dry_run`, `written` lists what would be written and
    nothing is.
    """
    root = Path(root)
    folder = vault_subfolder(folder, "--folder")
    rows = reading_progress(root, write_index=write and not dry_run)
    report = ProgressReport(rows, dry_run=dry_run)
    if not write:
        return report
    views = f"{folder}/{VIEWS_FOLDER}"
    for name, text in bases_files().items():
        rel = f"{views}/{name}"
        if (root / rel).exists():
            report.kept.append(rel)
        else:
            if not dry_run:
                write_atomic(root / rel, text)
            report.written.append(rel)
    note_rel = f"{folder}/{PROGRESS_NOTE}"
    resolver = LinkResolver(vault_files(root))  # the listing again: the bases may be new files
    region = progress_note_text(rows, resolver.link_target)
    note_path = root / note_rel
    current = note_path.read_text(encoding="utf-8") if note_path.exists() else ""
    text = replace_region(current, region)
    changed = text != current if dry_run else write_atomic(note_path, text)
    (report.written if changed else report.kept).append(note_rel)
    return report
