"""修理厂 / 加油站 (F7, F10): the designated lists. Taking one off the list (移出定点) keeps its
history; add, edit, import and export go through the SHOPS / STATIONS registers' Kinds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, ops
from desktop.exporting import export_register, export_template, import_dialog
from desktop.fleet import dialogs
from desktop.fleet.common import yes_no
from desktop.form_dialog import FormDialog
from desktop.icons import button, icon
from desktop.lazy_model import Column, LazyQueryModel, Look
from desktop.list_view import ListView, filter_combo
from desktop.module_page import PageTab
from forms.kinds import get_kind
from models import fleet
from models.fleet import FuelStation, RepairShop
from models.people import Role, User


def designated_look(row: dict[str, Any]) -> Look | None:
    return None if row.get("designated") else Look("#999999")


class PlaceList(QWidget):
    """One designated list (shops or stations)."""

    def __init__(
        self, user: User, kind_name: str, model: type[RepairShop] | type[FuelStation], changed: Any
    ) -> None:
        super().__init__()
        self.user = user
        self.kind_name = kind_name
        self.place_model = model
        self.changed = changed
        columns = [
            Column("name", self.tr("名称"), model.name, width=180),
            Column("address", self.tr("地址"), model.address, width=200),
        ]
        if model is RepairShop:
            columns.append(Column("phone", self.tr("电话"), RepairShop.phone, width=110))
        columns.append(
            Column(
                "designated",
                self.tr("定点"),
                model.designated,
                fmt=yes_no,
                width=50,
                look=designated_look,
            )
        )
        self.model = LazyQueryModel(
            lambda: model.select().where(model.voided_at.is_null()),
            columns,
            model.id,
            sort_column=None,
            descending=False,
            search_fields=[model.name, model.address],
        )
        self.view = ListView(
            f"fleet.{kind_name}", self.model, search_hint=self.tr("搜索名称或地址")
        )
        self.designated = filter_combo(
            [(self.tr("定点"), True), (self.tr("已移出"), False)], self.tr("全部（含已移出）")
        )
        self.designated.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.view.filter_bar.addWidget(self.designated)
        bar = self.view.action_bar
        if user.has_role(Role.LOGISTICS, Role.ADMIN):
            bar.addWidget(button("add", self.tr("新增…"), self.add))
            bar.addWidget(button("edit", self.tr("修改…"), self.edit))
            bar.addWidget(button("void", self.tr("移出定点"), lambda: self.set_designated(False)))
            bar.addWidget(button("approve", self.tr("恢复定点"), lambda: self.set_designated(True)))
            more = QPushButton(icon("import"), self.tr("Excel"))
            menu = QMenu(more)
            menu.addAction(
                self.tr("从 Excel 导入…"),
                lambda: import_dialog(self, get_kind(kind_name), user, changed),
            )
            menu.addAction(self.tr("下载导入模板…"), lambda: export_template(self, kind_name))
            menu.addAction(self.tr("导出名录…"), lambda: export_register(self, kind_name, {}))
            more.setMenu(menu)
            bar.addWidget(more)
            self.view.activated.connect(lambda _k: self.edit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def apply_filters(self) -> None:
        value = self.designated.currentData()
        self.model.set_filters([] if value is None else [self.place_model.designated == value])

    def reload(self) -> None:
        self.model.reload()

    def selected(self) -> Any:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, self.tr("名录"), self.tr("请先选中一行。"))
            return None
        return self.place_model.get_by_id(key)

    def dialog(self, place: Any = None) -> FormDialog:
        return dialogs.place_dialog(self.user, self.kind_name, place, self)

    def add(self) -> bool:
        if self.dialog().exec() == QDialog.DialogCode.Accepted:
            self.changed()
            return True
        return False

    def edit(self) -> bool:
        place = self.selected()
        if place is not None and self.dialog(place).exec() == QDialog.DialogCode.Accepted:
            self.changed()
            return True
        return False

    def set_designated(self, designated: bool) -> bool:
        place = self.selected()
        if place is None:
            return False
        return ops.attempt(
            self,
            lambda _ack: fleet.set_designated(self.user, place, designated),
            done=lambda _r: self.changed(),
            reload=self.changed,
        )


class PlacesTab(PageTab):
    """修理厂 / 加油站: the two designated lists, one above the other."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.shops = PlaceList(user, "shops", RepairShop, self.changed)
        self.stations = PlaceList(user, "stations", FuelStation, self.changed)
        shops_box = QGroupBox(self.tr("定点修理厂"))
        QVBoxLayout(shops_box).addWidget(self.shops)
        stations_box = QGroupBox(self.tr("定点加油站"))
        QVBoxLayout(stations_box).addWidget(self.stations)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(shops_box)
        split.addWidget(stations_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def reload(self) -> None:
        self.shops.reload()
        self.stations.reload()
