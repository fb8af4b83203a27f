"""Read-only queries the 办公用品 lists need beside the use cases (nothing here writes)."""

from __future__ import annotations

from decimal import Decimal

import peewee

from models import periods
from models.people import Department, Role, User
from models.supplies.requisitions import REQUISITION_FLOW, Requisition
from models.supplies.stock import CATEGORY_ORDER, CONSUMPTION, Item, Movement, Supplier
from models.supplies.stock_returns import StockReturn
from models.text import search_words
from models.workflow import inbox_at

SupplyApplicant = User.alias("supply_applicant")


def items_matching(text: str, limit: int = 30) -> list:
    """Active catalogue items by code, name, pinyin, initials or specification, word by word
    as the lists search (the item pickers: "硒鼓 hp")."""
    query = Item.select().where(Item.voided_at.is_null())
    for word in search_words(text or ""):
        query = query.where(
            Item.name_search.contains(word)
            | Item.code.contains(word)
            | Item.specification.contains(word)
        )
    return list(query.order_by(CATEGORY_ORDER, Item.code).limit(limit))


def requisition_rows(user: User) -> peewee.ModelSelect:
    """申请批准单 a user may see: the store and the leaders see every department's, everyone
    else their own department's (X1)."""
    query = (
        Requisition.select()
        .join(Department, on=Requisition.department == Department.id)
        .switch(Requisition)
        .join(SupplyApplicant, on=Requisition.applicant == SupplyApplicant.id)
    )
    if not user.has_role(Role.LOGISTICS, Role.LEADER, Role.ADMIN):
        query = query.where(Requisition.department == (user.department_id or 0))
    return query


ReturnRequisition = Requisition.alias("return_requisition")


def stock_return_rows(user: User) -> peewee.ModelSelect:
    """退库单 a user may see: as for the requisitions they come from, the store and the
    leaders see every department's, everyone else their own department's (X1)."""
    query = (
        StockReturn.select()
        .join(Department, on=StockReturn.department == Department.id)
        .switch(StockReturn)
        .join(SupplyApplicant, on=StockReturn.applicant == SupplyApplicant.id)
        .switch(StockReturn)
        .join(ReturnRequisition, on=StockReturn.requisition == ReturnRequisition.id)
    )
    if not user.has_role(Role.LOGISTICS, Role.LEADER, Role.ADMIN):
        query = query.where(StockReturn.department == (user.department_id or 0))
    return query


# --- the home page's questions (each one query on an indexed column) ----------------------


def requisitions_to_check(user: User) -> peewee.ModelSelect:
    """待核定领用: 申请批准单 waiting at 后勤核对 in ``user``'s inbox (S6)."""
    return inbox_at(user, REQUISITION_FLOW.doc_type, "check")


def issued_value_of_month(period: str) -> Decimal:
    """What the departments took from the store in ``period`` (``2026-11``) at catalogue
    price, less what they brought back (退库, S7): the 领用统计's money, in one SUM over the
    ledger's (kind, at) rows."""
    start, end = periods.month_bounds(period)
    total = (
        Movement.select(peewee.fn.SUM(Movement.quantity * Item.price))
        .join(Item, on=Movement.item == Item.id)
        .where(Movement.kind.in_(CONSUMPTION) & (Movement.at >= start) & (Movement.at < end))
        .scalar()
    )
    # An issue is a negative quantity; 0 - x keeps an empty month at 0.00, not -0.00.
    return Decimal(0) - Decimal(str(total or 0)).quantize(Decimal("0.01"))


def item_ledger_query(item: Item | int) -> peewee.ModelSelect:
    """物品台账 (S8) of one item as a query a lazy list pages through (an item moved daily for
    years has tens of thousands of movements): each movement with its department and
    supplier (left joins, most have neither). ``Movement.balance`` is the stock just after
    the movement, written with it under the item lock, so every page shows the running
    balance without reading the pages before it. The ``item, at, quantity`` index serves it."""
    item_id = item if isinstance(item, int) else item.id
    return (
        Movement.select()
        .join(Department, peewee.JOIN.LEFT_OUTER, on=Movement.department == Department.id)
        .switch(Movement)
        .join(Supplier, peewee.JOIN.LEFT_OUTER, on=Movement.supplier == Supplier.id)
        .switch(Movement)
        .where(Movement.item == item_id)
    )


def item_ledger_total(item: Item | int) -> tuple[int, int]:
    """How many movements an item has and their sum, the stock the ledger holds (S8): one
    aggregate over the ``item, quantity`` covering index, not the rows."""
    item_id = item if isinstance(item, int) else item.id
    count, total = (
        Movement.select(peewee.fn.COUNT(Movement.id), peewee.fn.SUM(Movement.quantity))
        .where(Movement.item == item_id)
        .tuples()
        .get()
    )
    return int(count or 0), int(total or 0)
