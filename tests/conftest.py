"""Test set-up shared by every package.

``database`` is the one fixture the model tests use: it is parametrised over SQLite (a
temporary *file*, because worker threads open their own connections) and MariaDB (a fresh
database on ``HOUQIN_TEST_MYSQL_URL`` or on a private server started for this run). Without
MariaDB the MySQL half skips with the reason; under CI (``CI`` set) it fails instead, because
both backends are first-class.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models.db import close_database, open_database
from tests.mariadb_server import create_database, drop_database, mysql_base_url


def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'houqin.db'}"


def mysql_url_or_skip() -> tuple[str, str]:
    """(base URL, a fresh database URL) or skip/fail with the reason."""
    base, reason = mysql_base_url()
    if base is None:
        if os.environ.get("CI"):
            pytest.fail(f"MariaDB tests must run in CI: {reason}")
        pytest.skip(reason)
    name = f"houqin_t_{uuid.uuid4().hex[:12]}"
    return base, create_database(base, name)


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """scrypt at n=2**14 costs ~50 ms a hash; tests create a dozen users each. The cost
    parameters are stored in every hash, so cheaper ones verify the same way."""
    from models import passwords

    saved = dict(passwords.SCRYPT)
    passwords.SCRYPT.update(n=2**10)
    yield
    passwords.SCRYPT.update(saved)


@contextmanager
def backend_database(backend: str, folder: Path) -> Iterator[peewee.Database]:
    """An empty, migrated Houqin database on ``backend`` ("sqlite": a file in ``folder``;
    "mysql": a fresh database, dropped afterwards)."""
    if backend == "sqlite":
        db = open_database(sqlite_url(folder))
        try:
            yield db
        finally:
            close_database()
        return
    base, url = mysql_url_or_skip()
    db = open_database(url)
    try:
        yield db
    finally:
        close_database()
        drop_database(base, url.rsplit("/", 1)[1])


@pytest.fixture(params=["sqlite", "mysql"])
def database(request, tmp_path) -> Iterator[peewee.Database]:
    """An empty, migrated Houqin database on each backend."""
    with backend_database(request.param, tmp_path) as db:
        yield db


@pytest.fixture
def sqlite_database(tmp_path) -> Iterator[peewee.Database]:
    """SQLite only: for desktop and file-format tests where the backend does not matter."""
    db = open_database(sqlite_url(tmp_path))
    yield db
    close_database()


@pytest.fixture
def office(database):
    from tests.office import make_office

    return make_office()
