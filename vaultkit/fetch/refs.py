"""Parse what users paste: post ids, forum URLs in all their forms, slugs; sequence, user, tag and
collection references."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from vaultkit.errors import ConfigError
from vaultkit.fetch.sites import SITE_HOSTS

ID_PATTERN = re.compile(r"[abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTWXYZ23456789]{17}")
LEGACY_ID_PATTERN = re.compile(r"[0-9a-z]{1,6}")   # base-36 ids of LessWrong 1.0 posts
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The three collections the forum has special pages for; they can only be fetched by id.
COLLECTION_IDS = {
    "rationality-a-z": "oneQyj4pw77ynzwAF", "rationality": "oneQyj4pw77ynzwAF",
    "codex": "2izXHCrmJ684AnZ5X",
    "hpmor": "ywQvGBSojSQZTMpLh",
}
# URL paths whose last segment is a post slug (collection reading pages).
SLUG_POST_PREFIXES = ("rationality", "codex", "hpmor")


@dataclass(frozen=True)
class PostRef:
    """A post named by `_id`, `slug` or LessWrong 1.0 `legacy_id` (exactly one is set), with the
    site its URL came from."""

    id: str | None = None
    slug: str | None = None
    site: str | None = None
    legacy_id: str | None = None


def is_id(text: str) -> bool:
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
    parts = urlsplit(text if "://" in text or text.startswith("/") else "https://" + text)
    site = SITE_HOSTS.get((parts.hostname or "").lower())
    segments = [s for s in parts.path.split("/") if s]
    for marker in ("posts", "p"):
        if marker in segments:
            index = segments.index(marker)
            if index + 1 < len(segments) and is_id(segments[index + 1]):
                return PostRef(id=segments[index + 1], site=site)
    if len(segments) >= 2 and segments[0] == "lw" and LEGACY_ID_PATTERN.fullmatch(segments[1]):
        return PostRef(legacy_id=segments[1], site=site)
    if (len(segments) == 2 and segments[0] in SLUG_POST_PREFIXES
            and SLUG_PATTERN.fullmatch(segments[1])):
        return PostRef(slug=segments[1], site=site)
    raise ConfigError(f"{text!r} does not look like a link to a post.",
                      hint="Post links look like https://www.lesswrong.com/posts/<id>/<slug>.")


def _last_segment_after(ref: str, markers: tuple[str, ...]) -> str:
    """The path segment after one of `markers` in a URL, or `ref` itself when it is not a URL."""
    text = ref.strip()
    if "://" not in text:
        return text
    segments = [s for s in urlsplit(text).path.split("/") if s]
    for marker in markers:
        if marker in segments and segments.index(marker) + 1 < len(segments):
            return segments[segments.index(marker) + 1]
    raise ConfigError(f"{ref!r} is not a link of the expected kind (…/{markers[0]}/…).")


def parse_sequence_ref(ref: str) -> str:
    """A sequence id from an id or a `/s/<id>` URL."""
    value = _last_segment_after(ref, ("s",))
    if not is_id(value):
        raise ConfigError(f"{ref!r} is not a sequence id or link.",
                          hint="Sequence links look like https://www.lesswrong.com/s/<id>.")
    return value


def parse_user_ref(ref: str) -> str:
    """A user slug from a slug or a `/users/<slug>` URL."""
    return _last_segment_after(ref, ("users", "user"))


def parse_tag_ref(ref: str) -> str:
    """A tag slug from a slug or a `/tag/<slug>` / `/w/<slug>` URL."""
    return _last_segment_after(ref, ("tag", "w", "topics"))


def collection_id(ref: str) -> str | None:
    """The id for a collection name (`rationality-a-z`, `codex`, `hpmor`) or an id; None for an
    unknown name (which may still be a collection slug on another deployment)."""
    text = ref.strip()
    if is_id(text):
        return text
    return COLLECTION_IDS.get(text.lower())
