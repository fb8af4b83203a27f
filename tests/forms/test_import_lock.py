"""A long import and the other desktops, on a real SQLite file: readers are never blocked
(WAL), and a writer that meets the import's write lock waits (the busy timeout) and then
either goes through or is told in words whom it waits for (``models.db.WriteBusy``), never
a raw ``database is locked``."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from forms.excel_import import import_rows
from forms.excel_sheets import Sheet
from models import supplies
from models.db import WriteBusy, connection, db, long_write
from models.supplies import Item
from tests.office import make_office

ROWS = 50_000


def _path() -> Path:
    return Path(db.obj.database)


def test_X4_a_50000_row_import_blocks_no_reader_and_a_writer_waits_or_is_told_whom_for(
    sqlite_database,
):
    office = make_office()
    header = ["物品编码", "物品名称", "类别", "计量单位"]
    sheet = Sheet.from_lists(
        "办公用品目录",
        [header, *([f"IT{i:07d}", f"物品{i}", "文具", "个"] for i in range(ROWS))],
    )
    done: dict[str, object] = {}

    def work() -> None:
        with connection():  # the worker's own connection, as desktop.tasks runs an import
            done["result"] = import_rows("items", [sheet], actor=office.logistics)

    marker = _path().with_name(_path().name + ".importing")
    worker = threading.Thread(target=work)
    worker.start()
    deadline = time.monotonic() + 120
    while not marker.exists():  # the marker is written once the import holds the lock
        assert worker.is_alive() and time.monotonic() < deadline, done
        time.sleep(0.005)
    reader = sqlite3.connect(_path(), timeout=0)  # another desktop: it would fail if it waited
    started = time.monotonic()
    (count,) = reader.execute("SELECT count(*) FROM item").fetchone()
    assert time.monotonic() - started < 0.5 and count == 0  # at once, the committed state
    reader.close()
    try:
        supplies.add_item(office.logistics, name="订书机", category="文具", unit="个")
        wrote = 1
    except WriteBusy as exc:  # the import outlasted the busy timeout on a loaded machine
        assert exc.zh.startswith("正在等待其他用户完成导入…") and "周九" in exc.zh
        assert "database is locked" not in exc.zh
        wrote = 0
    worker.join()
    result = done["result"]
    assert result.committed and len(result.inserted) == ROWS  # type: ignore[attr-defined]
    assert not marker.exists()
    assert Item.select().count() == ROWS + wrote


@pytest.fixture
def held_lock(sqlite_database):
    """Another desktop holding the write lock, and this one waiting only 0.1 s for it."""
    other = sqlite3.connect(_path(), isolation_level=None)
    office = make_office()
    db.execute_sql("PRAGMA busy_timeout = 100")
    other.execute("BEGIN IMMEDIATE")
    yield office
    other.rollback()
    other.close()
    db.execute_sql("PRAGMA busy_timeout = 10000")


def test_X4_a_writer_that_meets_an_import_is_told_who_imports_what(held_lock):
    with long_write("张三", "办公用品目录", "the catalogue"):
        with pytest.raises(WriteBusy) as err:
            supplies.add_item(held_lock.logistics, name="订书机", category="文具", unit="个")
        assert err.value.zh.startswith("正在等待其他用户完成导入…（张三 正在导入办公用品目录")
        assert "未做任何更改" in err.value.zh and "locked" in err.value.en
        item = supplies.Item.get_or_none(supplies.Item.code == "none")
        assert item is None  # reading goes on while the lock is held
        with pytest.raises(WriteBusy):  # a use case that retries lock conflicts says the same
            supplies.void_item(held_lock.logistics, Item(id=1), "测试")
    with pytest.raises(WriteBusy) as err:
        supplies.add_item(held_lock.logistics, name="订书机", category="文具", unit="个")
    assert err.value.zh.startswith("正在等待其他用户完成导入或保存…")


def test_X4_an_import_checks_the_whole_file_before_it_takes_the_write_lock(sqlite_database):
    """Validate first: while the rows are read and checked (the progress callback runs in
    that pass), another desktop writes at once, without waiting; a file with a bad row never
    takes the lock at all; a good file is written in one short transaction afterwards."""
    office = make_office()
    header = ["物品编码", "物品名称", "类别", "计量单位"]
    rows = [[f"IT{i:07d}", f"物品{i}", "文具", "个"] for i in range(6000)]
    other_writes: list[float] = []

    def progress(done: int, total: int) -> None:
        if done and not other_writes:  # mid-file: another desktop's write goes through now
            other = sqlite3.connect(_path(), timeout=0, isolation_level=None)
            started = time.monotonic()
            other.execute("BEGIN IMMEDIATE")
            other.execute("CREATE TABLE IF NOT EXISTS other_desktop (x)")
            other.execute("INSERT INTO other_desktop VALUES (1)")
            other.execute("COMMIT")
            other_writes.append(time.monotonic() - started)
            other.close()

    sheet = Sheet.from_lists("办公用品目录", [header, *rows])
    result = import_rows("items", [sheet], actor=office.logistics, progress=progress)
    assert result.committed and len(result.inserted) == 6000
    assert other_writes and other_writes[0] < 0.5
    assert result.write_seconds > 0
    bad = [*rows[:3000], ["IT9999999", "", "文具", "个"], *rows[3000:]]
    bad = [[f"IU{i:07d}", f"新{r[1]}" if r[1] else "", *r[2:]] for i, r in enumerate(bad)]
    other_writes.clear()
    result = import_rows(
        "items",
        [Sheet.from_lists("办公用品目录", [header, *bad])],
        actor=office.logistics,
        progress=progress,
    )
    assert not result.committed and result.write_seconds == 0 and other_writes
    assert [e.row for e in result.errors] == [3002]


def test_X4_a_row_another_desktop_takes_during_the_check_is_refused_by_the_write(
    sqlite_database,
):
    """Between the check pass and the write, another desktop adds an item with the code of
    the file's first row: the write transaction sees that something was committed
    (``data_version``), runs the indexed re-checks, refuses that row and writes nothing."""
    office = make_office()
    header = ["物品编码", "物品名称", "类别", "计量单位"]
    rows = [[f"IT{i:07d}", f"物品{i}", "文具", "个"] for i in range(5000)]

    def other_desktop() -> None:
        with connection():
            supplies.add_item(
                office.logistics, name="别人的", category="文具", unit="个", code="IT0000000"
            )

    def progress(done: int, total: int) -> None:
        if done > 2000 and Item.select().count() == 0:  # the first batch is checked
            thread = threading.Thread(target=other_desktop)
            thread.start()
            thread.join()

    sheet = Sheet.from_lists("办公用品目录", [header, *rows])
    result = import_rows("items", [sheet], actor=office.logistics, progress=progress)
    assert not result.committed and result.write_seconds > 0  # refused by the write pass
    assert [(e.row, e.column) for e in result.errors] == [(2, "物品编码")]
    assert "已存在" in result.errors[0].zh
    assert [i.name for i in Item.select()] == ["别人的"]
