"""维修: repairs by state, unit and shop, searched by plate or number, 「待我处理」 for what
waits for this user; 报修 for a driver; opening a repair shows its window
(``RepairDialog``) with only the actions allowed now."""

from __future__ import annotations

from typing import Any

import peewee
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCheckBox, QDialog, QMenu, QPushButton, QVBoxLayout, QWidget

from desktop import errors, labels
from desktop.exporting import export_action, export_register, export_template, import_dialog
from desktop.fleet import dialogs
from desktop.fleet.common import (
    drives_any,
    money,
    plate_search,
    sees_all,
    shop_items,
    unit_items,
)
from desktop.fleet.repair_dialog import STATE_COLOURS, RepairDialog
from desktop.form_dialog import FormDialog
from desktop.icons import button, icon
from desktop.lazy_model import Column, LazyQueryModel, Look
from desktop.list_view import ListView, filter_combo
from desktop.module_page import PageTab
from forms.kinds import get_kind
from models import fleet
from models.fleet import Repair, RepairShop, RepairState, Vehicle
from models.people import Department, Role, User


def state_look(row: dict[str, Any]) -> Look | None:
    colour = STATE_COLOURS.get(row.get("state"))  # type: ignore[call-overload]
    return Look(colour) if colour else None


class RepairsTab(PageTab):
    """维修: the repairs this user may see, 待我处理, 报修, and each repair's window."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.open_dialogs: list[RepairDialog] = []
        columns = [
            Column("number", self.tr("维修单号"), Repair.number, width=110),
            Column("plate", self.tr("车牌号"), Vehicle.plate, width=100),
            Column("unit", self.tr("有车单位"), Department.name, width=90),
            Column(
                "kind",
                self.tr("类别"),
                Repair.kind,
                fmt=lambda v: labels.code("repair_kind", v),
                width=72,
            ),
            Column("fault", self.tr("故障情况"), Repair.fault, sortable=False, width=200),
            Column("shop", self.tr("修理厂"), RepairShop.name, width=130),
            Column(
                "state",
                self.tr("状态"),
                Repair.state,
                fmt=labels.labeller(RepairState),
                width=70,
                look=state_look,
            ),
            Column("applied_at", self.tr("报修时间"), Repair.applied_at, width=130),
            Column("promised", self.tr("承诺完工"), Repair.promised_date, width=95),
            Column(
                "cost",
                self.tr("估计费用"),
                Repair.estimated_cost,
                fmt=money,
                width=90,
                align_right=True,
                total=True,
            ),
            Column("authorisation", self.tr("准修通知单"), Repair.authorisation_no, width=110),
            Column(
                "historical",
                self.tr("历史补录"),
                Repair.historical,
                fmt=lambda v: self.tr("历史补录") if v else "",
                width=70,
            ),
        ]
        self.model = LazyQueryModel(
            self._base,
            columns,
            Repair.id,
            sort_column=7,
            descending=True,
            search_fields=[plate_search, Repair.number, Repair.fault],
        )
        self.view = ListView(
            "fleet.repairs",
            self.model,
            search_hint=self.tr("搜索车牌号、维修单号或故障描述"),
            exporter=export_action(self.tr("维修列表"), self.filters_text),
        )
        self.mine = QCheckBox(self.tr("待我处理"))
        states = labels.choices(RepairState)
        self.state = filter_combo(states, self.tr("全部状态"))
        self.unit = filter_combo(unit_items(), self.tr("全部单位"))
        self.shop = filter_combo(shop_items(), self.tr("全部修理厂"))
        self.mine.toggled.connect(lambda _c: self.apply_filters())
        self.view.filter_bar.addWidget(self.mine)
        for box in (self.state, self.unit, self.shop):
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
            self.view.filter_bar.addWidget(box)
        bar = self.view.action_bar
        bar.addWidget(button("open", self.tr("打开"), self.open_selected))
        self.apply_button = button("add", self.tr("报修…"), self.apply_repair)
        self.apply_button.setVisible(drives_any(user))
        bar.addWidget(self.apply_button)
        if user.has_role(Role.LOGISTICS, Role.ADMIN):
            more = QPushButton(icon("import"), self.tr("历史维修"))
            menu = QMenu(more)
            menu.addAction(self.tr("导入纸质维修记录…"), self.import_history)
            menu.addAction(self.tr("下载导入模板…"), lambda: export_template(self, "repairs"))
            more.setMenu(menu)
            bar.addWidget(more)
        self.view.activated.connect(lambda key: self.open_repair(key))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def _base(self) -> peewee.ModelSelect:
        query = (
            Repair.select()
            .join(Vehicle, on=Repair.vehicle == Vehicle.id)
            .switch(Repair)
            .join(Department, on=Repair.unit == Department.id)
            .switch(Repair)
            .join(RepairShop, peewee.JOIN.LEFT_OUTER, on=Repair.shop == RepairShop.id)
        )
        if not sees_all(self.user):
            query = query.where(
                (Repair.driver == self.user.id)
                | Repair.vehicle.in_(fleet.vehicle_ids_of(self.user))
            )
        return query

    def apply_filters(self) -> None:
        conditions = []
        if self.mine.isChecked():
            conditions.append(fleet.repairs_to_act(self.user))
        if self.state.currentData() is not None:
            conditions.append(Repair.state == self.state.currentData())
        if self.unit.currentData() is not None:
            conditions.append(Repair.unit == self.unit.currentData())
        if self.shop.currentData() is not None:
            conditions.append(Repair.shop == self.shop.currentData())
        self.model.set_filters(conditions)

    def filters_text(self) -> str:
        parts = [self.mine.text()] if self.mine.isChecked() else []
        parts += [b.currentText() for b in (self.state, self.unit, self.shop) if b.currentIndex()]
        return "；".join(parts)

    def reload(self) -> None:
        self.model.reload()
        for dialog in list(self.open_dialogs):
            if dialog.isVisible():
                dialog.load()

    # --- actions -------------------------------------------------------------------------

    def apply_dialog(self) -> FormDialog:
        return dialogs.apply_dialog(self.user, self)

    @Slot()
    def apply_repair(self) -> Repair | None:
        dialog = self.apply_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()
            return dialog.result
        return None

    @Slot()
    def open_selected(self) -> RepairDialog | None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, self.tr("维修"), self.tr("请先选中一份维修单。"))
            return None
        return self.open_repair(key)

    def open_repair(self, repair_id: Any) -> RepairDialog:
        dialog = RepairDialog(self.user, int(repair_id), self)
        dialog.changed.connect(self.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self._forget(d))
        self.open_dialogs.append(dialog)
        dialog.show()
        return dialog

    def _forget(self, dialog: RepairDialog) -> None:
        if dialog in self.open_dialogs:
            self.open_dialogs.remove(dialog)

    @Slot()
    def import_history(self) -> None:
        import_dialog(self, get_kind("repairs"), self.user, self.changed)

    @Slot()
    def export_register(self) -> Any:
        filters: dict[str, Any] = {}
        if self.state.currentIndex() > 0:
            filters["state"] = self.state.currentText()
        if self.unit.currentIndex() > 0:
            filters["unit"] = self.unit.currentText()
        if self.shop.currentIndex() > 0:
            filters["shop"] = self.shop.currentText()
        return export_register(self, "repairs", filters)


def supplement_window(user: Any, doc_id: int, parent: QWidget | None = None) -> RepairDialog:
    """A supplement has no window of its own: its repair's, where its lines are shown."""
    return RepairDialog(user, fleet.Supplement.get_by_id(doc_id).repair_id, parent)
