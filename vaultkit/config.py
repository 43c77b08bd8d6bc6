"""``vaultkit.toml``: what a vault syncs (its selections), where notes go, and which forum.

The file is created on the first sync and read on every later one, so a plain `vaultkit sync VAULT`
repeats the selections. Selections given on the command line are added to it. It is edited with
tomlkit, so a user's comments and layout survive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from vaultkit.errors import ConfigError
from vaultkit.model.sites import DEFAULT_SITE, SITES
from vaultkit.vault.atomic import write_atomic
from vaultkit.vault.folder import vault_subfolder

CONFIG_NAME = "vaultkit.toml"

_ROOT = SITES[DEFAULT_SITE].folder  # one layout for every site until a vault holds several
DEFAULT_FOLDERS = {
    "post": f"{_ROOT}/Posts",
    "sequence": f"{_ROOT}/Sequences",
    "collection": f"{_ROOT}/Collections",
    "concept": f"{_ROOT}/Concepts",
    "author": f"{_ROOT}/Authors",
    "comments": f"{_ROOT}/Comments",
    "attachments": f"{_ROOT}/Attachments",
    "templates": "Templates",
}

HEADER = """\
# vaultkit settings for this vault. `vaultkit sync` with no options repeats these selections;
# options given on the command line are added here. Edit freely: comments are kept.
"""


@dataclass
class Selections:
    """What to sync. Lists grow as the user adds selections; scalars are replaced."""

    posts: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sequences: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    since: str | None = None         # YYYY-MM-DD: every post from this date on
    until: str | None = None
    min_karma: int | None = None
    comments: bool = False
    comment_min_karma: int | None = None
    concepts: bool = False
    images: bool = False

    def is_empty(self) -> bool:
        return not (self.posts or self.authors or self.tags or self.sequences or self.collections
                    or self.since or self.until)

    def merged(self, other: "Selections") -> "Selections":
        """These selections plus `other`'s (lists united, scalars from `other` when given)."""
        values = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, list):
                values[f.name] = mine + [x for x in theirs if x not in mine]
            elif isinstance(mine, bool) or f.name in ("comments", "concepts", "images"):
                values[f.name] = bool(mine or theirs)
            else:
                values[f.name] = theirs if theirs is not None else mine
        return Selections(**values)


@dataclass
class Settings:
    site: str = DEFAULT_SITE
    endpoint: str | None = None
    delay: float | None = None
    demo: bool = False               # a demo vault: re-runs use the bundled data, never the forum
    select: Selections = field(default_factory=Selections)
    folders: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FOLDERS))


def _date(value: Any, name: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ConfigError(f"`{name}` must be a date like 2020-01-31, not {value!r}.",
                          hint=f"Fix `{name}` in {CONFIG_NAME} or on the command line.") from None


def validate_selections(sel: Selections) -> Selections:
    """Check values a user can get wrong; raises `ConfigError` naming the setting."""
    sel.since, sel.until = _date(sel.since, "since"), _date(sel.until, "until")
    if sel.since and sel.until and sel.since >= sel.until:
        raise ConfigError(f"`since` ({sel.since}) must be before `until` ({sel.until}).",
                          hint="Swap the two dates.")
    for name in ("min_karma", "comment_min_karma"):
        value = getattr(sel, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigError(f"`{name}` must be a whole number, not {value!r}.",
                              hint=f"Fix `{name}` in {CONFIG_NAME}.")
    for name in ("posts", "authors", "tags", "sequences", "collections"):
        value = getattr(sel, name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"`{name}` must be a list of non-empty strings.",
                              hint=f"Fix `[select] {name}` in {CONFIG_NAME}.")
    return sel


def load_settings(vault: Path) -> Settings:
    """Read ``vaultkit.toml`` (defaults when it does not exist)."""
    path = Path(vault) / CONFIG_NAME
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
    settings.delay = doc.get("delay")
    settings.demo = bool(doc.get("demo", False))
    select = doc.get("select", {})
    known = {f.name for f in fields(Selections)}
    unknown = sorted(set(select) - known)
    if unknown:
        raise ConfigError(f"Unknown setting `[select] {unknown[0]}` in {path}.",
                          hint="Known: " + ", ".join(sorted(known)) + ".")
    settings.select = validate_selections(Selections(**select))
    folders = doc.get("folders", {})
    for key, value in folders.items():
        if key not in DEFAULT_FOLDERS:
            raise ConfigError(f"Unknown folder `[folders] {key}` in {path}.",
                              hint="Known: " + ", ".join(DEFAULT_FOLDERS) + ".")
        settings.folders[key] = _folder(value, key)
    return settings


def _folder(value: Any, key: str) -> str:
    return vault_subfolder(value, f"Folder `[folders] {key}` =")


def save_settings(vault: Path, settings: Settings) -> bool:
    """Write the settings into ``vaultkit.toml``, keeping the user's comments and other keys."""
    path = Path(vault) / CONFIG_NAME
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
    if "select" not in doc:
        doc["select"] = tomlkit.table()
    select = doc["select"]
    for f in fields(Selections):
        value = getattr(settings.select, f.name)
        if value in (None, [], False):
            if f.name in select:
                del select[f.name]
            continue
        if select.get(f.name) != value:
            select[f.name] = value
    if "folders" not in doc:
        folders = tomlkit.table()
        for key, value in settings.folders.items():
            folders[key] = value
        doc["folders"] = folders
    return write_atomic(path, tomlkit.dumps(doc))
