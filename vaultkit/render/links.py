"""Recognise forum URLs and turn Markdown links to them into wikilinks.

The converter leaves every forum link in a note as a Markdown link with a normalised absolute URL
(`[text](https://www.lesswrong.com/posts/ID/slug)`). `rewrite_forum_links` later replaces those
whose target is a note in the vault with `[[target|text]]`, using a regex over the Markdown, so
the sync engine can re-resolve links on every run without parsing HTML again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

# Host (lower case, without "www.") -> site name.
SITE_HOSTS = {
    "lesswrong.com": "lesswrong",
    "lesserwrong.com": "lesswrong",
    "greaterwrong.com": "lesswrong",
    "alignmentforum.org": "alignmentforum",
    "forum.effectivealtruism.org": "eaforum",
    "forum-bots.effectivealtruism.org": "eaforum",
    "ea.greaterwrong.com": "eaforum",
}
# A cheap first test: no forum host anywhere in the URL, so not a forum URL.
_FORUM_HOST = re.compile(
    r"lesswrong\.com|lesserwrong\.com|greaterwrong\.com|alignmentforum\.org|effectivealtruism\.org")
SITE_ORIGINS = {
    "lesswrong": "https://www.lesswrong.com",
    "alignmentforum": "https://www.alignmentforum.org",
    "eaforum": "https://forum.effectivealtruism.org",
}

_ID = r"[A-Za-z0-9]{5,24}"
_SLUG = r"[^/?#]+"
# Path patterns, tried in order; each names the groups it captures.
_URL_PARTS = re.compile(
    r"(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):)?"
    r"(?://(?P<host>[^/?#]*))?(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?")
_PATH_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("post", re.compile(rf"/(?:posts|events)/(?P<id>{_ID})(?:/(?P<slug>{_SLUG}))?/?")),
    ("post", re.compile(rf"/s/(?P<seq>{_ID})/p/(?P<id>{_ID})(?:/(?P<slug>{_SLUG}))?/?")),
    ("sequence", re.compile(rf"/s/(?P<id>{_ID})/?")),
    ("tag", re.compile(rf"/(?:tag|w|topics)/(?P<slug>{_SLUG})(?:/discussion)?/?")),
    ("user", re.compile(rf"/(?:users|user)/(?P<slug>{_SLUG})/?")),
    ("legacy", re.compile(rf"/lw/(?P<id>[0-9a-z]{{1,8}})(?:/(?P<slug>{_SLUG}))?/?")),
]


class ForumRef(NamedTuple):
    """A link to something on the forum.

    `kind` is "post", "sequence", "tag", "user" or "legacy" (an LW1 `/lw/xx/slug` URL, whose
    `id` is the old base-36 id). `id` is None for tags and users, `slug` may be None for posts and
    sequences. `site` is "lesswrong", "alignmentforum" or "eaforum". `comment_id` is set for a link
    to a comment under a post.
    """

    kind: str
    id: str | None
    slug: str | None
    site: str
    comment_id: str | None = None

    @property
    def url(self) -> str:
        """The normalised absolute URL of the target."""
        origin = SITE_ORIGINS[self.site]
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


def _site_of(host: str) -> str | None:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return SITE_HOSTS.get(host)


def site_of_url(url: str) -> str | None:
    """The forum site ("lesswrong", "alignmentforum", "eaforum") an absolute URL is on, or None."""
    try:
        return _site_of(urlsplit(url).hostname or "")
    except ValueError:
        return None


def parse_forum_url(url: str, default_site: str = "lesswrong") -> ForumRef | None:
    """The forum object `url` points at, or None if it is not a forum URL.

    Absolute URLs on every forum host are recognised, and so are site-relative ones
    ("/posts/ID/slug"), which are taken to be on `default_site`.
    """
    url = url.strip().lstrip("*")
    if not url.startswith("/") and _FORUM_HOST.search(url.lower()) is None:
        return None
    parts = _URL_PARTS.match(url)  # always matches; cheaper than urlsplit on the hot path
    scheme, host = (parts["scheme"] or "").lower(), parts["host"]
    if scheme or host is not None:
        if scheme not in ("http", "https", ""):
            return None
        site = _site_of(host.rsplit("@", 1)[-1].split(":", 1)[0] if host else "")
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


# The parts of Markdown a rewrite must not touch, then a link. Alternation order matters: a fence
# or a code span is matched (and kept) before a link inside it could be.
_REWRITE = re.compile(
    r"(?ms:^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[`~]*[ \t]*$)"  # fenced code block
    r"|(?<!\\)(?P<code>`+)(?s:.*?)(?P=code)"  # code span (an escaped backtick opens none)
    r"|(?<![!\\])\[(?P<text>(?:[^\[\]\\\n]|\\.)*)\]"  # link text, no unescaped brackets
    r"\((?P<url>https?://[^()\s]+)\)"
)
# A pipe-table row, also when indented in a list or quoted in a callout. (The converter escapes a
# `|` that would start a line of prose, so only table rows match.)
_TABLE_ROW = re.compile(r"[ \t>]*\|")
# A backslash escape (keep the character) or an emphasis marker (drop it).
_MARKUP = re.compile(r"\\(.)|\*+|~~|==")


def wikilink_display(text: str) -> str:
    """Link text made safe for a wikilink alias: plain text, no `]]`, `|`, `[[` or newlines."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", text)
    text = text.replace("|", "/").replace("]]", "] ]").replace("[[", "[ [")
    return " ".join(text.split())


def rewrite_forum_links(markdown: str, resolve: Callable[[ForumRef], str | None]) -> str:
    """Replace `[text](forum url)` with `[[target|text]]` (`[[target]]` when the text is the
    target) wherever `resolve` returns a target.

    `resolve(ref)` returns the link target (a note name or vault path without `.md`) or None to
    keep the external link. Code spans and fenced code are left alone. Inside a pipe-table row
    the separator is written `\\|`, as Obsidian requires.
    """
    if "](http" not in markdown:
        return markdown

    def replace(m: re.Match[str]) -> str:
        url = m.group("url")
        if url is None:
            return m.group(0)
        ref = parse_forum_url(url)
        target = resolve(ref) if ref is not None else None
        if not target:
            return m.group(0)
        display = wikilink_display(m.group("text"))
        if not display or display.startswith(("http://", "https://")):
            display = target.rsplit("/", 1)[-1]  # a bare URL as link text: show the note's name
        if display == target:
            return f"[[{target}]]"  # Obsidian shows the name itself; `[[X|X]]` only adds noise
        line_start = markdown.rfind("\n", 0, m.start()) + 1
        sep = "\\|" if _TABLE_ROW.match(markdown, line_start) else "|"
        return f"[[{target}{sep}{display}]]"

    return _REWRITE.sub(replace, markdown)
