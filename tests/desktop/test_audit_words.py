"""The audit log speaks words, not codes: objects, actions and the values of a change (a state,
yes/no, the name a foreign key points to), in Chinese and in English."""

from __future__ import annotations

from desktop import i18n, labels
from desktop.admin import AuditLogView
from models import fleet
from models.base import BaseModel
from models.fleet import VehicleStatus


def rows(qtbot) -> list[list[str]]:
    view = AuditLogView()
    qtbot.addWidget(view)
    view.show()
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def add_car(desk):
    car = fleet.add_vehicle(desk.fleet, "京A12345", desk.squad, model="大众朗逸", odometer=42000)
    fleet.set_vehicle_status(desk.fleet, car, VehicleStatus.SUSPENDED)
    return car


def test_X2_the_audit_log_shows_objects_actions_and_values_in_chinese(qtbot, desk):
    add_car(desk)
    shown = rows(qtbot)
    status = next(r for r in shown if r[2] == "车辆" and r[4] == "修改")
    assert "在用 → 停用" in status[5] or "→ 停用" in status[5], status
    created = next(r for r in shown if r[2] == "车辆" and r[4] == "新建")
    assert "单位：一中队" in created[5] and "京A·12345" in created[5]
    assert not any(code in " ".join(map(str, r)) for r in shown for code in ("vehicle", "create"))


def test_X2_the_audit_log_in_english(qtbot, desk, app):
    add_car(desk)
    i18n.install(app, "en")
    try:
        shown = rows(qtbot)
        assert any(r[2] == "Vehicle" and r[4] == "Changed" and "Suspended" in r[5] for r in shown)
    finally:
        i18n.install(app, "zh_CN")


def test_yes_no_and_unknown_codes():
    assert labels.audit_changes("vehicle_use", '{"private": [null, true]}').endswith("是")
    assert labels.audit_action("no_such") == "no_such"


def test_every_table_of_every_domain_has_its_words():
    from models import domains

    domains.load()
    stack: list[type] = [BaseModel]
    tables = set()
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("models."):  # not the tables tests declare
                tables.add(sub._meta.table_name)
    internal = {"audit_log", "schema_version", "versioned_model", "voidable_model"}
    assert sorted(tables - internal - set(labels.AUDIT_OBJECTS)) == []
