"""`vaultkit sync`: build and keep an Obsidian vault from the forum.

The run, stage by stage:

1. settings: ``vaultkit.toml`` plus the selections given now (saved back for the next run);
2. lock the vault, open its database ``.vaultkit/vaultkit.sqlite3`` and load the state (a killed
   run left its announced writes there; an old JSON state is migrated once);
3. scan the vault's frontmatter (cached by stat) to find every note by `lw_id`, wherever it is;
4. fetch what the selections want and what changed upstream (`vaultkit.sync.gather`);
5. give new notes safe, unique paths; build the link context of the vault as it will be;
6. render the notes whose item changed or whose links now resolve differently;
7. plan each note (create / update / unchanged / conflict / skipped) and apply the plan, with its
   entry committed as pending before each write, so a kill at any moment is recovered next run.

A sync large enough to convert in a worker runs 5-7 for its new posts during 4, a batch at a
time (`_render_ahead`); the notes whose links resolve differently at the end are rendered again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import ChainMap
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Mapping

from vaultkit.config import Selection, Settings, load_settings, save_settings, validate_selection
from vaultkit.errors import ConfigError, NotFoundError
from vaultkit.fetch.forum import ForumClient
from vaultkit.model.items import BookNote, Collection, Comments, Item, Post, Sequence
from vaultkit.model.sites import DEFAULT_SITE, SITES, home_site, site_of_item_url, site_of_url
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.render.images import DownloadingImageStore
from vaultkit.render.names import NameAllocator
from vaultkit.render.notes import render_note
from vaultkit.render.templates import Templates
from vaultkit.sync.clients import SiteClients
from vaultkit.sync.context import VaultLinkContext
from vaultkit.sync.copies import ConflictCopies
from vaultkit.sync.gather import Gathered, Gatherer, iso, range_key
from vaultkit.sync.index import VaultIndex, cache_signature, index_notes, list_notes, signature
from vaultkit.sync.kept import KeptItems
from vaultkit.sync.obsidian_setup import set_up_vault
from vaultkit.sync.plan import Action, plan_note
from vaultkit.sync.state import SyncState, new_entry
from vaultkit.vault.atomic import WriteBatch, remove_stale_temp_files
from vaultkit.vault.database import Database
from vaultkit.vault.folder import STATE_FOLDER, create_vault_folder, refuse_folder_inside_a_vault, require_vault_folder
from vaultkit.vault.lock import LOCK_NAME, vault_lock
from vaultkit.vault.settings_files import OBSIDIAN_TYPES_FILE, unreadable_settings

KIND_ORDER = ("collection", "book", "sequence", "post", "comments", "concept", "author")
# How stale `last_fetch` may get before a run with nothing new records a newer one.
REFRESH_CUTOFF_AFTER = dt.timedelta(days=7)
# Notes rendered and written together (one commit announcing them, one sync to disk): batches
# grow from 1 to this, so the first notes appear at once and a kill loses little work.
NOTE_BATCH = 256


@dataclass
class SyncOptions:
    """One run's options (`select`, the selection named on the command line, is added to those
    saved in ``vaultkit.toml``; `delay` is for this run only)."""

    select: Selection = field(default_factory=Selection)
    preset: list[Selection] = field(default_factory=list)   # added besides `select` (the demo's)
    site: str | None = None
    endpoint: str | None = None
    delay: float | None = None
    dry_run: bool = False
    force: bool = False
    restore: bool = False
    demo: bool = False
    today: dt.date | None = None       # the `synced` date written into changed notes
    now: dt.datetime | None = None     # the fetch cutoff recorded for the next run


@dataclass
class SyncReport:
    """What a run did (or, with `dry_run`, would do)."""

    vault: str
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[dict[str, str]] = field(default_factory=list)
    # every conflict copy in the vault after the run (what `vaultkit check` lists), including
    # copies you edited, which stay after their conflict was resolved
    open_conflicts: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    tombstoned: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)    # changes in what the settings mean
    set_up: list[str] = field(default_factory=list)
    requests: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {"created": len(self.created), "updated": len(self.updated),
                "unchanged": self.unchanged, "conflicts": len(self.open_conflicts),
                "skipped": len(self.skipped) + len(self.tombstoned), "requests": self.requests}

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "counts": self.counts}


def check_delay(delay: float | None) -> None:
    """`--delay` is seconds between requests: never negative."""
    if delay is not None and delay < 0:
        raise ConfigError(f"--delay must be 0 or more seconds, not {delay:g}.",
                          hint="For example: --delay 1.5")


def effective_settings(vault: Path, options: SyncOptions) -> Settings:
    """The saved settings with this run's options laid over them."""
    settings = load_settings(vault)
    given = validate_selection(options.select)
    if given.is_empty() and given.has_options():
        raise ConfigError("--comments, --comment-min-karma, --concepts and --images belong to the "
                          "selection they are given with, and none was given.",
                          hint="Give them with a source or a filter, e.g. `--post URL --comments`; "
                               "to change a saved selection, edit its [[selection]] in vaultkit.toml.")
    site = options.site or _site_of_urls(given)
    if site:
        if site not in SITES:
            raise ConfigError(f"Unknown site {site!r}.", hint=f"Use one of: {', '.join(SITES)}.")
        if not (settings.selections or (vault / STATE_FOLDER).exists()):
            settings.make_home(site)        # a new vault: its own forum, under its own folder
        elif site != settings.site:
            if given.is_empty():
                raise ConfigError(f"--site {site} names the forum of a selection, and none was given.",
                                  hint=f"Add what to sync from {site}, e.g. `--site {site} "
                                       f"--author SLUG`; {vault} keeps syncing {settings.site} too.")
            given.site = site               # this selection reads another forum
    if options.endpoint:
        if (given.site or settings.site) == settings.site:
            settings.endpoint = options.endpoint
        else:
            settings.endpoints[given.site] = options.endpoint
    check_delay(options.delay)
    for preset in options.preset:
        settings.add(validate_selection(preset))
    settings.add(given)
    if not settings.selections:
        raise ConfigError(f"Nothing to sync into {vault}: no selections given or saved.",
                          hint="Add one, e.g. `vaultkit sync VAULT --sequence ID`, "
                               "`--author SLUG`, `--post URL` or `--since 2024-01-01`; "
                               "or try `vaultkit sync --demo DIR`.")
    return settings


def _site_of_urls(given: Selection) -> str | None:
    """The forum the pasted URLs come from (a selection reads one forum). An Alignment Forum
    post is a LessWrong post, so with LessWrong URLs beside it LessWrong is read."""
    refs = [*given.posts, *given.sequences]
    sites = {site_of_url(ref.strip()) for ref in refs if "://" in ref} - {None}
    if sites == {"lesswrong", "alignmentforum"}:
        return "lesswrong"
    if len(sites) > 1:
        raise ConfigError(f"These URLs come from several forums ({', '.join(sorted(sites))}); "
                          "one command line reads one forum.",
                          hint="Sync each forum's URLs with a command line of its own.")
    return sites.pop() if sites else None


def sync_vault(vault: Path, options: SyncOptions, *, client: ForumClient | None = None,
               progress: Progress = NULL_PROGRESS) -> SyncReport:
    """Bring the vault at `vault` up to date with the forum; see the module docstring."""
    vault = Path(vault)
    if vault.exists():
        require_vault_folder(vault, "vaultkit sync", whole_vault=False)
    else:
        create_vault_folder(vault, dry_run=True)  # refuse a path under a file before any fetching
        refuse_folder_inside_a_vault(vault, "vaultkit sync", whole_vault=False)
    settings = effective_settings(vault, options)
    report = SyncReport(vault=str(vault), dry_run=options.dry_run, notices=list(settings.notices))
    database = Database.in_folder(vault / STATE_FOLDER, read_only=options.dry_run)
    clients = SiteClients(settings, options.delay, cache=None if options.dry_run else database,
                          given=client, progress=progress)
    try:
        if options.dry_run:
            state = SyncState.load(vault, database)
            _Run(vault, settings, options, clients, state, report, progress).run()
        else:
            _sync_locked(vault, settings, options, clients, database, report, progress)
    finally:
        database.close()
        clients.close()
    report.requests = clients.request_count
    return report


def _sync_locked(vault: Path, settings: Settings, options: SyncOptions, clients: SiteClients,
                 database: Database, report: SyncReport, progress: Progress) -> None:
    new_vault = not vault.exists()
    create_vault_folder(vault)
    try:
        with vault_lock(vault / STATE_FOLDER) as last_run_was_killed:
            if last_run_was_killed:
                remove_stale_temp_files(vault)
            state = SyncState.load(vault, database)
            run = _Run(vault, settings, options, clients, state, report, progress)
            run.run()
            save_settings(vault, _to_save(settings, options))
            state.save(run.vault_sig, copies=report.open_conflicts)
    except BaseException:
        if new_vault:
            with contextlib.suppress(OSError):  # released by now; a first run leaves no trace
                (vault / STATE_FOLDER / LOCK_NAME).unlink()
            # only what this failed first run created, and only if nothing worth keeping is in it
            # (a response cache lets the next attempt resume)
            if database.created and database.is_empty():
                database.remove_if_created()
            _remove_if_empty(vault / STATE_FOLDER, vault)
        raise


def _remove_if_empty(*folders: Path) -> None:
    """Undo the folders a failed first run created, if it wrote nothing into them."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            pass


def _to_save(settings: Settings, options: SyncOptions) -> Settings:
    """What goes into ``vaultkit.toml``: a demo vault never records the stand-in's random port."""
    if options.demo:
        return Settings(site=settings.site, endpoint=None, delay=None, demo=True,
                        selections=settings.selections, folders=settings.folders)
    return settings


def describe(item: Item) -> dict[str, Any]:
    """The fields of a state entry that come from the item itself."""
    fields: dict[str, Any] = {"kind": item.kind, "title": item.title,
                              "site": site_of_item_url(item.url),
                              "slug": getattr(item, "slug", "") or "",
                              "old_slugs": list(getattr(item, "old_slugs", []))}
    if isinstance(item, Post):
        fields.update(posted=item.posted or "", modified=item.modified or "", tags=[t.id for t in item.tags],
                      authors=[x for x in [item.author_id, *item.coauthor_ids] if x])
    elif isinstance(item, Sequence):
        fields["members"] = item.post_ids
    elif isinstance(item, Collection):
        fields["members"] = [book.id for book in item.books if book.id]
    elif isinstance(item, BookNote):
        fields.update(members=item.sequence_ids, collection=item.collection_id,
                      book_posts=item.post_ids)
    elif isinstance(item, Comments):
        fields.update(post=item.post_id, empty=not item.comments)  # no note for a post without comments
    return fields


def _in_memory(items: Mapping[str, Item], lw_id: str) -> Item | None:
    """The item of `lw_id` if `items` holds it in memory (a kept item forgotten since is loaded
    with the others of its batch, in one query)."""
    return items.peek(lw_id) if isinstance(items, KeptItems) else items.get(lw_id)


def _sort_key(kind: str, lw_id: str, posted: str = "") -> tuple[int, str, str]:
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), posted, lw_id)


@dataclass
class _Ahead:
    """What a large sync keeps between the batches of posts it renders ahead (`_render_ahead`)."""

    index: VaultIndex                        # the vault's notes, those written ahead included
    ctx: VaultLinkContext                    # the notes placed so far, guessed authors included
    allocator: NameAllocator                 # paths given to new notes so far
    authors: dict[str, dict[str, Any]]       # entries guessed for authors not fetched yet
    guesses: NameAllocator                   # ... and the paths guessed for their notes


class _Run:
    """One sync run over a locked vault."""

    def __init__(self, vault: Path, settings: Settings, options: SyncOptions, clients: SiteClients,
                 state: SyncState, report: SyncReport, progress: Progress):
        self.vault, self.settings, self.options = vault, settings, options
        self.clients, self.state, self.report, self.progress = clients, state, report, progress
        self.today = options.today or dt.date.today()
        self.now = options.now or dt.datetime.now(dt.timezone.utc)
        self.templates = Templates(vault / STATE_FOLDER / "templates")
        self.vault_sig: str | None = state.summary.get("vault_sig")
        self.copies = ConflictCopies(vault, report.problems, dry_run=options.dry_run)
        self._index_made: VaultIndex | None = None   # the vault's notes, once indexed
        self._ahead: _Ahead | None = None   # what rendering ahead keeps between batches
        self._written: set[str] = set()     # ids of the notes created ahead

    def run(self) -> None:
        self.report.problems.extend(
            f"{rel} cannot be read ({why}); vaultkit leaves it as it is, so Obsidian may show some "
            "properties with the wrong type until it is fixed"
            for rel, why in unreadable_settings(self.vault) if rel == OBSIDIAN_TYPES_FILE)
        first_sync = not self.state.meta.get("set_up")
        stats = None if first_sync else list_notes(self.vault)
        template_sigs = self.templates.signatures()
        changed_kinds = {k for k, v in template_sigs.items()
                         if self.state.meta.get("templates", {}).get(k) != v}
        # A vault untouched since a complete run needs no reconciling: ask the forum first, and
        # read the (large) entries only if it brings something new.
        shortcut = stats is not None and not changed_kinds and not self.settings.added \
            and self.state.unchanged_since_last_run(signature(stats))
        self._index_made = None if shortcut or stats is None else self._index(stats)
        gathered = self._fetch(trust_state=shortcut)
        self._refuse_unknown_new_selections(gathered)
        self._set_up_once()
        self._ahead = None   # its link context and names are not needed again
        index = self._index_made   # made before fetching, or by the first batch rendered ahead
        if stats is None and index is None:
            stats = list_notes(self.vault)
        if shortcut and not gathered.items and not self.options.restore:
            self.report.unchanged = int(self.state.summary.get("notes", 0))
            self.report.open_conflicts = list(self.state.summary.get("copies", []))
            self.report.tombstoned = list(self.state.summary.get("tombstones", []))
            if not self.options.dry_run:
                self._record_fetch_time()
            return
        index = index or self._index(stats or [])
        del stats   # the index holds the paths; the rest, a tuple a note, is not needed again
        paths, new_paths = self._paths(index, gathered.items)
        ctx = VaultLinkContext(self.state.entries, paths, index.paths + sorted(new_paths.values()))
        todo = self._to_render(gathered, paths, new_paths, index, ctx, changed_kinds)
        lost = self._render_and_write(todo, gathered.items, paths, new_paths, ctx, index)
        if lost:
            # stored copies that could not be read: fetched again now, so this run heals them
            refetched = self._refetch(lost)
            self._keep_items(list(refetched.values()))
            self._render_and_write(lost, refetched, paths, new_paths, ctx, index)
        self.report.unchanged += len(paths) - len(set(todo) | self._written)
        if not self.options.dry_run:
            self.state.set_scan(index.cache)
            self._record_fetch_time()
            self.state.set_meta("templates", template_sigs)
            self.vault_sig = cache_signature(index.cache)
        self.report.open_conflicts = sorted(
            {rel for rel, cached in index.cache.items() if cached[3]}
            | {c["upstream_copy"] for c in self.report.conflicts if c["upstream_copy"]})

    def _set_up_once(self) -> None:
        """A first sync sets up the vault once the forum answered (so a first run that fails
        before writing any note leaves the folder as it was)."""
        if not self.options.dry_run and not self.state.meta.get("set_up"):
            self.report.set_up = set_up_vault(self.vault, self.settings.folders["templates"])
            self.state.set_meta("set_up", True)

    def _refuse_unknown_new_selections(self, gathered: Gathered) -> None:
        """A selection typed on this command line that the forum does not know is an error
        (before anything is written or saved); a saved one that disappeared stays a warning."""
        unknown = [f"{selection[:-1]} {ref!r}" for selection, ref in gathered.missing
                   if ref in getattr(self.options.select, selection)]
        if unknown:
            raise NotFoundError(
                f"Not found on {self.options.select.site or self.settings.site}: {', '.join(unknown)}.",
                hint="Check the id, URL or slug (copy it from the forum's address bar) and the "
                     "--site; nothing was written and vaultkit.toml is unchanged.")

    def _fetch(self, *, trust_state: bool) -> Gathered:
        """Fetch new and changed items, record them in the state and store them. Each forum's
        selections are read from that forum, and only ever touch its notes."""
        gathered = Gathered(items=KeptItems(load=self.state.load_item))
        # rendering ahead needs every selection checked before the first note: one forum only
        ahead = not self.options.dry_run and len(self._sites()) == 1
        for site in self._sites():
            gatherer = self._gatherer(site, trust_state=trust_state, ahead=ahead)
            part = gatherer.run(self.now)
            gathered.items.update(part.items)  # ids only: the items were stored as they came
            gathered.wanted |= part.wanted
            gathered.problems += part.problems
            gathered.missing += part.missing
            if gatherer.images is not None:
                gathered.problems += [f"image skipped, the note links it instead: {url} ({why})"
                                      for url, why in sorted(gatherer.images.failures.items())]
        self.report.problems.extend(gathered.problems)
        return gathered

    def _sites(self) -> list[str]:
        """The forums the saved selections read, the vault's own first."""
        named = {sel.site or self.settings.site for sel in self.settings.selections}
        return sorted(named, key=lambda s: (s != self.settings.site, s))

    def _refetch(self, lost: list[str]) -> dict[str, Item]:
        """Lost stored items, fetched again from the forum each came from."""
        found: dict[str, Item] = {}
        for site in self._sites():
            mine = [i for i in lost if self._entry_site(i) == home_site(site)]
            if mine:
                found.update(self._gatherer(site).refetch(mine))
        return found

    def _entry_site(self, lw_id: str) -> str:
        return self.state.entries[lw_id].get("site") or home_site(self.settings.site)

    def _folder(self, kind: str, site: str) -> str:
        """Where a new note of `kind` from `site` goes: the configured folder, under the forum's
        own top folder when it is not the vault's forum."""
        folder = self.settings.folders[kind]
        own = home_site(self.settings.site)
        if site == own or kind == "templates":
            return folder
        leaf = folder
        for root in (SITES[own].folder + "/", SITES[DEFAULT_SITE].folder + "/"):
            if folder.startswith(root):
                leaf = folder[len(root):]
                break
        return f"{SITES[site].folder}/{leaf}"

    def _keep_items(self, items: list[Item]) -> None:
        """Record fetched items in the state and store them (one transaction)."""
        for item in items:
            self._update_entry(item.id, describe(item))
        if items and not self.options.dry_run:
            self.state.store_items(items)

    def _gatherer(self, site: str, *, trust_state: bool = False, ahead: bool = False) -> Gatherer:
        selections = [s for s in self.settings.selections if (s.site or self.settings.site) == site]
        images = None
        if any(s.images for s in selections) and not self.options.dry_run:
            images = DownloadingImageStore(self.vault, self._folder("attachments", home_site(site)))
        return Gatherer(self.clients.get(site), self.state, selections, site, images, self.progress,
                        trust_state=trust_state, vault_site=home_site(self.settings.site),
                        items=self._kept_items(), render_ahead=self._render_ahead if ahead else None)

    def _kept_items(self) -> KeptItems:
        """Where fetched items go: stored in batches and forgotten (a dry run stores nothing, so
        it keeps them in memory)."""
        return KeptItems(self._keep_items, self.state.load_item, forget=not self.options.dry_run)

    def _to_render(self, gathered: Gathered, paths: dict[str, str], new_paths: dict[str, str],
                   index: VaultIndex, ctx: VaultLinkContext, changed_kinds: set[str]) -> list[str]:
        """Ids of the notes to render this run, in a stable order."""
        entries = self.state.entries
        # notes created ahead this run are rendered again only if their signature changed
        ahead = self._written
        todo = {i for i in gathered.items if i in paths and i not in ahead} | set(new_paths)
        # open conflicts are reported again; pending: a killed run announced a write it may not have made
        todo |= {i for i in paths if i not in ahead and (
            entries[i].get("conflict") or entries[i].get("pending") or entries[i]["kind"] in changed_kinds)}
        if ahead or not self._nothing_moved(index, todo):
            # a note rendered anyway needs no signature (after a template edit: none does)
            todo |= {i for i in paths if i not in todo
                     and entries[i].get("sig") != ctx.signature(entries[i].get("refs", []))}
        return sorted(todo, key=lambda i: _sort_key(entries[i]["kind"], i))

    def _index(self, stats: list[tuple[str, int, int]]) -> VaultIndex:
        index = index_notes(self.vault, stats, self.state.scan)
        for lw_id, others in sorted(index.duplicates.items()):
            known = self.state.entries.get(lw_id, {}).get("path")
            if known in others:  # the note vaultkit wrote is the original; the others are copies
                others[others.index(known)] = index.by_id[lw_id]
                index.by_id[lw_id] = known
            self.report.problems.append(
                f"{', '.join(others)} and {index.by_id[lw_id]} share lw_id {lw_id}; only "
                f"{index.by_id[lw_id]} is updated (remove lw_id from the copies)")
        self._reconcile(index)
        return index

    # -- stages ---------------------------------------------------------------------------

    def _nothing_moved(self, index: VaultIndex, todo: set[str]) -> bool:
        """True when no link can resolve differently from the last run: no note was added, moved,
        renamed or changed on disk, and no item changed. Then the per-note check is skipped."""
        return not todo and not self.state.dirty and index.cache == self.state.scan

    def _update_entry(self, lw_id: str, fields: dict[str, Any]) -> None:
        entry = self.state.entries.get(lw_id)
        if entry is None:
            entry = self.state.entries[lw_id] = new_entry(fields["kind"])
            self.state.dirty = True
        for key, value in fields.items():
            if entry.get(key) != value:
                entry[key] = value
                self.state.dirty = True

    def _reconcile(self, index: VaultIndex) -> None:
        """Follow moved notes; turn notes the user deleted into tombstones."""
        for lw_id, entry in self.state.entries.items():
            path = index.by_id.get(lw_id)
            if path is not None:
                if entry.get("path") != path or entry.get("tombstone"):
                    entry.update(path=path, tombstone=False)
                    self.state.dirty = True
            elif entry.get("hashes") and not entry.get("pending") and not entry.get("tombstone"):
                entry["tombstone"] = True
                self.state.dirty = True
            if entry.get("tombstone") and not self.options.restore:
                self.report.tombstoned.append(entry.get("path") or lw_id)

    def _paths(self, index: VaultIndex, items: dict[str, Item]) -> tuple[dict[str, str], dict[str, str]]:
        """(id -> path of every vaultkit note that exists, id -> path for notes to create)."""
        existing = {i: p for i, p in index.by_id.items() if i in self.state.entries}
        creating = []
        for lw_id, entry in self.state.entries.items():
            if lw_id in existing or entry.get("empty"):
                continue
            wanted = lw_id in items or entry.get("pending") or not entry.get("hashes")
            if entry.get("tombstone"):
                wanted = self.options.restore
            if wanted and (lw_id in items or self.state.has_item(lw_id)):
                creating.append(lw_id)
        allocator = NameAllocator(index.paths)
        # posts oldest first, as a large sync names them when the listing brings them: a title
        # two new posts share goes to the older one either way
        entries = self.state.entries
        new_paths = {lw_id: self._new_path(lw_id, allocator) for lw_id in
                     sorted(creating, key=lambda i: _sort_key(entries[i]["kind"], i, entries[i].get("posted", "")))}
        return {**existing, **new_paths}, new_paths

    def _new_path(self, lw_id: str, allocator: NameAllocator) -> str:
        """The path of a note to create, reserved in `allocator`."""
        entry = self.state.entries[lw_id]
        old = entry.get("path")
        if old and not allocator.is_taken(old):
            allocator.reserve(old)  # a note vaultkit started to write, or one being restored
            return old
        return allocator.allocate(self._folder(entry["kind"], self._entry_site(lw_id)), entry["title"])

    def _creates(self, lw_id: str, index: VaultIndex) -> bool:
        """Whether the run creates the note of `lw_id`, an item it fetched (see `_paths`)."""
        entry = self.state.entries[lw_id]
        return lw_id not in index.by_id and not entry.get("empty") \
            and (self.options.restore or not entry.get("tombstone"))

    def _render_and_write(self, ids: list[str], items: Mapping[str, Item], paths: dict[str, str],
                          new_paths: dict[str, str], ctx: VaultLinkContext, index: VaultIndex) -> list[str]:
        """Render, plan, report and (unless a dry run) write the notes of `ids`, a batch at a time,
        so memory holds one batch of note texts; returns the ids whose stored item is lost."""
        lost: list[str] = []
        self.progress.start(len(ids), "Rendering notes")
        start, size = 0, 1
        while start < len(ids):
            actions, missing = self._plan(ids[start:start + size], items, paths, new_paths, ctx)
            self.progress.advance(len(ids[start:start + size]))
            start, size = start + size, min(2 * size, NOTE_BATCH)
            lost += missing
            for action in actions:
                self.copies.spare_edited(action)
                if not (action.op == "create" and action.lw_id in self._written):  # reported then
                    self._report(action)
            if not self.options.dry_run:
                self._apply(actions, index)
            else:   # what the real run would leave is what a dry run reports
                self.copies.retire_settled(actions, index)
        self.progress.finish()
        return lost

    def _plan(self, ids: list[str], items: Mapping[str, Item], paths: dict[str, str],
              new_paths: dict[str, str], ctx: VaultLinkContext) -> tuple[list[Action], list[str]]:
        """(the action for each note, the ids whose stored item is lost or unreadable)."""
        actions, lost = [], []
        held = {i: item for i in ids if (item := _in_memory(items, i)) is not None}
        held.update(self.state.load_items([i for i in ids if i not in held]))
        for lw_id in ids:
            item = held.pop(lw_id, None)
            if item is None:
                lost.append(lw_id)
                continue
            entry = self.state.entries[lw_id]
            ctx.start_note()
            note = render_note(item, ctx, self.templates)
            refs, sig = ctx.used_signature()
            path = paths[lw_id]
            existing = None if lw_id in new_paths or self._untouched_ahead(lw_id, path) else self._read(path)
            copy = entry.get("conflict")
            action = plan_note(note, entry, path, existing, self.today, force=self.options.force,
                               copy_exists=bool(copy) and (self.vault / copy).is_file())
            action.entry.update(refs=refs, sig=sig, version=item.version, **describe(item))
            actions.append(action)
        return actions, lost

    # -- rendering ahead ------------------------------------------------------------------

    def _render_ahead(self, items: list[Item], gathered: Gathered) -> None:
        """Create the notes of the new posts of `items` (stored already) while the next batch is
        fetched and converted. Paths are given in the order posts arrive; links resolve against
        the notes placed so far, and an author not fetched yet by the name the post gives; a
        note linking a post still to come, or whose comments note comes at the end, is left to
        the end (`_waits`). `_to_render` renders a note
        written ahead again only if its links resolve differently at the end (its signature
        changed): the bytes are those of rendering it at the end."""
        ahead = self._ahead or self._start_ahead(gathered)
        held = {item.id: item for item in items
                if isinstance(item, Post) and self._creates(item.id, ahead.index)}
        new = {lw_id: self._new_path(lw_id, ahead.allocator) for lw_id in held}
        for post in held.values():
            self._guess_author(post, ahead)
        ahead.ctx.add_notes(new)
        actions, _lost = self._plan(list(held), held, ahead.ctx.paths, new, ahead.ctx)
        actions = [a for a in actions if not self._waits(a, held[a.lw_id], gathered, ahead.ctx)]
        for action in actions:
            self._report(action)
        self._apply(actions, ahead.index)
        for action in actions:
            if action.op == "create":
                ahead.index.by_id[action.lw_id] = action.path
                self._written.add(action.lw_id)

    @staticmethod
    def _waits(action: Action, post: Item, gathered: Gathered, ctx: VaultLinkContext) -> bool:
        """Whether a note rendered ahead links a post this run brings later, or its comments
        note, which comes at the end: then it is left to the end (written once, not twice)."""
        if isinstance(post, Post) and post.comment_count and post.id in gathered.comments:
            return True
        return any(ref.startswith("post:") and ref[5:] in gathered.wanted and ref[5:] not in ctx.paths
                   for ref in action.entry["refs"])

    def _start_ahead(self, gathered: Gathered) -> "_Ahead":
        """The first batch rendered ahead: the selections were all answered, so the run is
        checked, the vault set up and indexed as the end of the run would do it."""
        self._refuse_unknown_new_selections(gathered)
        self._set_up_once()
        index = self._index_made = self._index_made or self._index(list_notes(self.vault))
        entries = self.state.entries
        authors: dict[str, dict[str, Any]] = {}
        ctx = VaultLinkContext(ChainMap(entries, authors),
                               {i: p for i, p in index.by_id.items() if i in entries}, list(index.paths))
        self._ahead = _Ahead(index, ctx, NameAllocator(index.paths), authors, NameAllocator(index.paths))
        # the collections, books and sequences come before posts in `_paths`'s order: placed now
        # where it will put them, so posts find their reading order and books ahead
        first = KIND_ORDER[:KIND_ORDER.index("post")]
        placed = sorted((i for i in gathered.items if entries[i]["kind"] in first and self._creates(i, index)),
                        key=lambda i: _sort_key(entries[i]["kind"], i))
        ctx.add_notes({lw_id: self._new_path(lw_id, self._ahead.allocator) for lw_id in placed})
        return self._ahead

    def _guess_author(self, post: Post, ahead: "_Ahead") -> None:
        """Place the post's author, not fetched yet, where its note will most likely go."""
        name = (post.author_name or "").strip()
        if post.author_id and name and post.author_id not in self.state.entries \
                and post.author_id not in ahead.authors:
            ahead.authors[post.author_id] = {"kind": "author", "title": name}
            folder = self._folder("author", self._entry_site(post.id))
            ahead.ctx.add_notes({post.author_id: ahead.guesses.allocate(folder, name)})

    def _untouched_ahead(self, lw_id: str, path: str) -> bool:
        """Whether the note at `path` was created ahead this run and is as it was written then
        (so it is made again as new: what rendering it at the end would have created)."""
        if lw_id not in self._written or self._index_made is None:
            return False
        cached = self._index_made.cache.get(path)
        try:
            st = os.stat(os.path.join(self.vault, path))
        except OSError:
            return False
        return cached is not None and cached[:2] == [st.st_size, st.st_mtime_ns]

    def _apply(self, actions: list[Action], index: VaultIndex) -> None:
        """Write the notes of `actions`, a batch at a time: the batch's writes are announced
        (entries marked pending, one commit), written (one sync to disk for the batch), then the
        entries of notes not rewritten are recorded; last, the conflict copies they settle go."""
        announced: dict[str, dict[str, Any]] = {}
        others: dict[str, dict[str, Any]] = {}
        for action in actions:
            entry = action.entry
            if action.text is not None:
                old = self.state.entries.get(action.lw_id, {}).get("hashes", [])
                announced[action.lw_id] = {**entry, "pending": True, "hashes": (old + entry["hashes"])[-2:]}
            elif entry != self.state.entries.get(action.lw_id):
                others[action.lw_id] = entry
        self.state.record_many(announced)
        written: list[tuple[str, str | None, str | None]] = []   # (path, lw_id, conflict_of)
        with WriteBatch() as batch:
            for action in actions:
                if action.conflict_text is not None:
                    batch.write(self.vault / action.conflict_path, action.conflict_text)
                    written.append((action.conflict_path, None, action.lw_id))
                if action.text is not None:
                    batch.write(self.vault / action.path, action.text)
                    written.append((action.path, action.lw_id, None))
                    self.state.entries[action.lw_id] = action.entry  # saved at the end; pending is committed
        self.state.record_many(others)
        for rel, lw_id, conflict_of in written:
            st = os.stat(os.path.join(self.vault, rel))
            if rel not in index.cache:
                index.paths.append(rel)
            index.cache[rel] = [st.st_size, st.st_mtime_ns, lw_id, conflict_of]
        self.copies.retire_settled(actions, index)

    def _read(self, rel: str) -> str:
        """The text of the note at `rel` (plain `open`: a pathlib join per note was felt at 50k)."""
        with open(os.path.join(self.vault, rel), encoding="utf-8") as handle:
            return handle.read()

    def _report(self, action: Action) -> None:
        report = self.report
        if action.op == "create":
            report.created.append(action.path)
        elif action.op == "update":
            report.updated.append(action.path)
        elif action.op == "conflict":
            report.conflicts.append({"note": action.path, "upstream_copy": action.conflict_path or "",
                                     "reason": action.reason})
        elif action.op == "skipped":
            report.skipped.append({"note": action.path, "reason": action.reason})
        else:
            report.unchanged += 1

    def _record_fetch_time(self) -> None:
        """Remember the cutoff for the next run, unless that alone would be the only write."""
        last = self.state.meta.get("last_fetch")
        stale = not last or (self.now - dt.datetime.fromisoformat(last.replace("Z", "+00:00"))
                             > REFRESH_CUTOFF_AFTER)
        if self.state.dirty or stale:
            self.state.set_meta("last_fetch", iso(self.now))
            self.state.set_meta("ranges", [range_key(s) for s in self.settings.selections
                                           if s.is_whole_site()])
