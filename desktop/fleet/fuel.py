"""加油 / 用车 (F10): the fuel log (designated stations only, readings that never go back) and
vehicle-use requests, whose approvals run in the 审批中心."""

from __future__ import annotations

from typing import Any

import peewee
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QGroupBox, QSplitter, QVBoxLayout

from desktop import labels
from desktop.exporting import export_action, export_register
from desktop.fleet import dialogs
from desktop.fleet.common import integer, money, plate_search, sees_all, yes_no
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView
from desktop.module_page import PageTab
from models import fleet
from models.fleet import FuelLog, FuelStation, Vehicle, VehicleUse
from models.people import Department, Role, User
from models.workflow import State

Driver = User.alias("driver")
Applicant = User.alias("use_applicant")


def use_state(value: Any) -> str:
    """A request's state is the approval's (``applied`` until the flow decides)."""
    return labels.of(State, State.PENDING if value == "applied" else value)


class FuelTab(PageTab):
    """加油 / 用车: the fuel log at designated stations, and vehicle-use requests."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        fuel_columns = [
            Column("filled_at", self.tr("加油时间"), FuelLog.filled_at, width=130),
            Column("plate", self.tr("车牌号"), Vehicle.plate, width=100),
            Column("unit", self.tr("有车单位"), Department.name, width=90),
            Column("station", self.tr("加油站"), FuelStation.name, width=150),
            Column(
                "litres",
                self.tr("加油量(升)"),
                FuelLog.litres,
                fmt=money,
                width=85,
                align_right=True,
                total=True,
            ),
            Column(
                "amount",
                self.tr("金额"),
                FuelLog.amount,
                fmt=money,
                width=85,
                align_right=True,
                total=True,
            ),
            Column(
                "odometer",
                self.tr("里程(km)"),
                FuelLog.odometer,
                fmt=integer,
                width=90,
                align_right=True,
            ),
            Column("driver", self.tr("驾驶员"), Driver.name, width=80),
        ]
        self.fuel = ListView(
            "fleet.fuel",
            LazyQueryModel(
                self._fuel_base,
                fuel_columns,
                FuelLog.id,
                sort_column=0,
                descending=True,
                search_fields=[plate_search, FuelStation.name],
            ),
            search_hint=self.tr("搜索车牌号或加油站"),
            exporter=export_action(self.tr("加油记录")),
        )
        if user.has_role(Role.FLEET_MANAGER, Role.LOGISTICS, Role.CLERK):
            self.fuel.action_bar.addWidget(button("add", self.tr("登记加油…"), self.log_fuel))
        self.fuel.action_bar.addWidget(
            button("export", self.tr("加油登记表…"), lambda: export_register(self, "fuel", {}))
        )
        if user.has_role(Role.FLEET_MANAGER, Role.LOGISTICS):
            self.fuel.action_bar.addWidget(button("edit", self.tr("更正…"), self.correct))
            self.fuel.action_bar.addWidget(button("void", self.tr("作废…"), self.void))
        use_columns = [
            Column("starts", self.tr("开始"), VehicleUse.starts, width=130),
            Column("ends", self.tr("结束"), VehicleUse.ends, width=130),
            Column("plate", self.tr("车牌号"), Vehicle.plate, width=100),
            Column("applicant", self.tr("申请人"), Applicant.name, width=80),
            Column("destination", self.tr("目的地"), VehicleUse.destination, width=110),
            Column("purpose", self.tr("用车事由"), VehicleUse.purpose, sortable=False, width=160),
            Column("out", self.tr("出市"), VehicleUse.out_of_city, fmt=yes_no, width=50),
            Column("private", self.tr("私用"), VehicleUse.private, fmt=yes_no, width=50),
            Column("state", self.tr("状态"), VehicleUse.state, fmt=use_state, width=70),
        ]
        self.uses = ListView(
            "fleet.uses",
            LazyQueryModel(
                self._use_base,
                use_columns,
                VehicleUse.id,
                sort_column=0,
                descending=True,
                search_fields=[plate_search, VehicleUse.destination],
            ),
            search_hint=self.tr("搜索车牌号或目的地"),
            exporter=export_action(self.tr("用车申请")),
        )
        self.uses.action_bar.addWidget(button("add", self.tr("用车申请…"), self.request_use))
        fuel_box = QGroupBox(self.tr("加油记录（定点加油）"))
        QVBoxLayout(fuel_box).addWidget(self.fuel)
        use_box = QGroupBox(self.tr("用车申请"))
        QVBoxLayout(use_box).addWidget(self.uses)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(fuel_box)
        split.addWidget(use_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def _fuel_base(self) -> peewee.ModelSelect:
        query = (
            FuelLog.select()
            .join(Vehicle, on=FuelLog.vehicle == Vehicle.id)
            .join(Department, on=Vehicle.unit == Department.id)
            .switch(FuelLog)
            .join(FuelStation, on=FuelLog.station == FuelStation.id)
            .switch(FuelLog)
            .join(Driver, peewee.JOIN.LEFT_OUTER, on=FuelLog.driver == Driver.id)
            .where(FuelLog.voided_at.is_null())
        )
        if not sees_all(self.user):
            query = query.where(FuelLog.vehicle.in_(fleet.vehicle_ids_of(self.user)))
        return query

    def _use_base(self) -> peewee.ModelSelect:
        query = (
            VehicleUse.select()
            .join(Vehicle, on=VehicleUse.vehicle == Vehicle.id)
            .switch(VehicleUse)
            .join(Applicant, on=VehicleUse.applicant == Applicant.id)
        )
        if not sees_all(self.user):
            query = query.where(VehicleUse.applicant == self.user.id)
        return query

    def reload(self) -> None:
        for view in (self.fuel, self.uses):
            view.model.reload()

    def fuel_dialog(self) -> FormDialog:
        return dialogs.fuel_dialog(self.user, self)

    @Slot()
    def log_fuel(self) -> bool:
        if self.fuel_dialog().exec() == QDialog.DialogCode.Accepted:
            self.changed()
            return True
        return False

    @Slot()
    def correct(self) -> bool:
        """更正 the selected fill-up (voided with the reason, logged again)."""
        key = self.fuel.current_id()
        done = dialogs.correct_selected(self, self.user, key, FuelLog, dialogs.correct_fuel_dialog)
        if done:
            self.changed()
        return done

    @Slot()
    def void(self) -> bool:
        key = self.fuel.current_id()
        done = dialogs.void_selected(self, self.user, key, FuelLog, fleet.void_fuel)
        if done:
            self.changed()
        return done

    def use_dialog(self) -> FormDialog:
        return dialogs.use_dialog(self.user, self)

    @Slot()
    def request_use(self) -> bool:
        if self.use_dialog().exec() == QDialog.DialogCode.Accepted:
            self.changed()
            return True
        return False
