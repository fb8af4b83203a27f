"""Start-up and identity under concurrency: desktops starting together on a new database,
first submissions of a document type at once (separate processes, both backends)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import mysql_url_or_skip, sqlite_url
from tests.mariadb_server import drop_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "mysql"])
def new_url(request, tmp_path):
    """The URL of a database nobody has opened yet."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    base, url = mysql_url_or_skip()
    try:
        yield url
    finally:
        drop_database(base, url.rsplit("/", 1)[1])


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_X_four_desktops_initialising_a_new_database_at_once_all_succeed(new_url):
    procs = [
        _spawn("-m", "desktop.cli", "--db", new_url, "init", "--password", "Start-123456")
        for _ in range(4)
    ]
    results = [(p.wait(timeout=180), *p.communicate()) for p in procs]
    assert [rc for rc, _, _ in results] == [0, 0, 0, 0], results
    created = [out for _, out, _ in results if "已创建管理员" in out]
    assert len(created) == 1, results

    from models import people, schema
    from models.db import close_database, open_database

    database = open_database(new_url)
    try:
        assert schema.current(database) == schema.latest()
        rows = [r.version for r in schema.SchemaVersion.select()]
        assert sorted(rows) == [m[0] for m in schema.MIGRATIONS]
        assert people.User.select().count() == 1
    finally:
        close_database()


_SUBMIT = r"""
import sys, time
from pathlib import Path
from models import supplies, workflow
from models.db import open_database
from models.people import get_user
from models.workflow.tables import FlowVersion

url, go = sys.argv[1], Path(sys.argv[2])
open_database(url)
real_create = FlowVersion.create.__func__

def slow_create(cls, **fields):  # widen the window between reading and storing a version
    time.sleep(0.5)
    return real_create(cls, **fields)

FlowVersion.create = classmethod(slow_create)
clerk = get_user("zhangsan")
while not go.exists():
    time.sleep(0.01)
# The engine's door, as every document's submission calls it (a document that takes no
# other lock first reaches it with nothing serialising the two desktops).
inst = workflow.submit(clerk, supplies.REQUISITION_FLOW.doc_type, title="并发首次提交")
print(inst.flow_id)
"""


def test_X_two_first_submissions_of_a_document_type_at_once_share_one_flow_version(
    new_url, tmp_path
):
    from models import supplies, workflow
    from models.db import close_database, open_database
    from tests.office import make_office

    open_database(new_url)
    try:
        make_office()
    finally:
        close_database()
    go = tmp_path / "go"
    procs = [_spawn("-c", _SUBMIT, new_url, str(go)) for _ in range(2)]
    import time

    time.sleep(3)  # both children are waiting at the start line
    go.touch()
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert [rc for rc, _, _ in results] == [0, 0], results
    flows = {out.strip() for _, out, _ in results}
    assert len(flows) == 1, results
    open_database(new_url)
    try:
        doc_type = supplies.REQUISITION_FLOW.doc_type
        versions = workflow.FlowVersion.select().where(workflow.FlowVersion.doc_type == doc_type)
        assert versions.count() == 1
    finally:
        close_database()
