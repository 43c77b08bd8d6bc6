"""Fixtures for the sync tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sync_helpers import TODAY


@pytest.fixture
def today() -> dt.date:
    return TODAY
