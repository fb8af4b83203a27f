"""What the 办公用品 documents wrote, as registers for export only: the stock ledger (S8),
the requisitions (S6) and the purchase orders (S2–S4). Their records come from the
application's use cases alone, so an import is refused with the rule that says why.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from forms.kinds import Filters, Values, export_only_kind, within
from forms.people import DEPARTMENT_REF
from forms.spec import Field, FieldType, FormSpec
from forms.supplies.fields import ITEM_CODE, ITEM_NAME, UNIT
from models.people import Department, User
from models.supplies import (
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
)
from models.text import normalize_code

MOVEMENT_LABELS = tuple(k.label for k in MovementKind)

LEDGER = FormSpec(
    name="stock-ledger",
    title="办公用品出入库明细账",
    title_en="Stock ledger",
    key="id",
    fields=(
        Field("id", "序号", FieldType.INTEGER, width=6, label_en="No."),
        Field("at", "时间", FieldType.DATETIME, width=16, label_en="Time"),
        ITEM_CODE,
        ITEM_NAME,
        UNIT,
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


def _ledger_query(filters: Filters, *columns: Any) -> Any:
    query = Movement.select(*columns).join(Item)
    if filters.get("code"):
        query = query.where(Item.code == normalize_code(filters["code"]))
    if filters.get("kind"):
        kind = next(k for k in MovementKind if k.label == filters["kind"])
        query = query.where(Movement.kind == kind.value)
    if filters.get("department"):
        dept = Department.select(Department.id).where(Department.name == filters["department"])
        query = query.where(Movement.department.in_(dept))
    return within(query, Movement.at, filters)


_LEDGER_COLUMNS = (
    Movement.at,
    Item.code,
    Item.name,
    Item.unit,
    Movement.kind,
    Movement.doc_number,
    Movement.quantity,
    Movement.balance,
    Movement.department,
    Movement.receiver,
    Movement.supplier,
    Movement.actor_name,
    Movement.reason,
)


def _ledger_rows(filters: Filters) -> Iterator[Values]:
    # Departments and suppliers are a few dozen rows: two small reads instead of two joins
    # on a ledger of a million movements. The rows are read as tuples of the shown columns
    # only (a model object per movement cost more than writing its cells).
    departments = dict(Department.select(Department.id, Department.name).tuples())
    suppliers = dict(Supplier.select(Supplier.id, Supplier.name).tuples())
    kinds = {k.value: k.label for k in MovementKind}
    # 序号 runs 1, 2, 3 … in the register: the database's ids have gaps and mean nothing
    # to the reader; the 单据号 names the document.
    ordered = _ledger_query(filters, *_LEDGER_COLUMNS).order_by(Movement.id).tuples().iterator()
    for number, (
        at,
        code,
        name,
        unit,
        kind,
        doc,
        qty,
        balance,
        dept,
        receiver,
        supplier,
        actor,
        reason,
    ) in enumerate(ordered, start=1):
        yield {
            "id": number,
            "at": at,
            "code": code,
            "name": name,
            "unit": unit,
            "kind": kinds[kind],
            "doc_number": doc,
            "quantity_in": qty if qty > 0 else 0,
            "quantity_out": -qty if qty < 0 else 0,
            "balance": balance,
            "department": departments.get(dept, ""),
            "receiver": receiver,
            "supplier": suppliers.get(supplier, ""),
            "actor": actor,
            "reason": reason,
        }


export_only_kind(
    LEDGER,
    rows=_ledger_rows,
    count=lambda f: _ledger_query(f, Movement.id).count(),
    filters=("code", "kind", "department"),
    period_field="at",
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
    return within(query, Requisition.submitted_at, filters)


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
    period_field="submitted_on",
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
        Field("total", "订单金额", FieldType.MONEY, width=12, label_en="Total", total=True),
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
    return within(query, PurchaseOrder.created_at, filters)


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
    period_field="created_on",
    rule="S4",
    zh="采购订单须依据已批准的采购计划在软件中下达，不能导入",
    en="orders are placed against an approved plan in the application, not imported",
)
