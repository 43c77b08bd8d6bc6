"""Fixtures for the sync tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sync_helpers import TODAY


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def jane():
    from vaultkit.model.items import Author

    return Author(id="userAAAAAAAAAAAAA", title="Jane Doe", url="https://www.lesswrong.com/users/jane",
                  version="1", slug="jane", karma=100, bio="Writes about estimation.")
