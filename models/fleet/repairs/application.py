"""From the driver's application to the 准修通知单: apply, 车管鉴定 (the 车辆维修保修单),
the leader's approval (line by line for an overhaul quote, F5), 后勤备案, and resubmission
after 退回 (F2)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from models import audit, dates, numbers, workflow
from models.base import guarded_update, now
from models.db import db, retry_document
from models.errors import RuleViolation
from models.fleet.repairs.document import (
    REPAIR_FLOW,
    LineState,
    Repair,
    RepairLine,
    RepairState,
    Supplement,
)
from models.fleet.repairs.golive import mark_go_live
from models.fleet.vehicles import (
    CENT,
    RepairShop,
    Vehicle,
    VehicleDriver,
    refuse_retired,
)
from models.numbering import next_number
from models.people import Role, User, require_active, require_person, require_role
from models.prepared import Prepared
from models.text import clean, is_blank

# --- the repair flow ---------------------------------------------------------------------


@dataclass(frozen=True)
class LineInput:
    name: str
    unit_price: Decimal
    quantity: Decimal = Decimal("1")
    kind: str = "part"
    assembly: bool = False
    warranty_months: int = 0


def _line_key(name: str) -> str:
    """A line's name as compared: full width folded, invisible characters and spaces gone."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", clean(name)))


def is_assembly(line: LineInput | RepairLine) -> bool:
    """F4: a line is an assembly (总成) when it is flagged so or its name says so
    (「变速箱总成」 with the flag off is still an assembly)."""
    return bool(line.assembly) or "总成" in _line_key(line.name)


def _keep_assemblies(repair: Repair, lines: Sequence[LineInput]) -> None:
    """F4: once the shop's quote (or any line of this repair) calls an item an assembly, the
    fleet manager cannot lower the flag by entering it again as a plain part."""
    quoted = {_line_key(ln.name) for ln in repair.line_rows() if is_assembly(ln)}
    for ln in lines:
        if not is_assembly(ln) and _line_key(ln.name) in quoted:
            raise RuleViolation(
                "F4",
                f"「{ln.name}」在报价中为总成，不能改为普通配件",
                f"{ln.name} is an assembly on the quote; the flag cannot be lowered",
                field="lines",
            )


def _check_lines(lines: Sequence[LineInput]) -> None:
    if not lines:
        raise RuleViolation(
            "F2", "至少需要一个维修项目", "at least one repair item is needed", field="lines"
        )
    for ln in lines:
        if is_blank(ln.name):
            raise RuleViolation(None, "维修项目名称不能为空", "an item needs a name", field="lines")
        numbers.decimal(
            ln.quantity,
            f"「{ln.name}」的数量",
            f"{ln.name}: the quantity",
            field="lines",
            positive=True,
            maximum=Decimal("99999999.99"),
        )
        numbers.money(ln.unit_price, f"「{ln.name}」的单价", f"{ln.name}: the price", field="lines")
        numbers.whole(
            ln.warranty_months,
            f"「{ln.name}」的质保期",
            f"{ln.name}: the warranty",
            field="lines",
            maximum=600,
        )
        if ln.kind not in ("part", "labour"):
            raise RuleViolation(
                None, "项目类别只能是配件或工时", "kind is part or labour", field="lines"
            )


def _write_lines(
    repair: Repair,
    lines: Sequence[LineInput],
    state: LineState,
    supplement: Supplement | None = None,
) -> list[RepairLine]:
    return [
        RepairLine.create(
            repair=repair,
            supplement=supplement,
            kind=ln.kind,
            name=clean(ln.name),
            assembly=is_assembly(ln),
            quantity=Decimal(ln.quantity),
            unit_price=Decimal(ln.unit_price).quantize(CENT),
            warranty_months=ln.warranty_months,
            state=state,
        )
        for ln in lines
    ]


OPEN_STATES = (
    RepairState.APPLIED,
    RepairState.RETURNED,
    RepairState.AUTHORISED,
    RepairState.IN_REPAIR,
    RepairState.AWAITING_ACCEPTANCE,
)


def open_repair_of(vehicle: Vehicle) -> Repair | None:
    """The vehicle's repair that has not ended yet, if any (one at a time, F2)."""
    return _OPEN_REPAIR.first(vehicle.id)


# Asked at every application and by the demo: rendered once (``models.prepared``).
_OPEN_REPAIR = Prepared(
    lambda vehicle: (
        Repair.select()
        .where((Repair.vehicle == vehicle) & Repair.state.in_(list(OPEN_STATES)))
        .limit(1)
    )
)


# Asked at every application: rendered once (``models.prepared``).
_DRIVES = Prepared(
    lambda vehicle, driver: (
        VehicleDriver.select(VehicleDriver.id)
        .where((VehicleDriver.vehicle == vehicle) & (VehicleDriver.driver == driver))
        .limit(1)
    )
)


@retry_document
def apply_repair(
    driver: User, vehicle: Vehicle, fault: str, *, kind: str = "repair", at: datetime | None = None
) -> Repair:
    """F2: the driver's application to the fleet manager (报修). The first one sets the
    office's go-live date (上线日期) when nobody has: from that day paper history is closed."""
    at = at or now()
    require_person(driver, "报修", "a repair application")
    with db.atomic():
        require_active(driver)
        if is_blank(fault):
            raise RuleViolation("F2", "请填写故障情况", "describe the fault", field="fault")
        if kind not in ("repair", "overhaul"):
            raise RuleViolation(
                None, "维修类别只能是一般维修或大修", "kind is repair or overhaul", field="kind"
            )
        vehicle = Vehicle.get_by_id(vehicle.id)
        if _DRIVES.first(vehicle.id, driver.id) is None:
            raise RuleViolation(
                "F2",
                f"{driver.name} 不是 {vehicle.plate} 的驾驶员，不能报修",
                f"{driver.name} is not a driver of {vehicle.plate}",
            )
        refuse_retired(vehicle, "F1")
        open_repair = open_repair_of(vehicle)
        if open_repair is not None:
            raise RuleViolation(
                "F2",
                f"{vehicle.plate} 已有未完成的维修单 {open_repair.number}",
                f"{vehicle.plate} has an open repair {open_repair.number}",
            )
        mark_go_live(driver, at)
        repair = audit.create(
            driver,
            Repair,
            number=next_number("WX", at.year),
            vehicle=vehicle,
            unit=vehicle.unit,
            driver=driver,
            kind=kind,
            fault=clean(fault),
            applied_at=at,
        )
        workflow.submit(
            driver,
            REPAIR_FLOW.doc_type,
            title=repair.approval_title()[0],
            doc_id=repair.id,
            fields={"kind": kind},
            at=at,
        )
        return repair


@retry_document
def assess(
    actor: User,
    repair: Repair,
    *,
    diagnosis: str,
    lines: Sequence[LineInput],
    shop: RepairShop,
    promised_date: date,
    quote_ref: str = "",
    paid: bool = False,
    payer: str = "",
    comment: str = "",
    at: datetime | None = None,
) -> Repair:
    """F2: 车管鉴定 — the fleet manager inspects and completes the 车辆维修保修单, which passes
    the flow's first node. F5: an overhaul needs the shop's quote (its reference and lines)."""
    at = at or now()
    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER)
        _check_lines(lines)
        repair = Repair.lock(repair)
        dates.in_order(
            repair.applied_at,
            promised_date,
            "报修日期",
            "承诺完工日期",
            field="promised_date",
            rule="F8",
            en="the promised date is before the application",
        )
        inst = repair.instance()
        node = inst.current_node() if inst else None
        if repair.state != RepairState.APPLIED or node is None or node.key != "assess":
            raise RuleViolation(
                "F2",
                "只有待鉴定的维修申请可以填写维修保修单",
                "only a repair awaiting assessment can be assessed",
            )
        shop = RepairShop.get_by_id(shop.id)
        if not shop.designated or shop.is_voided:
            raise RuleViolation(
                "F7",
                f"「{shop.name}」不是定点修理厂",
                f"{shop.name} is not designated",
                field="shop",
            )
        if repair.is_overhaul and is_blank(quote_ref):
            raise RuleViolation(
                "F5",
                "大修须先取得修理厂报价单（填写报价单号）",
                "an overhaul needs the shop's quote first",
                field="quote_ref",
            )
        if paid and is_blank(payer):
            raise RuleViolation(
                "F8", "有偿服务须填写付费单位", "a paid service names its payer", field="payer"
            )
        _keep_assemblies(repair, lines)
        RepairLine.delete().where(
            (RepairLine.repair == repair.id) & (RepairLine.state == LineState.ESTIMATED)
        ).execute()
        created = _write_lines(repair, lines, LineState.ESTIMATED)
        estimate = sum((ln.amount for ln in created), Decimal("0"))
        guarded_update(
            repair,
            repair.version,
            assessed_by=actor,
            assessed_at=at,
            diagnosis=clean(diagnosis),
            shop=shop,
            estimated_cost=estimate,
            promised_date=promised_date,
            quote_ref=clean(quote_ref),
            paid=paid,
            payer=clean(payer),
        )
        audit.record(
            actor,
            "repair",
            repair.id,
            "assess",
            {"estimated_cost": (None, estimate), "shop": (None, shop.name)},
        )
        workflow.approve(actor, inst.id, comment or "已鉴定", at=at)
        return Repair.get_by_id(repair.id)


@retry_document
def approve_repair(
    actor: User,
    repair: Repair,
    comment: str = "",
    *,
    declined_line_ids: Iterable[int] = (),
    at: datetime | None = None,
) -> Repair:
    """主要领导审批 (or 后勤审核 of an overhaul). An overhaul quote may be approved line by
    line: ``declined_line_ids`` are refused, the others go on (F5)."""
    at = at or now()
    declined = set(declined_line_ids)
    with db.atomic():
        require_active(actor)
        repair = Repair.lock(repair)
        inst = repair.instance()
        if declined:
            if not repair.is_overhaul:
                raise RuleViolation(
                    "F5",
                    "只有大修报价可以逐项审批",
                    "only an overhaul quote is approved line by line",
                )
            own = {ln.id for ln in repair.line_rows() if ln.state == LineState.ESTIMATED}
            if not declined <= own:
                raise RuleViolation(None, "所选项目不属于本报价", "lines are not on this quote")
            RepairLine.update(state=LineState.DECLINED).where(
                RepairLine.id.in_(list(declined))
            ).execute()
        workflow.approve(actor, inst.id, comment, at=at)
        return Repair.get_by_id(repair.id)


@retry_document
def file_repair(
    actor: User, repair: Repair, comment: str = "", at: datetime | None = None
) -> Repair:
    """后勤备案: the last node; the hook issues the 准修通知单."""
    with db.atomic():
        require_active(actor)
        repair = Repair.lock(repair)
        inst = repair.instance()
        node = inst.current_node() if inst else None
        if node is None or node.key != "file":
            raise RuleViolation("F2", "尚未到后勤备案环节", "the repair is not at the filing step")
        workflow.approve(actor, inst.id, comment or "已备案", at=at)
        return Repair.get_by_id(repair.id)


@retry_document
def resubmit_repair(
    driver: User, repair: Repair, fault: str | None = None, at: datetime | None = None
) -> Repair:
    """After 退回 the driver corrects the application and sends it again."""
    with db.atomic():
        repair = Repair.begin(driver, repair, "resubmit")
        changes: dict[str, Any] = {"state": RepairState.APPLIED, "assessed_at": None}
        if fault:
            changes["fault"] = clean(fault)
        guarded_update(repair, repair.version, **changes)
        workflow.resubmit(driver, repair.instance().id, fields={"kind": repair.kind}, at=at)
        return repair
