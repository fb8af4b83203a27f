"""The fleet's own lists in Excel: vehicles with their drivers, and the designated repair
shops and fuel stations (import and export). The references other forms use to name a
vehicle, a shop or a station live here too.

Writes go through ``models.fleet`` only, so an imported row meets the checks a row typed in the
desktop meets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from forms.fleet.fields import YES_NO, yes, yes_no
from forms.kinds import Filters, Kind, Values, audited, mapped_check, register_kind
from forms.people import DEPARTMENT_REF
from forms.spec import Field, FieldType, FormSpec, Reference
from models import fleet
from models.base import select_in
from models.errors import RowsRefused, RuleViolation
from models.fleet import FuelStation, RepairShop, Vehicle, VehicleStatus
from models.people import Department, User
from models.text import clean

STATUS_LABELS = tuple(s.label for s in VehicleStatus)


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


def _vehicle_fields(v: Values) -> dict[str, Any]:
    """A row of the sheet as ``fleet.add_vehicles`` takes a vehicle (drivers found by name)."""
    return {
        "plate": v["plate"],
        "unit": v["unit"],
        "model": v.get("model") or "",
        "vin": v.get("vin") or "",
        "purchase_date": v.get("purchase_date"),
        "odometer": v.get("odometer") or 0,
        "drivers": _names_to_users(v.get("drivers")),
        "service_interval_km": v.get("service_interval_km") or 5000,
        "service_interval_months": v.get("service_interval_months") or 6,
    }


def _insert_vehicle(actor: Any, v: Values) -> None:
    fields = _vehicle_fields(v)
    fleet.add_vehicle(actor, fields.pop("plate"), fields.pop("unit"), **fields)


def _insert_vehicles(actor: Any, rows: list[Values]) -> None:
    """A batch of the sheet through ``fleet.add_vehicles``; a driver nobody is called is
    refused on its row beside the use case's own refusals, all in one ``RowsRefused``."""
    problems: list[tuple[int, RuleViolation]] = []
    batch: list[tuple[int, dict[str, Any]]] = []
    for index, v in enumerate(rows):
        try:
            batch.append((index, _vehicle_fields(v)))
        except RuleViolation as exc:
            problems.append((index, exc))
    try:
        fleet.add_vehicles(actor, [fields for _, fields in batch])
    except RowsRefused as refused:
        problems += [(batch[i][0], problem) for i, problem in refused.problems]
    if problems:
        raise RowsRefused(problems)


def _existing_plates(plates: list[str]) -> set[str]:
    """Which of ``plates`` (as typed) are registered: one IN query per chunk on the unique
    plate. A plate that is no plate exists nowhere (the use case refuses it on its row)."""
    folded: dict[str, str] = {}
    for plate in plates:
        try:
            folded[fleet.normalize_plate(plate)] = plate
        except RuleViolation:
            continue
    query = lambda part: Vehicle.select(Vehicle.plate).where(Vehicle.plate.in_(part))  # noqa: E731
    return {folded[p] for (p,) in select_in(query, list(folded))}


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


def _vehicle_query(filters: Filters, *columns: Any) -> Any:
    query = Vehicle.select(*columns).join(Department).where(Vehicle.voided_at.is_null())
    if filters.get("unit"):
        query = query.where(Department.name == filters["unit"])
    if filters.get("status"):
        code = next(s for s in VehicleStatus if s.label == filters["status"])
        query = query.where(Vehicle.status == code.value)
    return query


_VEHICLE_COLUMNS = (
    Vehicle.id,
    Vehicle.plate,
    Department.name,
    Vehicle.model,
    Vehicle.vin,
    Vehicle.purchase_date,
    Vehicle.odometer,
    Vehicle.status,
    Vehicle.service_interval_km,
    Vehicle.service_interval_months,
)


def _vehicle_rows(filters: Filters) -> Iterator[Values]:
    drivers: dict[int, list[str]] = {}
    for vehicle_id, name in (
        fleet.VehicleDriver.select(fleet.VehicleDriver.vehicle, User.name)
        .join(User)
        .tuples()
        .iterator()
    ):
        drivers.setdefault(vehicle_id, []).append(name)
    labels = {s.value: s.label for s in VehicleStatus}
    # Tuples of the shown columns: a model object per vehicle cost more than its cells.
    query = _vehicle_query(filters, *_VEHICLE_COLUMNS).order_by(Vehicle.id).tuples()
    for vid, plate, unit, model, vin, bought, odometer, status, km, months in query.iterator():
        yield {
            "plate": plate,
            "unit": unit,
            "model": model,
            "vin": vin,
            "purchase_date": bought,
            "odometer": odometer,
            "status": labels[status],
            "drivers": "、".join(drivers.get(vid, ())),
            "service_interval_km": km,
            "service_interval_months": months,
        }


register_kind(
    Kind(
        spec=VEHICLES,
        find=_vehicle,
        insert=_insert_vehicle,
        update=_update_vehicle,
        rows=_vehicle_rows,
        count=lambda f: _vehicle_query(f, Vehicle.id).count(),
        filters=("unit", "status"),
        insert_batch=_insert_vehicles,
        existing_keys=_existing_plates,
        staged=audited(
            mapped_check(_vehicle_fields, fleet.check_vehicles),
            fleet.write_vehicles,
            lambda rows: [row for row, _ in rows],
        ),
    )
)


def _place_kind(spec: FormSpec, model: type[RepairShop] | type[FuelStation]) -> Kind:
    extra = [f.key for f in spec.fields if f.key not in ("name", "designated")]

    def fields(v: Values) -> dict[str, Any]:
        """A row of the sheet as ``fleet.add_places`` takes a shop or station."""
        row = {"name": v["name"], **{k: v.get(k) or "" for k in extra}}
        if v.get("designated") is not None:
            row["designated"] = yes(v["designated"])
        return row

    def insert(actor: Any, v: Values) -> None:
        try:
            fleet.add_places(actor, model, [fields(v)])
        except RowsRefused as refused:
            raise refused.problems[0][1] from None

    def insert_batch(actor: Any, rows: list[Values]) -> None:
        fleet.add_places(actor, model, [fields(v) for v in rows])

    def existing_keys(names: list[str]) -> set[str]:
        """Which of ``names`` (as typed) are on the register, voided ones too: one IN query
        per chunk on the unique name."""
        cleaned = {clean(n): n for n in names}
        query = lambda part: model.select(model.name).where(model.name.in_(part))  # noqa: E731
        return {cleaned[n] for (n,) in select_in(query, list(cleaned)) if n in cleaned}

    def update(actor: Any, place: Any, v: Values) -> bool:
        changed = fleet.update_place(actor, place, **{k: v[k] for k in extra if k in v})
        if "designated" in v and yes(v["designated"]) != place.designated:
            fleet.set_designated(actor, place, yes(v["designated"]))
            changed = True
        return changed

    def query(filters: Filters) -> Any:
        q = model.select().where(model.voided_at.is_null())
        if filters.get("designated"):
            q = q.where(model.designated == yes(filters["designated"]))
        return q

    def rows(filters: Filters) -> Iterator[Values]:
        for place in query(filters).order_by(model.id).iterator():
            row = {k: getattr(place, k) for k in ("name", *extra)}
            row["designated"] = yes_no(place.designated)
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
            insert_batch=insert_batch,
            existing_keys=existing_keys,
            staged=audited(
                mapped_check(
                    fields, lambda actor, rows, seen: fleet.check_places(actor, model, rows, seen)
                ),
                lambda actor, rows, **kw: fleet.write_places(actor, model, rows, **kw),
            ),
        )
    )


_place_kind(SHOPS, RepairShop)
_place_kind(STATIONS, FuelStation)
