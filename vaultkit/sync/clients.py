"""The forum clients of one sync run: one per site its selections read.

A vault may hold several forums (each selection names its own, `site` in its table); the vault's
own forum uses `endpoint`, the others `[endpoints]` from ``vaultkit.toml`` or their presets.
"""

from __future__ import annotations

from vaultkit.config import Settings
from vaultkit.fetch.forum import ForumClient, open_client
from vaultkit.progress import NULL_PROGRESS, Progress
from vaultkit.vault.database import Database


class SiteClients:
    """Opens a client per site on first use; a client handed in serves the vault's own site."""

    def __init__(self, settings: Settings, delay: float | None, *, cache: Database | None,
                 given: ForumClient | None = None, progress: Progress = NULL_PROGRESS):
        self.settings, self.delay, self.cache, self.progress = settings, delay, cache, progress
        self._clients: dict[str, ForumClient] = {}
        self._own: list[ForumClient] = []
        if given is not None:
            self._clients[settings.site] = given

    def get(self, site: str) -> ForumClient:
        """The client for `site`, opened now if this run has not needed it yet."""
        if site not in self._clients:
            endpoint = self.settings.endpoint if site == self.settings.site \
                else self.settings.endpoints.get(site)
            client = open_client(site=site, endpoint=endpoint,
                                 min_interval=self.settings.delay if self.delay is None else self.delay,
                                 cache_db=self.cache, progress=self.progress)
            self._own.append(client)
            self._clients[site] = client
        return self._clients[site]

    @property
    def request_count(self) -> int:
        return sum(getattr(client, "request_count", 0) for client in self._clients.values())

    def close(self) -> None:
        """Close the clients this object opened (one handed in belongs to the caller)."""
        for client in self._own:
            client.close()
