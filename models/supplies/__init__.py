"""办公用品: procurement, requisitions, the stock ledger and the quarterly stocktake (S1–S8).

This module is the one door the desktop, the forms and the command line use. The work is
split by stage, each module small enough to read in one sitting:

- ``supplies_stock``: catalogue (S1), suppliers and designated lists (S2), the ledger core
  every quantity change goes through (S8);
- ``supplies_purchasing``: 采购计划 → leader approval → orders → receipts, returns and
  exchanges (S2, S3, S4, S7);
- ``supplies_requisitions``: the department's 申请批准单 → head → logistics check → issue (S6);
- ``stock_returns``: 退库, issued goods a department brings back, confirmed by logistics
  (S7), so that they can then be exchanged or returned to the supplier;
- ``stocktake``: the quarterly count (S5).

Here live what spans them: the reorder suggestions (S4) and the reports, each a query that
returns plain rows (frozen dataclasses of strings, numbers and dates) so a PDF, an Excel
register and a table model can all take them as they are.
"""

from __future__ import annotations

import peewee

from models import numbering
from models.periods import parse_quarter as parse_period
from models.periods import quarter_bounds, quarter_of
from models.supplies import stocktake  # registers the stocktake flow
from models.supplies.catalogue import (
    add_item,
    add_items,
    check_items,
    check_openings,
    set_opening_balance,
    set_opening_balances,
    update_item,
    void_item,
    write_items,
    write_openings,
)
from models.supplies.plans import (
    PLAN_FLOW,
    PlanLine,
    PlanLineInput,
    PlanState,
    PurchasePlan,
    approve_plan,
    create_plan,
    reject_plan,
    set_plan_lines,
    submit_plan,
)
from models.supplies.purchasing import (
    PURCHASING_TABLES,
    OrderLine,
    OrderLineInput,
    OrderMethod,
    OrderState,
    PurchaseOrder,
    QuoteInput,
    Receipt,
    ReceiptLine,
    SupplierReturn,
    cancel_order,
    create_order,
    plan_line_use,
    receive,
)
from models.supplies.queries import (
    ReturnRequisition,
    SupplyApplicant,
    issued_value_of_month,
    item_ledger_query,
    item_ledger_total,
    items_matching,
    requisition_rows,
    requisitions_to_check,
    stock_return_rows,
)
from models.supplies.reports import (
    ConsumptionRow,
    ConsumptionTotal,
    LedgerRow,
    Mismatch,
    ReorderRow,
    StockRow,
    consumption_by_department,
    consumption_totals,
    item_ledger,
    last_quarter_with_data,
    ledger_mismatches,
    ledger_sums,
    reorder_suggestions,
    stock_on_hand,
    suggested_plan_lines,
)
from models.supplies.requisitions import (
    REQUISITION_FLOW,
    REQUISITION_TABLES,
    Requisition,
    RequisitionLine,
    RequisitionLineInput,
    RequisitionState,
    Shortfall,
    awaiting_issue,
    check_requisition,
    department_requisitions,
    head_approve,
    issue_requisition,
    resubmit_requisition,
    stock_now,
    stock_shortfalls,
    submit_requisition,
)
from models.supplies.returns import (
    exchange_with_supplier,
    receive_replacement,
    return_to_supplier,
    returnable,
)
from models.supplies.stock import (
    CATEGORY_ORDER,
    CENT,
    CONSUMPTION,
    STOCK_TABLES,
    Category,
    CategorySupplier,
    Item,
    Movement,
    MovementKind,
    Supplier,
    SupplierKind,
    category_from_label,
)
from models.supplies.stock_returns import (
    STOCK_RETURN_FLOW,
    STOCK_RETURN_TABLES,
    StockReturn,
    StockReturnLine,
    StockReturnState,
    awaiting_confirmation,
    confirm_stock_return,
    file_stock_return,
    refuse_stock_return,
    requisition_returns,
    resubmit_stock_return,
    returnable_to_store,
    returned_so_far,
)
from models.supplies.stocktake import (
    STOCKTAKE_TABLES,
    Stocktake,
    StocktakeReminder,
    StocktakeResultRow,
    stocktake_due,
    stocktake_result,
)
from models.supplies.suppliers import (
    DesignationCheck,
    add_supplier,
    add_suppliers,
    designate_supplier,
    designated_suppliers,
    designation_warnings,
    undesignate_supplier,
    update_supplier,
    void_supplier,
)

# The tables of schema version 3; later versions add theirs in their own migration.
TABLES_3 = [*STOCK_TABLES, *PURCHASING_TABLES, *REQUISITION_TABLES, *STOCKTAKE_TABLES]
TABLES = [*TABLES_3, *STOCK_RETURN_TABLES]


def migrate_3(database: peewee.Database) -> None:
    database.create_tables([numbering.Counter, *TABLES_3])


def migrate_9(database: peewee.Database) -> None:
    """The ledger is the proof of every quantity change (S8): the database refuses to change
    or delete a movement, from any client. ``post_movement`` only ever inserts (a mistake is
    corrected by a new movement)."""
    from models.schema import _append_only

    _append_only(database, Movement._meta.table_name)


def migrate_10(database: peewee.Database) -> None:
    """退库 (S7): the return and its lines. A line is what the department filed and
    logistics decided on: the database refuses to change or delete one (its confirmation's
    movements are append-only already, migration 9). ``create_tables`` is safe to run again
    (MariaDB commits each DDL statement, so an interrupted start repeats the step)."""
    from models.schema import _append_only

    database.create_tables(STOCK_RETURN_TABLES)
    _append_only(database, StockReturnLine._meta.table_name)


def migrate_11(database: peewee.Database) -> None:
    """The S1 duplicate check (an item of the same name and specification) reads an index
    instead of the whole catalogue. A database whose migration 3 already built the table in
    its newest shape has the index: left alone (MySQL has no ``CREATE INDEX IF NOT EXISTS``)."""
    table = Item._meta.table_name
    have = {tuple(i.columns) for i in database.get_indexes(table)}
    if ("name", "specification") not in have:
        with database.bind_ctx([Item]):
            database.execute(Item.index(Item.name, Item.specification, safe=False))


__all__ = [
    "CATEGORY_ORDER",
    "CENT",
    "CONSUMPTION",
    "PLAN_FLOW",
    "REQUISITION_FLOW",
    "STOCK_RETURN_FLOW",
    "TABLES",
    "Category",
    "CategorySupplier",
    "ConsumptionRow",
    "ConsumptionTotal",
    "DesignationCheck",
    "Item",
    "LedgerRow",
    "Mismatch",
    "Movement",
    "MovementKind",
    "OrderLine",
    "OrderLineInput",
    "OrderMethod",
    "OrderState",
    "PlanLine",
    "PlanLineInput",
    "PlanState",
    "PurchaseOrder",
    "PurchasePlan",
    "QuoteInput",
    "Receipt",
    "ReceiptLine",
    "ReorderRow",
    "Requisition",
    "RequisitionLine",
    "RequisitionLineInput",
    "RequisitionState",
    "ReturnRequisition",
    "Shortfall",
    "StockReturn",
    "StockReturnLine",
    "StockReturnState",
    "StockRow",
    "Stocktake",
    "StocktakeReminder",
    "StocktakeResultRow",
    "Supplier",
    "SupplierKind",
    "SupplierReturn",
    "SupplyApplicant",
    "add_item",
    "add_items",
    "add_supplier",
    "add_suppliers",
    "approve_plan",
    "awaiting_confirmation",
    "awaiting_issue",
    "cancel_order",
    "category_from_label",
    "check_items",
    "check_openings",
    "check_requisition",
    "confirm_stock_return",
    "consumption_by_department",
    "consumption_totals",
    "create_order",
    "create_plan",
    "department_requisitions",
    "designate_supplier",
    "designated_suppliers",
    "designation_warnings",
    "exchange_with_supplier",
    "file_stock_return",
    "head_approve",
    "issue_requisition",
    "issued_value_of_month",
    "item_ledger",
    "item_ledger_query",
    "item_ledger_total",
    "items_matching",
    "last_quarter_with_data",
    "ledger_mismatches",
    "ledger_sums",
    "parse_period",
    "plan_line_use",
    "quarter_bounds",
    "quarter_of",
    "receive",
    "receive_replacement",
    "refuse_stock_return",
    "reject_plan",
    "reorder_suggestions",
    "requisition_returns",
    "requisition_rows",
    "requisitions_to_check",
    "resubmit_requisition",
    "resubmit_stock_return",
    "return_to_supplier",
    "returnable",
    "returnable_to_store",
    "returned_so_far",
    "set_opening_balance",
    "set_opening_balances",
    "set_plan_lines",
    "stock_now",
    "stock_on_hand",
    "stock_return_rows",
    "stock_shortfalls",
    "stocktake",
    "stocktake_due",
    "stocktake_result",
    "submit_plan",
    "submit_requisition",
    "suggested_plan_lines",
    "undesignate_supplier",
    "update_item",
    "update_supplier",
    "void_item",
    "void_supplier",
    "write_items",
    "write_openings",
]
