"""保养 (F1): what is due soon or overdue (by kilometres or months, whichever first),
recording a maintenance, the history, and on-time compliance per unit for a period."""

from __future__ import annotations

from typing import Any

import peewee
from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
)

from desktop import labels
from desktop.fleet import dialogs
from desktop.fleet.common import integer, manages_fleet, money, percent
from desktop.fleet.vehicles import MAINTENANCE_COLOURS
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView
from desktop.module_page import PageTab
from desktop.tables import fill, read_only_table
from models import fleet
from models.base import now
from models.fleet import Maintenance, RepairShop, Vehicle
from models.people import Department, User


class MaintenanceTab(PageTab):
    """保养: what is due or overdue, recording one, the history, compliance per unit."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.due = read_only_table(
            [
                self.tr("车牌号"),
                self.tr("有车单位"),
                self.tr("保养状态"),
                self.tr("到期日期"),
                self.tr("剩余天数"),
                self.tr("到期里程"),
                self.tr("剩余里程"),
            ],
            fit=True,
        )
        self.due_rows: list[fleet.MaintenanceDue] = []
        self.due_summary = QLabel()
        due_box = QGroupBox(self.tr("待保养 / 已超期"))
        due_layout = QVBoxLayout(due_box)
        top = QHBoxLayout()
        top.addWidget(self.due_summary, 1)
        if manages_fleet(user):
            top.addWidget(button("add", self.tr("登记保养…"), self.record))
        due_layout.addLayout(top)
        due_layout.addWidget(self.due)

        self.since = QDateEdit(QDate(now().date().year, 1, 1))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.load_compliance())
        self.compliance = read_only_table(
            [self.tr("有车单位"), self.tr("按期保养"), self.tr("保养次数"), self.tr("按期率")],
            fit=True,
        )
        comp_box = QGroupBox(self.tr("按期保养率（按单位）"))
        comp_layout = QVBoxLayout(comp_box)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("期间：")))
        period.addWidget(self.since)
        period.addWidget(QLabel("—"))
        period.addWidget(self.until)
        period.addStretch(1)
        comp_layout.addLayout(period)
        comp_layout.addWidget(self.compliance)

        columns = [
            Column("done_on", self.tr("保养日期"), Maintenance.done_on, width=100),
            Column("plate", self.tr("车牌号"), Vehicle.plate, width=100),
            Column("unit", self.tr("有车单位"), Department.name, width=90),
            Column(
                "odometer",
                self.tr("里程(km)"),
                Maintenance.odometer,
                fmt=integer,
                width=90,
                align_right=True,
            ),
            Column("items", self.tr("保养项目"), Maintenance.items, sortable=False, width=200),
            Column(
                "cost",
                self.tr("费用"),
                Maintenance.cost,
                fmt=money,
                width=80,
                align_right=True,
                total=True,
            ),
            Column("shop", self.tr("修理厂"), RepairShop.name, width=120),
            Column(
                "on_time",
                self.tr("按期"),
                Maintenance.on_time,
                fmt=lambda v: self.tr("是") if v else self.tr("否"),
                width=50,
            ),
        ]
        self.history = ListView(
            "fleet.maintenance",
            LazyQueryModel(
                lambda: (
                    Maintenance.select()
                    .join(Vehicle, on=Maintenance.vehicle == Vehicle.id)
                    .join(Department, on=Vehicle.unit == Department.id)
                    .switch(Maintenance)
                    .join(RepairShop, peewee.JOIN.LEFT_OUTER, on=Maintenance.shop == RepairShop.id)
                    .where(Maintenance.voided_at.is_null())
                ),
                columns,
                Maintenance.id,
                sort_column=0,
                descending=True,
                search_fields=[Vehicle.plate, Maintenance.items],
            ),
            search_hint=self.tr("搜索车牌号或保养项目"),
        )
        if manages_fleet(user):
            bar = self.history.action_bar
            bar.addWidget(button("edit", self.tr("更正…"), self.correct))
            bar.addWidget(button("void", self.tr("作废…"), self.void))
        history_box = QGroupBox(self.tr("保养记录"))
        QVBoxLayout(history_box).addWidget(self.history)

        upper = QSplitter()
        upper.addWidget(due_box)
        upper.addWidget(comp_box)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(history_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.reload()

    def reload(self) -> None:
        self.load_due()
        self.load_compliance()
        self.history.model.reload()

    def load_due(self) -> None:
        self.due_rows = fleet.maintenance_due(now().date())
        rows = [
            [
                d.vehicle.plate,
                d.vehicle.unit.name,
                labels.code("maintenance", d.status),
                f"{d.due_date:%Y-%m-%d}" if d.due_date else "",
                "" if d.days_left is None else str(d.days_left),
                f"{d.due_km:,}",
                f"{d.km_left:,}",
            ]
            for d in self.due_rows
        ]
        fill(self.due, rows, right={4, 5, 6})
        for r, d in enumerate(self.due_rows):
            self.due.item(r, 2).setForeground(QColor(MAINTENANCE_COLOURS[d.status]))
        overdue = sum(d.status == "overdue" for d in self.due_rows)
        self.due_summary.setText(
            self.tr("已超期 %1 辆，即将到期 %2 辆（按里程或月数，先到为准）")
            .replace("%1", str(overdue))
            .replace("%2", str(len(self.due_rows) - overdue))
        )

    def load_compliance(self) -> None:
        result = fleet.maintenance_compliance(
            self.since.date().toPython(), self.until.date().toPython()
        )
        rows = [
            [unit, str(ok), str(total), percent(ok / total if total else None)]
            for unit, (ok, total) in sorted(result.items())
        ]
        fill(self.compliance, rows, right={1, 2, 3})
        for r, (_unit, (ok, total)) in enumerate(sorted(result.items())):
            if total and ok < total:
                self.compliance.item(r, 3).setForeground(QColor("#b26a00"))

    def selected_plate(self) -> str | None:
        rows = {i.row() for i in self.due.selectedIndexes()}
        return self.due_rows[min(rows)].vehicle.plate if rows else None

    def record_dialog(self) -> FormDialog:
        return dialogs.maintenance_dialog(self.user, self, self.selected_plate())

    @Slot()
    def record(self) -> bool:
        if self.record_dialog().exec() == QDialog.DialogCode.Accepted:
            self.changed()
            return True
        return False

    @Slot()
    def correct(self) -> bool:
        """更正 the selected maintenance (voided with the reason, entered again)."""
        key = self.history.current_id()
        done = dialogs.correct_selected(
            self, self.user, key, Maintenance, dialogs.correct_maintenance_dialog
        )
        if done:
            self.changed()
        return done

    @Slot()
    def void(self) -> bool:
        key = self.history.current_id()
        done = dialogs.void_selected(self, self.user, key, Maintenance, fleet.void_maintenance)
        if done:
            self.changed()
        return done
