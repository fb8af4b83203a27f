"""车辆管理: the page of the fleet module. Its tabs are built the first time they are shown,
so opening the page costs one list, not six; ``reload`` refreshes only the tabs built."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop import errors
from desktop.fleet.common import manages_fleet
from desktop.icons import icon
from models.people import Role, User

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class FleetPage(QWidget):
    def __init__(self, user: User, window: MainWindow | None = None) -> None:
        super().__init__()
        self.user = user
        self.window_ = window
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.built: dict[str, QWidget] = {}
        self._factories: list[tuple[str, Callable[[], QWidget]]] = []
        staff = manages_fleet(user) or user.has_role(Role.LEADER)
        specs: list[tuple[str, str, str, bool]] = [
            ("vehicles", "fleet", self.tr("车辆"), True),
            ("repairs", "approvals", self.tr("维修"), True),
            ("maintenance", "settings", self.tr("保养"), staff),
            ("fuel", "send", self.tr("加油 / 用车"), True),
            ("places", "department", self.tr("修理厂 / 加油站"), staff),
            ("stats", "audit", self.tr("统计"), staff),
        ]
        for key, icon_name, title, visible in specs:
            if not visible:
                continue
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._factories.append((key, self._factory(key)))
            self.tabs.addTab(holder, icon(icon_name), title)
        self.tabs.currentChanged.connect(self._build)
        title = QLabel(self.tr("车辆管理"))
        title.setObjectName("pageTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self._build(0)

    def _factory(self, key: str) -> Callable[[], QWidget]:
        def build() -> QWidget:
            changed = self._changed
            if key == "vehicles":
                from desktop.fleet.vehicles import VehiclesTab

                return VehiclesTab(self.user, changed)
            if key == "repairs":
                from desktop.fleet.repairs import RepairsTab

                return RepairsTab(self.user, changed)
            if key == "maintenance":
                from desktop.fleet.maintenance import MaintenanceTab

                return MaintenanceTab(self.user, changed)
            if key == "fuel":
                from desktop.fleet.fuel import FuelTab

                return FuelTab(self.user, changed)
            if key == "places":
                from desktop.fleet.places import PlacesTab

                return PlacesTab(self.user, changed)
            from desktop.fleet.charts import StatsTab

            return StatsTab(self.user, changed)

        return build

    def tab_keys(self) -> list[str]:
        return [key for key, _f in self._factories]

    @Slot(int)
    def _build(self, index: int) -> None:
        if not 0 <= index < len(self._factories):
            return
        key, factory = self._factories[index]
        if key in self.built:
            return
        try:
            widget = factory()
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self.built[key] = widget
        holder = self.tabs.widget(index)
        holder.layout().addWidget(widget)
        widget.show()  # a child added to a shown parent would appear only later

    def open_tab(self, key: str) -> Any:
        """Switch to tab ``key`` (building it) and return its widget."""
        index = self.tab_keys().index(key)
        self.tabs.setCurrentIndex(index)
        self._build(index)
        return self.built[key]

    def _changed(self) -> None:
        if self.window_ is not None:
            self.window_.notify_changed()
        else:
            self.reload()

    def reload(self) -> None:
        for widget in self.built.values():
            reload = getattr(widget, "reload", None)
            if reload is not None:
                reload()
