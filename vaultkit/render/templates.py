"""Note templates: ``templates/<kind>.md`` with ``{{name}}`` placeholders.

A template describes what goes *inside* the owned region of a note. The properties and the region
markers are written by vaultkit whatever the template says, so a user's template can change the
layout but never break the contract. A vault can override any template by putting a file of the
same name in ``.vaultkit/templates/``.

Rule for optional parts: a line whose placeholders all expand to nothing is dropped, so
``> {{posted_line}}`` disappears when a post has no date.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from vaultkit.errors import ConfigError
from vaultkit.resources import templates_dir
from vaultkit.vault.regions import BEGIN, END

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
TEMPLATE_KINDS = ("post", "sequence", "collection", "book", "concept", "author", "comments")


class Templates:
    """The templates of one vault: its overrides first, then the bundled ones."""

    def __init__(self, override_dir: Path | None = None):
        self.override_dir = override_dir
        # each kind's template is looked up once (a sync renders tens of thousands of notes with
        # one `Templates`; a stat and a pathlib join per note were a tenth of a re-render)
        self._sources: dict[str, tuple[Path, str]] = {}
        # each template's lines with the placeholders they use, found once per kind
        self._lines: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}

    def source(self, kind: str) -> tuple[Path, str]:
        """(path, text) of the template for `kind`."""
        if kind not in self._sources:
            self._sources[kind] = self._find(kind)
        return self._sources[kind]

    def _find(self, kind: str) -> tuple[Path, str]:
        for folder in (self.override_dir, templates_dir()):
            if folder is not None and (folder / f"{kind}.md").is_file():
                path = folder / f"{kind}.md"
                return path, _read(path, path.stat().st_mtime_ns)
        raise ConfigError(f"No template for {kind} notes.",
                          hint=f"Reinstall vaultkit, or add {kind}.md to .vaultkit/templates/.")

    def signatures(self) -> dict[str, str]:
        """A hash of each kind's template text, to notice when a template was edited."""
        import hashlib

        return {kind: hashlib.sha256(self.source(kind)[1].encode("utf-8")).hexdigest()[:16]
                for kind in TEMPLATE_KINDS}

    def fill(self, kind: str, values: Mapping[str, str]) -> str:
        """The region text for a note of `kind`, from its template and `values`."""
        kept: list[str] = []
        last_blank = True
        for line, names, blank in self._parsed(kind):
            if names:
                unknown = [n for n in names if n not in values]
                if unknown:
                    raise ConfigError(f"Template {self.source(kind)[0]} uses unknown placeholder "
                                      f"{{{{{unknown[0]}}}}}.",
                                      hint="Known placeholders for this kind: "
                                           + ", ".join(sorted(values)) + ".")
                if all(not values[n] for n in names):
                    continue
            if blank and last_blank:
                continue  # one blank line at most between the template's parts
            kept.append(line)
            last_blank = blank
        text = "\n".join(kept).strip("\n")
        return PLACEHOLDER.sub(lambda m: without_markers(values[m.group(1)].strip("\n")), text)

    def _parsed(self, kind: str) -> list[tuple[str, tuple[str, ...], bool]]:
        """(line, its placeholders, whether it is blank) for each line of `kind`'s template."""
        if kind not in self._lines:
            self._lines[kind] = [(line, tuple(PLACEHOLDER.findall(line)), not line.strip())
                                 for line in self.source(kind)[1].splitlines()]
        return self._lines[kind]


def without_markers(text: str) -> str:
    """Text safe to put inside the owned region: a post quoting our markers cannot close it."""
    return text.replace(BEGIN, "%% vaultkit-begin %%").replace(END, "%% vaultkit-end %%")


@lru_cache(maxsize=32)
def _read(path: Path, mtime_ns: int) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"Cannot read template {path}: {error}.",
                          hint="Fix or delete the file to use the bundled template.") from error
