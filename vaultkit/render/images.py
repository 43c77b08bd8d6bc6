"""Where the images of a converted body go: kept as URLs, or downloaded into the vault.

The converter asks an `ImageStore` for each image URL. `DownloadingImageStore` fetches http(s)
images (size-capped, content type checked) into the attachments folder under content-hash names,
so the same picture used by many posts is stored once and a re-run writes nothing new.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

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


class ImageStore(Protocol):
    """Decides where an image lives: `store(url)` returns the vault-relative path of a local copy,
    or None to keep linking the URL."""

    def store(self, url: str) -> str | None: ...


class DownloadingImageStore:
    """Downloads http(s) images into `vault_root/folder` under content-hash names.

    Failures never raise: the URL is kept and the reason is recorded in `failures`
    (url -> message). Each URL is fetched at most once per store.
    """

    def __init__(self, vault_root: Path, folder: str = DEFAULT_ATTACHMENTS, *,
                 max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
                 session: requests.Session | None = None):
        self.vault_root = Path(vault_root)
        self.folder = folder.strip("/")
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT   # not requests' own default
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
        if not url.lower().startswith(("http://", "https://")):
            raise ValueError("only http and https images are downloaded")
        with self.session.get(url, stream=True, timeout=self.timeout) as response:
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
