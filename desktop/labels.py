"""Every domain code's label in the interface language, in one place.

The Chinese label is the domain's own: each enum's ``.label`` in ``models`` (the printed forms
and the registers use it too). The English label stands here beside it, because only the
desktop speaks English; ``Role`` already brings its English from ``models.people``. A few codes
the models keep as bare strings (a maintenance status, the kind of a repair) carry both
languages here.

``tests/desktop/test_i18n.py`` checks that every member of every labelled enum of fleet,
supplies, workflow and people has its English label.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

from desktop.i18n import pick
from models.clocks import ClockKind
from models.fleet import LineState, RepairState, UseState, VehicleStatus
from models.people import Role
from models.periods import PeriodKind
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
from models.workflow import Mode, State

# Per enum: members of different enums may share a value (State.PENDING == PlanState.PENDING).
ENGLISH: dict[type[StrEnum], dict[Any, str]] = {
    VehicleStatus: {
        VehicleStatus.IN_SERVICE: "In service",
        VehicleStatus.IN_REPAIR: "In repair",
        VehicleStatus.SUSPENDED: "Suspended",
        VehicleStatus.SCRAPPED: "Scrapped",
    },
    RepairState: {
        RepairState.APPLIED: "Under approval",
        RepairState.RETURNED: "Returned",
        RepairState.REJECTED: "Not approved",
        RepairState.WITHDRAWN: "Withdrawn",
        RepairState.AUTHORISED: "Authorised",
        RepairState.IN_REPAIR: "In repair",
        RepairState.AWAITING_ACCEPTANCE: "Awaiting acceptance",
        RepairState.CLOSED: "Closed",
    },
    UseState: {
        UseState.APPLIED: "Under approval",
        UseState.RETURNED: "Returned",
        UseState.APPROVED: "Approved",
        UseState.REJECTED: "Not approved",
        UseState.WITHDRAWN: "Withdrawn",
    },
    ClockKind: {
        ClockKind.WORKING_DAYS: "Working days",
        ClockKind.CALENDAR_DAYS: "Calendar days",
        ClockKind.HOURS: "Hours",
        ClockKind.WORKING_HOURS: "Working hours",
    },
    PeriodKind: {
        PeriodKind.MONTH: "Month",
        PeriodKind.QUARTER: "Quarter",
        PeriodKind.YEAR: "Year",
        PeriodKind.TERM: "Term",
    },
    LineState: {
        LineState.ESTIMATED: "Estimate",
        LineState.AUTHORISED: "Authorised",
        LineState.DECLINED: "Declined",
        LineState.PROPOSED: "Supplement pending",
        LineState.APPROVED: "Supplement approved",
        LineState.FITTED: "Done",
    },
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
    PlanState: {
        PlanState.DRAFT: "Draft",
        PlanState.PENDING: "Under approval",
        PlanState.RETURNED: "Returned",
        PlanState.APPROVED: "Approved",
        PlanState.REJECTED: "Not approved",
        PlanState.WITHDRAWN: "Withdrawn",
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
    State: {
        State.PENDING: "Under approval",
        State.RETURNED: "Returned",
        State.APPROVED: "Approved",
        State.REJECTED: "Rejected",
        State.WITHDRAWN: "Withdrawn",
        State.CLOSED: "Closed",
    },
    Mode: {
        Mode.SEQUENTIAL: "One after another",
        Mode.ALL: "All must approve",
        Mode.ANY: "Any one approves",
    },
    Role: {role: role.label_en for role in Role},
}

LABELLED: tuple[type[StrEnum], ...] = tuple(ENGLISH)

# Codes the models keep as bare strings: (Chinese, English).
CODES: dict[str, dict[str, tuple[str, str]]] = {
    # models.fleet.MaintenanceDue.status (its status_label is the Chinese)
    "maintenance": {
        "ok": ("正常", "OK"),
        "due_soon": ("即将到期", "Due soon"),
        "overdue": ("已超期", "Overdue"),
    },
    # models.fleet.Repair.kind
    "repair_kind": {"repair": ("一般维修", "Repair"), "overhaul": ("大修", "Overhaul")},
}


def label(member: StrEnum) -> str:
    """``member``'s label in the interface language."""
    chinese: str = member.label  # type: ignore[attr-defined]
    return pick(chinese, ENGLISH.get(type(member), {}).get(member, chinese))


def of(enum: type[StrEnum], value: Any) -> str:
    """The label of a raw value read from a row; what is not a member shows as it is."""
    try:
        return label(enum(value))
    except ValueError:
        return "" if value is None else str(value)


def labeller(enum: type[StrEnum]) -> Callable[[Any], str]:
    """``of`` for one enum: a list column's ``fmt``."""
    return lambda value: of(enum, value)


def choices(members: Iterable[StrEnum]) -> list[tuple[str, str]]:
    """(label, value) pairs for a combo box."""
    return [(label(m), m.value) for m in members]


def relabel(enum: type[StrEnum], chinese: str) -> str:
    """A Chinese label a query already wrote into a row (``r.category``), in the interface
    language."""
    for member in enum:
        if member.label == chinese:  # type: ignore[attr-defined]
            return label(member)
    return chinese


def code(kind: str, value: Any) -> str:
    """The label of one of the bare string codes of ``CODES``."""
    zh, en = CODES[kind].get(str(value), (str(value or ""), str(value or "")))
    return pick(zh, en)
