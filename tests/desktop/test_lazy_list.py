"""The lazy list: one page on open (no COUNT over the table), keyset paging that neither
skips nor repeats rows, sorting and pinyin search in the database, remembered widths."""

from __future__ import annotations

from datetime import datetime, timedelta

import peewee
import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.admin import AdminPage, AuditLogView
from desktop.lazy_model import PAGE_SIZE, Column, LazyQueryModel
from desktop.list_view import ListView
from models.audit import AuditLog
from models.db import db

BIG = 200_000


def fill_audit(n: int) -> None:
    """Bulk rows straight through the connection (the importer's fast path)."""
    t0 = datetime(2026, 1, 1)
    rows = [
        (
            (t0 + timedelta(seconds=i)).isoformat(sep=" "),
            1,
            "系统管理员" if i % 2 else "张三",
            "user" if i % 3 else "department",
            i % 97 or None,
            "update",
            "{}",
        )
        for i in range(n)
    ]
    with db.atomic():
        db.connection().executemany(
            'INSERT INTO audit_log (at, actor_id, actor_name, "table", record_id, action, '
            "changes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


class Statements:
    """Every SQL statement SQLite runs on this connection while active."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __enter__(self) -> Statements:
        db.connection().set_trace_callback(self.sql.append)
        return self

    def __exit__(self, *exc) -> None:
        db.connection().set_trace_callback(None)


def test_opening_a_200k_row_list_loads_one_page_without_counting(qtbot, desk):
    fill_audit(BIG)
    with Statements() as seen:
        view = AuditLogView()
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
    model = view.model
    assert model.fetch_count == 1
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    selects = [s for s in seen.sql if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1, selects
    assert "COUNT(" not in selects[0].upper()
    assert "LIMIT 201" in selects[0].upper()
    # newest first; the next page continues exactly after the last row
    first_ids = [model.row_id(i) for i in range(PAGE_SIZE)]
    assert first_ids == sorted(first_ids, reverse=True)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE and model.fetch_count == 2
    assert model.row_id(PAGE_SIZE) == first_ids[-1] - 1
    assert "还有" in view.view.status.text() or "继续加载" in view.view.status.text()


def test_scrolling_to_the_bottom_fetches_the_next_page(qtbot, desk):
    fill_audit(1000)
    view = AuditLogView()
    qtbot.addWidget(view)
    view.show()
    table = view.view.table
    table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.fetch_count >= 2)
    assert view.model.rowCount() >= 2 * PAGE_SIZE


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("column", ["record", "actor", "at"])
def test_keyset_pages_match_the_full_ordered_query(desk, column, descending):
    """Small pages over a column with duplicates and NULLs give exactly the rows, in the
    order, that one ORDER BY over the whole table gives."""
    fill_audit(500)
    columns = [
        Column("at", "时间", AuditLog.at),
        Column("actor", "操作人", AuditLog.actor_name),
        Column("record", "记录号", AuditLog.record_id),
    ]
    index = [c.key for c in columns].index(column)
    model = LazyQueryModel(
        lambda: AuditLog.select(),
        columns,
        AuditLog.id,
        sort_column=index,
        descending=descending,
        page_size=7,
    )
    model.refresh()
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    got = [model.row_id(i) for i in range(model.rowCount())]
    expr = columns[index].expr
    order = (expr.desc(), AuditLog.id.desc()) if descending else (expr, AuditLog.id)
    want = [r.id for r in AuditLog.select(AuditLog.id).order_by(*order)]
    assert got == want
    assert len(set(got)) == len(got) == AuditLog.select().count()


def test_clicking_a_header_sorts_in_the_database(qtbot, desk):
    fill_audit(600)
    view = AuditLogView()
    qtbot.addWidget(view)
    view.show()
    header = view.view.table.horizontalHeader()
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # 操作人 ascending
    model = view.model
    assert model.sort_column == 1 and not model.descending
    names = [model.row(i)["actor"] for i in range(model.rowCount())]
    assert names == sorted(names)
    assert model.fetch_count == 1


def test_filters_and_date_range_go_into_the_query(qtbot, desk):
    fill_audit(3000)
    view = AuditLogView()
    qtbot.addWidget(view)
    view.show()
    view.table_box.setCurrentIndex(view.table_box.findData("department"))
    model = view.model
    assert model.rowCount() > 0
    assert {model.row(i)["table"] for i in range(model.rowCount())} == {"department"}
    assert model.count_all() == AuditLog.select().where(AuditLog.table == "department").count()


def test_users_are_found_by_pinyin_initials_and_by_chinese(qtbot, desk):
    page = AdminPage(desk.admin)
    qtbot.addWidget(page)
    page.show()
    model = page.tab("users").model
    assert model.rowCount() == 9
    model.set_search("zs")
    assert [model.row(i)["name"] for i in range(model.rowCount())] == ["张三"]
    model.set_search("张")
    assert [model.row(i)["name"] for i in range(model.rowCount())] == ["张三"]
    model.set_search("wangwu")
    assert [model.row(i)["name"] for i in range(model.rowCount())] == ["王五"]
    model.set_search("")
    assert model.rowCount() == 9


def test_the_search_box_filters_after_a_pause(qtbot, desk):
    page = AdminPage(desk.admin)
    qtbot.addWidget(page)
    page.show()
    users = page.tab("users")
    qtbot.keyClicks(users.search, "ls")
    qtbot.waitUntil(lambda: users.model.rowCount() == 1)
    assert users.model.row(0)["name"] == "李四"
    assert users.model.row(0)["roles"] == "dept_head"
    assert users.model.data(users.model.index(0, 3)) == "科室负责人"


def test_model_passes_qt_model_tester(qtmodeltester, desk):
    fill_audit(450)
    model = AuditLogView().model
    model.refresh()
    qtmodeltester.check(model, force_py=True)
    model.fetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)


def test_column_widths_are_remembered_per_list(qtbot, desk):
    def make() -> ListView:
        model = LazyQueryModel(
            lambda: AuditLog.select(),
            [Column("at", "时间", AuditLog.at), Column("actor", "操作人", AuditLog.actor_name)],
            AuditLog.id,
        )
        view = ListView("test.widths", model)
        qtbot.addWidget(view)
        view.show()
        return view

    first = make()
    first.table.horizontalHeader().resizeSection(0, 333)
    first.save_header()
    second = make()
    assert second.table.horizontalHeader().sectionSize(0) == 333


def test_a_header_saved_before_the_list_gained_a_column_is_not_restored(qtbot, desk):
    """Qt restores a header by position: restored over a list that has gained a column since,
    the new column would get the old one's width or none. The saved header is dropped."""

    def make(*extra: Column) -> ListView:
        columns = [
            Column("at", "时间", AuditLog.at),
            Column("actor", "操作人", AuditLog.actor_name),
        ]
        model = LazyQueryModel(lambda: AuditLog.select(), [*extra, *columns], AuditLog.id)
        view = ListView("test.grown", model)
        qtbot.addWidget(view)
        view.show()
        return view

    old = make()
    old.table.horizontalHeader().resizeSection(0, 333)
    old.table.horizontalHeader().resizeSection(1, 0)
    old.save_header()
    grown = make(Column("table", "表", AuditLog.table, width=90))
    header = grown.table.horizontalHeader()
    assert [header.sectionSize(c) for c in range(3)] == [90, 120, 120]
    assert not any(header.isSectionHidden(c) for c in range(3))


def test_a_lost_database_stops_loading_instead_of_raising(qtbot, desk):
    model = LazyQueryModel(
        lambda: AuditLog.select().where(peewee.SQL("no_such_column = 1")),
        [Column("at", "时间", AuditLog.at)],
        AuditLog.id,
    )
    model.refresh()
    assert model.rowCount() == 0
    assert model.load_error is not None
    assert not model.canFetchMore(QModelIndex())


def test_a_painted_cell_shows_what_data_answers(qtbot, desk):
    """The delegate asks for a cell's roles in one ``multiData`` call: the text, alignment
    and look it paints are the ones ``data`` gives role by role."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from desktop.lazy_model import Look

    fill_audit(30)
    columns = [
        Column("actor", "操作人", AuditLog.actor_name),
        Column(
            "record",
            "记录号",
            AuditLog.record_id,
            align_right=True,
            look=lambda row: Look(color="#c00000", bold=True) if row["record"] else None,
        ),
    ]
    model = LazyQueryModel(lambda: AuditLog.select(), columns, AuditLog.id)
    view = ListView("test.painted", model)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    delegate = view.table.itemDelegate()
    for r in range(5):
        for c in range(2):
            index = model.index(r, c)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)
            assert option.text == index.data()
            right = bool(index.data(Qt.ItemDataRole.TextAlignmentRole))
            assert bool(option.displayAlignment & Qt.AlignmentFlag.AlignRight) == right
            colour = index.data(Qt.ItemDataRole.ForegroundRole)
            if colour is not None:
                assert option.palette.text().color() == colour and option.font.bold()
    assert any(model.index(r, 1).data(Qt.ItemDataRole.ForegroundRole) for r in range(5))


class Probe(peewee.Model):
    """Every kind of value a list shows, for the page read below (not a Houqin table)."""

    at = peewee.DateTimeField(null=True)
    day = peewee.DateField(null=True)
    amount = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
    done = peewee.BooleanField(default=False)
    name = peewee.CharField(max_length=20)
    count = peewee.IntegerField(null=True)
    note = peewee.TextField(null=True)

    class Meta:
        database = db
        table_name = "lazy_probe"


@pytest.mark.parametrize("descending", [False, True])
def test_a_page_read_in_one_fetch_gives_the_rows_peewee_gives(database, qapp, descending):
    """A page is fetched in one ``fetchall`` and its rows made into dicts when shown: on
    both backends the rows, their Python values and the keyset pages over a datetime are
    exactly those of ``list(query.dicts())`` over the whole ordered query."""
    from datetime import date
    from decimal import Decimal

    from desktop.lazy_model import default_format

    db.create_tables([Probe])
    t0 = datetime(2026, 3, 1, 8, 30, 15, 250000)
    for i in range(23):
        Probe.create(
            at=None if i % 5 == 0 else t0 + timedelta(minutes=i % 7),
            day=None if i % 4 == 0 else date(2026, 1, 1) + timedelta(days=i),
            amount=None if i % 6 == 0 else Decimal("1234.5") + i,
            done=bool(i % 2),
            name=f"名{i}",
            count=None if i % 3 == 0 else i * 10,
            note=None if i % 2 else f"第 {i} 条",
        )
    fields = [Probe.at, Probe.day, Probe.amount, Probe.done, Probe.name, Probe.count]
    columns = [Column(f.name, f.name, f) for f in [*fields, Probe.note]]
    model = LazyQueryModel(
        lambda: Probe.select(),
        columns,
        Probe.id,
        sort_column=0,
        descending=descending,
        page_size=4,
        extras={"done_too": Probe.done},
    )
    model.refresh()
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    want = list(model.view_query().dicts())
    assert model.rowCount() == len(want) == 23
    assert model.rows == want
    assert [{k: type(v) for k, v in r.items()} for r in model.rows] == [
        {k: type(v) for k, v in r.items()} for r in want
    ]
    for r, row in enumerate(want):
        for c, column in enumerate(columns):
            text = model.data(model.index(r, c))
            assert text == default_format(row[column.key])
            value = row[column.key]
            if isinstance(value, datetime):
                assert text == value.strftime("%Y-%m-%d %H:%M")
            elif isinstance(value, date):
                assert text == value.strftime("%Y-%m-%d")


def test_a_cell_index_is_made_once_and_forgotten_with_the_rows(qapp):
    """A view asks for every visible cell's index on every paint: each is made once, and an
    index past the rows (or its column) stays invalid, also after the rows are replaced."""
    columns = [Column("name", "名称", None), Column("note", "备注", None)]
    model = LazyQueryModel(lambda: None, columns, None)  # type: ignore[arg-type]
    model.rows = [{"name": f"行{i}", "note": "", "_key": i} for i in range(3)]
    first = model.index(2, 1)
    assert first.isValid() and (first.row(), first.column()) == (2, 1)
    assert model.index(2, 1) is first and model.index(2, 0).column() == 0
    assert not model.index(3, 0).isValid() and not model.index(2, 2).isValid()
    assert not model.index(-1, 0).isValid() and not model.index(0, -1).isValid()
    assert not model.index(0, 0, first).isValid()  # a flat table: no children
    model.rows = [{"name": "行0", "note": "", "_key": 0}]
    assert not model.index(2, 1).isValid() and model.index(0, 1).isValid()
    assert model.data(model.index(0, 0)) == "行0"
