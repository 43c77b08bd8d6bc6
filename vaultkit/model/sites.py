"""The forums vaultkit knows: one table of sites, their hosts, and the named collections.

Every other module asks this one: which site a host belongs to (`site_of_host`), a site's web
origin and GraphQL endpoint, the folder its notes go under, and the collection a name like
`rationality-a-z` stands for. `--endpoint` may point a run at any other deployment; the preset
still decides how URLs look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from vaultkit.errors import ConfigError


@dataclass(frozen=True)
class Site:
    """A forum deployment: its names, where its pages and GraphQL endpoint are, which hosts serve
    it, and the vault folder its notes belong under."""

    name: str                   # the key users type: --site NAME, `site = "NAME"` in vaultkit.toml
    title: str                  # how people call it
    origin: str                 # scheme + host of its web pages; normalised links point here
    endpoint: str
    history_start: str          # the earliest postedAt worth asking for (ISO-8601 UTC)
    hosts: tuple[str, ...]      # lower case, without "www."; every host whose URLs name its pages
    folder: str                 # top folder of its notes (the default layout uses LessWrong's)
    tag_prefix: str = "lw"      # posts' tags: `<prefix>/<tag slug>`
    home: str = ""              # the site whose notes its documents are ("": itself)


SITES: dict[str, Site] = {
    "lesswrong": Site(
        "lesswrong", "LessWrong", "https://www.lesswrong.com", "https://www.lesswrong.com/graphql",
        "2005-01-01T00:00:00.000Z",
        ("lesswrong.com", "lesserwrong.com", "greaterwrong.com"), "LessWrong"),
    # The AF host serves the same database with its views filtered to `af: true`.
    "alignmentforum": Site(
        "alignmentforum", "Alignment Forum", "https://www.alignmentforum.org",
        "https://www.alignmentforum.org/graphql", "2005-01-01T00:00:00.000Z",
        ("alignmentforum.org",), "Alignment Forum", home="lesswrong"),
    # The EA Forum asks bots to use its bot host.
    "eaforum": Site(
        "eaforum", "EA Forum", "https://forum.effectivealtruism.org",
        "https://forum-bots.effectivealtruism.org/graphql", "2011-11-24T00:00:00.000Z",
        ("forum.effectivealtruism.org", "forum-bots.effectivealtruism.org", "ea.greaterwrong.com"),
        "EA Forum", tag_prefix="ea"),
}
SITE_NAMES = tuple(SITES)
DEFAULT_SITE = "lesswrong"

_HOST_SITES = {host: site.name for site in SITES.values() for host in site.hosts}
_ORIGINS = [(site.origin + "/", site.name) for site in SITES.values()]
# A cheap first test for the converter's hot path: a URL naming none of the forums' domains is no
# forum URL. (Few short alternatives, the commonest first: this runs on every link of every post.)
FORUM_HOST_PATTERN = re.compile("|".join(dict.fromkeys(
    re.escape(".".join(host.split(".")[-2:])) for host in _HOST_SITES)))

# The collections the forum has special pages for; they can only be fetched by id.
COLLECTION_ALIASES = {
    "rationality-a-z": "oneQyj4pw77ynzwAF", "rationality": "oneQyj4pw77ynzwAF",
    "codex": "2izXHCrmJ684AnZ5X", "the-codex": "2izXHCrmJ684AnZ5X",
    "hpmor": "ywQvGBSojSQZTMpLh",
}
# URL paths `/<prefix>/<post slug>`: the reading pages of those collections.
READING_PAGE_PREFIXES = ("rationality", "codex", "hpmor")


def site_preset(name: str) -> Site:
    """The site called `name`; `ConfigError` listing the choices otherwise."""
    try:
        return SITES[name]
    except KeyError:
        raise ConfigError(f"Unknown site {name!r}.",
                          hint=f"Use one of: {', '.join(SITES)}; or pass --endpoint URL.") from None


def site_of_host(host: str) -> str | None:
    """The site name a host serves ("www." and case ignored), or None for other hosts."""
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return _HOST_SITES.get(host)


def site_of_url(url: str) -> str | None:
    """The site name an absolute URL is on, or None."""
    for origin, name in _ORIGINS:
        if url.startswith(origin):  # a forum's own page (every note's `url`): no parsing needed
            return name
    try:
        return site_of_host(urlsplit(url).hostname or "")
    except ValueError:
        return None


def home_site(name: str) -> str:
    """The site whose notes a site's documents are: an Alignment Forum post is a LessWrong post
    (the same id, one note with `af: true`)."""
    site = SITES.get(name)
    return (site.home or site.name) if site else DEFAULT_SITE


def site_of_item_url(url: str) -> str:
    """The home site of a document, from the URL its note records (LessWrong's when unknown)."""
    return home_site(site_of_url(url) or DEFAULT_SITE)


def site_origin(name: str) -> str:
    """The web origin of site `name` (LessWrong's for a name that is not a site)."""
    return SITES.get(name, SITES[DEFAULT_SITE]).origin


def collection_alias(name: str) -> str | None:
    """The collection id a well-known name (`rationality-a-z`, `codex`, `hpmor`…) stands for."""
    return COLLECTION_ALIASES.get(name.strip().lower())
