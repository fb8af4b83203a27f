"""车辆管理 on paper and in Excel: the registers (vehicles, shops, stations, repairs, fuel),
the printed 车辆维修保修单 (一式三联) and 准修通知单, and the month-end report (F8, F9).

Writes go through ``models.fleet`` only; a historical repair imported from the paper archive
is stored by ``fleet.record_historical_repair``, never by a shortcut around the live flow.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import peewee

from forms.approval import register_doc_fields
from forms.kinds import Filters, Kind, Values, export_only_kind, register_kind
from forms.people import DEPARTMENT_REF
from forms.printdoc import PrintDoc, TrailEntry, trail_entries
from forms.printing import Printable, register_printable
from forms.reports import Report, register_report
from forms.spec import Field, FieldType, FormSpec, Reference
from models import fleet, settings
from models.errors import RuleViolation
from models.fleet import FuelLog, FuelStation, Repair, RepairShop, Vehicle, VehicleStatus
from models.people import Department, User

if TYPE_CHECKING:
    from forms.excel_export import ExportResult

YES_NO = ("是", "否")
STATUS_LABELS = tuple(s.label for s in VehicleStatus)


def _yes(value: Any) -> bool:
    return value == "是"


def _yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def _vehicle(plate: str) -> Vehicle | None:
    try:
        plate = fleet.normalize_plate(plate)
    except RuleViolation:
        return None
    return Vehicle.get_or_none(Vehicle.plate == plate)


def _designated(model: type[RepairShop] | type[FuelStation]) -> Any:
    def lookup(name: str) -> Any:
        return model.get_or_none((model.name == name) & model.voided_at.is_null())

    def keys() -> list[str]:
        query = model.select(model.name).where(model.designated & model.voided_at.is_null())
        return [row.name for row in query.order_by(model.id)]

    return lookup, keys


VEHICLE_REF = Reference("车辆", _vehicle)
SHOP_REF = Reference("修理厂", *_designated(RepairShop))
STATION_REF = Reference("加油站", *_designated(FuelStation))

# --- registers ---------------------------------------------------------------------------

VEHICLES = FormSpec(
    name="vehicles",
    title="车辆登记表",
    title_en="Vehicles",
    key="plate",
    fields=(
        Field(
            "plate",
            "车牌号",
            required=True,
            width=12,
            max_length=16,
            example="京A·12345",
            help="大陆车牌，如 京A·12345；新能源 8 位，如 沪AD12345。",
            label_en="Plate",
        ),
        Field(
            "unit",
            "有车单位",
            FieldType.REFERENCE,
            required=True,
            width=14,
            reference=DEPARTMENT_REF,
            example="一中队",
            help="车辆所属科室或中队。",
            label_en="Unit",
        ),
        Field(
            "model", "品牌型号", width=16, max_length=100, example="大众帕萨特", label_en="Model"
        ),
        Field(
            "vin", "车架号", width=20, max_length=17, help="17 位，不含 I、O、Q。", label_en="VIN"
        ),
        Field(
            "purchase_date",
            "购置日期",
            FieldType.DATE,
            width=12,
            example="2024-03-01",
            label_en="Purchased",
        ),
        Field(
            "odometer",
            "当前里程(km)",
            FieldType.INTEGER,
            width=12,
            example=42000,
            label_en="Odometer",
        ),
        Field(
            "status",
            "状态",
            FieldType.CHOICE,
            width=8,
            choices=STATUS_LABELS,
            help="导出用；状态由维修流程和车管在软件中变更。",
            label_en="Status",
        ),
        Field(
            "drivers",
            "驾驶员",
            width=16,
            example="吴十",
            help="姓名或用户名，多人用「、」分隔。",
            label_en="Drivers",
        ),
        Field(
            "service_interval_km",
            "保养间隔(km)",
            FieldType.INTEGER,
            width=12,
            example=5000,
            label_en="Service km",
        ),
        Field(
            "service_interval_months",
            "保养间隔(月)",
            FieldType.INTEGER,
            width=12,
            example=6,
            label_en="Service months",
        ),
    ),
    help="每行一辆车。车牌号识别车辆；更新模式修改单位、型号、车架号、日期、保养间隔和驾驶员。",
)


def _place_spec(
    name: str, title: str, title_en: str, label: str, example: str, *, phone: bool
) -> FormSpec:
    """定点修理厂 and 定点加油站 are the same kind of list: a name, where it is, and whether
    it is on the designated list now (taken off, its history stays)."""
    fields = [
        Field(
            "name", label, required=True, width=24, max_length=100, example=example, label_en="Name"
        ),
        Field("address", "地址", width=30, max_length=200, label_en="Address"),
    ]
    if phone:
        fields.append(Field("phone", "电话", width=16, max_length=32, label_en="Phone"))
    fields.append(
        Field(
            "designated",
            "定点",
            FieldType.CHOICE,
            width=8,
            choices=YES_NO,
            example="是",
            help="否 = 已移出定点名单（历史记录保留）。",
            label_en="Designated",
        )
    )
    return FormSpec(name=name, title=title, title_en=title_en, key="name", fields=tuple(fields))


SHOPS = _place_spec(
    "shops", "定点修理厂名录", "Designated repair shops", "修理厂名称", "城东汽修厂", phone=True
)
STATIONS = _place_spec(
    "stations",
    "定点加油站名录",
    "Designated fuel stations",
    "加油站名称",
    "中石化东环站",
    phone=False,
)

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
    help="导入用于录入系统启用前的纸质维修记录（只能新增）；新的维修请在软件中报修。",
)

FUEL = FormSpec(
    name="fuel",
    title="车辆加油登记表",
    title_en="Fuel log",
    key="id",
    fields=(
        Field("id", "记录号", FieldType.INTEGER, width=8, label_en="No."),
        Field("filled_at", "加油日期", FieldType.DATE, width=12, label_en="Date"),
        Field("plate", "车牌号", width=12, label_en="Plate"),
        Field("unit", "有车单位", width=12, label_en="Unit"),
        Field("station", "加油站", width=20, label_en="Station"),
        Field("litres", "加油量(升)", FieldType.MONEY, width=10, label_en="Litres"),
        Field("amount", "金额", FieldType.MONEY, width=10, label_en="Amount"),
        Field("odometer", "里程(km)", FieldType.INTEGER, width=10, label_en="Odometer"),
        Field("driver", "驾驶员", width=10, label_en="Driver"),
    ),
)


def _names_to_users(text: str | None) -> list[User]:
    """Drivers by user name, or by name when that name is unique: who drives decides who may
    apply for a repair (F2) and who signs the acceptance (F6), so never a guess."""
    users = []
    for part in (text or "").replace(",", "、").replace("，", "、").split("、"):
        part = part.strip()
        if not part:
            continue
        active = User.voided_at.is_null()
        by_username = User.get_or_none((User.username == part.lower()) & active)
        named = list(User.select().where((User.name == part) & active).limit(2))
        if by_username is not None:
            users.append(by_username)
        elif len(named) == 1:
            users.append(named[0])
        elif named:
            raise RuleViolation(
                None,
                f"有多个名叫「{part}」的用户，请填写用户名",
                f"several users are called {part}; give the user name",
                field="drivers",
            )
        else:
            raise RuleViolation(None, f"没有用户「{part}」", f"no user {part}", field="drivers")
    return users


def _insert_vehicle(actor: Any, v: Values) -> None:
    fleet.add_vehicle(
        actor,
        v["plate"],
        v["unit"],
        model=v.get("model") or "",
        vin=v.get("vin") or "",
        purchase_date=v.get("purchase_date"),
        odometer=v.get("odometer") or 0,
        drivers=_names_to_users(v.get("drivers")),
        service_interval_km=v.get("service_interval_km") or 5000,
        service_interval_months=v.get("service_interval_months") or 6,
    )


def _update_vehicle(actor: Any, vehicle: Vehicle, v: Values) -> bool:
    keys = (
        "unit",
        "model",
        "vin",
        "purchase_date",
        "service_interval_km",
        "service_interval_months",
    )
    changed = fleet.update_vehicle(actor, vehicle, **{k: v[k] for k in keys if k in v})
    if "drivers" in v:
        wanted = _names_to_users(v["drivers"])
        if {u.id for u in wanted} != {u.id for u in fleet.drivers_of(vehicle)}:
            fleet.assign_drivers(actor, vehicle, wanted)
            changed = True
    return changed


def _vehicle_query(filters: Filters) -> Any:
    query = Vehicle.select(Vehicle, Department).join(Department).where(Vehicle.voided_at.is_null())
    if filters.get("unit"):
        query = query.where(Department.name == filters["unit"])
    if filters.get("status"):
        code = next(s for s in VehicleStatus if s.label == filters["status"])
        query = query.where(Vehicle.status == code.value)
    return query


def _vehicle_rows(filters: Filters) -> Iterator[Values]:
    drivers: dict[int, list[str]] = {}
    for vehicle_id, name in (
        fleet.VehicleDriver.select(fleet.VehicleDriver.vehicle, User.name)
        .join(User)
        .tuples()
        .iterator()
    ):
        drivers.setdefault(vehicle_id, []).append(name)
    for v in _vehicle_query(filters).order_by(Vehicle.id).iterator():
        yield {
            "plate": v.plate,
            "unit": v.unit.name,
            "model": v.model,
            "vin": v.vin,
            "purchase_date": v.purchase_date,
            "odometer": v.odometer,
            "status": VehicleStatus(v.status).label,
            "drivers": "、".join(drivers.get(v.id, [])),
            "service_interval_km": v.service_interval_km,
            "service_interval_months": v.service_interval_months,
        }


register_kind(
    Kind(
        spec=VEHICLES,
        find=_vehicle,
        insert=_insert_vehicle,
        update=_update_vehicle,
        rows=_vehicle_rows,
        count=lambda f: _vehicle_query(f).count(),
        filters=("unit", "status"),
    )
)


def _place_kind(spec: FormSpec, model: type[RepairShop] | type[FuelStation], add: Any) -> Kind:
    extra = [f.key for f in spec.fields if f.key not in ("name", "designated")]

    def insert(actor: Any, v: Values) -> None:
        place = add(actor, v["name"], **{k: v.get(k) or "" for k in extra})
        if v.get("designated") == "否":
            fleet.set_designated(actor, place, False)

    def update(actor: Any, place: Any, v: Values) -> bool:
        changed = fleet.update_place(actor, place, **{k: v[k] for k in extra if k in v})
        if "designated" in v and _yes(v["designated"]) != place.designated:
            fleet.set_designated(actor, place, _yes(v["designated"]))
            changed = True
        return changed

    def query(filters: Filters) -> Any:
        q = model.select().where(model.voided_at.is_null())
        if filters.get("designated"):
            q = q.where(model.designated == _yes(filters["designated"]))
        return q

    def rows(filters: Filters) -> Iterator[Values]:
        for place in query(filters).order_by(model.id).iterator():
            row = {k: getattr(place, k) for k in ("name", *extra)}
            row["designated"] = _yes_no(place.designated)
            yield row

    return register_kind(
        Kind(
            spec=spec,
            find=lambda key: model.get_or_none(model.name == key),
            insert=insert,
            update=update,
            rows=rows,
            count=lambda f: query(f).count(),
            filters=("designated",),
        )
    )


_place_kind(SHOPS, RepairShop, fleet.add_shop)
_place_kind(STATIONS, FuelStation, fleet.add_station)


def _insert_repair(actor: Any, v: Values) -> None:
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
        paid=_yes(v.get("paid")),
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
    return query


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
            "applied_on": r.applied_at.date(),
            "promised_date": r.promised_date,
            "closed_on": r.closed_at.date() if r.closed_at else None,
            "cost": costs.get(r.id, r.approved_cost or r.estimated_cost),
            "first_pass": "" if r.first_pass is None else _yes_no(r.first_pass),
            "paid": _yes_no(r.paid),
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
        filters=("plate", "shop", "unit", "state"),
    )
)


def _fuel_query(filters: Filters) -> Any:
    query = (
        FuelLog.select(FuelLog, Vehicle, Department, FuelStation)
        .join(Vehicle)
        .join(Department)
        .switch(FuelLog)
        .join(FuelStation)
    )
    if filters.get("plate"):
        query = query.where(Vehicle.plate == fleet.normalize_plate(str(filters["plate"])))
    if filters.get("unit"):
        query = query.where(Department.name == filters["unit"])
    if filters.get("station"):
        query = query.where(FuelStation.name == filters["station"])
    return query


def _fuel_rows(filters: Filters) -> Iterator[Values]:
    names = {u.id: u.name for u in User.select(User.id, User.name)}
    for f in _fuel_query(filters).order_by(FuelLog.filled_at, FuelLog.id).iterator():
        yield {
            "id": f.id,
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
    rule="F10",
    zh="加油记录请在软件中逐笔登记（需核对定点加油站和里程）",
    en="fuel is logged one by one in the application (station and odometer are checked)",
)

# --- printed forms (F9) ------------------------------------------------------------------

REPAIR_FORM = FormSpec(
    name="repair",
    title="车辆维修保修单",
    title_en="Vehicle repair form",
    fields=(
        Field("plate", "车牌号", width=12),
        Field("unit", "有车单位", width=12),
        Field("model", "品牌型号", width=14),
        Field("driver", "报修驾驶员", width=10),
        Field("applied_at", "报修时间", width=16),
        Field("kind", "维修类别", width=8),
        Field("fault", "故障情况", width=40, wide=True),
        Field("diagnosis", "车管鉴定意见", width=40, wide=True),
        Field("shop", "定点修理厂", width=20),
        Field("quote_ref", "修理厂报价单号", width=14),
        Field("estimated_cost", "估计费用（元）", FieldType.MONEY, width=12),
        Field("promised_date", "承诺完工日期", width=12),
        Field("authorisation_no", "准修通知单号", width=14),
        Field("state", "当前状态", width=8),
        Field("paid", "有偿服务", width=16),
        Field("acceptance", "出厂验收", width=30, wide=True),
    ),
    copies=("存根", "维修部门", "财务"),
)

AUTHORISATION_FORM = FormSpec(
    name="authorisation",
    title="准修通知单",
    title_en="Repair authorisation",
    fields=(
        Field("repair_no", "维修单号", width=14),
        Field("plate", "车牌号", width=12),
        Field("unit", "有车单位", width=12),
        Field("shop", "定点修理厂", width=20),
        Field("approved_cost", "核准费用（元）", FieldType.MONEY, width=12),
        Field("promised_date", "承诺完工日期", width=12),
        Field("authorised_at", "备案时间", width=16),
        Field("note", "说明", width=40, wide=True),
    ),
    copies=("存根", "修理厂"),
    signatures=("后勤车管人员", "修理厂接车人", "日期"),
)


def _line_text(line: fleet.RepairLine) -> str:
    kind = "工时" if line.kind == "labour" else ("总成" if line.assembly else "配件")
    warranty = f"，保修{line.warranty_months}个月" if line.warranty_months else ""
    quantity = Decimal(line.quantity).normalize()
    return (
        f"{kind} {line.name} × {quantity:f} @ {Decimal(line.unit_price):.2f} = "
        f"{line.amount:.2f} 元{warranty}（{fleet.LineState(line.state).label}）"
    )


def _trail(repair: Repair) -> list[TrailEntry]:
    entries = trail_entries(repair.instance(), "报修")
    for sup in repair.supplements:
        entries += trail_entries(
            sup.instance(), "提出", prefix=f"追加{sup.number}·", comment=sup.reason
        )
    entries += [
        TrailEntry("出厂验收", a.signed_by.name, "合格" if a.passed else "不合格", a.remarks, a.at)
        for a in repair.acceptances
    ]
    return sorted(entries, key=lambda e: e.at or datetime.min)


def _load_repair(repair_id: int) -> PrintDoc:
    repair = Repair.get_or_none(Repair.id == repair_id)
    if repair is None:
        raise RuleViolation(None, f"没有维修单 {repair_id}", f"no repair {repair_id}")
    last = repair.acceptances.order_by(fleet.Acceptance.id.desc()).first()
    values = {
        "plate": repair.vehicle.plate,
        "unit": repair.unit.name,
        "model": repair.vehicle.model,
        "driver": repair.driver.name if repair.driver_id else "",
        "applied_at": f"{repair.applied_at:%Y-%m-%d %H:%M}",
        "kind": "大修" if repair.is_overhaul else "一般维修",
        "fault": repair.fault,
        "diagnosis": repair.diagnosis,
        "shop": repair.shop.name if repair.shop_id else "",
        "quote_ref": repair.quote_ref,
        "estimated_cost": repair.estimated_cost,
        "promised_date": f"{repair.promised_date:%Y-%m-%d}" if repair.promised_date else "",
        "authorisation_no": repair.authorisation_no or "（未备案）",
        "state": repair.state_label,
        "paid": f"是，付费单位：{repair.payer}" if repair.paid else "否",
        "acceptance": (
            f"{'合格' if last.passed else '不合格'}（第{last.attempt}次，"
            f"{last.signed_by.name} {last.at:%Y-%m-%d}）{last.remarks}"
        )
        if last
        else "",
    }
    extra = [(f"项目{i}", _line_text(ln)) for i, ln in enumerate(repair.lines, 1)]
    return PrintDoc(
        spec=REPAIR_FORM,
        number=repair.number,
        values=values,
        extra=extra,
        trail=_trail(repair),
        signatures=("报修驾驶员", "车管鉴定", "主要领导", "后勤备案", "验收驾驶员（本人）"),
    )


def _load_authorisation(repair_id: int) -> PrintDoc:
    repair = Repair.get_or_none(Repair.id == repair_id)
    if repair is None or not repair.authorisation_no:
        raise RuleViolation(
            "F2",
            "该维修尚未审批备案，没有准修通知单",
            "this repair is not authorised; there is no authorisation to print",
        )
    values = {
        "repair_no": repair.number,
        "plate": repair.vehicle.plate,
        "unit": repair.unit.name,
        "shop": repair.shop.name,
        "approved_cost": repair.approved_cost,
        "promised_date": f"{repair.promised_date:%Y-%m-%d}" if repair.promised_date else "",
        "authorised_at": f"{repair.authorised_at:%Y-%m-%d %H:%M}",
        "note": (
            "修理厂仅限维修下列准修项目；如需更换总成或高价配件，"
            "须经后勤审核、主要领导同意后方可施工。"
        ),
    }
    extra = [
        (f"项目{i}", _line_text(ln))
        for i, ln in enumerate(
            ln
            for ln in repair.lines
            if ln.state in (fleet.LineState.AUTHORISED, fleet.LineState.FITTED)
            and ln.supplement_id is None
        )
    ]
    return PrintDoc(
        spec=AUTHORISATION_FORM,
        number=repair.authorisation_no,
        values=values,
        extra=extra,
        trail=trail_entries(repair.instance(), "报修"),
    )


register_printable(Printable(REPAIR_FORM, _load_repair))
register_printable(Printable(AUTHORISATION_FORM, _load_authorisation))

# How the 审批中心 and the printed 申请批准单 label the fleet documents' fields.
register_doc_fields(
    "fleet_repair",
    FormSpec(
        "fleet_repair_fields",
        "车辆维修",
        (Field("kind", "维修类别", value_labels=(("repair", "一般维修"), ("overhaul", "大修"))),),
    ),
)
register_doc_fields(
    "fleet_supplement",
    FormSpec(
        "fleet_supplement_fields",
        "追加项目",
        (Field("costly", "总成或高价配件（须主要领导同意）"),),
    ),
)
register_doc_fields(
    "fleet_use",
    FormSpec(
        "fleet_use_fields", "用车申请", (Field("needs_leader", "出市或私用（须主要领导同意）"),)
    ),
)

# --- month-end report (F8) ---------------------------------------------------------------

_FIG = (
    Field("count", "维修次数", FieldType.INTEGER, width=10),
    Field("cost", "维修费用（元）", FieldType.MONEY, width=14),
    Field("on_time", "按期完成", FieldType.INTEGER, width=10),
    Field("timeliness", "及时率", FieldType.PERCENT, width=10),
    Field("first_pass", "一次验收合格", FieldType.INTEGER, width=12),
    Field("pass_rate", "合格率", FieldType.PERCENT, width=10),
)


def _figures_spec(name: str, title: str, label: str) -> FormSpec:
    return FormSpec(
        name,
        title,
        (Field("group", label, width=18), *_FIG),
        signatures=("负责人", "统计人", "日期"),
    )


BY_VEHICLE = _figures_spec("fleet_by_vehicle", "月度维修统计（按车辆）", "车牌号")
BY_UNIT = _figures_spec("fleet_by_unit", "月度维修统计（按单位）", "有车单位")
BY_SHOP = _figures_spec("fleet_by_shop", "月度维修统计（按修理厂）", "修理厂")
PAID = FormSpec(
    "fleet_paid",
    "有偿服务登记表",
    (
        Field("number", "维修单号", width=14),
        Field("plate", "车牌号", width=12),
        Field("payer", "付费单位", width=20),
        Field("fault", "服务内容", width=30),
        Field("closed_on", "完工日期", FieldType.DATE, width=12),
        Field("cost", "金额（元）", FieldType.MONEY, width=12),
    ),
    signatures=("负责人", "经办人", "日期"),
)
SPOT = FormSpec(
    "fleet_spot",
    "抽查回访名单",
    (
        Field("number", "维修单号", width=14),
        Field("plate", "车牌号", width=12),
        Field("unit", "有车单位", width=12),
        Field("driver", "驾驶员", width=10),
        Field("shop", "修理厂", width=20),
        Field("closed_on", "完工日期", FieldType.DATE, width=12),
        Field("result", "回访结果", width=24),
    ),
    signatures=("回访人", "日期"),
)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _figure_rows(groups: dict[str, fleet.Figures]) -> Iterator[Values]:
    for name, fig in sorted(groups.items()):
        yield {
            "group": name,
            "count": fig.count,
            "cost": fig.cost,
            "on_time": fig.on_time,
            "timeliness": fig.timeliness,
            "first_pass": fig.first_pass,
            "pass_rate": fig.pass_rate,
        }


def write_monthly_report(period: str, path: str | Path, *, unit: str = "") -> list[ExportResult]:
    """月底统计 for the higher authority: figures by vehicle, unit and shop (with the totals'
    rates in the filter line), the 有偿服务登记表 and the spot-check callback list."""
    # xlsxwriter loads when a report is written, not when the fleet page opens.
    from forms.excel_export import Section, write_registers

    report = fleet.monthly_report(period)
    total = report.total
    summary = (
        f"合计 {total.count} 次，费用 {total.cost:.2f} 元，及时率 "
        f"{_percent(total.timeliness)}，合格率 {_percent(total.pass_rate)}"
    )
    sections = [
        Section(BY_UNIT, _figure_rows(report.by_unit), summary),
        Section(BY_VEHICLE, _figure_rows(report.by_vehicle), summary),
        Section(BY_SHOP, _figure_rows(report.by_shop), summary),
        Section(
            PAID,
            (
                {
                    "number": r.number,
                    "plate": r.vehicle.plate,
                    "payer": r.payer,
                    "fault": r.fault,
                    "closed_on": r.closed_at.date(),
                    "cost": r.cost,
                }
                for r in report.paid
            ),
        ),
        Section(
            SPOT,
            (
                {
                    "number": r.number,
                    "plate": r.vehicle.plate,
                    "unit": r.unit.name,
                    "driver": r.driver.name if r.driver_id else "",
                    "shop": r.shop.name,
                    "closed_on": r.closed_at.date(),
                }
                for r in report.spot_checks
            ),
            f"按 {settings.get('fleet.spot_check_percent')}% 随机抽取（同一月份结果固定）",
        ),
    ]
    return write_registers(sections, path, unit=unit, period=period)


register_report(
    Report(
        "fleet-monthly",
        "车辆维修月度统计",
        "2026-10",
        lambda period, path, unit: write_monthly_report(period, path, unit=unit),
    )
)
