"""What happened to the fleet, as registers: the repairs (exported; the paper archive is
imported, new records only) and the fuel log (exported only).

A historical repair imported from the paper archive is stored by
``fleet.record_historical_repair``, never by a shortcut around the live flow (F2–F6); fuel is
logged one by one in the application (F10).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import peewee

from forms.fleet.fields import PLATE, UNIT, YES_NO, yes, yes_no
from forms.fleet.registers import SHOP_REF, VEHICLE_REF
from forms.kinds import Filters, Kind, Values, export_only_kind, register_kind, within
from forms.spec import Field, FieldType, FormSpec
from models import fleet
from models.errors import RuleViolation
from models.fleet import FuelLog, FuelStation, Repair, RepairShop, Vehicle
from models.people import Department, User

REPAIRS = FormSpec(
    name="repairs",
    title="车辆维修登记表",
    title_en="Repairs",
    key="number",
    fields=(
        Field(
            "number",
            "维修单号",
            required=True,
            width=14,
            max_length=20,
            example="LS2025-0001",
            help="导入历史维修时填纸质单据编号。",
            label_en="Number",
        ),
        Field(
            "plate",
            "车牌号",
            FieldType.REFERENCE,
            required=True,
            width=12,
            reference=VEHICLE_REF,
            example="京A·12345",
            label_en="Plate",
        ),
        Field("unit", "有车单位", width=12, help="导出用，导入时按车辆登记。", label_en="Unit"),
        Field(
            "kind",
            "类别",
            FieldType.CHOICE,
            width=8,
            choices=("一般维修", "大修"),
            example="一般维修",
            label_en="Kind",
        ),
        Field("fault", "故障情况", required=True, width=30, example="刹车异响", label_en="Fault"),
        Field(
            "shop",
            "修理厂",
            FieldType.REFERENCE,
            required=True,
            width=20,
            reference=SHOP_REF,
            example="城东汽修厂",
            label_en="Shop",
        ),
        Field(
            "state", "状态", width=8, help="导出用；导入的历史维修均为已完工。", label_en="State"
        ),
        Field(
            "historical",
            "历史补录",
            FieldType.CHOICE,
            width=8,
            choices=YES_NO,
            help="导出用：是 = 上线前的纸质维修记录（未经软件内流程）；导入的维修均为历史补录。",
            label_en="Paper history",
        ),
        Field(
            "applied_on",
            "报修日期",
            FieldType.DATE,
            required=True,
            width=12,
            example="2025-06-03",
            label_en="Applied",
        ),
        Field(
            "promised_date",
            "承诺完工日期",
            FieldType.DATE,
            width=12,
            example="2025-06-06",
            label_en="Promised",
        ),
        Field(
            "closed_on",
            "验收日期",
            FieldType.DATE,
            required=True,
            width=12,
            example="2025-06-05",
            label_en="Closed",
        ),
        Field(
            "cost",
            "维修费用",
            FieldType.MONEY,
            required=True,
            width=12,
            example="1100.00",
            label_en="Cost",
            total=True,
        ),
        Field(
            "first_pass",
            "一次验收合格",
            FieldType.CHOICE,
            width=10,
            choices=YES_NO,
            example="是",
            label_en="First pass",
        ),
        Field(
            "paid",
            "有偿服务",
            FieldType.CHOICE,
            width=8,
            choices=YES_NO,
            example="否",
            label_en="Paid",
        ),
        Field("payer", "付费单位", width=16, max_length=100, label_en="Payer"),
    ),
    help=(
        "导入用于录入上线日期（系统设置）前的纸质维修记录（只能新增）；"
        "上线后的维修和有未完成维修单的车辆不能补录，新的维修请在软件中报修。"
    ),
)

FUEL = FormSpec(
    name="fuel",
    title="车辆加油登记表",
    title_en="Fuel log",
    key="id",
    fields=(
        Field("id", "序号", FieldType.INTEGER, width=6, label_en="No."),
        Field("filled_at", "加油日期", FieldType.DATE, width=12, label_en="Date"),
        PLATE,
        UNIT,
        Field("station", "加油站", width=20, label_en="Station"),
        Field("litres", "加油量(升)", FieldType.MONEY, width=10, label_en="Litres", total=True),
        Field("amount", "金额", FieldType.MONEY, width=10, label_en="Amount", total=True),
        Field("odometer", "里程(km)", FieldType.INTEGER, width=10, label_en="Odometer"),
        Field("driver", "驾驶员", width=10, label_en="Driver"),
    ),
)


def _insert_repair(actor: Any, v: Values) -> None:
    """Every imported repair is paper history (before the go-live date, F2)."""
    fleet.record_historical_repair(
        actor,
        v["plate"],
        number=v["number"],
        shop=v["shop"],
        fault=v["fault"],
        cost=v["cost"],
        applied_on=v["applied_on"],
        closed_on=v["closed_on"],
        promised_date=v.get("promised_date"),
        first_pass=v.get("first_pass") != "否",
        paid=yes(v.get("paid")),
        payer=v.get("payer") or "",
    )


def _refuse_repair_update(actor: Any, repair: Repair, v: Values) -> bool:
    raise RuleViolation(
        "X2",
        f"维修单 {repair.number} 已存在，维修记录不能通过导入修改",
        f"repair {repair.number} exists; repairs are not changed by import",
    )


def _repair_query(filters: Filters) -> Any:
    query = (
        Repair.select(Repair, Vehicle, Department, RepairShop)
        .join(Vehicle)
        .switch(Repair)
        .join(Department)
        .switch(Repair)
        .join(RepairShop, join_type=peewee.JOIN.LEFT_OUTER)
    )
    if filters.get("plate"):
        query = query.where(Vehicle.plate == fleet.normalize_plate(str(filters["plate"])))
    if filters.get("shop"):
        query = query.where(RepairShop.name == str(filters["shop"]))
    if filters.get("unit"):
        query = query.where(Department.name == filters["unit"])
    if filters.get("state"):
        code = next(s for s in fleet.RepairState if s.label == filters["state"])
        query = query.where(Repair.state == code.value)
    if filters.get("historical"):
        query = query.where(Repair.historical == yes(filters["historical"]))
    return within(query, Repair.applied_at, filters)


def _repair_rows(filters: Filters) -> Iterator[Values]:
    costs = _fitted_costs()
    for r in _repair_query(filters).order_by(Repair.id).iterator():
        yield {
            "number": r.number,
            "plate": r.vehicle.plate,
            "unit": r.unit.name,
            "kind": "大修" if r.is_overhaul else "一般维修",
            "fault": r.fault,
            "shop": r.shop.name if r.shop_id else "",
            "state": r.state_label,
            "historical": yes_no(r.historical),
            "applied_on": r.applied_at.date(),
            "promised_date": r.promised_date,
            "closed_on": r.closed_at.date() if r.closed_at else None,
            "cost": costs.get(r.id, r.approved_cost or r.estimated_cost),
            "first_pass": "" if r.first_pass is None else yes_no(r.first_pass),
            "paid": yes_no(r.paid),
            "payer": r.payer,
        }


def _fitted_costs() -> dict[int, Decimal]:
    """Actual cost per repair: the fitted lines (one query, not one per row)."""
    costs: dict[int, Decimal] = {}
    lines = fleet.RepairLine.select(
        fleet.RepairLine.repair, fleet.RepairLine.quantity, fleet.RepairLine.unit_price
    ).where(fleet.RepairLine.state == fleet.LineState.FITTED)
    for repair_id, qty, price in lines.tuples().iterator():
        costs[repair_id] = costs.get(repair_id, Decimal("0")) + (
            Decimal(qty) * Decimal(price)
        ).quantize(Decimal("0.01"))
    return costs


register_kind(
    Kind(
        spec=REPAIRS,
        find=lambda key: Repair.get_or_none(Repair.number == key),
        insert=_insert_repair,
        update=_refuse_repair_update,
        rows=_repair_rows,
        count=lambda f: _repair_query(f).count(),
        filters=("plate", "shop", "unit", "state", "historical"),
        period_field="applied_on",
    )
)


def _fuel_query(filters: Filters) -> Any:
    query = (
        FuelLog.select(FuelLog, Vehicle, Department, FuelStation)
        .join(Vehicle)
        .join(Department)
        .switch(FuelLog)
        .join(FuelStation)
        .where(FuelLog.voided_at.is_null())  # a voided fill-up is in the audit log only
    )
    if filters.get("plate"):
        query = query.where(Vehicle.plate == fleet.normalize_plate(str(filters["plate"])))
    if filters.get("unit"):
        query = query.where(Department.name == filters["unit"])
    if filters.get("station"):
        query = query.where(FuelStation.name == filters["station"])
    return within(query, FuelLog.filled_at, filters)


def _fuel_rows(filters: Filters) -> Iterator[Values]:
    names = {u.id: u.name for u in User.select(User.id, User.name)}
    ordered = _fuel_query(filters).order_by(FuelLog.filled_at, FuelLog.id).iterator()
    for number, f in enumerate(ordered, start=1):  # 序号 1, 2, 3 …, not database ids
        yield {
            "id": number,
            "filled_at": f.filled_at.date(),
            "plate": f.vehicle.plate,
            "unit": f.vehicle.unit.name,
            "station": f.station.name,
            "litres": f.litres,
            "amount": f.amount,
            "odometer": f.odometer,
            "driver": names.get(f.driver_id, ""),
        }


export_only_kind(
    FUEL,
    rows=_fuel_rows,
    count=lambda f: _fuel_query(f).count(),
    filters=("plate", "unit", "station"),
    period_field="filled_at",
    rule="F10",
    zh="加油记录请在软件中逐笔登记（需核对定点加油站和里程）",
    en="fuel is logged one by one in the application (station and odometer are checked)",
)
