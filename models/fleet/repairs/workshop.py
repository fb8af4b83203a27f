"""In the shop: entry only with the 准修通知单 (F2, F7), supplements beyond it (F3, F4), fitted
lines, the shop's finish, and the driver's exit acceptance (F6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from models import audit, settings, workflow
from models.base import guarded_update, now
from models.db import db, retry_document
from models.errors import RuleViolation
from models.fleet.repairs.application import (
    LineInput,
    _check_lines,
    _keep_assemblies,
    _write_lines,
    is_assembly,
)
from models.fleet.repairs.document import (
    SUPPLEMENT_FLOW,
    Acceptance,
    LineState,
    Repair,
    RepairLine,
    RepairState,
    Supplement,
)
from models.fleet.vehicles import (
    Vehicle,
    VehicleStatus,
)
from models.people import Actor, User, require_active, require_role
from models.prepared import Prepared
from models.text import clean, is_blank
from models.workflow import Instance, State


@retry_document
def enter_shop(actor: User, repair: Repair, at: datetime | None = None) -> Repair:
    """Only with a 准修通知单 may the vehicle enter the designated shop (F2, F7)."""
    at = at or now()
    with db.atomic():
        repair = Repair.begin(actor, repair, "enter_shop")
        if not repair.authorisation_no:
            t = Repair.declared("enter_shop")
            raise RuleViolation(t.rule, t.zh, t.en)
        if not repair.shop.designated or repair.shop.is_voided:
            raise RuleViolation(
                "F7",
                f"「{repair.shop.name}」已不在定点修理厂名单",
                f"{repair.shop.name} is no longer designated",
            )
        vehicle = Vehicle.get_for_update(Vehicle.id == repair.vehicle_id)
        if vehicle.status in (VehicleStatus.SCRAPPED, VehicleStatus.SUSPENDED):
            status = VehicleStatus(vehicle.status).label
            raise RuleViolation(
                "F1",
                f"{vehicle.plate} 已{status}，不能进厂维修",
                f"{vehicle.plate} is {vehicle.status}; it cannot enter a shop",
            )
        guarded_update(repair, repair.version, state=RepairState.IN_REPAIR, entered_at=at)
        audit.update(actor, vehicle, status=VehicleStatus.IN_REPAIR.value)
        audit.record(actor, "repair", repair.id, "enter_shop")
        return repair


@retry_document
def propose_supplement(
    actor: User, repair: Repair, lines: Sequence[LineInput], reason: str, at: datetime | None = None
) -> Supplement:
    """F3/F4: anything beyond the authorisation is a supplement; an assembly (总成) or a part
    over the threshold (setting, default ¥2,000) also needs the main leader's consent."""
    at = at or now()
    with db.atomic():
        require_role(actor, *Repair.declared("supplement").roles)
        _check_lines(lines)
        if is_blank(reason):
            raise RuleViolation(
                "F4", "请说明追加原因", "give the reason for the supplement", field="reason"
            )
        threshold = settings.get("fleet.costly_part_threshold")
        costly = any(
            is_assembly(ln) or (Decimal(ln.quantity) * Decimal(ln.unit_price)) > threshold
            for ln in lines
        )
        repair = Repair.begin(actor, repair, "supplement")
        _keep_assemblies(repair, lines)
        number = Supplement.select().where(Supplement.repair == repair.id).count() + 1
        supplement = Supplement.create(
            repair=repair,
            number=number,
            reason=clean(reason),
            costly=costly,
            proposed_by=actor,
            proposed_at=at,
        )
        _write_lines(repair, lines, LineState.PROPOSED, supplement)
        audit.record(
            actor,
            "repair",
            repair.id,
            "supplement",
            {"supplement": (None, number), "costly": (None, costly)},
        )
        workflow.submit(
            actor,
            SUPPLEMENT_FLOW.doc_type,
            title=f"{repair.vehicle.plate} 追加项目 {repair.number}-{number}",
            doc_id=supplement.id,
            fields={"costly": costly},
            at=at,
        )
        return supplement


@workflow.on_outcome(SUPPLEMENT_FLOW.doc_type)
def _supplement_outcome(inst: Instance, state: State, actor: Actor) -> None:
    supplement = Supplement.get_by_id(inst.doc_id)
    if state == State.APPROVED:
        new_line, new_state = LineState.APPROVED, "approved"
    elif state in (State.REJECTED, State.WITHDRAWN, State.CLOSED):
        new_line, new_state = LineState.DECLINED, "declined"
    else:  # returned: stays pending until resubmitted or withdrawn
        return
    RepairLine.update(state=new_line).where(RepairLine.supplement == supplement.id).execute()
    Supplement.update(state=new_state).where(Supplement.id == supplement.id).execute()


# Asked and written at every fitted line and finished repair: rendered once
# (``models.prepared``; the state set is a code of ours, no text the row checks must see).
_MARK_FITTED = Prepared(
    lambda state, at, line: RepairLine.update(
        {
            RepairLine.state: state.to(RepairLine.state),
            RepairLine.fitted_at: at.to(RepairLine.fitted_at),
        }
    ).where(RepairLine.id == line)
)
_PENDING_SUPPLEMENT = Prepared(
    lambda repair: (
        Supplement.select(Supplement.id)
        .where((Supplement.repair == repair) & (Supplement.state == "pending"))
        .limit(1)
    )
)


@retry_document
def record_fitted(actor: User, line: RepairLine, at: datetime | None = None) -> RepairLine:
    """The shop did this item. Only authorised items (F3) or approved supplements (F4)."""
    at = at or now()
    with db.atomic():
        require_active(actor)
        line = RepairLine.get_by_id(line.id)
        Repair.begin(actor, line.repair_id, "fitted")
        if line.state == LineState.PROPOSED:
            raise RuleViolation(
                "F4",
                f"「{line.name}」的追加审批尚未通过，不得更换",
                f"{line.name} awaits the supplement's approval",
            )
        if line.state not in (LineState.AUTHORISED, LineState.APPROVED):
            raise RuleViolation(
                "F3", f"「{line.name}」不在准修范围内", f"{line.name} is not authorised"
            )
        _MARK_FITTED.rowcount(LineState.FITTED.value, at, line.id)
        audit.record(actor, "repair_line", line.id, "fitted", {"state": (line.state, "fitted")})
        return RepairLine.get_by_id(line.id)


@retry_document
def finish_repair(actor: User, repair: Repair, at: datetime | None = None) -> Repair:
    """The shop reports the work done; the vehicle now waits for the driver's check."""
    at = at or now()
    with db.atomic():
        repair = Repair.begin(actor, repair, "finish")
        if _PENDING_SUPPLEMENT.first(repair.id) is not None:
            raise RuleViolation(
                "F4", "还有追加项目在审批中", "a supplement is still under approval"
            )
        if not any(ln.state == LineState.FITTED for ln in repair.line_rows()):
            raise RuleViolation(
                "F3", "尚未登记任何完成的维修项目", "no item has been recorded as done"
            )
        guarded_update(
            repair, repair.version, state=RepairState.AWAITING_ACCEPTANCE, finished_at=at
        )
        audit.record(actor, "repair", repair.id, "finish")
        return repair


@retry_document
def accept(
    driver: User, repair: Repair, passed: bool, remarks: str = "", at: datetime | None = None
) -> Repair:
    """F6: 出厂合格验收, signed by the driver himself. Pass closes the repair and returns the
    vehicle to service; fail sends it back to the shop and counts against the pass rate."""
    at = at or now()
    with db.atomic():
        repair = Repair.begin(driver, repair, "accept")
        if not passed and is_blank(remarks):
            raise RuleViolation(
                "F6", "验收不合格须写明问题", "a failed check needs remarks", field="remarks"
            )
        attempt = repair.acceptance_attempts + 1
        Acceptance.create(
            repair=repair,
            attempt=attempt,
            passed=passed,
            signed_by=driver,
            remarks=clean(remarks),
            at=at,
        )
        changes: dict[str, Any] = {"acceptance_attempts": attempt}
        if attempt == 1:
            changes["first_pass"] = passed
        if passed:
            changes.update(state=RepairState.CLOSED, closed_at=at)
            audit.update(driver, repair.vehicle, status=VehicleStatus.IN_SERVICE.value)
        else:
            changes.update(state=RepairState.IN_REPAIR, finished_at=None)
        guarded_update(repair, repair.version, **changes)
        audit.record(
            driver,
            "repair",
            repair.id,
            "accept" if passed else "accept_failed",
            note=clean(remarks) or None,
        )
        return repair
