"""车辆管理 page: real widgets on a real SQLite office. The page writes only through the
use cases, shows only the actions the user may take now, and puts each refusal's rule ID
where the user looks (beside the field, or in the message)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt

from desktop import print_preview
from desktop.app import build_main_window
from desktop.approvals import ApprovalCenter
from desktop.fleet import actions as A
from desktop.fleet import dialogs
from desktop.fleet.charts import StatsTab
from desktop.fleet.page import FleetPage
from desktop.fleet.repair_dialog import RepairDialog
from models import audit, fleet
from models.fleet import LineInput, LineState, Repair, RepairState, VehicleStatus
from tests.desktop.typing import type_text


@dataclass
class Fleet:
    office: object
    car: fleet.Vehicle
    other: fleet.Vehicle
    shop: fleet.RepairShop
    station: fleet.FuelStation


@pytest.fixture
def fl(desk) -> Fleet:
    o = desk
    car = fleet.add_vehicle(
        o.fleet,
        "京A12345",
        o.squad,
        model="大众帕萨特",
        purchase_date=date(2024, 3, 1),
        odometer=42000,
        drivers=[o.driver],
    )
    other = fleet.add_vehicle(o.fleet, "京B54321", o.office, model="别克GL8", odometer=9000)
    shop = fleet.add_shop(o.logistics, "城东汽修厂", "东环路8号")
    station = fleet.add_station(o.logistics, "中石化东环站")
    return Fleet(o, car, other, shop, station)


def page_for(qtbot, user) -> FleetPage:
    page = FleetPage(user)
    qtbot.addWidget(page)
    page.show()
    return page


def repair_window(qtbot, user, repair) -> RepairDialog:
    dialog = RepairDialog(user, repair.id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def select_row(table, row: int) -> None:
    table.selectionModel().select(
        table.model().index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def authorised(fl: Fleet, prices=("800", "300")) -> Repair:
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "刹车异响")
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="刹车片磨损",
        lines=[LineInput(f"项目{i}", Decimal(p)) for i, p in enumerate(prices, 1)],
        shop=fl.shop,
        promised_date=date.today(),
    )
    repair = fleet.approve_repair(o.leader, repair, "同意")
    return fleet.file_repair(o.logistics, repair)


# --- the page ----------------------------------------------------------------------------


def test_fleet_manager_sees_the_vehicle_register_and_tabs_are_built_lazily(qtbot, fl):
    o = fl.office
    w = build_main_window(o.fleet, o.url)
    qtbot.addWidget(w)
    w.show()
    assert w.module_keys()[:2] == ["home", "fleet"]  # the 工作台 first, for everyone
    page = w.open_module("fleet")
    assert page.tab_keys() == ["vehicles", "repairs", "maintenance", "fuel", "places", "stats"]
    assert list(page.built) == ["vehicles"]  # the other tabs cost nothing until opened
    model = page.built["vehicles"].model
    assert model.rowCount() == 2
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["京A·12345", "京B·54321"]
    row = {model.columns[c].key: model.data(model.index(0, c)) for c in range(len(model.columns))}
    assert row["unit"] == "一中队" and row["status"] == "在用" and row["drivers"] == "吴十"
    assert row["odometer"] == "42,000"
    assert row["maintenance"].startswith("已超期")  # purchased 2024-03, never serviced (F1)


def test_who_sees_the_module_and_a_driver_sees_only_his_vehicles(qtbot, fl):
    o = fl.office
    head = build_main_window(o.squad_head, o.url)  # 科室负责人 only
    qtbot.addWidget(head)
    assert "fleet" not in head.module_keys()
    page = page_for(qtbot, o.driver)
    assert page.tab_keys() == ["vehicles", "repairs", "fuel"]
    model = page.built["vehicles"].model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["京A·12345"]
    assert page.open_tab("repairs").apply_button.isVisibleTo(page)
    assert not page_for(qtbot, o.leader).open_tab("repairs").apply_button.isVisibleTo(page)


def test_F1_a_bad_plate_is_refused_beside_the_field(qtbot, fl):
    tab = page_for(qtbot, fl.office.fleet).built["vehicles"]
    dialog = tab.vehicle_dialog()
    qtbot.addWidget(dialog)
    type_text(dialog.widget("plate"), "京I12345")
    type_text(dialog.widget("unit"), "一中队")
    assert not dialog.try_submit()
    assert dialog.error_text("plate").startswith("[F1] ")
    dialog.widget("plate").setText("")
    type_text(dialog.widget("plate"), "京C·66666")
    assert dialog.try_submit(), dialog.general_error.text()
    assert tab.model.rowCount() == 2  # the page reloads through the window's notice
    tab.reload()
    assert tab.model.rowCount() == 3


# --- the repair flow from the page ---------------------------------------------------------


def test_F2_driver_applies_fleet_manager_assesses_leader_approves_logistics_files(
    qtbot, fl, boxes, monkeypatch
):
    o = fl.office
    tab = page_for(qtbot, o.driver).open_tab("repairs")
    dialog = tab.apply_dialog()
    qtbot.addWidget(dialog)
    assert dialog.widget("plate").count() == 1  # only his own vehicle
    type_text(dialog.widget("fault"), "刹车异响")
    assert dialog.try_submit(), dialog.general_error.text()
    repair = Repair.get()
    assert repair.state == RepairState.APPLIED and repair.driver_id == o.driver.id
    tab.reload()
    assert tab.model.rowCount() == 1

    # The driver may only withdraw; the leader may do nothing yet.
    assert A.actions_for(o.driver, repair) == {A.WITHDRAW}
    assert A.actions_for(o.leader, repair) == set()

    # 车管鉴定 with two lines from the line editor.
    win = repair_window(qtbot, o.fleet, repair)
    assert win.buttons[A.ASSESS].isVisibleTo(win)
    assert not win.buttons[A.APPROVE].isVisibleTo(win)
    assess = win.assess_dialog()
    qtbot.addWidget(assess)
    assert not assess.try_submit()  # no diagnosis, no lines
    type_text(assess.widget("diagnosis"), "刹车片磨损")
    assert not assess.try_submit()
    assert assess.lines.error.text().startswith("[F2] ")  # at least one line, under the table
    assess.lines.add_line("刹车片", "800", warranty=6)
    assess.lines.add_line("工时", "300", labour=True)
    assert assess.try_submit(), assess.general_error.text()
    win.load()
    assert [win.lines.item(r, 7).text() for r in range(2)] == ["估价", "估价"]
    assert win.trail.rowCount() == 2  # 提交, 车管鉴定
    assert not win.buttons[A.ASSESS].isVisibleTo(win)

    # 主要领导 approves from the repair window.
    leader = repair_window(qtbot, o.leader, repair)
    assert leader.allowed == {A.APPROVE, A.REJECT, A.RETURN}
    leader.comment.setPlainText("同意")
    assert leader.approve()
    assert Repair.get_by_id(repair.id).instance().current_node().key == "file"

    # 后勤 files it in the 审批中心; the 准修通知单 is issued.
    center = ApprovalCenter(o.logistics)
    qtbot.addWidget(center)
    center.show()
    assert center.tab("inbox").model.rowCount() == 1
    doc = center.open_document(center.tab("inbox").model.row(0)["instance_id"])
    assert doc.approve()
    repair = Repair.get_by_id(repair.id)
    assert repair.state == RepairState.AUTHORISED and repair.authorisation_no
    assert repair.approved_cost == Decimal("1100.00")

    mine = repair_window(qtbot, o.logistics, repair)
    assert mine.print_auth_button.isVisibleTo(mine)
    assert mine.buttons[A.ENTER].isVisibleTo(mine)
    opened: list[str] = []
    monkeypatch.setattr(print_preview, "show", lambda path, parent: opened.append(str(path)))
    task = mine.print_authorisation()
    qtbot.waitUntil(lambda: task.finished, timeout=10000)
    text = PdfReader(opened[-1]).pages[0].extract_text()
    assert "准修通知单" in text and repair.authorisation_no in text
    task = mine.print_repair()
    qtbot.waitUntil(lambda: task.finished, timeout=10000)
    assert len(PdfReader(opened[-1]).pages) == 3  # 一式三联
    assert boxes.shown == []


def test_F4_an_unapproved_supplement_part_cannot_be_recorded(qtbot, fl, boxes):
    o = fl.office
    repair = authorised(fl)
    win = repair_window(qtbot, o.fleet, repair)
    assert win.allowed == {A.ENTER, A.PRINT_AUTHORISATION}
    assert win.enter_shop()
    assert win.allowed == {A.SUPPLEMENT, A.FITTED, A.FINISH, A.PRINT_AUTHORISATION}
    sup = win.supplement_dialog()
    qtbot.addWidget(sup)
    type_text(sup.widget("reason"), "发现水泵损坏")
    sup.lines.add_line("水泵总成", "2600", assembly=True)
    assert sup.try_submit(), sup.general_error.text()
    win.load()
    proposed = [r for r in range(win.lines.rowCount()) if win.lines.item(r, 7).text() == "补充待批"]
    assert len(proposed) == 1
    select_row(win.lines, proposed[0])
    assert not win.record_fitted()
    assert boxes.shown[-1].kind == "rule" and boxes.shown[-1].text.startswith("[F4] ")
    line = Repair.get_by_id(repair.id).lines.where(fleet.RepairLine.name == "水泵总成").get()
    assert line.state == LineState.PROPOSED
    assert not win.finish()  # a supplement is still under approval
    assert boxes.shown[-1].text.startswith("[F4] ")

    # 后勤审核 then 主要领导同意, from the repair window.
    for user in (o.logistics, o.leader):
        other = repair_window(qtbot, user, repair)
        assert other.sup_box.isVisibleTo(other) and A.SUPPLEMENT_DECIDE in other.allowed
        assert other.approve_supplement()
    win.load()
    for r in range(win.lines.rowCount()):
        select_row(win.lines, r)
        assert win.record_fitted(), boxes.texts()
    assert win.finish()
    assert Repair.get_by_id(repair.id).state == RepairState.AWAITING_ACCEPTANCE

    # F6: only the driver signs the exit acceptance.
    assert A.ACCEPT not in A.actions_for(o.fleet, Repair.get_by_id(repair.id))
    driver = repair_window(qtbot, o.driver, repair)
    assert driver.allowed == {A.ACCEPT, A.PRINT_AUTHORISATION}
    accept = driver.accept_dialog()
    qtbot.addWidget(accept)
    assert accept.try_submit()
    repair = Repair.get_by_id(repair.id)
    assert repair.state == RepairState.CLOSED and repair.first_pass
    assert fleet.Vehicle.get_by_id(fl.car.id).status == VehicleStatus.IN_SERVICE


def test_F5_the_leader_declines_an_overhaul_quote_line_by_line(qtbot, fl):
    o = fl.office
    repair = fleet.apply_repair(o.driver, fl.car, "发动机异响", kind="overhaul")
    repair = fleet.assess(
        o.fleet,
        repair,
        diagnosis="需大修",
        shop=fl.shop,
        promised_date=date.today(),
        lines=[LineInput("缸体", Decimal("9000")), LineInput("涡轮", Decimal("3000"))],
        quote_ref="BJ-17",
    )
    repair = fleet.approve_repair(o.logistics, repair, "报价合理")
    win = repair_window(qtbot, o.leader, repair)
    assert A.DECLINE_LINES in win.allowed
    turbo = next(r for r in range(2) if win.lines.item(r, 1).text() == "涡轮")
    win.lines.item(turbo, 0).setCheckState(Qt.CheckState.Checked)
    assert win.approve()
    states = {ln.name: ln.state for ln in Repair.get_by_id(repair.id).lines}
    assert states == {"缸体": LineState.ESTIMATED, "涡轮": LineState.DECLINED}


# --- fuel, maintenance ---------------------------------------------------------------------


def test_F10_fuel_at_a_station_off_the_list_is_refused_beside_the_station(qtbot, fl):
    o = fl.office
    old = fleet.add_station(o.logistics, "城西加油站")
    fleet.set_designated(o.logistics, old, False)
    tab = page_for(qtbot, o.fleet).open_tab("fuel")
    dialog = tab.fuel_dialog()
    qtbot.addWidget(dialog)
    type_text(dialog.widget("station"), "城西加油站")
    for key, text in (("litres", "40"), ("amount", "320"), ("odometer", "42300")):
        qtbot.keyClicks(dialog.widget(key), text)
    assert not dialog.try_submit()
    assert dialog.error_text("station").startswith("[F10] ")
    assert "不是定点加油站" in dialog.error_text("station")
    assert fleet.FuelLog.select().count() == 0
    dialog.widget("station").setText("")
    type_text(dialog.widget("station"), "中石化东环站")
    assert dialog.try_submit(), dialog.general_error.text()
    assert fleet.FuelLog.get().station_id == fl.station.id
    tab.reload()
    assert tab.fuel.model.rowCount() == 1


def test_F1_maintenance_due_list_and_recording(qtbot, fl):
    o = fl.office
    tab = page_for(qtbot, o.fleet).open_tab("maintenance")
    assert [d.vehicle.plate for d in tab.due_rows] == ["京A·12345"]
    assert tab.due.item(0, 2).text() == "已超期"
    select_row(tab.due, 0)
    dialog = tab.record_dialog()
    qtbot.addWidget(dialog)
    assert dialog.widget("plate").currentText() == "京A·12345"
    assert dialog.try_submit(), dialog.general_error.text()
    tab.reload()
    assert tab.due_rows == []
    assert tab.history.model.rowCount() == 1
    assert tab.compliance.item(0, 0).text() == "一中队"


# --- statistics ------------------------------------------------------------------------------


def test_F8_chart_has_twelve_months_and_the_monthly_report_is_exported(qtbot, fl, tmp_path):
    o = fl.office
    repair = fleet.enter_shop(o.fleet, authorised(fl))
    for line in repair.lines:
        fleet.record_fitted(o.fleet, line)
    repair = fleet.finish_repair(o.fleet, repair)
    repair = fleet.accept(o.driver, repair, True)
    stats = StatsTab(o.fleet)
    qtbot.addWidget(stats)
    stats.show()
    period = f"{date.today():%Y-%m}"
    assert stats.current_period() == period
    assert stats.cost_set.count() == 12 and stats.x_axis.count() == 12
    assert stats.cost_set.at(11) == 1100.0 and stats.cost_set.at(0) == 0.0
    assert [p.y() for p in stats.timely.points()] == [100.0]  # closed by the promised day
    assert [p.y() for p in stats.passed.points()] == [100.0]
    assert stats.passed.points()[0].x() == 11.0
    assert stats.rate_axis.max() == 100 and stats.cost_axis.max() >= 1100
    assert stats.tables["unit"].item(0, 0).text() == "一中队"
    assert "完工 1 次" in stats.summary.text()

    out = tmp_path / "月报.xlsx"
    stats.unit_name.setText("市局机关")
    task = stats.export_report(out)
    qtbot.waitUntil(lambda: task.finished, timeout=10000)
    assert task.exception is None
    book = openpyxl.load_workbook(Path(out))
    cells = [
        str(c)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    assert any("按单位" in c for c in cells)
    assert "一中队" in cells and "京A·12345" in cells and "城东汽修厂" in cells
    assert any("市局机关" in c for c in cells)


def test_the_repair_list_marks_paper_history(qtbot, fl):
    o = fl.office
    fleet.record_historical_repair(
        o.logistics,
        fl.car,
        shop=fl.shop,
        fault="更换离合器",
        cost=Decimal("3200"),
        applied_on=date(2025, 6, 3),
        closed_on=date(2025, 6, 5),
        number="LS2025-0007",
    )
    live = authorised(fl)
    tab = page_for(qtbot, o.logistics).open_tab("repairs")
    model = tab.model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "历史补录"
    )
    marks = {
        model.data(model.index(r, 0)): model.data(model.index(r, column))
        for r in range(model.rowCount())
    }
    assert marks == {"LS2025-0007": "历史补录", live.number: ""}
    win = repair_window(qtbot, o.logistics, Repair.get(Repair.number == "LS2025-0007"))
    assert "历史补录" in win.header.text()
    assert not any(b.isVisibleTo(win) for b in win.buttons.values())  # nothing to act on


def test_X2_a_mistyped_fill_up_is_corrected_with_a_reason_and_a_wrong_one_voided(
    qtbot, fl, monkeypatch
):
    o = fl.office
    day = datetime(2026, 11, 2, 8, 30)
    fleet.log_fuel(o.fleet, fl.car, fl.station, day, Decimal(40), Decimal(320), 423000)
    assert fleet.Vehicle.get_by_id(fl.car.id).odometer == 423000  # one zero too many
    tab = page_for(qtbot, o.fleet).open_tab("fuel")
    select_row(tab.fuel.table, 0)
    dialog = dialogs.correct_fuel_dialog(o.fleet, tab, fleet.FuelLog.get())
    qtbot.addWidget(dialog)
    assert dialog.widget("odometer").text() == "423000"
    assert not dialog.try_submit()  # the reason is required
    type_text(dialog.widget("reason"), "里程多输了一个零")
    dialog.widget("odometer").setText("42300")
    assert dialog.try_submit(), dialog.general_error.text()
    live = fleet.FuelLog.select().where(fleet.FuelLog.voided_at.is_null())
    assert [(f.odometer, f.filled_at) for f in live] == [(42300, day)]  # same day, same time
    wrong = fleet.FuelLog.get(fleet.FuelLog.odometer == 423000)
    assert wrong.void_reason == "更正：里程多输了一个零"
    assert fleet.Vehicle.get_by_id(fl.car.id).odometer == 42300
    tab.reload()
    assert tab.fuel.model.rowCount() == 1  # the voided one is in the audit log only
    monkeypatch.setattr(
        dialogs.QInputDialog, "getText", staticmethod(lambda *a, **k: ("重复登记", True))
    )
    select_row(tab.fuel.table, 0)
    assert tab.void()
    assert fleet.FuelLog.select().where(fleet.FuelLog.voided_at.is_null()).count() == 0
    assert fleet.Vehicle.get_by_id(fl.car.id).odometer == 42000  # back to the registration
    actions = [a.action for a in audit.history("fuel_log", wrong.id)]
    assert actions == ["create", "void"]


def test_X3_the_exported_view_is_typed_with_totals_where_a_sum_means_something(qtbot, fl, tmp_path):
    from desktop import exporting
    from models import settings
    from models.people import SYSTEM

    settings.put(SYSTEM, "office.name", "某某局办公室")
    o = fl.office
    for day, km in ((2, 42100), (9, 42400)):
        at = datetime(2026, 11, day, 8, 30)
        fleet.log_fuel(o.fleet, fl.car, fl.station, at, Decimal(40), Decimal("320.5"), km)
    tab = page_for(qtbot, o.fleet).open_tab("fuel")
    out = tmp_path / "fuel.xlsx"
    task = exporting.export_view(tab.fuel, out, "加油记录")
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    assert task.exception is None, task.exception
    ws = openpyxl.load_workbook(out, data_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][0] == "填报单位：某某局办公室"
    header = list(rows[3])
    body = rows[4:6]
    col = {title: header.index(title) for title in ("加油量(升)", "金额", "里程(km)")}
    assert [r[col["金额"]] for r in body] == [320.5, 320.5]  # numbers, not '320.50'
    assert all(isinstance(r[col["里程(km)"]], int) for r in body)
    assert isinstance(body[0][0], datetime)  # the time as a date-time
    total = rows[6]
    assert total[0] == "合计" and total[col["金额"]] == 641 and total[col["加油量(升)"]] == 80
    assert total[col["里程(km)"]] is None  # odometers do not add up


# --- search and the statistics' first month ----------------------------------------------


def plates(tab) -> list[str]:
    model = tab.model
    return sorted(model.row(r)["plate"] for r in range(model.rowCount()))


def test_the_vehicle_list_finds_a_car_by_its_driver_and_its_brand_in_pinyin(qtbot, fl):
    tab = page_for(qtbot, fl.office.fleet).open_tab("vehicles")
    type_text(tab.view.search, "吴十")  # the driver's name, typed
    tab.view._apply_search()
    assert plates(tab) == ["京A·12345"]
    for text, found in (
        ("ws", ["京A·12345"]),  # the driver's initials
        ("wushi", ["京A·12345"]),
        ("bk", ["京B·54321"]),  # 别克, by its initials
        ("DaZhong", ["京A·12345"]),  # full pinyin, any case
        ("别克 gl8", ["京B·54321"]),  # each word in some field
        ("bk ws", []),  # 别克 has no driver 吴十
        ("", ["京A·12345", "京B·54321"]),
    ):
        tab.model.set_search(text)
        assert plates(tab) == found, text


def test_a_brand_changed_later_is_found_by_its_new_pinyin(qtbot, fl):
    fleet.update_vehicle(fl.office.fleet, fl.other, model="丰田考斯特")
    assert fleet.Vehicle.get_by_id(fl.other.id).model_search.startswith("ftkst ")
    tab = page_for(qtbot, fl.office.fleet).open_tab("vehicles")
    tab.model.set_search("ft")
    assert plates(tab) == ["京B·54321"]
    tab.model.set_search("bk")
    assert plates(tab) == []


def test_the_repair_list_finds_a_repair_by_its_fault(qtbot, fl):
    o = fl.office
    brakes = fleet.apply_repair(o.driver, fl.car, "刹车异响，踩下去发软")
    fleet.assign_drivers(o.fleet, fl.other, [o.driver])
    fleet.apply_repair(o.driver, fl.other, "空调不制冷")
    tab = page_for(qtbot, o.fleet).open_tab("repairs")
    tab.model.set_search("刹车")
    assert [tab.model.row_id(r) for r in range(tab.model.rowCount())] == [brakes.id]
    tab.model.set_search("京b54321 空调")  # a plate in any case, and a word of the fault
    assert tab.model.rowCount() == 1 and tab.model.row_id(0) != brakes.id


def test_F8_statistics_open_on_the_last_finished_month_with_a_closed_repair(qtbot, fl):
    o = fl.office
    repair = fleet.enter_shop(o.fleet, authorised(fl))
    for line in repair.lines:
        fleet.record_fitted(o.fleet, line)
    repair = fleet.accept(o.driver, fleet.finish_repair(o.fleet, repair), True)
    # the repair closed two months ago; last month and this month are empty
    today = date.today()
    index = today.year * 12 + today.month - 1 - 2
    closed = datetime(index // 12, index % 12 + 1, 10, 9, 0)
    Repair.update(closed_at=closed, finished_at=closed).where(Repair.id == repair.id).execute()
    stats = StatsTab(o.fleet)
    qtbot.addWidget(stats)
    stats.show()
    assert stats.current_period() == f"{closed:%Y-%m}"
    assert "完工 1 次" in stats.summary.text()
    assert not stats.extra.text().endswith("：")  # never a colon with nothing after it
    assert fleet.last_month_with_data(closed.date()) is None  # its own month is not finished
    stats.set_period(f"{today:%Y-%m}")  # the picker still offers this month
    assert "完工 0 次" in stats.summary.text()
    assert stats.extra.text() == "有偿服务 0 次；抽查回访 0 份"


def test_F9_the_repair_window_shows_a_dash_where_nothing_is_known_yet(qtbot, fl):
    """A repair just reported: the assessment, shop and estimate are not known yet; the
    form grid says so with a dash beside each label, never a label and a colon alone."""
    from desktop.fleet.repair_dialog import NOT_YET

    reported = fleet.apply_repair(fl.office.driver, fl.car, "异响")
    dialog = repair_window(qtbot, fl.office.fleet, reported)
    grid = dialog.form_grid
    cells = {}
    for i in range(grid.count()):
        row, col, _rows, _cols = grid.getItemPosition(i)
        cells[(row, col)] = grid.itemAt(i).widget().text()
    pairs = {cells[(r, c)]: cells.get((r, c + 1)) for (r, c) in cells if c % 2 == 0}
    assert pairs["车管鉴定意见："] == NOT_YET and pairs["定点修理厂："] == NOT_YET
    assert pairs["故障情况："] == "异响"
    assert all(value for value in pairs.values()), pairs
