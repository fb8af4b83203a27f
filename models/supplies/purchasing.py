"""办公用品采购: the quarterly plan, orders against it, receipts, returns and exchanges
(S2, S3, S4, S7).

    logistics drafts the 采购计划 of a quarter (items, quantities, estimated prices)
    → the main leader approves it on the approval engine (报批审核制, S4)
    → purchase orders, each only against lines of an approved plan, never beyond a line's
      quantity or budget (S4); an order is 定点采购 from a designated dealer of the items'
      category, 竞争性比价 with at least two quotes and the chosen one with its reason (S2),
      or 政府集中采购; an item of the 政府采购目录 only through the last (S3)
    → receipts into stock (入库), each line a ledger movement (S8)
    → returns (退货) and exchanges (调换) against the original receipt line and its supplier
      (S7).

The plan row is locked while an order is checked against it, so two officers ordering
against the same line at once cannot both use its last units of quantity or budget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import audit, documents, workflow
from models.base import BaseModel, VersionedModel, guarded_update, now
from models.db import db, for_update
from models.documents import Document, transition
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import Actor, Role, User, require_role
from models.supplies.stock import (
    CENT,
    MONEY,
    STORE_ROLES,
    Category,
    Item,
    MovementKind,
    Supplier,
    SupplierKind,
    is_designated,
    lock_items,
    positive_int,
    post_movement,
    quarter_bounds,
)
from models.workflow import Approver, Flow, Instance, Node, State

# --- plans -------------------------------------------------------------------------------


class PlanState(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "draft": "草拟",
            "pending": "审批中",
            "returned": "已退回",
            "approved": "已批准",
            "rejected": "未批准",
            "withdrawn": "已撤回",
        }[self.value]


EDITABLE_PLAN = (PlanState.DRAFT, PlanState.RETURNED)


P = PlanState


class PurchasePlan(Document):
    """采购计划, document type ``supplies_plan`` (S4): approved by the main leader before
    anything is bought; its amounts are frozen once it is sent."""

    DOC_TYPE = "supplies_plan"
    STATES = PlanState
    OUTCOMES: ClassVar[Mapping[State, str]] = {
        State.APPROVED: P.APPROVED,
        State.REJECTED: P.REJECTED,
        State.RETURNED: P.RETURNED,
        State.WITHDRAWN: P.WITHDRAWN,
        State.CLOSED: P.WITHDRAWN,
    }
    TRANSITIONS = (
        transition(
            "edit",
            EDITABLE_PLAN,
            roles=STORE_ROLES,
            rule="S4",
            zh="采购计划{state}，不能修改",
            en="the plan is {state}; it cannot change",
        ),
        transition(
            "submit",
            EDITABLE_PLAN,
            roles=STORE_ROLES,
            rule="S4",
            zh="采购计划{state}，不能报批",
            en="the plan is {state}",
        ),
        transition(
            "approve",
            [P.PENDING],
            nodes=["leader"],
            rule="S4",
            zh="采购计划不在审批中",
            en="the plan is not awaiting approval",
        ),
        transition(
            "reject",
            [P.PENDING],
            nodes=["leader"],
            rule="S4",
            zh="采购计划不在审批中",
            en="the plan is not awaiting approval",
        ),
        transition("return", [P.PENDING], nodes=["leader"]),
        transition("withdraw", [P.PENDING, P.RETURNED], engine="withdraw"),
        transition("order", [P.APPROVED], roles=STORE_ROLES),
    )

    number = peewee.CharField(max_length=20, unique=True)  # JH2026-0001
    year = peewee.IntegerField()
    quarter = peewee.IntegerField()
    title = peewee.CharField(max_length=200)
    note = peewee.TextField(default="")
    state = peewee.CharField(max_length=12, default=PlanState.DRAFT, index=True)
    prepared_by = peewee.ForeignKeyField(User)
    prepared_at = peewee.DateTimeField()
    submitted_at = peewee.DateTimeField(null=True)
    approved_at = peewee.DateTimeField(null=True)
    total = peewee.DecimalField(**MONEY, default=Decimal("0"))

    class Meta:
        indexes = ((("year", "quarter"), False),)

    @property
    def period(self) -> str:
        return f"{self.year}Q{self.quarter}"

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        return {"approved_at": inst.finished_at or now()} if state == State.APPROVED else {}


class PlanLine(BaseModel):
    plan = peewee.ForeignKeyField(PurchasePlan, backref="lines")
    item = peewee.ForeignKeyField(Item)
    quantity = peewee.IntegerField()
    unit_price = peewee.DecimalField(**MONEY)  # estimated
    budget = peewee.DecimalField(**MONEY)  # quantity × estimated price, frozen on submit
    note = peewee.CharField(max_length=200, default="")

    class Meta:
        indexes = ((("plan", "item"), True),)


# --- orders, receipts, returns -----------------------------------------------------------


class OrderMethod(StrEnum):
    DESIGNATED = "designated"  # 定点采购 from a designated dealer (S2)
    COMPETITIVE = "competitive"  # 竞争性比价, quotes compared (S2)
    CENTRAL = "central"  # 政府集中采购 (S3)

    @property
    def label(self) -> str:
        return {
            "designated": "定点采购",
            "competitive": "竞争性比价",
            "central": "政府集中采购",
        }[self.value]


class OrderState(StrEnum):
    OPEN = "open"
    PARTIAL = "partial"
    RECEIVED = "received"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "open": "待到货",
            "partial": "部分到货",
            "received": "已到货",
            "cancelled": "已取消",
        }[self.value]


class PurchaseOrder(VersionedModel):
    number = peewee.CharField(max_length=20, unique=True)  # CG2026-0001
    plan = peewee.ForeignKeyField(PurchasePlan, backref="orders")
    method = peewee.CharField(max_length=12)
    supplier = peewee.ForeignKeyField(Supplier, backref="orders")
    choice_reason = peewee.TextField(default="")  # why the chosen quote (S2)
    central_ref = peewee.CharField(max_length=64, default="")  # 集中采购 委托/合同编号
    state = peewee.CharField(max_length=12, default=OrderState.OPEN, index=True)
    total = peewee.DecimalField(**MONEY, default=Decimal("0"))
    note = peewee.TextField(default="")
    created_by = peewee.ForeignKeyField(User)
    created_at = peewee.DateTimeField()
    cancel_reason = peewee.TextField(default="")

    @property
    def method_label(self) -> str:
        return OrderMethod(self.method).label

    @property
    def state_label(self) -> str:
        return OrderState(self.state).label


class OrderLine(BaseModel):
    order = peewee.ForeignKeyField(PurchaseOrder, backref="lines")
    plan_line = peewee.ForeignKeyField(PlanLine, backref="order_lines")
    item = peewee.ForeignKeyField(Item)
    quantity = peewee.IntegerField()
    unit_price = peewee.DecimalField(**MONEY)
    received = peewee.IntegerField(default=0)

    @property
    def amount(self) -> Decimal:
        return (Decimal(self.quantity) * Decimal(self.unit_price)).quantize(CENT)

    @property
    def outstanding(self) -> int:
        return self.quantity - self.received


class Quote(BaseModel):
    """A quote compared for a competitive purchase (S2)."""

    order = peewee.ForeignKeyField(PurchaseOrder, backref="quotes")
    supplier = peewee.ForeignKeyField(Supplier)
    amount = peewee.DecimalField(**MONEY)
    note = peewee.CharField(max_length=200, default="")
    chosen = peewee.BooleanField(default=False)


class Receipt(BaseModel):
    number = peewee.CharField(max_length=20, unique=True)  # RK2026-0001
    order = peewee.ForeignKeyField(PurchaseOrder, backref="receipts")
    supplier = peewee.ForeignKeyField(Supplier)
    received_by = peewee.ForeignKeyField(User)
    received_at = peewee.DateTimeField(index=True)
    note = peewee.TextField(default="")


class ReceiptLine(BaseModel):
    receipt = peewee.ForeignKeyField(Receipt, backref="lines")
    order_line = peewee.ForeignKeyField(OrderLine, backref="receipt_lines")
    item = peewee.ForeignKeyField(Item)
    quantity = peewee.IntegerField()
    unit_price = peewee.DecimalField(**MONEY)


class ReturnKind(StrEnum):
    RETURN = "return"  # 退货 (回收): the supplier takes the goods back
    EXCHANGE = "exchange"  # 调换: the supplier replaces them

    @property
    def label(self) -> str:
        return {"return": "退货", "exchange": "调换"}[self.value]


class SupplierReturn(BaseModel):
    """A return or exchange (S7), always against the receipt line the goods came in on."""

    number = peewee.CharField(max_length=20, unique=True)  # TH2026-0001
    receipt_line = peewee.ForeignKeyField(ReceiptLine, backref="returns")
    supplier = peewee.ForeignKeyField(Supplier)
    item = peewee.ForeignKeyField(Item)
    kind = peewee.CharField(max_length=10)
    quantity = peewee.IntegerField()
    replaced = peewee.IntegerField(default=0)  # exchange: replacements received so far
    reason = peewee.TextField()
    at = peewee.DateTimeField()
    by = peewee.ForeignKeyField(User)

    @property
    def kind_label(self) -> str:
        return ReturnKind(self.kind).label


PURCHASING_TABLES = [
    PurchasePlan,
    PlanLine,
    PurchaseOrder,
    OrderLine,
    Quote,
    Receipt,
    ReceiptLine,
    SupplierReturn,
]

PLAN_FLOW = workflow.register_flow(
    Flow(
        PurchasePlan.DOC_TYPE,
        "办公用品采购计划",
        (Node("leader", "主要领导审批", (Approver.role(Role.LEADER),)),),
    )
)
documents.register(PurchasePlan)


# --- plan use cases (S4) -----------------------------------------------------------------


@dataclass(frozen=True)
class PlanLineInput:
    item: Item
    quantity: int
    unit_price: Decimal | str | int
    note: str = ""


def _check_plan_lines(lines: Sequence[PlanLineInput]) -> None:
    if not lines:
        raise RuleViolation("S4", "采购计划至少需要一项", "a plan needs at least one line")
    seen: set[int] = set()
    for line in lines:
        positive_int(line.quantity, f"「{line.item.name}」的计划数量", "a planned quantity")
        if Decimal(str(line.unit_price)) < 0:
            raise RuleViolation(
                None, "单价不能为负", "a price cannot be negative", field="unit_price"
            )
        if line.item.id in seen:
            raise RuleViolation(
                "S4",
                f"「{line.item.name}」在计划中重复，请合并为一行",
                f"{line.item.code} appears twice; merge the lines",
                field="lines",
            )
        seen.add(line.item.id)


def _write_plan_lines(plan: PurchasePlan, lines: Sequence[PlanLineInput]) -> Decimal:
    total = Decimal("0")
    for line in lines:
        item = Item.get_by_id(line.item.id)
        if item.is_voided:
            raise RuleViolation("S1", f"「{item.name}」已作废", f"{item.code} is voided")
        price = Decimal(str(line.unit_price)).quantize(CENT)
        budget = (price * int(line.quantity)).quantize(CENT)
        PlanLine.create(
            plan=plan,
            item=item,
            quantity=int(line.quantity),
            unit_price=price,
            budget=budget,
            note=line.note.strip(),
        )
        total += budget
    return total


def create_plan(
    actor: User,
    *,
    year: int,
    quarter: int,
    lines: Sequence[PlanLineInput],
    title: str = "",
    note: str = "",
    at: datetime | None = None,
) -> PurchasePlan:
    """S4: logistics drafts the quarter's 采购计划 (draft until submitted)."""
    at = at or now()
    require_role(actor, *STORE_ROLES)
    quarter_bounds(year, quarter)
    _check_plan_lines(lines)
    with db.atomic():
        plan = PurchasePlan.create(
            number=next_number("JH", year),
            year=year,
            quarter=quarter,
            title=title.strip() or f"{year}年第{quarter}季度办公用品采购计划",
            note=note.strip(),
            prepared_by=actor,
            prepared_at=at,
        )
        total = _write_plan_lines(plan, lines)
        guarded_update(plan, plan.version, total=total)
        audit.record(actor, "purchase_plan", plan.id, "create", {"total": (None, total)})
        return plan


def set_plan_lines(actor: User, plan: PurchasePlan, lines: Sequence[PlanLineInput]) -> PurchasePlan:
    """Rewrite the lines of a draft or returned plan. Once submitted the amounts are frozen
    (the leader approves what was sent)."""
    require_role(actor, *STORE_ROLES)
    _check_plan_lines(lines)
    with db.atomic():
        plan = PurchasePlan.begin(actor, plan, "edit")
        old_total = plan.total
        PlanLine.delete().where(PlanLine.plan == plan.id).execute()
        total = _write_plan_lines(plan, lines)
        guarded_update(plan, plan.version, total=total)
        audit.record(actor, "purchase_plan", plan.id, "lines", {"total": (old_total, total)})
        return plan


def submit_plan(actor: User, plan: PurchasePlan, *, at: datetime | None = None) -> PurchasePlan:
    """报批: send the plan to the main leader (S4); a returned plan is sent again."""
    at = at or now()
    require_role(actor, *STORE_ROLES)
    with db.atomic():
        plan = PurchasePlan.begin(actor, plan, "submit")
        fields = {"total": str(plan.total), "period": plan.period}
        returned = plan.state == PlanState.RETURNED
        guarded_update(plan, plan.version, state=PlanState.PENDING, submitted_at=at)
        if returned:
            workflow.resubmit(actor, plan.instance().id, fields=fields, at=at)
        else:
            workflow.submit(
                actor,
                PLAN_FLOW.doc_type,
                title=f"{plan.title}（{plan.number}，合计 ¥{plan.total}）",
                doc_id=plan.id,
                fields=fields,
                at=at,
            )
        audit.record(actor, "purchase_plan", plan.id, "submit")
        return PurchasePlan.get_by_id(plan.id)


def approve_plan(
    actor: User, plan: PurchasePlan, comment: str = "", *, at: datetime | None = None
) -> PurchasePlan:
    """主要领导审批 (S4). The engine checks the role and refuses self-approval (X1)."""
    with db.atomic():
        plan = PurchasePlan.begin(actor, plan, "approve")
        inst = plan.instance()
        workflow.approve(actor, inst.id, comment or "同意", at=at)
        return PurchasePlan.get_by_id(plan.id)


def reject_plan(
    actor: User, plan: PurchasePlan, comment: str, *, at: datetime | None = None
) -> PurchasePlan:
    """The main leader refuses the plan (a comment is required, X2)."""
    with db.atomic():
        plan = PurchasePlan.begin(actor, plan, "reject")
        inst = plan.instance()
        workflow.reject(actor, inst.id, comment, at=at)
        return PurchasePlan.get_by_id(plan.id)


# --- order use cases (S2, S3, S4) --------------------------------------------------------


@dataclass(frozen=True)
class OrderLineInput:
    plan_line: PlanLine
    quantity: int
    unit_price: Decimal | str | int


@dataclass(frozen=True)
class QuoteInput:
    supplier: Supplier
    amount: Decimal | str | int
    chosen: bool = False
    note: str = ""


@dataclass(frozen=True)
class PlanLineUse:
    """How much of a plan line is committed by orders (cancelled orders do not count)."""

    quantity: int
    amount: Decimal


def plan_line_use(plan_line: PlanLine | int) -> PlanLineUse:
    """Quantity and money already ordered against a plan line (S4)."""
    line_id = plan_line if isinstance(plan_line, int) else plan_line.id
    rows = (
        OrderLine.select(OrderLine.quantity, OrderLine.unit_price)
        .join(PurchaseOrder)
        .where((OrderLine.plan_line == line_id) & (PurchaseOrder.state != OrderState.CANCELLED))
        .tuples()
    )
    quantity, amount = 0, Decimal("0")
    for qty, price in rows:
        quantity += qty
        amount += (Decimal(qty) * Decimal(price)).quantize(CENT)
    return PlanLineUse(quantity, amount)


def _check_route(
    method: OrderMethod, supplier: Supplier, items: Sequence[Item], quotes: Sequence[QuoteInput]
) -> None:
    """S2/S3: which channel and supplier the order's items may be bought through."""
    if supplier.is_voided:
        raise RuleViolation(
            None, f"供应商「{supplier.name}」已作废", "the supplier is voided", field="supplier"
        )
    catalogue = [i for i in items if i.gov_catalogue]
    if catalogue and method != OrderMethod.CENTRAL:
        names = "、".join(i.name for i in catalogue)
        raise RuleViolation(
            "S3",
            f"「{names}」属政府采购目录，须通过政府集中采购，不得向本地经销商直接采购",
            "items of the government procurement catalogue go through central procurement",
            field="method",
        )
    if method == OrderMethod.CENTRAL:
        if supplier.kind != SupplierKind.CENTRAL:
            raise RuleViolation(
                "S3",
                f"「{supplier.name}」是本地经销商，不是政府集中采购渠道",
                f"{supplier.name} is a local dealer, not the central procurement channel",
                field="supplier",
            )
        return
    if supplier.kind == SupplierKind.CENTRAL:
        raise RuleViolation(
            None,
            "政府集中采购渠道的订单请选择“政府集中采购”方式",
            "an order through the central channel uses the central method",
            field="method",
        )
    if method == OrderMethod.DESIGNATED:
        for category in sorted({Category(i.category) for i in items}):
            if not is_designated(category, supplier):
                raise RuleViolation(
                    "S2",
                    f"「{supplier.name}」不是{category.label}类定点供应商；"
                    "非定点采购请以竞争方式比价",
                    f"{supplier.name} is not a designated supplier of {category.label}",
                    field="supplier",
                )
        return
    # competitive
    suppliers = {q.supplier.id for q in quotes}
    if len(quotes) < 2 or len(suppliers) < 2:
        raise RuleViolation(
            "S2",
            "竞争性采购须至少比较两家供应商的报价",
            "a competitive purchase compares quotes from at least two suppliers",
            field="quotes",
        )
    if len(suppliers) != len(quotes):
        raise RuleViolation(
            "S2", "每家供应商只登记一份报价", "one quote per supplier", field="quotes"
        )
    chosen = [q for q in quotes if q.chosen]
    if len(chosen) != 1 or chosen[0].supplier.id != supplier.id:
        raise RuleViolation(
            "S2",
            "请在报价中选定一家，并以其为供应商",
            "choose exactly one quote; its supplier supplies the order",
            field="quotes",
        )
    for quote in quotes:
        if Decimal(str(quote.amount)) <= 0:
            raise RuleViolation(None, "报价金额须大于0", "a quote is positive", field="quotes")


def create_order(
    actor: User,
    *,
    plan: PurchasePlan,
    method: OrderMethod | str,
    lines: Sequence[OrderLineInput],
    supplier: Supplier | None = None,
    quotes: Sequence[QuoteInput] = (),
    choice_reason: str = "",
    central_ref: str = "",
    note: str = "",
    at: datetime | None = None,
) -> PurchaseOrder:
    """A purchase order against an approved plan (S4), within each line's quantity and
    budget, through the channel the items require (S3) and from a designated dealer or the
    chosen of at least two quotes (S2). For a competitive order ``supplier`` may be left out:
    it is the supplier of the chosen quote."""
    at = at or now()
    require_role(actor, *STORE_ROLES)
    method = OrderMethod(method)
    if not lines:
        raise RuleViolation("S4", "订单至少需要一项", "an order needs at least one line")
    if method == OrderMethod.COMPETITIVE:
        chosen = [q for q in quotes if q.chosen]
        if len(chosen) != 1:
            raise RuleViolation(
                "S2",
                "请在比价的报价中选定一家",
                "choose exactly one of the quotes compared",
                field="quotes",
            )
        supplier = supplier or chosen[0].supplier
        if not choice_reason.strip():
            raise RuleViolation(
                "S2",
                "竞争性采购须写明选定理由",
                "a competitive purchase states why the chosen quote won",
                field="choice_reason",
            )
    elif quotes:
        raise RuleViolation(
            None, "只有竞争性采购登记比价", "only a competitive purchase has quotes"
        )
    if supplier is None:
        raise RuleViolation(None, "请选择供应商", "choose a supplier", field="supplier")
    if method == OrderMethod.CENTRAL and not central_ref.strip():
        raise RuleViolation(
            "S3",
            "政府集中采购须填写委托或合同编号",
            "a central procurement order names its contract or mandate",
            field="central_ref",
        )
    with db.atomic():
        plan = PurchasePlan.lock(plan if isinstance(plan, int) else plan.id)
        if plan.state != PlanState.APPROVED:
            raise RuleViolation(
                "S4",
                f"采购计划{plan.state_label}，须经主要领导批准后方可采购",
                "nothing is bought before the main leader approves the plan",
                field="plan",
            )
        supplier = Supplier.get_by_id(supplier.id)
        plan_lines = {pl.id: pl for pl in PlanLine.select().where(PlanLine.plan == plan.id)}
        wanted: dict[int, tuple[int, Decimal]] = {}
        for line in lines:
            if line.plan_line.id not in plan_lines:
                raise RuleViolation(
                    "S4",
                    "订单项目不在该采购计划内",
                    "an order line is not on this plan",
                    field="lines",
                )
            if line.plan_line.id in wanted:
                raise RuleViolation(
                    None, "同一计划项目在订单中重复", "a plan line appears twice", field="lines"
                )
            quantity = positive_int(line.quantity, "采购数量", "the quantity")
            price = Decimal(str(line.unit_price)).quantize(CENT)
            if price < 0:
                raise RuleViolation(None, "单价不能为负", "negative price", field="unit_price")
            wanted[line.plan_line.id] = (quantity, price)
        items = {pl.item_id: pl.item for pl in plan_lines.values()}
        _check_route(method, supplier, [items[plan_lines[i].item_id] for i in wanted], list(quotes))
        for line_id, (quantity, price) in wanted.items():
            pl = plan_lines[line_id]
            used = plan_line_use(pl)
            if used.quantity + quantity > pl.quantity:
                raise RuleViolation(
                    "S4",
                    f"「{pl.item.name}」超出批准的计划数量：计划 {pl.quantity}，"
                    f"已采购 {used.quantity}，本次 {quantity}",
                    f"{pl.item.code}: beyond the approved quantity {pl.quantity}",
                    field="quantity",
                )
            amount = (price * quantity).quantize(CENT)
            if used.amount + amount > pl.budget:
                raise RuleViolation(
                    "S4",
                    f"「{pl.item.name}」超出批准的预算：预算 ¥{pl.budget}，"
                    f"已用 ¥{used.amount}，本次 ¥{amount}",
                    f"{pl.item.code}: beyond the approved budget {pl.budget}",
                    field="unit_price",
                )
        order = PurchaseOrder.create(
            number=next_number("CG", at.year),
            plan=plan,
            method=method.value,
            supplier=supplier,
            choice_reason=choice_reason.strip(),
            central_ref=central_ref.strip(),
            note=note.strip(),
            created_by=actor,
            created_at=at,
        )
        total = Decimal("0")
        for line_id, (quantity, price) in wanted.items():
            pl = plan_lines[line_id]
            OrderLine.create(
                order=order, plan_line=pl, item=pl.item_id, quantity=quantity, unit_price=price
            )
            total += (price * quantity).quantize(CENT)
        for quote in quotes:
            Quote.create(
                order=order,
                supplier=quote.supplier,
                amount=Decimal(str(quote.amount)).quantize(CENT),
                note=quote.note.strip(),
                chosen=quote.chosen,
            )
        guarded_update(order, order.version, total=total)
        audit.record(
            actor,
            "purchase_order",
            order.id,
            "create",
            {
                "method": (None, method.value),
                "supplier": (None, supplier.name),
                "total": (None, total),
            },
        )
        return order


def _lock_order(order: PurchaseOrder | int) -> PurchaseOrder:
    order_id = order if isinstance(order, int) else order.id
    return for_update(PurchaseOrder.select().where(PurchaseOrder.id == order_id)).get()


def cancel_order(
    actor: User, order: PurchaseOrder, reason: str, *, at: datetime | None = None
) -> PurchaseOrder:
    """Cancel an order nothing of which has arrived; its quantity and budget go back to the
    plan line."""
    require_role(actor, *STORE_ROLES)
    if not (reason or "").strip():
        raise RuleViolation("X2", "取消订单须填写原因", "cancelling needs a reason", field="reason")
    with db.atomic():
        order = _lock_order(order)
        if order.state != OrderState.OPEN or any(ln.received for ln in order.lines):
            raise RuleViolation(
                "S8",
                f"订单{order.state_label}，已有到货的订单不能取消（请办理退货）",
                "an order with receipts cannot be cancelled; return the goods instead",
            )
        guarded_update(order, order.version, state=OrderState.CANCELLED, cancel_reason=reason)
        audit.record(actor, "purchase_order", order.id, "cancel", note=reason.strip())
        return order


def receive(
    actor: User,
    *,
    order: PurchaseOrder,
    quantities: Mapping[int, int] | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Receipt:
    """入库: goods of an order arrive (all outstanding, or ``quantities`` by order-line id);
    each line becomes a 入库 movement with the supplier and price (S8)."""
    at = at or now()
    require_role(actor, *STORE_ROLES)
    with db.atomic():
        order = _lock_order(order)
        if order.state in (OrderState.CANCELLED, OrderState.RECEIVED):
            raise RuleViolation(
                "S4", f"订单{order.state_label}，不能入库", f"the order is {order.state}"
            )
        lines = {ln.id: ln for ln in order.lines}
        if quantities is None:
            wanted = {ln.id: ln.outstanding for ln in lines.values() if ln.outstanding > 0}
        else:
            wanted = {}
            for line_id, qty in quantities.items():
                if line_id not in lines:
                    raise RuleViolation(None, "入库项目不属于该订单", "a line is not on the order")
                if qty:
                    wanted[line_id] = positive_int(qty, "入库数量", "the quantity received")
        if not wanted:
            raise RuleViolation(None, "没有要入库的物品", "nothing to receive", field="quantity")
        for line_id, qty in wanted.items():
            line = lines[line_id]
            if qty > line.outstanding:
                raise RuleViolation(
                    "S4",
                    f"「{line.item.name}」入库数量 {qty} 超过未到货数量 {line.outstanding}",
                    f"{line.item.code}: {qty} received, only {line.outstanding} outstanding",
                    field="quantity",
                )
        receipt = Receipt.create(
            number=next_number("RK", at.year),
            order=order,
            supplier=order.supplier_id,
            received_by=actor,
            received_at=at,
            note=note.strip(),
        )
        locked = lock_items(lines[i].item_id for i in wanted)
        for line_id, qty in sorted(wanted.items(), key=lambda kv: lines[kv[0]].item_id):
            line = lines[line_id]
            item = locked[line.item_id]
            ReceiptLine.create(
                receipt=receipt,
                order_line=line,
                item=item,
                quantity=qty,
                unit_price=line.unit_price,
            )
            post_movement(
                actor,
                item,
                MovementKind.RECEIPT,
                qty,
                reason=f"采购入库（订单 {order.number}）",
                at=at,
                doc_type="receipt",
                doc_id=receipt.id,
                doc_number=receipt.number,
                supplier=order.supplier_id,
                unit_price=line.unit_price,
            )
            Item.update(price=line.unit_price).where(Item.id == item.id).execute()
            OrderLine.update(received=OrderLine.received + qty).where(
                OrderLine.id == line.id
            ).execute()
        fresh = list(OrderLine.select().where(OrderLine.order == order.id))
        state = (
            OrderState.RECEIVED
            if all(ln.received >= ln.quantity for ln in fresh)
            else OrderState.PARTIAL
        )
        guarded_update(order, order.version, state=state)
        audit.record(actor, "receipt", receipt.id, "create", {"order": (None, order.number)})
        return receipt


# --- returns and exchanges (S7) ----------------------------------------------------------


def returnable(receipt_line: ReceiptLine | int) -> int:
    """Units of a receipt line that may still go back to the supplier: received, less what
    was returned, less what was sent for exchange and not yet replaced (S7)."""
    line_id = receipt_line if isinstance(receipt_line, int) else receipt_line.id
    line = ReceiptLine.get_by_id(line_id)
    out = 0
    for row in SupplierReturn.select().where(SupplierReturn.receipt_line == line_id):
        out += row.quantity - (row.replaced if row.kind == ReturnKind.EXCHANGE else 0)
    return line.quantity - out


def _send_back(
    actor: User,
    kind: ReturnKind,
    receipt_line: ReceiptLine,
    quantity: int,
    reason: str,
    at: datetime,
) -> tuple[SupplierReturn, Item]:
    require_role(actor, *STORE_ROLES)
    quantity = positive_int(quantity, "数量", "the quantity")
    if not (reason or "").strip():
        raise RuleViolation(
            "S7", "请写明不适用或损坏的情况", "state what is unsuitable or damaged", field="reason"
        )
    line = ReceiptLine.get_by_id(receipt_line.id)
    item = lock_items([line.item_id])[line.item_id]  # serialises returns of the same goods
    left = returnable(line)
    if quantity > left:
        raise RuleViolation(
            "S7",
            f"「{item.name}」可退换数量为 {left}（入库单 {line.receipt.number}）",
            f"only {left} of this receipt line can go back",
            field="quantity",
        )
    row = SupplierReturn.create(
        number=next_number("TH", at.year),
        receipt_line=line,
        supplier=line.receipt.supplier_id,
        item=item,
        kind=kind.value,
        quantity=quantity,
        reason=reason.strip(),
        at=at,
        by=actor,
    )
    return row, item


def return_to_supplier(
    actor: User,
    *,
    receipt_line: ReceiptLine,
    quantity: int,
    reason: str,
    at: datetime | None = None,
) -> SupplierReturn:
    """退货 (回收): unsuitable or damaged goods go back to the supplier of the original
    receipt (S7); a 退货 movement takes them out of stock (S8)."""
    at = at or now()
    with db.atomic():
        row, item = _send_back(actor, ReturnKind.RETURN, receipt_line, quantity, reason, at)
        post_movement(
            actor,
            item,
            MovementKind.RETURN,
            -row.quantity,
            reason=f"退货：{row.reason}（原入库单 {row.receipt_line.receipt.number}）",
            at=at,
            doc_type="supplier_return",
            doc_id=row.id,
            doc_number=row.number,
            supplier=row.supplier_id,
            unit_price=row.receipt_line.unit_price,
        )
        audit.record(actor, "supplier_return", row.id, "return", {"quantity": (None, quantity)})
        return row


def exchange_with_supplier(
    actor: User,
    *,
    receipt_line: ReceiptLine,
    quantity: int,
    reason: str,
    replaced_now: bool = True,
    at: datetime | None = None,
) -> SupplierReturn:
    """调换: the supplier of the original receipt replaces unsuitable or damaged goods (S7).
    Out goes a 调换（退回） movement; with ``replaced_now`` the replacements come in at once
    (调换（换入）), else later through ``receive_replacement``."""
    at = at or now()
    with db.atomic():
        row, item = _send_back(actor, ReturnKind.EXCHANGE, receipt_line, quantity, reason, at)
        receipt_no = row.receipt_line.receipt.number
        post_movement(
            actor,
            item,
            MovementKind.EXCHANGE_OUT,
            -row.quantity,
            reason=f"调换退回：{row.reason}（原入库单 {receipt_no}）",
            at=at,
            doc_type="supplier_return",
            doc_id=row.id,
            doc_number=row.number,
            supplier=row.supplier_id,
        )
        audit.record(actor, "supplier_return", row.id, "exchange", {"quantity": (None, quantity)})
        if replaced_now:
            _replace(actor, row, item, row.quantity, at)
        return SupplierReturn.get_by_id(row.id)


def _replace(actor: User, row: SupplierReturn, item: Item, quantity: int, at: datetime) -> None:
    post_movement(
        actor,
        item,
        MovementKind.EXCHANGE_IN,
        quantity,
        reason=f"调换换入（原入库单 {row.receipt_line.receipt.number}）",
        at=at,
        doc_type="supplier_return",
        doc_id=row.id,
        doc_number=row.number,
        supplier=row.supplier_id,
    )
    SupplierReturn.update(replaced=SupplierReturn.replaced + quantity).where(
        SupplierReturn.id == row.id
    ).execute()
    audit.record(actor, "supplier_return", row.id, "replaced", {"replaced": (None, quantity)})


def receive_replacement(
    actor: User,
    *,
    exchange: SupplierReturn,
    quantity: int | None = None,
    at: datetime | None = None,
) -> SupplierReturn:
    """The replacements of an exchange arrive (all outstanding, or ``quantity``)."""
    at = at or now()
    require_role(actor, *STORE_ROLES)
    with db.atomic():
        row = SupplierReturn.get_by_id(exchange.id)
        item = lock_items([row.item_id])[row.item_id]
        row = SupplierReturn.get_by_id(exchange.id)  # re-read under the item lock
        if row.kind != ReturnKind.EXCHANGE:
            raise RuleViolation("S7", "退货没有换入", "a return brings nothing back")
        left = row.quantity - row.replaced
        quantity = left if quantity is None else positive_int(quantity, "换入数量", "quantity")
        if quantity <= 0 or quantity > left:
            raise RuleViolation(
                "S7",
                f"待换入数量为 {left}",
                f"{left} replacements are outstanding",
                field="quantity",
            )
        _replace(actor, row, item, quantity, at)
        return SupplierReturn.get_by_id(row.id)
