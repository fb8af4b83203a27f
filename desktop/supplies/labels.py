"""办公用品's words in English, registered into ``desktop.labels`` (ask there for a label):
its enums and its tables in the audit log."""

from __future__ import annotations

from desktop import labels
from models.supplies import (
    Category,
    MovementKind,
    OrderMethod,
    OrderState,
    PlanState,
    RequisitionState,
    StockReturnState,
    SupplierKind,
)
from models.supplies.purchasing import ReturnKind
from models.supplies.stocktake import StocktakeState

labels.register(
    english={
        Category: {
            Category.WRITING: "Writing instruments",
            Category.PAPER: "Paper",
            Category.STATIONERY: "Stationery",
            Category.CONSUMABLES: "Consumables",
        },
        SupplierKind: {
            SupplierKind.LOCAL: "Local dealer",
            SupplierKind.CENTRAL: "Government central procurement",
        },
        MovementKind: {
            MovementKind.OPENING: "Opening balance",
            MovementKind.RECEIPT: "Received",
            MovementKind.ISSUE: "Issued",
            MovementKind.GAIN: "Stocktake gain",
            MovementKind.LOSS: "Stocktake loss",
            MovementKind.RETURN: "Returned to supplier",
            MovementKind.EXCHANGE_OUT: "Exchange (sent back)",
            MovementKind.EXCHANGE_IN: "Exchange (received)",
            MovementKind.DEPT_RETURN: "Returned to the store",
        },
        RequisitionState: {
            RequisitionState.PENDING: "Under approval",
            RequisitionState.RETURNED: "Returned",
            RequisitionState.REJECTED: "Not approved",
            RequisitionState.WITHDRAWN: "Withdrawn",
            RequisitionState.APPROVED: "To issue",
            RequisitionState.ISSUED: "Issued",
        },
        StockReturnState: {
            StockReturnState.PENDING: "To confirm",
            StockReturnState.RETURNED: "Returned",
            StockReturnState.ACCEPTED: "Back in stock",
            StockReturnState.REFUSED: "Refused",
            StockReturnState.WITHDRAWN: "Withdrawn",
        },
        OrderMethod: {
            OrderMethod.DESIGNATED: "Designated dealer",
            OrderMethod.COMPETITIVE: "Competitive quotes",
            OrderMethod.CENTRAL: "Government central procurement",
        },
        OrderState: {
            OrderState.OPEN: "Awaiting delivery",
            OrderState.PARTIAL: "Partly delivered",
            OrderState.RECEIVED: "Delivered",
            OrderState.CANCELLED: "Cancelled",
        },
        ReturnKind: {
            ReturnKind.RETURN: "Return",
            ReturnKind.EXCHANGE: "Exchange",
        },
        StocktakeState: {
            StocktakeState.OPEN: "Counting",
            StocktakeState.PENDING: "Under approval",
            StocktakeState.RETURNED: "Returned",
            StocktakeState.APPROVED: "Approved, to post",
            StocktakeState.REJECTED: "Not approved",
            StocktakeState.POSTED: "Posted",
            StocktakeState.CANCELLED: "Voided",
        },
    },
    objects={
        "item": ("物品", "Item"),
        "movement": ("出入库记录", "Stock movement"),
        "supplier": ("供应商", "Supplier"),
        "category_supplier": ("定点供应商", "Designated supplier"),
        "requisition": ("领用申请", "Requisition"),
        "requisition_line": ("领用明细", "Requisition line"),
        "stock_return": ("退库单", "Return to store"),
        "stock_return_line": ("退库明细", "Return to store line"),
        "purchase_plan": ("采购计划", "Purchase plan"),
        "plan_line": ("采购计划明细", "Purchase plan line"),
        "purchase_order": ("采购订单", "Purchase order"),
        "order_line": ("订单明细", "Order line"),
        "quote": ("报价", "Quote"),
        "receipt": ("入库单", "Receipt"),
        "receipt_line": ("入库明细", "Receipt line"),
        "supplier_return": ("退换货", "Return to supplier"),
        "stocktake": ("盘点", "Stocktake"),
        "stocktake_line": ("盘点明细", "Stocktake line"),
    },
    actions={
        "exchange": ("换货", "Exchanged"),
        "replaced": ("换货到货", "Replacement received"),
        "undesignate": ("取消定点", "No longer designated"),
        "count": ("录入盘点数", "Counted"),
        "post": ("过账", "Posted"),
    },
    fields={
        "supplier": ("供应商", "supplier"),
        "item": ("物品", "item"),
    },
    states={
        "requisition": RequisitionState,
        "stock_return": StockReturnState,
        "purchase_plan": PlanState,
        "purchase_order": OrderState,
        "stocktake": StocktakeState,
    },
)
