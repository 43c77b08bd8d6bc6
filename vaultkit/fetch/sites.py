"""Endpoint resolution and politeness.

The same forum software runs LessWrong, the Alignment Forum and the EA Forum (their table is
`vaultkit.model.sites`); `--endpoint` (or `$VAULTKIT_ENDPOINT`) points vaultkit at any other
deployment, including the local stand-in.
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from vaultkit.errors import ConfigError
from vaultkit.model.sites import SITES, Site, site_preset

__all__ = ["ENDPOINT_ENV", "SITES", "Site", "is_loopback", "resolve_endpoint",
           "resolve_min_interval", "site_preset"]

ENDPOINT_ENV = "VAULTKIT_ENDPOINT"
PUBLIC_MIN_INTERVAL = 3.0     # seconds; the sites' robots.txt says Crawl-Delay: 3
FLOOR_MIN_INTERVAL = 1.0      # never faster than this against a host that is not loopback


def resolve_endpoint(site: str = "lesswrong", endpoint: str | None = None) -> tuple[Site, str]:
    """The site preset and the endpoint URL: `endpoint`, else `$VAULTKIT_ENDPOINT`, else the
    preset's."""
    preset = site_preset(site)
    url = endpoint or os.environ.get(ENDPOINT_ENV) or preset.endpoint
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        source = ("--endpoint" if endpoint
                  else f"${ENDPOINT_ENV}" if os.environ.get(ENDPOINT_ENV) else "preset")
        raise ConfigError(f"Endpoint {url!r} (from {source}) is not an http(s) URL.",
                          hint="Example: --endpoint https://www.lesswrong.com/graphql")
    return preset, url


def is_loopback(url: str) -> bool:
    """True for endpoints on this machine (127.0.0.0/8, ::1, localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_min_interval(url: str, min_interval: float | None) -> float:
    """Seconds between requests: the given value, else 3 s (0 on loopback).

    Anything below 1 s against a non-loopback host is refused: the forums have blocked
    aggressive crawlers before.
    """
    if min_interval is None:
        return 0.0 if is_loopback(url) else PUBLIC_MIN_INTERVAL
    if min_interval < 0 or (min_interval < FLOOR_MIN_INTERVAL and not is_loopback(url)):
        raise ConfigError(f"A delay of {min_interval:g} s between requests is too short for {url}.",
                          hint=f"Use at least {FLOOR_MIN_INTERVAL:g} s (the default is "
                               f"{PUBLIC_MIN_INTERVAL:g} s, the sites' Crawl-Delay).")
    return float(min_interval)
