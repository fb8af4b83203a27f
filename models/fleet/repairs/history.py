"""Repairs entered from paper records: the historical register, outside the flow, its numbers
reserved so the counter moves past them. Only what happened before the go-live date, and never
beside a live repair of the same vehicle (F2: from go-live every repair goes through the flow).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from models import audit, numbers
from models.audit import AuditLog
from models.base import now
from models.db import db
from models.errors import RuleViolation
from models.fleet.repairs.application import open_repair_of
from models.fleet.repairs.document import LineState, Repair, RepairLine, RepairState
from models.fleet.repairs.golive import held_go_live_date
from models.fleet.vehicles import (
    RepairShop,
    Vehicle,
    drivers_of,
)
from models.numbering import next_number, reserve
from models.people import Actor, Role, require_role
from models.text import clean, is_blank, normalize_code


def record_historical_repair(
    actor: Actor,
    vehicle: Vehicle,
    *,
    shop: RepairShop,
    fault: str,
    cost: Decimal,
    applied_on: date,
    closed_on: date,
    promised_date: date | None = None,
    first_pass: bool = True,
    paid: bool = False,
    payer: str = "",
    number: str | None = None,
) -> Repair:
    """A repair from the paper archive (before Houqin): stored closed, marked ``historical``,
    so statistics cover the past while no live repair can skip the flow. Logistics or an
    administrator enters them (typically by Excel import)."""
    with db.atomic():
        require_role(actor, Role.LOGISTICS, Role.ADMIN)
        cost = numbers.money(cost, "维修费用", "the cost", field="cost")
        if is_blank(fault):
            raise RuleViolation("F2", "请填写故障情况", "describe the fault", field="fault")
        if cost < 0:
            raise RuleViolation(None, "费用不能为负", "the cost cannot be negative", field="cost")
        if closed_on < applied_on:
            raise RuleViolation(
                None, "完工日期不能早于报修日期", "closed before applied", field="closed_on"
            )
        if closed_on > now().date():
            raise RuleViolation(
                None,
                "历史维修的完工日期不能在将来",
                "a past repair cannot close in the future",
                field="closed_on",
            )
        if paid and is_blank(payer):
            raise RuleViolation(
                "F8", "有偿服务须填写付费单位", "a paid service names its payer", field="payer"
            )
        _check_period_and_vehicle(vehicle, applied_on, closed_on)
        shop = _check_shop(shop, applied_on)
        number = normalize_code(number) or next_number("WX", applied_on.year)
        reserve(number)  # a paper number in the live WX2026-NNNN shape moves the counter on
        if Repair.select().where(Repair.number == number).exists():
            raise RuleViolation(
                None, f"维修单号 {number} 已存在", f"repair {number} exists", field="number"
            )
        applied = datetime.combine(applied_on, datetime.min.time())
        closed = datetime.combine(closed_on, datetime.min.time()).replace(hour=17)
        repair = audit.create(
            actor,
            Repair,
            number=number,
            vehicle=vehicle,
            unit=vehicle.unit,
            driver=drivers_of(vehicle)[0] if drivers_of(vehicle) else None,
            fault=clean(fault),
            applied_at=applied,
            state=RepairState.CLOSED,
            shop=shop,
            estimated_cost=cost,
            approved_cost=cost,
            promised_date=promised_date,
            closed_at=closed,
            finished_at=closed,
            acceptance_attempts=1 if first_pass else 2,
            first_pass=first_pass,
            paid=paid,
            payer=clean(payer),
            historical=True,
        )
        RepairLine.create(
            repair=repair,
            kind="part",
            name="历史维修（汇总）",
            unit_price=cost,
            state=LineState.FITTED,
            fitted_at=closed,
        )
        return repair


def _check_period_and_vehicle(vehicle: Vehicle, applied_on: date, closed_on: date) -> None:
    """F2: from the go-live date every repair goes through the flow, so a paper record is
    refused on or after it (the date read under its lock: the first live application cannot
    slip in between); and a vehicle with a live repair under way gets no paper repair beside
    it."""
    go_live = held_go_live_date()
    if go_live is not None:
        for day, label, label_en, field in (
            (applied_on, "报修日期", "applied", "applied_on"),
            (closed_on, "完工日期", "closed", "closed_on"),
        ):
            if day >= go_live:
                raise RuleViolation(
                    "F2",
                    f"{label} {day} 不早于上线日期 {go_live}：上线后的维修须在软件中报修，"
                    "不能补录为历史维修",
                    f"{label_en} {day} is not before the go-live date {go_live}: repairs since "
                    "go-live go through the flow, not the paper history",
                    field=field,
                )
    vehicle = Vehicle.get_by_id(vehicle.id)
    live = open_repair_of(vehicle)
    if live is not None:
        raise RuleViolation(
            "F2",
            f"{vehicle.plate} 有未完成的维修单 {live.number}，不能补录历史维修",
            f"{vehicle.plate} has an open repair {live.number}; no paper history beside it",
            field="plate",
        )


def delisted_on(shop: RepairShop) -> date | None:
    """The day a shop now off the designated list was taken off it, as the audit trail
    says (``None`` while it is listed, or when it was entered off the list from the start
    and the trail has no day)."""
    if shop.designated:
        return None
    for row in (
        AuditLog.select()
        .where(
            (AuditLog.table == RepairShop._meta.table_name)
            & (AuditLog.record_id == shop.id)
            & (AuditLog.action == "update")
        )
        .order_by(AuditLog.at.desc(), AuditLog.id.desc())
    ):
        change = row.changes_dict().get("designated")
        if change is not None and not change[1]:
            return row.at.date()
    return None


def _check_shop(shop: RepairShop, applied_on: date) -> RepairShop:
    """F7: a shop taken off the designated list keeps its history, so a paper repair at it
    from when it was listed is recorded; one dated on or after the day it was taken off is
    refused, and so is a shop that is not in the register (or voided as entered in error)."""
    found = RepairShop.get_or_none(RepairShop.id == getattr(shop, "id", None))
    if found is None or found.is_voided:
        name = getattr(shop, "name", "")
        raise RuleViolation(
            "F7", f"「{name}」不是登记的修理厂", f"{name} is not a registered shop", field="shop"
        )
    off = delisted_on(found)
    if off is not None and applied_on >= off:
        raise RuleViolation(
            "F7",
            f"「{found.name}」已于 {off} 移出定点名单，此后的维修不能在该厂",
            f"{found.name} was taken off the designated list on {off}",
            field="shop",
        )
    return found
