"""Repairs entered from paper records: the historical register, outside the flow, its numbers
reserved so the counter moves past them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from models import audit, numbers
from models.base import now
from models.db import db
from models.errors import RuleViolation
from models.fleet.repairs.document import LineState, Repair, RepairLine, RepairState
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
    with db.atomic():
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
