"""Fixtures for the forms tests: the events register's table on the test database."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def events(database):
    """The t_events table on the current backend; yields the kind."""
    from tests.forms.events import EVENT_KIND, TEvent

    database.create_tables([TEvent])
    return EVENT_KIND
