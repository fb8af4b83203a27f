"""车辆管理, the register (F1, F7): plates, vehicles and their drivers, the designated repair
shops and fuel stations. Shops and stations are taken off the list, never deleted, so their
history stays."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

import peewee

from models import audit, numbers
from models.base import BaseModel, VoidableModel, bulk_insert, select_in
from models.db import db, is_mysql
from models.errors import RowsRefused, RuleViolation
from models.people import Actor, Department, Role, User, require_role
from models.prepared import Prepared
from models.text import clean, normalize_code, row_checker, search_key, shorten

MONEY = {"max_digits": 12, "decimal_places": 2}
CENT = Decimal("0.01")

# --- plates ------------------------------------------------------------------------------

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_L = "A-HJ-NP-Z"  # plate letters never use I or O
_REGULAR = re.compile(rf"^([{PROVINCES}])([{_L}])([{_L}0-9]{{4}}[{_L}0-9挂学警港澳])$")
_NEV_SMALL = re.compile(rf"^([{PROVINCES}])([{_L}])([DF][{_L}0-9][0-9]{{4}})$")
_NEV_LARGE = re.compile(rf"^([{PROVINCES}])([{_L}])([0-9]{{5}}[DF])$")


_PLATE_SEPARATORS = re.compile(r"[\s·•.\-－・]")
_FULL_WIDTH = str.maketrans(
    "ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＳＴＵＶＷＸＹＺ０１２３４５６７８９",
    "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789",
)


def normalize_plate(text: str) -> str:
    """Check a mainland plate and write it the way the office does: ``京A·12345`` for the
    7-character plates, ``沪AD12345`` for the 8-character new-energy ones."""
    raw = _PLATE_SEPARATORS.sub("", text or "").upper().translate(_FULL_WIDTH)
    for pattern in (_NEV_SMALL, _NEV_LARGE):
        if pattern.match(raw):
            return raw
    if _REGULAR.match(raw):
        return f"{raw[:2]}·{raw[2:]}"
    raise RuleViolation(
        "F1",
        f"车牌号「{shorten(text, 30)}」格式不正确（例：京A·12345，新能源 沪AD12345）",
        f"plate {shorten(text, 30)!r} is not a valid mainland plate",
        field="plate",
    )


def normalize_vin(text: str) -> str:
    """A VIN is 17 letters and digits without I, O or Q; empty is allowed (unknown)."""
    vin = normalize_code(text)
    if vin and not re.fullmatch(r"[A-HJ-NPR-Z0-9]{17}", vin):
        raise RuleViolation(
            None,
            "车架号（VIN）应为17位字母数字，不含 I、O、Q",
            "a VIN has 17 letters and digits without I, O, Q",
            field="vin",
        )
    return vin


# --- master data -------------------------------------------------------------------------


def refuse_retired(vehicle: Vehicle, rule: str = "F1") -> None:
    """A scrapped (报废) or voided vehicle takes part in no new document: no repair, no
    maintenance, no fill-up, no use request."""
    if vehicle.is_voided or vehicle.status == VehicleStatus.SCRAPPED:
        state = "已作废" if vehicle.is_voided else "已报废"
        raise RuleViolation(
            rule,
            f"车辆 {vehicle.plate} {state}，不能再登记加油、保养、维修或用车",
            f"{vehicle.plate} is {'voided' if vehicle.is_voided else 'scrapped'}: no new records",
            field="vehicle",
        )


class VehicleStatus(StrEnum):
    IN_SERVICE = "in_service"
    IN_REPAIR = "in_repair"
    SUSPENDED = "suspended"
    SCRAPPED = "scrapped"

    @property
    def label(self) -> str:
        return {
            "in_service": "在用",
            "in_repair": "维修中",
            "suspended": "停用",
            "scrapped": "报废",
        }[self.value]


class Vehicle(VoidableModel):
    plate = peewee.CharField(max_length=16, unique=True, verbose_name="车牌号")
    unit = peewee.ForeignKeyField(Department, backref="vehicles")  # 有车单位/中队
    model = peewee.CharField(max_length=100, default="", verbose_name="车型")
    # the brand's pinyin (``search_key``): "ft" finds 丰田 in the vehicle list
    model_search = peewee.CharField(max_length=255, default="")
    vin = peewee.CharField(max_length=17, default="", verbose_name="车架号")
    purchase_date = peewee.DateField(null=True)
    odometer = peewee.IntegerField(default=0)  # km, the highest reading known
    status = peewee.CharField(max_length=16, default=VehicleStatus.IN_SERVICE)
    service_interval_km = peewee.IntegerField(default=5000)
    service_interval_months = peewee.IntegerField(default=6)
    last_service_date = peewee.DateField(null=True)
    last_service_km = peewee.IntegerField(default=0)

    def __str__(self) -> str:
        return self.plate


M = TypeVar("M", bound=BaseModel)


class VehicleDriver(BaseModel):
    vehicle = peewee.ForeignKeyField(Vehicle, backref="driver_rows")
    driver = peewee.ForeignKeyField(User, backref="vehicle_rows")

    class Meta:
        indexes = ((("vehicle", "driver"), True),)


class RepairShop(VoidableModel):
    """定点修理厂. Taking a shop off the list (``designated=False``) keeps its history."""

    name = peewee.CharField(max_length=100, unique=True, verbose_name="名称")
    address = peewee.CharField(max_length=200, default="")
    phone = peewee.CharField(max_length=32, default="")
    designated = peewee.BooleanField(default=True)


class FuelStation(VoidableModel):
    """定点加油站."""

    name = peewee.CharField(max_length=100, unique=True, verbose_name="名称")
    address = peewee.CharField(max_length=200, default="")
    designated = peewee.BooleanField(default=True)


# --- master data use cases ---------------------------------------------------------------


_VEHICLE_COLUMNS = ("plate", "model", "vin")
_check_vehicle = row_checker([getattr(Vehicle, k) for k in _VEHICLE_COLUMNS])


def _vehicle_row(fields: Mapping[str, Any]) -> dict[str, Any]:
    """One vehicle's columns as stored, or the first ``RuleViolation`` of its fields."""
    plate = normalize_plate(fields["plate"])
    vin = normalize_vin(fields.get("vin") or "")
    odometer = numbers.whole(fields.get("odometer", 0), "里程", "the odometer", field="odometer")
    service_interval_km = numbers.whole(
        fields.get("service_interval_km", 5000),
        "保养间隔里程",
        "the interval in km",
        field="service_interval_km",
        minimum=1,
        rule="F1",
    )
    service_interval_months = numbers.whole(
        fields.get("service_interval_months", 6),
        "保养间隔月数",
        "the interval in months",
        field="service_interval_months",
        minimum=1,
        maximum=120,
        rule="F1",
    )
    model = (fields.get("model") or "").strip()
    _check_vehicle([plate, model, vin])
    purchase_date = fields.get("purchase_date")
    return {
        "plate": plate,
        "unit": getattr(fields["unit"], "id", fields["unit"]),  # a record or its id
        "model": model,
        "model_search": search_key(model) if model else "",
        "vin": vin,
        "purchase_date": purchase_date,
        "odometer": odometer,
        "last_service_km": odometer,
        "last_service_date": purchase_date,
        "service_interval_km": service_interval_km,
        "service_interval_months": service_interval_months,
    }


VehicleRow = tuple[dict[str, Any], list[int]]
"""One checked vehicle: its columns as stored and its drivers' ids."""


def check_vehicles(
    actor: Actor, vehicles: Sequence[Mapping[str, Any]], seen: dict[str, Any] | None = None
) -> list[VehicleRow]:
    """F1 for a batch, the checking half of ``add_vehicles``: each row's fields, then the
    plates against the register and the rows before (``seen``: the plates of earlier
    batches of the same file). Reads only: an importer runs it over a whole file before it
    opens the write transaction. Every bad row is found, then ``RowsRefused`` names each."""
    require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS, Role.ADMIN)
    seen = {} if seen is None else seen
    problems: list[tuple[int, RuleViolation]] = []
    rows: list[tuple[int, VehicleRow]] = []
    for index, fields in enumerate(vehicles):
        try:
            row = _vehicle_row(fields)
        except RuleViolation as exc:
            problems.append((index, exc))
            continue
        drivers = list(dict.fromkeys(getattr(d, "id", d) for d in fields.get("drivers") or ()))
        rows.append((index, (row, drivers)))
    problems += _plate_conflicts(rows, seen.setdefault("plates", set()))
    if problems:
        raise RowsRefused(sorted(problems, key=lambda p: p[0]))
    return [row for _, row in rows]


def _plate_conflicts(
    rows: Sequence[tuple[int, VehicleRow]], seen: set[str]
) -> list[tuple[int, RuleViolation]]:
    """A plate on the register already (or earlier in the batch): one IN query per chunk on
    the plates' unique index."""
    plates = [row["plate"] for _, (row, _) in rows]
    query = lambda part: Vehicle.select(Vehicle.plate).where(Vehicle.plate.in_(part))  # noqa: E731
    taken = {plate for (plate,) in select_in(query, plates)}
    problems: list[tuple[int, RuleViolation]] = []
    for index, (row, _) in rows:
        plate = row["plate"]
        if plate in taken or plate in seen:
            problems.append(
                (
                    index,
                    RuleViolation(
                        None, f"车辆 {plate} 已登记", f"vehicle {plate} exists", field="plate"
                    ),
                )
            )
        seen.add(plate)
    return problems


def write_vehicles(
    actor: Actor,
    rows: Sequence[VehicleRow],
    *,
    recheck: bool = True,
    payloads: Sequence[str] | None = None,
) -> list[int]:
    """The writing half of ``add_vehicles``: vehicles, audit rows and drivers in bulk
    (inside the caller's transaction). ``recheck``: the rows were checked outside this
    transaction (an importer's first pass), so the plates are looked up again here, under
    the write lock, on their index. ``payloads``: the audit changes made in the check pass
    (``audit.created_payloads``). Returns the new ids in order."""
    require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS, Role.ADMIN)
    if recheck:
        problems = _plate_conflicts(list(enumerate(rows)), set())
        if problems:
            raise RowsRefused(problems)
    vehicles = [row for row, _ in rows]
    ids = audit.create_many(actor, Vehicle, "plate", vehicles, checked=True, payloads=payloads)
    bulk_insert(
        VehicleDriver,
        [
            {"vehicle": vehicle_id, "driver": driver}
            for vehicle_id, (_, drivers) in zip(ids, rows, strict=True)
            for driver in drivers
        ],
    )
    return ids


def add_vehicles(actor: Actor, vehicles: Sequence[Mapping[str, Any]]) -> list[int]:
    """Register vehicles: each row holds ``plate``, ``unit`` and optionally ``model``,
    ``vin``, ``purchase_date``, ``odometer``, ``drivers`` (users), ``service_interval_km``
    and ``service_interval_months``. THE way a vehicle enters the register (``add_vehicle``
    is a batch of one, the importer sends thousands through the same two halves,
    ``check_vehicles`` then ``write_vehicles``): the same checks in the same order.
    All or nothing: every bad row is found (its first problem), then ``RowsRefused`` names
    each and nothing is written. Plates are looked up in one IN query per chunk on their
    unique index; vehicles, audit rows and drivers are written in bulk. Returns the new ids
    in the order of ``vehicles``."""
    with db.atomic():
        return write_vehicles(actor, check_vehicles(actor, vehicles), recheck=False)


def add_vehicle(
    actor: Actor,
    plate: str,
    unit: Department,
    *,
    model: str = "",
    vin: str = "",
    purchase_date: date | None = None,
    odometer: int = 0,
    drivers: Iterable[User] = (),
    service_interval_km: int = 5000,
    service_interval_months: int = 6,
) -> Vehicle:
    """One vehicle: ``add_vehicles`` with one row, refused with the row's own violation."""
    fields = {
        "plate": plate,
        "unit": unit,
        "model": model,
        "vin": vin,
        "purchase_date": purchase_date,
        "odometer": odometer,
        "drivers": list(drivers),
        "service_interval_km": service_interval_km,
        "service_interval_months": service_interval_months,
    }
    try:
        (vehicle_id,) = add_vehicles(actor, [fields])
    except RowsRefused as refused:
        raise refused.problems[0][1] from None
    return Vehicle.get_by_id(vehicle_id)


def update_vehicle(actor: Actor, vehicle: Vehicle, **changes: Any) -> bool:
    """Change a vehicle's register data (unit, model, VIN, purchase date, intervals);
    the plate is its identity and 维修中 belongs to the repair flow. Returns whether anything
    changed."""
    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER, Role.LOGISTICS, Role.ADMIN)
        allowed = {
            "unit",
            "model",
            "vin",
            "purchase_date",
            "service_interval_km",
            "service_interval_months",
        }
        unknown = set(changes) - allowed
        if unknown:
            raise RuleViolation(
                None, f"不能修改：{'、'.join(sorted(unknown))}", f"cannot change {unknown}"
            )
        for key in ("service_interval_km", "service_interval_months"):
            if key in changes and int(changes[key]) <= 0:
                raise RuleViolation(
                    None, "保养间隔必须为正数", "intervals must be positive", field=key
                )
        if "vin" in changes:
            changes["vin"] = normalize_vin(str(changes["vin"] or ""))
        if "model" in changes:
            changes["model"] = str(changes["model"] or "").strip()
            changes["model_search"] = search_key(changes["model"]) if changes["model"] else ""
        return bool(audit.update(actor, vehicle, **changes))


def update_place(actor: Actor, place: RepairShop | FuelStation, **changes: Any) -> bool:
    """Address or phone of a shop or station (the list itself: ``set_designated``)."""
    with db.atomic():
        require_role(actor, Role.LOGISTICS, Role.ADMIN)
        allowed = {"address", "phone"} if isinstance(place, RepairShop) else {"address"}
        unknown = set(changes) - allowed
        if unknown:
            raise RuleViolation(
                None, f"不能修改：{'、'.join(sorted(unknown))}", f"cannot change {unknown}"
            )
        return bool(audit.update(actor, place, **changes))


def assign_drivers(actor: Actor, vehicle: Vehicle, drivers: Iterable[User]) -> None:
    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER, Role.ADMIN)
        wanted = {d.id for d in drivers}
        current = {
            r.driver_id for r in VehicleDriver.select().where(VehicleDriver.vehicle == vehicle)
        }
        VehicleDriver.delete().where(
            (VehicleDriver.vehicle == vehicle) & VehicleDriver.driver.in_(list(current - wanted))
        ).execute()
        for driver_id in wanted - current:
            VehicleDriver.create(vehicle=vehicle, driver=driver_id)
        audit.record(
            actor, "vehicle", vehicle.id, "drivers", {"drivers": (sorted(current), sorted(wanted))}
        )


_DRIVERS = Prepared(
    lambda vehicle: User.select().join(VehicleDriver).where(VehicleDriver.vehicle == vehicle)
)


def drivers_of(vehicle: Vehicle) -> list[User]:
    return list(_DRIVERS.rows(vehicle.id))


def set_vehicle_status(actor: Actor, vehicle: Vehicle, status: VehicleStatus) -> None:
    """停用 / 报废 / back to 在用. 维修中 is set only by the repair flow, and a vehicle with a
    repair under way is neither suspended nor scrapped until that repair has ended."""
    from models.fleet.repairs import open_repair_of  # the repair module builds on this one

    with db.atomic():
        require_role(actor, Role.FLEET_MANAGER, Role.ADMIN)
        vehicle = Vehicle.get_for_update(Vehicle.id == vehicle.id)
        if status == VehicleStatus.IN_REPAIR or vehicle.status == VehicleStatus.IN_REPAIR:
            raise RuleViolation(
                "F6",
                "维修状态只能由维修流程改变（出厂验收合格后恢复在用）",
                "the repair flow alone moves a vehicle in and out of repair",
            )
        open_repair = open_repair_of(vehicle)
        if status != VehicleStatus.IN_SERVICE and open_repair is not None:
            raise RuleViolation(
                "F2",
                f"{vehicle.plate} 有未完成的维修单 {open_repair.number}，请先办结",
                f"{vehicle.plate} has an open repair {open_repair.number}; finish it first",
            )
        audit.update(actor, vehicle, status=status.value)


_PLACE_TEXTS = {RepairShop: ("name", "address", "phone"), FuelStation: ("name", "address")}
_PLACE_WORDS = {RepairShop: ("修理厂", "shop"), FuelStation: ("加油站", "station")}


def check_places(
    actor: Actor,
    model: type[RepairShop] | type[FuelStation],
    places: Sequence[Mapping[str, Any]],
    seen: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """F3/F5 register for a batch, the checking half of ``add_places``: each row's name and
    texts, then the names against the register and the rows before (``seen``: the names of
    earlier batches of the same file). Reads only: an importer runs it over a whole file
    before it opens the write transaction. Every bad row is found, then ``RowsRefused``
    names each. Returns the rows as stored, in order."""
    require_role(actor, Role.LOGISTICS, Role.ADMIN)  # the actor first (X1)
    seen = {} if seen is None else seen
    zh, en = _PLACE_WORDS[model]
    texts = _PLACE_TEXTS[model]
    check = row_checker([getattr(model, k) for k in texts])
    problems: list[tuple[int, RuleViolation]] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    for index, fields in enumerate(places):
        row: dict[str, Any] = {k: clean(fields.get(k)) for k in texts}
        row["designated"] = bool(fields.get("designated", True))
        try:
            if not row["name"]:
                raise RuleViolation(None, f"请填写{zh}名称", f"the {en} needs a name", field="name")
            check([row[k] for k in texts])
        except RuleViolation as exc:
            problems.append((index, exc))
            continue
        rows.append((index, row))
    problems += _name_conflicts(model, rows, seen.setdefault("names", set()))
    if problems:
        raise RowsRefused(sorted(problems, key=lambda p: p[0]))
    return [row for _, row in rows]


def _name_conflicts(
    model: type[RepairShop] | type[FuelStation],
    rows: Sequence[tuple[int, dict[str, Any]]],
    seen: set[str],
) -> list[tuple[int, RuleViolation]]:
    """A name on the register already (or earlier in the batch): one IN query per chunk on
    the unique name, compared as the database compares them (MariaDB ignores case)."""
    zh, en = _PLACE_WORDS[model]
    fold = str.casefold if is_mysql() else str
    query = lambda part: model.select(model.name).where(model.name.in_(part))  # noqa: E731
    taken = {fold(n) for (n,) in select_in(query, sorted({r["name"] for _, r in rows}))}
    problems: list[tuple[int, RuleViolation]] = []
    for index, row in rows:
        name = fold(row["name"])
        if name in taken or name in seen:
            problems.append(
                (
                    index,
                    RuleViolation(
                        None,
                        f"{zh}「{row['name']}」已存在",
                        f"{en} {row['name']} exists",
                        field="name",
                    ),
                )
            )
        seen.add(name)
    return problems


def write_places(
    actor: Actor,
    model: type[RepairShop] | type[FuelStation],
    rows: Sequence[dict[str, Any]],
    *,
    recheck: bool = True,
    payloads: Sequence[str] | None = None,
) -> list[int]:
    """The writing half of ``add_places``: rows and audit rows in bulk (inside the caller's
    transaction). ``recheck``: the rows were checked outside this transaction (an
    importer's first pass), so the names are looked up again here, under the write lock.
    ``payloads``: the audit changes made in the check pass (``audit.created_payloads``)."""
    require_role(actor, Role.LOGISTICS, Role.ADMIN)
    if recheck:
        problems = _name_conflicts(model, list(enumerate(rows)), set())
        if problems:
            raise RowsRefused(problems)
    return audit.create_many(actor, model, "name", rows, checked=True, payloads=payloads)


def add_places(
    actor: Actor, model: type[RepairShop] | type[FuelStation], places: Sequence[Mapping[str, Any]]
) -> list[int]:
    """Put repair shops or fuel stations on the register: each row holds ``name`` and
    optionally ``address``, ``phone`` (a shop's) and ``designated`` (on the list, the
    default). THE way a shop or station is added (``add_shop``/``add_station`` are a batch of
    one, the importer sends thousands through the same two halves, ``check_places`` then
    ``write_places``): every bad row is found (its first problem), then ``RowsRefused``
    names each and nothing is written. Names are looked up in one IN query per chunk on
    their unique index; rows and audit rows are written in bulk. Returns the new ids."""
    with db.atomic():
        return write_places(actor, model, check_places(actor, model, places), recheck=False)


def _add_place(actor: Actor, model: type[M], fields: dict[str, Any]) -> M:
    """One shop or station: ``add_places`` with one row, refused with its own violation."""
    try:
        (place_id,) = add_places(actor, model, [fields])  # type: ignore[arg-type]
    except RowsRefused as refused:
        raise refused.problems[0][1] from None
    return model.get_by_id(place_id)


def add_shop(actor: Actor, name: str, address: str = "", phone: str = "") -> RepairShop:
    return _add_place(actor, RepairShop, {"name": name, "address": address, "phone": phone})


def add_station(actor: Actor, name: str, address: str = "") -> FuelStation:
    return _add_place(actor, FuelStation, {"name": name, "address": address})


def set_designated(actor: Actor, place: RepairShop | FuelStation, designated: bool) -> None:
    """Put a shop or station on the designated list or take it off (its history stays)."""
    with db.atomic():
        require_role(actor, Role.LOGISTICS, Role.ADMIN)
        audit.update(actor, place, designated=designated)
