"""Locate files that ship with vaultkit (templates, demo data)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The bundled `templates/` folder.

    A wheel carries it as `vaultkit/_templates`; a source checkout or editable install keeps it at
    the repository root, beside the package.
    """
    installed = PACKAGE_DIR / "_templates"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "templates"
