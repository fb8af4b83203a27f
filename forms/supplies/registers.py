"""办公用品 in Excel: the catalogue, suppliers and opening balances as import/export kinds,
and the ledger, requisitions and purchase orders as export-only registers (S1, S2, S8, X3).

Every write goes through ``models.supplies`` (``add_item``, ``update_item``,
``add_supplier``, ``designate_supplier``, ``set_opening_balance`` ...), so an imported row
meets exactly the checks a row typed in the desktop meets. Stock never arrives by import
except as a 期初结存 on an empty ledger: a later difference is a stocktake's 盘盈/盘亏 (S5, S8).

The paper side lives beside this module in ``forms.supplies``, each small enough to read at
once: ``count`` (盘点表 PDF and workbook, counts read back, S5), ``printables`` (the 申请批准单
slip of a requisition, S6) and ``report`` (the quarterly workbook for the higher authority).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from forms.approval import register_doc_fields
from forms.kinds import Filters, Kind, Values, export_only_kind, refuse_import, register_kind
from forms.people import DEPARTMENT_REF
from forms.spec import Field, FieldType, FormSpec
from models import supplies
from models.errors import RuleViolation
from models.people import Department, User
from models.supplies import (
    CATEGORY_ORDER,
    Category,
    Item,
    Movement,
    MovementKind,
    OrderMethod,
    OrderState,
    PurchaseOrder,
    PurchasePlan,
    Requisition,
    RequisitionLine,
    RequisitionState,
    Supplier,
    SupplierKind,
)
from models.supplies.stock import CategorySupplier

YES_NO = ("是", "否")
CATEGORY_LABELS = tuple(c.label for c in Category)
SUPPLIER_KIND_LABELS = tuple(k.label for k in SupplierKind)
# The importer loads whole designated lists at once: the 2–3 count warning (S2) would fire on
# the first dealer of every category, so the import accepts it and the desktop shows
# ``supplies.designation_warnings()`` on the final lists instead.
DESIGNATION_ACK = frozenset(f"supplies.designated.{c.value}" for c in Category)


def _yes(value: Any) -> bool:
    return value == "是"


def _yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def _category(label: str) -> Category:
    return supplies.category_from_label(label)


def find_item(code: str) -> Item | None:
    """The item with ``code`` (case-insensitive, voided ones too), or ``None``."""
    return Item.get_or_none(Item.code == str(code).strip().upper())


# --- 物品目录 (S1) -------------------------------------------------------------------------

ITEMS = FormSpec(
    name="items",
    title="办公用品目录",
    title_en="Office supplies catalogue",
    key="code",
    fields=(
        Field(
            "code",
            "物品编码",
            required=True,
            width=10,
            max_length=20,
            example="SX0101",
            help="不重复；习惯按类别前缀编号：书写工具 SX、纸本 ZB、文具 WJ、耗材 HC。",
            label_en="Code",
        ),
        Field(
            "name",
            "物品名称",
            required=True,
            width=18,
            max_length=100,
            example="中性笔",
            label_en="Name",
        ),
        Field(
            "category",
            "类别",
            FieldType.CHOICE,
            required=True,
            width=10,
            choices=CATEGORY_LABELS,
            example="书写工具",
            help="制度规定的四个系列之一。",
            label_en="Category",
        ),
        Field(
            "unit",
            "计量单位",
            required=True,
            width=8,
            max_length=10,
            example="支",
            label_en="Unit",
        ),
        Field(
            "specification",
            "规格型号",
            width=18,
            max_length=200,
            example="0.5mm 黑色",
            label_en="Specification",
        ),
        Field(
            "reorder_level",
            "库存下限",
            FieldType.INTEGER,
            width=10,
            example=20,
            help="库存低于或等于此数时提示采购（S4）。",
            label_en="Reorder level",
        ),
        Field(
            "gov_catalogue",
            "政府采购目录",
            FieldType.CHOICE,
            width=12,
            choices=YES_NO,
            example="否",
            help="是 = 只能通过政府集中采购购买（S3）。",
            label_en="Gov. catalogue",
        ),
        Field(
            "price",
            "参考单价",
            FieldType.MONEY,
            width=10,
            example="2.50",
            help="最近一次入库价；入库后自动更新。",
            label_en="Price",
        ),
        Field(
            "on_hand",
            "库存数",
            FieldType.INTEGER,
            width=8,
            help="导出用；导入时忽略。库存只随出入库变动（S8），期初数请用「期初结存」导入。",
            label_en="On hand",
        ),
    ),
    help=(
        "每行一种物品，按物品编码识别。新增模式建立目录；更新模式修改名称、类别、单位、"
        "规格、库存下限、政府采购目录和参考单价。库存数不能通过导入修改。"
    ),
)

_ITEM_KEYS = ("name", "category", "unit", "specification", "reorder_level", "price")


def _insert_item(actor: Any, v: Values) -> None:
    supplies.add_item(
        actor,
        code=v["code"],
        name=v["name"],
        category=_category(v["category"]),
        unit=v["unit"],
        specification=v.get("specification") or "",
        reorder_level=v.get("reorder_level") or 0,
        gov_catalogue=_yes(v.get("gov_catalogue")),
        price=v.get("price") or Decimal("0"),
    )


def _update_item(actor: Any, item: Item, v: Values) -> bool:
    current = {
        "name": item.name,
        "category": item.category,
        "unit": item.unit,
        "specification": item.specification,
        "reorder_level": item.reorder_level,
        "price": Decimal(item.price),
        "gov_catalogue": item.gov_catalogue,
    }
    wanted: dict[str, Any] = {k: v[k] for k in _ITEM_KEYS if k in v}
    if "category" in wanted:
        wanted["category"] = _category(wanted["category"]).value
    if "gov_catalogue" in v:
        wanted["gov_catalogue"] = _yes(v["gov_catalogue"])
    changes = {k: value for k, value in wanted.items() if value != current[k]}
    if not changes:
        return False
    supplies.update_item(actor, item, **changes)
    return True


def _item_query(filters: Filters) -> Any:
    query = Item.select().where(Item.voided_at.is_null())
    if filters.get("category"):
        query = query.where(Item.category == _category(filters["category"]).value)
    if filters.get("gov_catalogue"):
        query = query.where(Item.gov_catalogue == _yes(filters["gov_catalogue"]))
    return query


def _item_rows(filters: Filters) -> Iterator[Values]:
    for item in _item_query(filters).order_by(CATEGORY_ORDER, Item.code).iterator():
        yield {
            "code": item.code,
            "name": item.name,
            "category": Category(item.category).label,
            "unit": item.unit,
            "specification": item.specification,
            "reorder_level": item.reorder_level,
            "gov_catalogue": _yes_no(item.gov_catalogue),
            "price": Decimal(item.price),
            "on_hand": item.on_hand,
        }


register_kind(
    Kind(
        spec=ITEMS,
        find=find_item,
        insert=_insert_item,
        update=_update_item,
        rows=_item_rows,
        count=lambda f: _item_query(f).count(),
        filters=("category", "gov_catalogue"),
    )
)

# --- 供应商 and 定点 lists (S2, S3) ---------------------------------------------------------

SUPPLIERS = FormSpec(
    name="suppliers",
    title="办公用品供应商名录",
    title_en="Office supplies suppliers",
    key="name",
    fields=(
        Field(
            "name",
            "供应商名称",
            required=True,
            width=24,
            max_length=100,
            example="城东文具店",
            label_en="Name",
        ),
        Field(
            "kind",
            "类型",
            FieldType.CHOICE,
            width=12,
            choices=SUPPLIER_KIND_LABELS,
            example="本地经销商",
            help="政府集中采购 = 采购中心或其协议供应商，只用于政府采购目录内物品（S3）。",
            label_en="Kind",
        ),
        Field(
            "categories",
            "定点类别",
            FieldType.CHOICE,
            width=20,
            choices=CATEGORY_LABELS,
            multiple=True,
            example="书写工具、纸本",
            help=(
                "该经销商为哪些类别的定点供应商，多个用「、」分隔；每类应有二至三家（S2），"
                "导入后请在办公用品页面查看家数提醒。留空 = 不是定点供应商。"
            ),
            label_en="Designated for",
        ),
        Field("contact", "联系人", width=10, max_length=64, label_en="Contact"),
        Field("phone", "电话", width=14, max_length=32, example="010-12345678", label_en="Phone"),
        Field("address", "地址", width=28, max_length=200, label_en="Address"),
    ),
    help="每行一家供应商，按名称识别。更新模式修改类型、联系方式，并按「定点类别」增减定点。",
)

_SUPPLIER_KEYS = ("contact", "phone", "address")


def _kind_code(label: str | None) -> SupplierKind:
    return next((k for k in SupplierKind if k.label == label), SupplierKind.LOCAL)


def _designated_labels(supplier: Supplier) -> set[str]:
    rows = CategorySupplier.select(CategorySupplier.category).where(
        (CategorySupplier.supplier == supplier.id) & CategorySupplier.removed_at.is_null()
    )
    return {Category(r.category).label for r in rows}


def _designate(actor: Any, supplier: Supplier, add: set[str], remove: set[str]) -> None:
    for label in sorted(add, key=CATEGORY_LABELS.index):
        supplies.designate_supplier(
            actor, category=_category(label), supplier=supplier, acknowledged=DESIGNATION_ACK
        )
    for label in sorted(remove, key=CATEGORY_LABELS.index):
        supplies.undesignate_supplier(
            actor,
            category=_category(label),
            supplier=supplier,
            reason="Excel 导入更新定点类别",
            acknowledged=DESIGNATION_ACK,
        )


def _insert_supplier(actor: Any, v: Values) -> None:
    supplier = supplies.add_supplier(
        actor,
        name=v["name"],
        kind=_kind_code(v.get("kind")),
        **{k: v.get(k) or "" for k in _SUPPLIER_KEYS},
    )
    _designate(actor, supplier, set(v.get("categories") or ()), set())


def _update_supplier(actor: Any, supplier: Supplier, v: Values) -> bool:
    wanted: dict[str, Any] = {k: v[k] for k in _SUPPLIER_KEYS if k in v}
    if "kind" in v:
        wanted["kind"] = _kind_code(v["kind"]).value
    changes = {k: value for k, value in wanted.items() if value != getattr(supplier, k)}
    if changes:
        supplies.update_supplier(actor, supplier, **changes)
    if "categories" not in v:
        return bool(changes)
    now_on, want = _designated_labels(supplier), set(v["categories"])
    if now_on == want:
        return bool(changes)
    _designate(actor, Supplier.get_by_id(supplier.id), want - now_on, now_on - want)
    return True


def _supplier_query(filters: Filters) -> Any:
    query = Supplier.select().where(Supplier.voided_at.is_null())
    if filters.get("kind"):
        query = query.where(Supplier.kind == _kind_code(filters["kind"]).value)
    if filters.get("categories"):
        wanted = [_category(label).value for label in filters["categories"]]
        designated = CategorySupplier.select(CategorySupplier.supplier).where(
            CategorySupplier.category.in_(wanted) & CategorySupplier.removed_at.is_null()
        )
        query = query.where(Supplier.id.in_(designated))
    return query


def _supplier_rows(filters: Filters) -> Iterator[Values]:
    designated: dict[int, set[str]] = {}
    for supplier_id, category in (
        CategorySupplier.select(CategorySupplier.supplier, CategorySupplier.category)
        .where(CategorySupplier.removed_at.is_null())
        .tuples()
    ):
        designated.setdefault(supplier_id, set()).add(Category(category).label)
    for s in _supplier_query(filters).order_by(Supplier.id).iterator():
        labels = designated.get(s.id, set())
        yield {
            "name": s.name,
            "kind": SupplierKind(s.kind).label,
            "categories": tuple(c for c in CATEGORY_LABELS if c in labels),
            "contact": s.contact,
            "phone": s.phone,
            "address": s.address,
        }


register_kind(
    Kind(
        spec=SUPPLIERS,
        find=lambda name: Supplier.get_or_none(Supplier.name == str(name).strip()),
        insert=_insert_supplier,
        update=_update_supplier,
        rows=_supplier_rows,
        count=lambda f: _supplier_query(f).count(),
        filters=("kind", "categories"),
    )
)

# --- 期初结存 (S8) -------------------------------------------------------------------------

OPENING_BALANCES = FormSpec(
    name="opening-balances",
    title="办公用品期初结存表",
    title_en="Opening balances",
    key="code",
    fields=(
        Field(
            "code",
            "物品编码",
            required=True,
            width=10,
            max_length=20,
            example="SX0101",
            help="须已在物品目录中。",
            label_en="Code",
        ),
        Field("name", "物品名称", width=18, help="导出用；导入时按编码识别。", label_en="Name"),
        Field("unit", "计量单位", width=8, help="导出用。", label_en="Unit"),
        Field(
            "quantity",
            "期初数量",
            FieldType.INTEGER,
            required=True,
            width=10,
            example=120,
            help="正整数，按计量单位。",
            label_en="Quantity",
        ),
        Field(
            "unit_price",
            "单价",
            FieldType.MONEY,
            width=10,
            example="2.50",
            help="原纸质台账的单价；填写后作为该物品的参考单价。",
            label_en="Unit price",
        ),
        Field(
            "date",
            "期初日期",
            FieldType.DATE,
            width=12,
            example="2026-01-01",
            help="启用本系统的日期；不填为导入当时。",
            label_en="Date",
        ),
    ),
    help=(
        "启用系统时录入各物品的现有库存，每种物品一次，且只能在该物品尚无任何出入库记录时录入。"
        "整个文件全部成功才写入；以后的差异请通过季度盘点（盘盈/盘亏）调整。"
    ),
)


def _find_opening(code: str) -> Movement | None:
    return (
        Movement.select()
        .join(Item)
        .where((Item.code == str(code).strip().upper()) & (Movement.kind == MovementKind.OPENING))
        .first()
    )


def _insert_opening(actor: Any, v: Values) -> None:
    item = find_item(v["code"])
    if item is None or item.is_voided:
        raise RuleViolation(
            "S1",
            f"物品目录中没有编码 {v['code']}（请先导入物品目录）",
            f"no item {v['code']} in the catalogue",
            field="code",
        )
    # A date alone: the start of the working day, before anything moves that day.
    at = datetime.combine(v["date"], time(8, 0)) if v.get("date") is not None else None
    supplies.set_opening_balance(
        actor, item=item, quantity=v["quantity"], at=at, unit_price=v.get("unit_price")
    )


def _opening_query(filters: Filters) -> Any:
    query = (
        Movement.select(Movement, Item)
        .join(Item)
        .where(Movement.kind == MovementKind.OPENING.value)
    )
    if filters.get("code"):
        query = query.where(Item.code == str(filters["code"]).upper())
    return query


def _opening_rows(filters: Filters) -> Iterator[Values]:
    for m in _opening_query(filters).order_by(CATEGORY_ORDER, Item.code).iterator():
        yield {
            "code": m.item.code,
            "name": m.item.name,
            "unit": m.item.unit,
            "quantity": m.quantity,
            "unit_price": None if m.unit_price is None else Decimal(m.unit_price),
            "date": m.at.date(),
        }


register_kind(
    Kind(
        spec=OPENING_BALANCES,
        find=_find_opening,
        insert=_insert_opening,
        update=refuse_import(
            "S8",
            "期初结存已录入，不能通过导入修改；差异请通过季度盘点调整",
            "the opening balance is recorded; correct stock by a stocktake",
        ),
        rows=_opening_rows,
        count=lambda f: _opening_query(f).count(),
        filters=("code",),
    )
)

# --- export-only registers: 出入库明细, 申请批准单, 采购订单 --------------------------------------

MOVEMENT_LABELS = tuple(k.label for k in MovementKind)

LEDGER = FormSpec(
    name="stock-ledger",
    title="办公用品出入库明细账",
    title_en="Stock ledger",
    key="id",
    fields=(
        Field("id", "流水号", FieldType.INTEGER, width=8, label_en="No."),
        Field("at", "时间", width=16, label_en="Time"),
        Field("code", "物品编码", width=10, label_en="Code"),
        Field("name", "物品名称", width=16, label_en="Name"),
        Field("unit", "单位", width=6, label_en="Unit"),
        Field("kind", "类型", FieldType.CHOICE, width=10, choices=MOVEMENT_LABELS, label_en="Kind"),
        Field("doc_number", "单据号", width=14, label_en="Document"),
        Field("quantity_in", "入库数", FieldType.INTEGER, width=8, label_en="In"),
        Field("quantity_out", "出库数", FieldType.INTEGER, width=8, label_en="Out"),
        Field("balance", "结存", FieldType.INTEGER, width=8, label_en="Balance"),
        Field(
            "department",
            "领用科室",
            FieldType.REFERENCE,
            width=12,
            reference=DEPARTMENT_REF,
            label_en="Department",
        ),
        Field("receiver", "领用人", width=8, label_en="Receiver"),
        Field("supplier", "供应商", width=16, label_en="Supplier"),
        Field("actor", "经办人", width=8, label_en="By"),
        Field("reason", "事由", width=28, label_en="Reason"),
    ),
    help="导出用：库存只随业务单据变动（S8），明细账不能导入。",
)


def _ledger_query(filters: Filters) -> Any:
    query = Movement.select(Movement, Item).join(Item)
    if filters.get("code"):
        query = query.where(Item.code == str(filters["code"]).strip().upper())
    if filters.get("kind"):
        kind = next(k for k in MovementKind if k.label == filters["kind"])
        query = query.where(Movement.kind == kind.value)
    if filters.get("department"):
        dept = Department.select(Department.id).where(Department.name == filters["department"])
        query = query.where(Movement.department.in_(dept))
    return query


def _ledger_rows(filters: Filters) -> Iterator[Values]:
    # Departments and suppliers are a few dozen rows: two small reads instead of two joins
    # on a ledger of a million movements.
    departments = dict(Department.select(Department.id, Department.name).tuples())
    suppliers = dict(Supplier.select(Supplier.id, Supplier.name).tuples())
    for m in _ledger_query(filters).order_by(Movement.id).iterator():
        yield {
            "id": m.id,
            "at": f"{m.at:%Y-%m-%d %H:%M}",
            "code": m.item.code,
            "name": m.item.name,
            "unit": m.item.unit,
            "kind": MovementKind(m.kind).label,
            "doc_number": m.doc_number,
            "quantity_in": max(m.quantity, 0),
            "quantity_out": max(-m.quantity, 0),
            "balance": m.balance,
            "department": departments.get(m.department_id, ""),
            "receiver": m.receiver,
            "supplier": suppliers.get(m.supplier_id, ""),
            "actor": m.actor_name,
            "reason": m.reason,
        }


export_only_kind(
    LEDGER,
    rows=_ledger_rows,
    count=lambda f: _ledger_query(f).count(),
    filters=("code", "kind", "department"),
    rule="S8",
    zh="出入库明细由入库、领用、退货、盘点等单据生成，不能导入",
    en="the ledger is written by receipts, issues, returns and stocktakes, not imported",
)

REQUISITION_STATE_LABELS = tuple(s.label for s in RequisitionState)

REQUISITIONS = FormSpec(
    name="requisitions",
    title="办公用品申请批准单登记表",
    title_en="Requisitions",
    key="number",
    fields=(
        Field("number", "单号", width=12, label_en="Number"),
        Field(
            "department",
            "申请科室",
            FieldType.REFERENCE,
            width=12,
            reference=DEPARTMENT_REF,
            label_en="Department",
        ),
        Field("applicant", "申请人", width=8, label_en="Applicant"),
        Field("submitted_on", "申请日期", FieldType.DATE, width=11, label_en="Submitted"),
        Field(
            "state",
            "状态",
            FieldType.CHOICE,
            width=8,
            choices=REQUISITION_STATE_LABELS,
            label_en="State",
        ),
        Field("lines", "申领物品", width=36, label_en="Items"),
        Field("requested", "申请数量", FieldType.INTEGER, width=9, label_en="Asked"),
        Field("approved", "批准数量", FieldType.INTEGER, width=9, label_en="Approved"),
        Field("issued", "发放数量", FieldType.INTEGER, width=9, label_en="Issued"),
        Field("receiver", "领用人", width=8, label_en="Receiver"),
        Field("issued_on", "发放日期", FieldType.DATE, width=11, label_en="Issued on"),
        Field("purpose", "用途", width=20, label_en="Purpose"),
    ),
    help="导出用：申请批准单在软件中提交和审批（S6）。",
)


def _requisition_query(filters: Filters) -> Any:
    query = (
        Requisition.select(Requisition, Department, User)
        .join(Department)
        .switch(Requisition)
        .join(User, on=Requisition.applicant == User.id)
    )
    if filters.get("department"):
        query = query.where(Department.name == filters["department"])
    if filters.get("state"):
        state = next(s for s in RequisitionState if s.label == filters["state"])
        query = query.where(Requisition.state == state.value)
    return query


def _requisition_rows(filters: Filters) -> Iterator[Values]:
    lines: dict[int, list[tuple[str, int, int | None, int]]] = {}
    for req_id, name, unit, asked, approved, issued in (
        RequisitionLine.select(
            RequisitionLine.requisition,
            Item.name,
            Item.unit,
            RequisitionLine.requested,
            RequisitionLine.approved,
            RequisitionLine.issued,
        )
        .join(Item)
        .order_by(RequisitionLine.id)
        .tuples()
        .iterator()
    ):
        lines.setdefault(req_id, []).append((f"{name}×{asked}{unit}", asked, approved, issued))
    for r in _requisition_query(filters).order_by(Requisition.id).iterator():
        mine = lines.get(r.id, [])
        decided = [a for _, _, a, _ in mine if a is not None]
        yield {
            "number": r.number,
            "department": r.department.name,
            "applicant": r.applicant.name,
            "submitted_on": r.submitted_at.date(),
            "state": RequisitionState(r.state).label,
            "lines": "、".join(text for text, *_ in mine),
            "requested": sum(asked for _, asked, _, _ in mine),
            "approved": sum(decided) if decided else None,
            "issued": sum(issued for *_, issued in mine),
            "receiver": r.receiver_name,
            "issued_on": r.issued_at.date() if r.issued_at else None,
            "purpose": r.purpose,
        }


export_only_kind(
    REQUISITIONS,
    rows=_requisition_rows,
    count=lambda f: _requisition_query(f).count(),
    filters=("department", "state"),
    rule="S6",
    zh="申请批准单须在软件中提交，经科室负责人和后勤核对后发放，不能导入",
    en="requisitions are submitted and approved in the application, not imported",
)

ORDERS = FormSpec(
    name="purchase-orders",
    title="办公用品采购订单登记表",
    title_en="Purchase orders",
    key="number",
    fields=(
        Field("number", "订单号", width=12, label_en="Number"),
        Field("plan", "采购计划", width=12, label_en="Plan"),
        Field("created_on", "下单日期", FieldType.DATE, width=11, label_en="Date"),
        Field(
            "method",
            "采购方式",
            FieldType.CHOICE,
            width=12,
            choices=tuple(m.label for m in OrderMethod),
            label_en="Method",
        ),
        Field("supplier", "供应商", width=18, label_en="Supplier"),
        Field(
            "state",
            "状态",
            FieldType.CHOICE,
            width=8,
            choices=tuple(s.label for s in OrderState),
            label_en="State",
        ),
        Field("total", "订单金额", FieldType.MONEY, width=12, label_en="Total"),
        Field("central_ref", "集中采购编号", width=14, label_en="Central ref."),
        Field("choice_reason", "选定理由", width=24, label_en="Reason chosen"),
    ),
    help="导出用：订单只能依据已批准的采购计划在软件中下达（S2–S4）。",
)


def _order_query(filters: Filters) -> Any:
    query = (
        PurchaseOrder.select(PurchaseOrder, PurchasePlan, Supplier)
        .join(PurchasePlan)
        .switch(PurchaseOrder)
        .join(Supplier)
    )
    if filters.get("method"):
        method = next(m for m in OrderMethod if m.label == filters["method"])
        query = query.where(PurchaseOrder.method == method.value)
    if filters.get("state"):
        state = next(s for s in OrderState if s.label == filters["state"])
        query = query.where(PurchaseOrder.state == state.value)
    if filters.get("supplier"):
        query = query.where(Supplier.name == filters["supplier"])
    return query


def _order_rows(filters: Filters) -> Iterator[Values]:
    for o in _order_query(filters).order_by(PurchaseOrder.id).iterator():
        yield {
            "number": o.number,
            "plan": o.plan.number,
            "created_on": o.created_at.date(),
            "method": OrderMethod(o.method).label,
            "supplier": o.supplier.name,
            "state": OrderState(o.state).label,
            "total": Decimal(o.total),
            "central_ref": o.central_ref,
            "choice_reason": o.choice_reason,
        }


export_only_kind(
    ORDERS,
    rows=_order_rows,
    count=lambda f: _order_query(f).count(),
    filters=("method", "state", "supplier"),
    rule="S4",
    zh="采购订单须依据已批准的采购计划在软件中下达，不能导入",
    en="orders are placed against an approved plan in the application, not imported",
)

# --- how the 审批中心 and the printed 申请批准单 label the supplies documents ----------------

register_doc_fields(
    "supplies_requisition",
    FormSpec("supplies_requisition_fields", "办公用品申请", (Field("lines", "申领项数"),)),
)
register_doc_fields(
    "supplies_plan",
    FormSpec(
        "supplies_plan_fields",
        "办公用品采购计划",
        (
            Field("period", "计划期间"),
            Field("total", "计划金额（元）", FieldType.MONEY),
        ),
    ),
)
register_doc_fields(
    "supplies_stocktake",
    FormSpec(
        "supplies_stocktake_fields",
        "办公用品季度盘点",
        (
            Field("period", "盘点期间"),
            Field("gain", "盘盈数量合计"),
            Field("loss", "盘亏数量合计"),
        ),
    ),
)
