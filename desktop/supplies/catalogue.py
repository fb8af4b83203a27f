"""物品目录 & 库存: the catalogue as a lazy list with stock on hand, items at or below their
reorder level highlighted, a category filter, pinyin search, the item dialog and an item's
ledger (every movement with who, when, why and the running balance, S8).

The list reads the cached ``on_hand`` of the item row, which the ledger core keeps equal to
the sum of the movements in the same transaction (S8); the ledger dialog shows that sum.
"""

from __future__ import annotations

from typing import Any

import peewee
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels
from desktop.exporting import ask_save_path, export_action, write_file
from desktop.form_dialog import FormDialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel, Look
from desktop.list_view import ListView, filter_combo
from desktop.module_page import PageTab
from desktop.supplies.common import tr
from forms.kinds import get_kind
from forms.spec import Field, FieldType
from forms.supplies.fields import YES_NO
from forms.supplies.registers import ITEMS
from models import supplies
from models.people import Role, User
from models.supplies import Category, Item, MovementKind

LOW_ROW = Look(background="#fdecea")
LOW_STOCK = Look("#b3261e", bold=True)
YES, NO = YES_NO


def category_label(value: Any) -> str:
    """The list sorts by the regulation's order of series (``CATEGORY_ORDER``, an index)."""
    order = list(Category)
    return labels.label(order[value]) if isinstance(value, int) and 0 <= value < len(order) else ""


# The item dialog is the catalogue register of the Excel template and importer: the code is
# generated for a new item, the stock only moves through the ledger (S8).
ITEM_FIELDS = tuple(f for f in ITEMS.fields if f.key not in ("code", "on_hand"))


def _new_item(values: dict[str, Any]) -> dict[str, Any]:
    """``add_item``'s arguments from the dialog."""
    out = {k: v for k, v in values.items() if v is not None}
    out["gov_catalogue"] = values.get("gov_catalogue") == YES
    out.setdefault("specification", "")
    return out


def is_low(row: dict[str, Any]) -> bool:
    """At or below its reorder level: the item list tints the row and reddens its stock."""
    return int(row.get("on_hand") or 0) <= int(row.get("reorder_level") or 0)


class CatalogueTab(PageTab):
    """The catalogue tab. Everyone sees the stock (a department asks for what is there);
    only 后勤 and the administrator change the catalogue; only 后勤 records opening stock."""

    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("code", tr("编码"), Item.code, width=80),
            Column("name", tr("物品名称"), Item.name, width=150),
            Column("series", tr("类别"), supplies.CATEGORY_ORDER, fmt=category_label, width=110),
            Column("specification", tr("规格型号"), Item.specification, width=150),
            Column("unit", tr("单位"), Item.unit, width=50),
            Column(
                "on_hand",
                tr("库存"),
                Item.on_hand,
                width=70,
                align_right=True,
                look=lambda row: LOW_STOCK if is_low(row) else None,
            ),
            Column("reorder_level", tr("库存下限"), Item.reorder_level, width=80, align_right=True),
            Column("price", tr("参考单价"), Item.price, width=80, align_right=True),
            Column(
                "gov",
                tr("政府采购目录"),
                Item.gov_catalogue,
                fmt=lambda v: tr("是") if v else "",
                width=100,
            ),
        ]
        self.model = LazyQueryModel(
            lambda: Item.select().where(Item.voided_at.is_null()),
            columns,
            Item.id,
            sort_column=2,
            descending=False,
            search_fields=[Item.name_search, Item.code, Item.specification],
            row_look=lambda row: LOW_ROW if is_low(row) else None,
        )
        self.view = ListView(
            "supplies.items",
            self.model,
            search_hint=tr("搜索物品（名称、规格、编码、拼音或首字母）"),
            exporter=export_action(tr("库存表"), self.filters_text),
        )
        self.category = filter_combo(labels.choices(Category), tr("全部类别"))
        self.category.currentIndexChanged.connect(self.apply_filters)
        self.low_only = QCheckBox(tr("只看需补货"))
        self.low_only.toggled.connect(self.apply_filters)
        self.view.filter_bar.addWidget(self.category)
        self.view.filter_bar.addWidget(self.low_only)

        can_edit = user.has_role(*supplies_stock_roles())
        logistics = user.has_role(Role.LOGISTICS)
        bar = self.view.action_bar
        self.add_button = button("add", tr("新增物品…"), self.add_item, visible=can_edit, bar=bar)
        self.edit_button = button("edit", tr("修改…"), self.edit_item, visible=can_edit, bar=bar)
        self.opening_button = button(
            "import", tr("期初结存…"), self.opening_balance, visible=logistics, bar=bar
        )
        self.ledger_button = button("open", tr("物品台账"), self.show_ledger, bar=bar)
        self.view.activated.connect(lambda _key: self.show_ledger())
        self.view.selection_changed.connect(self.update_actions)

        legend = QLabel(tr("粉色行：库存已降到库存下限（含）以下，应补货"))
        legend.setStyleSheet("color: #8a5a00;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)
        self.update_actions()

    def reload(self) -> None:
        self.model.reload()

    @Slot()
    def update_actions(self) -> None:
        chosen = self.view.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.opening_button.setEnabled(chosen)
        self.ledger_button.setEnabled(chosen)

    @Slot()
    def apply_filters(self) -> None:
        filters = []
        if self.category.currentData():
            filters.append(Item.category == self.category.currentData())
        if self.low_only.isChecked():
            filters.append(Item.on_hand <= Item.reorder_level)
        self.model.set_filters(filters)

    def filters_text(self) -> str:
        parts = []
        if self.category.currentData():
            parts.append(self.category.currentText())
        if self.low_only.isChecked():
            parts.append(self.low_only.text())
        return "；".join(parts)

    def selected_item(self) -> Item | None:
        key = self.view.current_id()
        return None if key is None else Item.get_by_id(key)

    # --- dialogs -------------------------------------------------------------------------

    def item_dialog(self, item: Item | None = None) -> FormDialog:
        actor = self.user
        if item is None:
            return FormDialog(
                tr("新增物品"),
                ITEM_FIELDS,
                lambda values: supplies.add_item(actor, **_new_item(values)),
                values={"gov_catalogue": NO, "reorder_level": 0},
                parent=self,
            )
        kind = get_kind("items")
        values = {
            "name": item.name,
            "category": item.category_label,
            "unit": item.unit,
            "specification": item.specification,
            "reorder_level": item.reorder_level,
            "price": item.price,
            "gov_catalogue": YES if item.gov_catalogue else NO,
        }
        return FormDialog(
            tr("修改物品") + f" {item.code}",
            ITEM_FIELDS,
            lambda v: kind.update(actor, item, {k: x for k, x in v.items() if x is not None}),
            values=values,
            parent=self,
        )

    @Slot()
    def add_item(self) -> None:
        if self.item_dialog().exec() == QDialog.DialogCode.Accepted:
            self.changed()

    @Slot()
    def edit_item(self) -> None:
        item = self.selected_item()
        if item is not None and self.item_dialog(item).exec() == QDialog.DialogCode.Accepted:
            self.changed()

    def opening_dialog(self, item: Item) -> FormDialog:
        fields = (
            Field("quantity", "期初数量", FieldType.INTEGER, required=True, label_en="Quantity"),
            Field("reason", "说明", label_en="Note"),
        )
        actor = self.user
        return FormDialog(
            tr("期初结存") + f" {item.code} {item.name}",
            fields,
            lambda v: supplies.set_opening_balance(
                actor, item=item, quantity=v["quantity"], reason=v.get("reason") or ""
            ),
            parent=self,
        )

    @Slot()
    def opening_balance(self) -> None:
        item = self.selected_item()
        if item is not None and self.opening_dialog(item).exec() == QDialog.DialogCode.Accepted:
            self.changed()

    @Slot()
    def show_ledger(self) -> LedgerDialog | None:
        item = self.selected_item()
        if item is None:
            errors.inform(self, tr("物品台账"), tr("请先选中一个物品。"))
            return None
        dialog = LedgerDialog(item, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


def supplies_stock_roles() -> tuple[Role, ...]:
    from models.supplies.stock import CATALOGUE_ROLES

    return tuple(CATALOGUE_ROLES)


LEDGER_HEADERS = (
    ("at", "时间", 16),
    ("kind", "类型", 10),
    ("doc", "单据号", 12),
    ("in", "入库", 8),
    ("out", "出库", 8),
    ("balance", "结存", 8),
    ("actor", "经办人", 10),
    ("department", "领用部门", 12),
    ("supplier", "供应商", 14),
    ("receiver", "领用人", 10),
    ("reason", "事由", 30),
)


def _quantity(value: Any) -> str:
    return str(value) if value else ""


def ledger_columns() -> list[Column]:
    """The 物品台账 columns: in and out from the signed quantity, the stored balance (S8)."""
    from models.people import Department
    from models.supplies import Movement, Supplier

    into = peewee.Case(None, [(Movement.quantity > 0, Movement.quantity)], 0)
    out = peewee.Case(None, [(Movement.quantity < 0, 0 - Movement.quantity)], 0)
    exprs = {
        "at": Movement.at,
        "kind": Movement.kind,
        "doc": Movement.doc_number,
        "in": into,
        "out": out,
        "balance": Movement.balance,
        "actor": Movement.actor_name,
        "department": Department.name,
        "supplier": Supplier.name,
        "receiver": Movement.receiver,
        "reason": Movement.reason,
    }
    formats: dict[str, Any] = {
        "kind": lambda v: labels.of(MovementKind, v),
        "in": _quantity,
        "out": _quantity,
    }
    return [
        Column(
            key,
            tr(label),
            exprs[key],
            **({"fmt": formats[key]} if key in formats else {}),
            sortable=key not in ("in", "out"),
            width=width * 9,
            align_right=key in ("in", "out", "balance"),
        )
        for key, label, width in LEDGER_HEADERS
    ]


class LedgerDialog(QDialog):
    """物品台账: the movements of one item in booking order with the balance after each, in
    the lazy list (a page at a time: an item moved daily for years has tens of thousands);
    the balance is each movement's own (written with it, S8), the total one aggregate."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        from models.supplies import Movement

        super().__init__(parent)
        self.item = item
        self.setWindowTitle(tr("物品台账") + f" — {item.code} {item}")
        self.resize(1060, 520)
        self.model = LazyQueryModel(
            lambda: supplies.item_ledger_query(item),
            ledger_columns(),
            Movement.id,
            descending=False,
        )
        self.view = ListView("supplies.ledger", self.model)
        self.count, self.total = supplies.item_ledger_total(item)
        self.summary = QLabel(
            tr("共 %n 笔出入库，", "", self.count)
            + tr("结存 ")
            + f"{self.total}{item.unit}"
            + tr("（等于全部出入库之和）")
        )
        export = button("export", tr("导出 Excel"), self.export)
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(export)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    @Slot()
    def export(self) -> Any:
        """The whole ledger to Excel (read in the worker, not from the loaded pages)."""
        from forms.spec import FormSpec

        title = tr("物品台账") + f" {self.item.code} {self.item.name}"
        path = ask_save_path(self, tr("导出 Excel"), f"{title}.xlsx")
        if not path:
            return None
        spec = FormSpec(
            name="item_ledger",
            title=title,
            fields=tuple(
                Field(
                    k, label, FieldType.INTEGER if k in ("in", "out") else FieldType.TEXT, width=w
                )
                for k, label, w in LEDGER_HEADERS
            ),
        )
        item = self.item

        def work(_progress: Any) -> Any:
            from forms.excel_export import write_register

            rows = (  # read in the worker, a movement at a time into the file
                {
                    "at": f"{r.at:%Y-%m-%d %H:%M}",
                    "kind": r.kind_label,
                    "doc": r.doc_number,
                    "in": r.quantity_in or None,
                    "out": r.quantity_out or None,
                    "balance": str(r.balance),  # not summed in the 合计 row
                    "actor": r.actor,
                    "department": r.department,
                    "supplier": r.supplier,
                    "receiver": r.receiver,
                    "reason": r.reason,
                }
                for r in supplies.item_ledger(item)
            )
            return write_register(spec, rows, path)

        return write_file(self, path, work, label=tr("正在导出…"), done_title=tr("导出 Excel"))
