"""车辆: the vehicle register as a lazy list (plate, unit, model, status, odometer, drivers,
maintenance status), with add/edit and drivers through the VEHICLES register's Kind, status
changes (停用 / 报废 / 恢复在用), and Excel template, import and export by the forms engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QMenu, QPushButton, QVBoxLayout

from desktop import errors, labels, ops
from desktop.exporting import export_action, export_register, export_template, import_dialog
from desktop.fleet import dialogs
from desktop.fleet.common import integer, manages_fleet, plate_search, sees_all, unit_items
from desktop.icons import button, icon
from desktop.lazy_model import Column, LazyQueryModel, Look
from desktop.list_view import ListView, filter_combo
from desktop.module_page import PageTab
from forms.kinds import get_kind
from models import fleet
from models.base import now
from models.fleet import Vehicle, VehicleStatus
from models.people import Department, User

if TYPE_CHECKING:
    from desktop.form_dialog import FormDialog

MAINTENANCE_COLOURS = {"overdue": "#c0392b", "due_soon": "#b26a00"}


def maintenance_of(row: dict[str, Any]) -> fleet.MaintenanceDue:
    """The F1 status from the row's own columns (no query per row)."""
    probe = Vehicle(
        odometer=row["odometer"] or 0,
        last_service_km=row["last_service_km"] or 0,
        service_interval_km=row["service_interval_km"] or 5000,
        service_interval_months=row["service_interval_months"] or 6,
        last_service_date=row["last_service_date"],
        purchase_date=row["purchase_date"],
    )
    return fleet.maintenance_status(probe, now().date())


def maintenance_text(row: dict[str, Any]) -> str:
    if row.get("status") in (VehicleStatus.SCRAPPED, VehicleStatus.SUSPENDED):
        return ""
    due = maintenance_of(row)
    text = labels.code("maintenance", due.status)
    if due.status == "ok":
        return text
    when = f" {due.due_date:%Y-%m-%d}" if due.due_date else ""
    return f"{text}（{due.due_km:,} km{when}）"


def maintenance_look(row: dict[str, Any]) -> Look | None:
    if row.get("status") in (VehicleStatus.SCRAPPED, VehicleStatus.SUSPENDED):
        return None
    colour = MAINTENANCE_COLOURS.get(maintenance_of(row).status)
    return Look(colour) if colour else None


class VehiclesTab(PageTab):
    """车辆: the register; 车管 and 后勤 add, edit, assign drivers and change a status."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("plate", self.tr("车牌号"), Vehicle.plate, width=110),
            Column("unit", self.tr("有车单位"), Department.name, width=100),
            Column("model", self.tr("品牌型号"), Vehicle.model, width=150),
            Column(
                "status",
                self.tr("状态"),
                Vehicle.status,
                fmt=labels.labeller(VehicleStatus),
                width=70,
            ),
            Column(
                "odometer",
                self.tr("里程(km)"),
                Vehicle.odometer,
                fmt=integer,
                width=90,
                align_right=True,
            ),
            Column(
                "drivers",
                self.tr("驾驶员"),
                fleet.driver_names(),
                fmt=lambda v: (v or "").replace(",", "、"),
                sortable=False,
                width=130,
            ),
            Column(
                "maintenance",
                self.tr("保养"),
                Vehicle.last_service_date,
                width=220,
                text=maintenance_text,
                look=maintenance_look,
            ),
            Column("purchase_date", self.tr("购置日期"), Vehicle.purchase_date, width=100),
        ]
        extras = {
            "last_service_km": Vehicle.last_service_km,
            "last_service_date": Vehicle.last_service_date,
            "service_interval_km": Vehicle.service_interval_km,
            "service_interval_months": Vehicle.service_interval_months,
        }
        self.model = LazyQueryModel(
            self._base,
            columns,
            Vehicle.id,
            sort_column=0,
            descending=False,
            search_fields=[
                plate_search,
                Vehicle.model,
                Vehicle.model_search,
                lambda word: Vehicle.id.in_(fleet.vehicle_ids_driven_by(word)),
            ],
            extras=extras,
        )
        self.view = ListView(
            "fleet.vehicles",
            self.model,
            search_hint=self.tr("搜索车牌号、品牌型号或驾驶员（可用拼音）"),
            exporter=export_action(self.tr("车辆列表"), self.filters_text),
        )
        self.unit = filter_combo(unit_items(), self.tr("全部单位"))
        statuses = labels.choices(VehicleStatus)
        self.status = filter_combo(statuses, self.tr("全部状态"))
        for box in (self.unit, self.status):
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
            self.view.filter_bar.addWidget(box)
        if manages_fleet(user):
            bar = self.view.action_bar
            bar.addWidget(button("add", self.tr("新增车辆…"), self.add_vehicle))
            bar.addWidget(button("edit", self.tr("修改…"), self.edit_vehicle))
            bar.addWidget(button("user", self.tr("驾驶员…"), self.assign_drivers))
            self.status_button = QPushButton(icon("settings"), self.tr("状态"))
            menu = QMenu(self.status_button)
            for status in (
                VehicleStatus.SUSPENDED,
                VehicleStatus.SCRAPPED,
                VehicleStatus.IN_SERVICE,
            ):
                back = status == VehicleStatus.IN_SERVICE
                text = self.tr("恢复在用") if back else labels.label(status)
                menu.addAction(text, lambda s=status: self.set_status(s))
            self.status_button.setMenu(menu)
            bar.addWidget(self.status_button)
            more = QPushButton(icon("import"), self.tr("Excel"))
            excel = QMenu(more)
            excel.addAction(self.tr("从 Excel 导入…"), self.import_vehicles)
            excel.addAction(self.tr("下载导入模板…"), lambda: export_template(self, "vehicles"))
            excel.addAction(self.tr("导出车辆登记表…"), self.export_register)
            more.setMenu(excel)
            bar.addWidget(more)
            self.view.activated.connect(lambda _k: self.edit_vehicle())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def _base(self) -> Any:
        query = (
            Vehicle.select()
            .join(Department, on=Vehicle.unit == Department.id)
            .where(Vehicle.voided_at.is_null())
        )
        if not sees_all(self.user):
            query = query.where(Vehicle.id.in_(fleet.vehicle_ids_of(self.user)))
        return query

    def apply_filters(self) -> None:
        conditions = []
        if self.unit.currentData() is not None:
            conditions.append(Vehicle.unit == self.unit.currentData())
        if self.status.currentData() is not None:
            conditions.append(Vehicle.status == self.status.currentData())
        self.model.set_filters(conditions)

    def filters_text(self) -> str:
        parts = [b.currentText() for b in (self.unit, self.status) if b.currentIndex() > 0]
        return "；".join(parts)

    def reload(self) -> None:
        self.model.reload()

    def selected(self) -> Vehicle | None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, self.tr("车辆"), self.tr("请先选中一辆车。"))
            return None
        return Vehicle.get_by_id(key)

    def _exec(self, dialog: FormDialog | None) -> bool:
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()
            return True
        return False

    def vehicle_dialog(self, vehicle: Vehicle | None = None) -> FormDialog:
        return dialogs.vehicle_dialog(self.user, vehicle, self)

    @Slot()
    def add_vehicle(self) -> bool:
        return self._exec(self.vehicle_dialog())

    @Slot()
    def edit_vehicle(self) -> bool:
        vehicle = self.selected()
        return vehicle is not None and self._exec(self.vehicle_dialog(vehicle))

    @Slot()
    def assign_drivers(self) -> bool:
        vehicle = self.selected()
        return vehicle is not None and self._exec(dialogs.drivers_dialog(self.user, vehicle, self))

    def set_status(self, status: VehicleStatus) -> bool:
        vehicle = self.selected()
        if vehicle is None:
            return False
        text = self.tr("将 %1 设为「%2」？").replace("%1", vehicle.plate)
        text = text.replace("%2", labels.label(status))
        if status != VehicleStatus.IN_SERVICE and not errors.confirm(
            self, self.tr("车辆状态"), text
        ):
            return False
        return ops.attempt(
            self,
            lambda _ack: fleet.set_vehicle_status(self.user, vehicle, status),
            done=lambda _r: self.changed(),
            reload=self.changed,
        )

    @Slot()
    def import_vehicles(self) -> None:
        import_dialog(self, get_kind("vehicles"), self.user, self.changed)

    @Slot()
    def export_register(self) -> Any:
        filters: dict[str, Any] = {}
        if self.unit.currentIndex() > 0:
            filters["unit"] = self.unit.currentText()
        if self.status.currentIndex() > 0:
            filters["status"] = self.status.currentText()
        return export_register(self, "vehicles", filters)
