"""``vaultkit.toml``: what a vault syncs (its selections), where notes go, and which forum.

The file is created on the first sync and read on every later one, so a plain `vaultkit sync VAULT`
repeats the selections. Each command line that names something to sync adds one
``[[selection]]`` table: its sources (posts, authors, tags, sequences, collections, the library,
every concept; none means the
whole site), its filters (since, until, min_karma), which narrow every source of that table, and its
options (comments, concepts, images), which apply to the posts of that table only. The file is
edited with tomlkit, so a user's comments and layout survive.

Older versions wrote one ``[select]`` table; it is read as one selection (see `LEGACY_NOTICE`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from vaultkit.errors import ConfigError
from vaultkit.model.sites import DEFAULT_SITE, SITES, Site
from vaultkit.vault.atomic import write_atomic
from vaultkit.vault.folder import SETTINGS_NAME, vault_subfolder

_ROOT = SITES[DEFAULT_SITE].folder  # a new vault of another forum starts under its own (`make_home`)
DEFAULT_FOLDERS = {
    "post": f"{_ROOT}/Posts",
    "sequence": f"{_ROOT}/Sequences",
    "collection": f"{_ROOT}/Collections",
    "book": f"{_ROOT}/Books",
    "concept": f"{_ROOT}/Concepts",
    "author": f"{_ROOT}/Authors",
    "comments": f"{_ROOT}/Comments",
    "attachments": f"{_ROOT}/Attachments",
    "templates": "Templates",
}

HEADER = """\
# vaultkit settings for this vault. `vaultkit sync VAULT` with no options repeats every
# [[selection]] below; each command line that names something to sync adds one.
# In a selection, sources (posts, authors, tags, sequences, collections, library, all_concepts;
# none = the whole site) are narrowed by its filters (since, until, min_karma), and its options
# (comments, concepts, images) apply to its posts only. Edit freely: comments are kept.
"""

LEGACY_NOTICE = ("vaultkit.toml: the old [select] table is now a [[selection]]; its since/until/"
                 "min_karma now narrow its {sources} (they used to add every post of the site in "
                 "that range as well). Notes already synced stay; add a [[selection]] with only "
                 "the dates to get the whole site again.")

LIST_SOURCES = ("posts", "authors", "tags", "sequences", "collections")
SOURCE_FIELDS = (*LIST_SOURCES, "library", "all_concepts")
FILTER_FIELDS = ("since", "until", "min_karma")
OPTION_FIELDS = ("comments", "comment_min_karma", "concepts", "images")


@dataclass
class Selection:
    """One selection: sources (none: the whole site), filters that narrow them, and options for
    the posts they give."""

    posts: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sequences: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    library: bool = False            # the three collections, the curated sequences, their concepts
    all_concepts: bool = False       # every tag and wiki page of the forum (a source of concepts)
    since: str | None = None         # YYYY-MM-DD: posted on or after
    until: str | None = None         # YYYY-MM-DD: posted before
    min_karma: int | None = None
    comments: bool = False
    comment_min_karma: int | None = None
    concepts: bool = False
    images: bool = False
    site: str | None = None          # the forum it reads, when not the vault's (`site`)

    def has_sources(self) -> bool:
        return any(getattr(self, name) for name in SOURCE_FIELDS)

    def has_filters(self) -> bool:
        return any(getattr(self, name) is not None for name in FILTER_FIELDS)

    def has_options(self) -> bool:
        return bool(self.comments or self.comment_min_karma is not None or self.concepts or self.images)

    def is_empty(self) -> bool:
        """Names nothing to sync (options alone do not)."""
        return not (self.has_sources() or self.has_filters())

    def is_whole_site(self) -> bool:
        return not self.has_sources()

    def to_dict(self) -> dict[str, Any]:
        """The keys that are set, in field order (what goes into a ``[[selection]]`` table)."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) not in (None, [], False)}


@dataclass
class Settings:
    site: str = DEFAULT_SITE
    endpoint: str | None = None      # the vault's own forum's
    endpoints: dict[str, str] = field(default_factory=dict)   # other forums' (site -> URL)
    delay: float | None = None       # only as written in the file: `--delay` is for one run
    demo: bool = False               # a demo vault: re-runs use the bundled data, never the forum
    tag_encoder: str | None = None   # [tag] encoder: "auto" or "off" (the tagger's sentence encoder)
    selections: list[Selection] = field(default_factory=list)
    folders: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FOLDERS))
    notices: list[str] = field(default_factory=list)   # what changed in meaning when read
    added: list[Selection] = field(default_factory=list)  # added since read: not listed before

    def make_home(self, site: str) -> None:
        """Make `site` the forum of a new vault: folders still at their defaults move under that
        forum's own top folder (`EA Forum/Posts` …); folders set in the file stay."""
        self.site = site
        root = SITES[site].folder
        for key, folder in self.folders.items():
            if folder == DEFAULT_FOLDERS[key] and folder.startswith(_ROOT + "/"):
                self.folders[key] = root + folder[len(_ROOT):]

    def add(self, selection: Selection) -> bool:
        """Add a selection unless an equal one is saved; True when added."""
        if selection.is_empty() or selection in self.selections:
            return False
        self.selections.append(selection)
        self.added.append(selection)
        return True


def _date(value: Any, name: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ConfigError(f"`{name}` must be a date like 2020-01-31, not {value!r}.",
                          hint=f"Fix `{name}` in {SETTINGS_NAME} or on the command line.") from None


def validate_selection(sel: Selection) -> Selection:
    """Check values a user can get wrong; raises `ConfigError` naming the setting."""
    sel.since, sel.until = _date(sel.since, "since"), _date(sel.until, "until")
    if sel.since and sel.until and sel.since >= sel.until:
        raise ConfigError(f"`since` ({sel.since}) must be before `until` ({sel.until}).",
                          hint="Swap the two dates.")
    for name in ("min_karma", "comment_min_karma"):
        value = getattr(sel, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigError(f"`{name}` must be a whole number, not {value!r}.",
                              hint=f"Fix `{name}` in {SETTINGS_NAME}.")
    for name in LIST_SOURCES:
        value = getattr(sel, name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"`{name}` must be a list of non-empty strings.",
                              hint=f"Fix `{name}` in the [[selection]] of {SETTINGS_NAME}.")
    for name in ("library", "all_concepts", "comments", "concepts", "images"):
        if not isinstance(getattr(sel, name), bool):
            raise ConfigError(f"`{name}` must be true or false, not {getattr(sel, name)!r}.",
                              hint=f"Fix `{name}` in {SETTINGS_NAME}.")
    if sel.site is not None and sel.site not in SITES:
        raise ConfigError(f"Unknown site {sel.site!r} in a selection.",
                          hint=f"Use one of: {', '.join(SITES)}.")
    return sel


def _selection(table: Any, where: str, path: Path) -> Selection:
    if not isinstance(table, dict):
        raise ConfigError(f"`{where}` in {path} must be a table.",
                          hint="Write it as [[selection]] followed by keys such as authors = [\"…\"].")
    known = {f.name for f in fields(Selection)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"Unknown setting `{where} {unknown[0]}` in {path}.",
                          hint="Known: " + ", ".join(sorted(known)) + ".")
    return validate_selection(Selection(**table))


def forum_of(vault: Path) -> Site:
    """The forum the vault was made for (its `site`): LessWrong when `vaultkit.toml` is missing,
    or cannot be read (the command has warned about that)."""
    try:
        return SITES[load_settings(vault).site]
    except ConfigError:
        return SITES[DEFAULT_SITE]


def load_settings(vault: Path) -> Settings:
    """Read ``vaultkit.toml`` (defaults when it does not exist)."""
    path = Path(vault) / SETTINGS_NAME
    if not path.exists():
        return Settings()
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8")).unwrap()
    except (OSError, UnicodeDecodeError, TOMLKitError) as error:
        raise ConfigError(f"Cannot read {path}: {error}.",
                          hint="Fix the TOML syntax, or delete the file to start over.") from error
    settings = Settings()
    settings.site = doc.get("site", settings.site)
    if settings.site not in SITES:
        raise ConfigError(f"Unknown site {settings.site!r} in {path}.", hint=f"Use one of: {', '.join(SITES)}.")
    settings.endpoint = doc.get("endpoint") or None
    endpoints = doc.get("endpoints", {})
    if not isinstance(endpoints, dict) or not all(k in SITES and isinstance(v, str)
                                                  for k, v in endpoints.items()):
        raise ConfigError(f"`[endpoints]` in {path} must map site names to URLs.",
                          hint=f"For example: eaforum = \"https://…/graphql\"; sites: {', '.join(SITES)}.")
    settings.endpoints = dict(endpoints)
    settings.delay = doc.get("delay")
    settings.demo = bool(doc.get("demo", False))
    settings.tag_encoder = _tag_encoder(doc.get("tag", {}), path)
    if "select" in doc:
        legacy = _selection(doc["select"], "[select]", path)
        if legacy.has_sources() and legacy.has_filters():
            named = [name for name in SOURCE_FIELDS if getattr(legacy, name)]
            settings.notices.append(LEGACY_NOTICE.format(sources=", ".join(named)))
        settings.add(legacy)
    tables = doc.get("selection", [])
    if not isinstance(tables, list):
        raise ConfigError(f"`selection` in {path} must be a list of [[selection]] tables.",
                          hint="Write each one as [[selection]] followed by its keys.")
    for number, table in enumerate(tables, 1):
        settings.add(_selection(table, f"[[selection]] #{number}", path))
    folders = doc.get("folders", {})
    for key, value in folders.items():
        if key not in DEFAULT_FOLDERS:
            raise ConfigError(f"Unknown folder `[folders] {key}` in {path}.",
                              hint="Known: " + ", ".join(DEFAULT_FOLDERS) + ".")
        settings.folders[key] = _folder(value, key)
    settings.added = []
    return settings


TAG_ENCODER_CHOICES = ("auto", "off")


def _tag_encoder(table: Any, path: Path) -> str | None:
    """`[tag] encoder`: "auto" (the sentence encoder when vaultkit[embeddings] is installed) or "off"."""
    if not isinstance(table, dict):
        raise ConfigError(f"`tag` in {path} must be a [tag] table.", hint='For example: [tag] encoder = "off".')
    unknown = sorted(set(table) - {"encoder"})
    if unknown:
        raise ConfigError(f"Unknown setting `[tag] {unknown[0]}` in {path}.", hint="Known: encoder.")
    value = table.get("encoder")
    if value is None:
        return None
    if not isinstance(value, str) or value.strip().lower() not in TAG_ENCODER_CHOICES:
        raise ConfigError(f"`[tag] encoder` in {path} is {value!r}, not one of {', '.join(TAG_ENCODER_CHOICES)}.",
                          hint='"auto" uses the sentence encoder when vaultkit[embeddings] is installed; "off" never does.')
    return value.strip().lower()


def _folder(value: Any, key: str) -> str:
    return vault_subfolder(value, f"Folder `[folders] {key}` =")


def save_settings(vault: Path, settings: Settings) -> bool:
    """Write the settings into ``vaultkit.toml``, keeping the user's comments and other keys.

    Saved selections already in the file are left as they are (with their comments); new ones are
    appended as ``[[selection]]`` tables. An old ``[select]`` table is replaced by its
    ``[[selection]]``."""
    path = Path(vault) / SETTINGS_NAME
    if path.exists():
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    else:
        doc = tomlkit.parse(HEADER)
    doc["site"] = settings.site
    if settings.demo:
        doc["demo"] = True
    for key in ("endpoint", "delay"):
        value = getattr(settings, key)
        if value is not None:
            doc[key] = value
    if settings.endpoints:
        endpoints = doc.get("endpoints") or tomlkit.table()
        for site, url in settings.endpoints.items():
            endpoints[site] = url
        doc["endpoints"] = endpoints
    _save_selections(doc, [s.to_dict() for s in settings.selections])
    if "folders" not in doc:
        folders = tomlkit.table()
        for key, value in settings.folders.items():
            folders[key] = value
        doc["folders"] = folders
    return write_atomic(path, tomlkit.dumps(doc))


def _save_selections(doc: Any, wanted: list[dict[str, Any]]) -> None:
    saved = doc.get("selection")
    saved_dicts = saved.unwrap() if saved is not None else []
    if "select" in doc:
        del doc["select"]
        saved_dicts = None       # rebuilt below, in the new form
    if saved is not None and saved_dicts is not None and \
            [validate_selection(Selection(**t)).to_dict() for t in saved_dicts] == wanted[:len(saved_dicts)]:
        for table in wanted[len(saved_dicts):]:
            saved.append(_table(table))
        return
    if not wanted:
        if "selection" in doc:
            del doc["selection"]
        return
    tables = tomlkit.aot()
    for table in wanted:
        tables.append(_table(table))
    doc["selection"] = tables


def _table(values: dict[str, Any]) -> Any:
    table = tomlkit.table()
    for key, value in values.items():
        table[key] = value
    return table
