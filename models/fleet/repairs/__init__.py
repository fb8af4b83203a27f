"""车辆管理, the repair flow (F2–F6, F7 lines) on the approval engine, document type
``fleet_repair``:

    driver applies → 车管鉴定 (fills the 车辆维修保修单) → [后勤审核, overhauls only, F5]
    → 主要领导审批 → 后勤备案 (issues the numbered 准修通知单) → enters a designated shop
    → fitted lines, only those authorised (F3) or approved by a supplement (F4)
    → shop finished → the driver's exit acceptance (F6): pass closes, fail goes back.

Nothing reaches a shop without the approved flow: ``enter_shop`` requires the 准修通知单, and
a guard on the engine refuses 车管鉴定 in the 审批中心 until the form is filled in. A repair
keeps its lines: estimated at assessment, authorised on filing (or declined line by line by the
leader for an overhaul quote), proposed by a supplement (all-or-nothing), and fitted.
By concern: ``document`` (states, tables, flows, the guard), ``application`` (apply → 准修通知单),
``workshop`` (in the shop → acceptance) and ``history`` (repairs from paper records)."""

from __future__ import annotations

from models.fleet.repairs.application import (
    OPEN_STATES,
    LineInput,
    apply_repair,
    approve_repair,
    assess,
    file_repair,
    open_repair_of,
    resubmit_repair,
)
from models.fleet.repairs.document import (
    FLEET_STAFF,
    REPAIR_FLOW,
    REPAIR_STATE_LABELS,
    SUPPLEMENT_FLOW,
    Acceptance,
    LineState,
    Repair,
    RepairLine,
    RepairState,
    Supplement,
    supplement_to_decide,
)
from models.fleet.repairs.history import record_historical_repair
from models.fleet.repairs.workshop import (
    accept,
    enter_shop,
    finish_repair,
    propose_supplement,
    record_fitted,
)

__all__ = [
    "FLEET_STAFF",
    "OPEN_STATES",
    "REPAIR_FLOW",
    "REPAIR_STATE_LABELS",
    "SUPPLEMENT_FLOW",
    "Acceptance",
    "LineInput",
    "LineState",
    "Repair",
    "RepairLine",
    "RepairState",
    "Supplement",
    "accept",
    "apply_repair",
    "approve_repair",
    "assess",
    "enter_shop",
    "file_repair",
    "finish_repair",
    "open_repair_of",
    "propose_supplement",
    "record_fitted",
    "record_historical_repair",
    "resubmit_repair",
    "supplement_to_decide",
]
