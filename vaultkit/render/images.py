"""Where the images of a converted body go: kept as URLs, or downloaded into the vault.

The converter asks an `ImageStore` for each image URL. `DownloadingImageStore` fetches http(s)
images (size-capped, content type checked) into the attachments folder under content-hash names,
so the same picture used by many posts is stored once and a re-run writes nothing new.

Image URLs come from post HTML that anyone can write, so a download must not become a request to
the user's own machine or network (server-side request forgery): every host is resolved first and
refused unless all its addresses are public, redirects are followed by hand (at most
`MAX_REDIRECTS`) with the same check at each hop, and the address actually connected to is checked
again before the body is read.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from pathlib import Path
from typing import Callable, Protocol
from urllib.parse import urljoin, urlsplit

import requests

from vaultkit import USER_AGENT
from vaultkit.vault.atomic import write_atomic

DEFAULT_ATTACHMENTS = "LessWrong/Attachments"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT = 20.0
IMAGE_TYPES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/avif": ".avif",
    "image/bmp": ".bmp",
    "image/svg+xml": ".svg",
}


MAX_REDIRECTS = 5


def is_public_address(address: str) -> bool:
    """Whether an IP address is on the public internet: not loopback, private, link-local,
    shared (CGNAT), reserved, multicast or unspecified (IPv4-mapped IPv6 judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


class RefusedAddress(ValueError):
    """An image URL that leads to an address vaultkit will not download from."""


class ImageStore(Protocol):
    """Decides where an image lives: `store(url)` returns the vault-relative path of a local copy,
    or None to keep linking the URL."""

    def store(self, url: str) -> str | None: ...


class DownloadingImageStore:
    """Downloads http(s) images into `vault_root/folder` under content-hash names.

    Failures never raise: the URL is kept and the reason is recorded in `failures`
    (url -> message). Each URL is fetched at most once per store. `address_allowed` decides which
    IP addresses may be contacted (default: public ones only; see the module docstring).
    """

    def __init__(self, vault_root: Path, folder: str = DEFAULT_ATTACHMENTS, *,
                 max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
                 session: requests.Session | None = None,
                 address_allowed: Callable[[str], bool] = is_public_address):
        self.vault_root = Path(vault_root)
        self.folder = folder.strip("/")
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT   # not requests' own default
        self.address_allowed = address_allowed
        self.failures: dict[str, str] = {}
        self.written = 0
        self._stored: dict[str, str] = {}

    def store(self, url: str) -> str | None:
        """The vault-relative path of the downloaded image, or None (URL kept) on any failure."""
        if url in self._stored:
            return self._stored[url]
        if url in self.failures:
            return None
        try:
            data, extension = self._download(url)
        except (requests.RequestException, ValueError) as exc:
            self.failures[url] = str(exc) or type(exc).__name__
            return None
        name = hashlib.sha256(data).hexdigest()[:20] + extension
        rel = f"{self.folder}/{name}" if self.folder else name
        if write_atomic(self.vault_root / rel, data):
            self.written += 1
        self._stored[url] = rel
        return rel

    def _download(self, url: str) -> tuple[bytes, str]:
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_host(url)
            response = self.session.get(url, stream=True, timeout=self.timeout, allow_redirects=False)
            if not response.is_redirect:
                return self._read(response)
            response.close()
            url = urljoin(url, response.headers["Location"])
        raise ValueError(f"more than {MAX_REDIRECTS} redirects")

    def _check_host(self, url: str) -> None:
        """Refuse a URL that is not http(s) or whose host has an address that is not allowed."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ValueError("only http and https images are downloaded")
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
            infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
        except (OSError, ValueError) as error:
            raise ValueError(f"cannot resolve {parts.hostname}: {error}") from error
        for info in infos:
            if not self.address_allowed(info[4][0]):
                raise RefusedAddress(f"refused: {parts.hostname} is a non-public address ({info[4][0]})")

    def _proxied(self, url: str) -> bool:
        """Through a proxy the connected address is the proxy's, which may well be private."""
        return bool(self.session.proxies or (self.session.trust_env and requests.utils.get_environ_proxies(url)))

    def _read(self, response: requests.Response) -> tuple[bytes, str]:
        with response:
            peer = None if self._proxied(response.url) else _peer_address(response)
            if peer is not None and not self.address_allowed(peer):  # DNS changed since the check
                raise RefusedAddress(f"refused: connected to a non-public address ({peer})")
            response.raise_for_status()
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            extension = IMAGE_TYPES.get(content_type)
            if extension is None:
                raise ValueError(f"not an image (Content-Type {content_type or 'missing'!r})")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise ValueError(f"image larger than {self.max_bytes} bytes")
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > self.max_bytes:
                    raise ValueError(f"image larger than {self.max_bytes} bytes")
                chunks.append(chunk)
        return b"".join(chunks), extension


def _peer_address(response: requests.Response) -> str | None:
    """The IP address the response came from, when the connection still tells.

    urllib3 drops the connection's `sock` once the headers are in; the body's socket file keeps it.
    """
    for path in (("_fp", "fp", "raw", "_sock"), ("connection", "sock")):
        try:
            sock = response.raw
            for name in path:
                sock = getattr(sock, name)
            return sock.getpeername()[0]
        except (AttributeError, OSError, TypeError):
            continue
    return None
