"""Forum references: the one parser of forum URLs, ids and slugs.

Two callers, one grammar. The converter meets every link of every post, so `parse_forum_url` is
built for speed (a cheap host test, one regex split, no `urlsplit`) and recognises only URLs on a
forum host or site-relative ones. Users paste ids, slugs and URLs in all their forms; the
`parse_*_ref` functions accept those (also from a host vaultkit does not know, e.g. a stand-in)
and raise `ConfigError` with an example when the text is none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from vaultkit.errors import ConfigError
from vaultkit.model.sites import (COLLECTION_ALIASES, FORUM_HOST_PATTERN, READING_PAGE_PREFIXES,
                                  SITE_NAMES, site_of_host, site_origin)

ID_PATTERN = re.compile(r"[abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTWXYZ23456789]{17}")
LEGACY_ID_PATTERN = re.compile(r"[0-9a-z]{1,6}")   # base-36 ids of LessWrong 1.0 posts
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_ID = r"[A-Za-z0-9]{5,24}"
_SLUG = r"[^/?#]+"
_URL_PARTS = re.compile(
    r"(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):)?"
    r"(?://(?P<host>[^/?#]*))?(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?")
# Path forms, tried in order; each names the groups it captures.
_PATH_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("post", re.compile(rf"/(?:posts|events)/(?P<id>{_ID})(?:/(?P<slug>{_SLUG}))?/?")),
    ("post", re.compile(rf"/s/(?P<seq>{_ID})/p/(?P<id>{_ID})(?:/(?P<slug>{_SLUG}))?/?")),
    ("sequence", re.compile(rf"/s/(?P<id>{_ID})/?")),
    ("tag", re.compile(rf"/(?:tag|w|topics)/(?P<slug>{_SLUG})(?:/discussion)?/?")),
    ("user", re.compile(rf"/(?:users|user)/(?P<slug>{_SLUG})/?")),
    ("legacy", re.compile(rf"/lw/(?P<id>[0-9a-z]{{1,8}})(?:/(?P<slug>{_SLUG}))?/?")),
]
# Tails a pasted URL may carry beyond what it names: GreaterWrong's comment page under a post, a
# post's page under its sequence.
_GREATERWRONG_COMMENT = re.compile(r"/comment/[^/?#]+/?(?=$|[?#])")
_IN_SEQUENCE = re.compile(r"/p/[^?#]*")
_READING_PAGE = re.compile(rf"/(?:{'|'.join(READING_PAGE_PREFIXES)})/(?P<slug>{SLUG_PATTERN.pattern})/?")


# The links the converter writes (a post or tag at a forum's own origin; no space to strip, nothing
# to unquote): one regex gives the general path's result at a fraction of its cost.
_ORIGIN_HOSTS = [origin.removeprefix("https://") for origin in map(site_origin, SITE_NAMES)]
_ORIGIN_SITES = {host: site_of_host(host) for host in _ORIGIN_HOSTS if "/" not in host and site_of_host(host)}
_NORMALISED = re.compile(
    rf"https://(?P<host>{'|'.join(map(re.escape, _ORIGIN_SITES))})"
    rf"/(?:posts/(?P<id>{_ID})(?:/(?P<slug>[^/?#%\s]+))?|w/(?P<tag>[^/?#%\s]+))/?")


class ForumRef(NamedTuple):
    """A link to something on the forum.

    `kind` is "post", "sequence", "tag", "user" or "legacy" (an LW1 `/lw/xx/slug` URL, whose
    `id` is the old base-36 id). `id` is None for tags and users, `slug` may be None for posts and
    sequences. `site` is a name from `vaultkit.model.sites.SITES` (None only for a pasted URL on a
    host vaultkit does not know). `comment_id` is set for a link to a comment under a post.
    """

    kind: str
    id: str | None
    slug: str | None
    site: str | None
    comment_id: str | None = None

    @property
    def url(self) -> str:
        """The normalised absolute URL of the target."""
        origin = site_origin(self.site or "")
        if self.kind == "post":
            path = f"/posts/{self.id}" + (f"/{self.slug}" if self.slug else "")
            query = f"?commentId={self.comment_id}" if self.comment_id else ""
            return origin + path + query
        if self.kind == "sequence":
            return f"{origin}/s/{self.id}"
        if self.kind == "tag":
            return f"{origin}/w/{self.slug}"
        if self.kind == "user":
            return f"{origin}/users/{self.slug}"
        return f"{origin}/lw/{self.id}" + (f"/{self.slug}" if self.slug else "")


def parse_forum_url(url: str, default_site: str | None = "lesswrong") -> ForumRef | None:
    """The forum object `url` points at, or None if it is not a forum URL.

    Absolute URLs on every forum host are recognised, and so are site-relative ones
    ("/posts/ID/slug"), which are taken to be on `default_site`.
    """
    fast = _NORMALISED.fullmatch(url)
    if fast is not None:
        site = _ORIGIN_SITES[fast["host"]]
        if fast["tag"] is not None:
            return ForumRef(kind="tag", id=None, slug=fast["tag"], site=site)
        return ForumRef(kind="post", id=fast["id"], slug=fast["slug"], site=site)
    url = url.strip().lstrip("*")
    if not url.startswith("/") and FORUM_HOST_PATTERN.search(url.lower()) is None:
        return None
    parts = _URL_PARTS.match(url)  # always matches; cheaper than urlsplit on the hot path
    scheme, host = (parts["scheme"] or "").lower(), parts["host"]
    if scheme or host is not None:
        if scheme not in ("http", "https", ""):
            return None
        site = site_of_host(host.rsplit("@", 1)[-1].split(":", 1)[0] if host else "")
        if site is None:
            return None
    elif url.startswith("/"):
        site = default_site
    else:
        return None
    path = parts["path"]
    if "%" in path:
        path = unquote(path)
    for kind, pattern in _PATH_FORMS:
        m = pattern.fullmatch(path)
        if m is None:
            continue
        groups = m.groupdict()
        slug = groups.get("slug")
        comment = None
        if kind == "post" and parts["query"] and "commentId" in parts["query"]:
            comment = parse_qs(parts["query"]).get("commentId", [None])[0]
        if kind == "tag" and (not slug or "/" in slug):
            return None
        return ForumRef(kind=kind, id=groups.get("id"), slug=slug or None, site=site,
                        comment_id=comment if comment and re.fullmatch(_ID, comment) else None)
    return None


def _pasted_url_ref(text: str) -> tuple[ForumRef | None, str, str | None]:
    """What a pasted URL names, on any host (the stand-in's too), its path, and its site (None
    for a host that is no forum's)."""
    parts = urlsplit(text if "://" in text or text.startswith("/") else "https://" + text)
    site = site_of_host(parts.hostname or "")
    path = parts.path or "/"
    return parse_forum_url(path, default_site=site), path, site


@dataclass(frozen=True)
class PostRef:
    """A post named by `_id`, `slug` or LessWrong 1.0 `legacy_id` (exactly one is set), with the
    site its URL came from."""

    id: str | None = None
    slug: str | None = None
    site: str | None = None
    legacy_id: str | None = None


def is_id(text: str) -> bool:
    """True for text shaped like a forum document id."""
    return ID_PATTERN.fullmatch(text) is not None


def parse_post_ref(ref: str) -> PostRef:
    """An id, a slug, or a post URL (`/posts/<id>/<slug>`, `/s/<seq>/p/<id>`, `/rationality/<slug>`,
    LessWrong 1.0 `/lw/<id>/<slug>`, GreaterWrong, AF and EA Forum hosts, with or without
    `?commentId=`)."""
    text = ref.strip()
    if is_id(text):
        return PostRef(id=text)
    if "://" in text or text.startswith(("www.", "lesswrong.com", "/")):
        return _post_ref_from_url(text)
    if SLUG_PATTERN.fullmatch(text):
        return PostRef(slug=text)
    raise ConfigError(f"{ref!r} is not a post id, URL or slug.",
                      hint="Examples: vX7hLLbGJkmrGoMdL, "
                           "https://www.lesswrong.com/posts/vX7hLLbGJkmrGoMdL/…, "
                           "the-best-textbooks-on-every-subject")


def _post_ref_from_url(text: str) -> PostRef:
    found, path, site = _pasted_url_ref(_GREATERWRONG_COMMENT.sub("", text))
    if found is not None and found.kind == "post" and is_id(found.id or ""):
        return PostRef(id=found.id, site=site)
    if found is not None and found.kind == "legacy" and LEGACY_ID_PATTERN.fullmatch(found.id or ""):
        return PostRef(legacy_id=found.id, site=site)
    page = _READING_PAGE.fullmatch(path)
    if page is not None:
        return PostRef(slug=page["slug"], site=site)
    raise ConfigError(f"{text!r} does not look like a link to a post.",
                      hint="Post links look like https://www.lesswrong.com/posts/<id>/<slug>.")


def _named_by(ref: str, kind: str, marker: str) -> str:
    """The id (sequences) or slug (tags, users) a URL of `kind` names, or `ref` itself when it is
    not a URL."""
    text = ref.strip()
    if "://" not in text:
        return text
    found, _, _ = _pasted_url_ref(text)
    if found is not None and found.kind == kind:
        return (found.id if kind == "sequence" else found.slug) or ""
    raise ConfigError(f"{ref!r} is not a link of the expected kind (…/{marker}/…).")


def parse_sequence_ref(ref: str) -> str:
    """A sequence id from an id, a `/s/<id>` URL or the URL of a post in it (`/s/<id>/p/<post>`)."""
    value = _named_by(_IN_SEQUENCE.sub("", ref.strip()), "sequence", "s")
    if not is_id(value):
        raise ConfigError(f"{ref!r} is not a sequence id or link.",
                          hint="Sequence links look like https://www.lesswrong.com/s/<id>.")
    return value


def parse_user_ref(ref: str) -> str:
    """A user slug from a slug or a `/users/<slug>` URL."""
    return _named_by(ref, "user", "users")


def parse_tag_ref(ref: str) -> str:
    """A tag slug from a slug or a `/tag/<slug>` / `/w/<slug>` URL."""
    return _named_by(ref, "tag", "tag")


def collection_id(ref: str) -> str | None:
    """The id for a collection name (`rationality-a-z`, `codex`, `hpmor`…) or an id; None for an
    unknown name (which may still be a collection slug on another deployment)."""
    text = ref.strip()
    if is_id(text):
        return text
    return COLLECTION_ALIASES.get(text.lower())
