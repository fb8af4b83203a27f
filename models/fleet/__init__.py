"""车辆管理: vehicles, designated shops and stations, the repair flow, fuel and use (F1–F10).

This module is the one door the desktop, the forms and the command line use; the work is split
by concern, each module small enough to read in one sitting:

- ``fleet_vehicles``: plates, the vehicle register and drivers, designated shops and fuel
  stations (F1, F7);
- ``fleet_repairs``: the repair flow on the approval engine — application, 车管鉴定, leader,
  后勤备案 and the 准修通知单, shop, supplements, overhaul quotes, exit acceptance (F2–F7);
- ``fleet_usage``: maintenance by km or months, fuel at designated stations, use requests
  (F1, F10);
- ``fleet_stats``: month-end statistics (F8).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import peewee
from playhouse.migrate import SchemaMigrator, migrate

from models import numbering, settings
from models.fleet.queries import (
    driver_names,
    drives_or_asked,
    monthly_series,
    overdue_repairs,
    repair_cost_of_month,
    repairs_to_act,
    repairs_to_assess,
    vehicle_ids_driven_by,
    vehicle_ids_of,
)
from models.fleet.repairs import (
    REPAIR_FLOW,
    REPAIR_STATE_LABELS,
    SUPPLEMENT_FLOW,
    Acceptance,
    LineInput,
    LineState,
    Repair,
    RepairLine,
    RepairState,
    Supplement,
    accept,
    apply_repair,
    approve_repair,
    assess,
    enter_shop,
    file_repair,
    finish_repair,
    propose_supplement,
    record_fitted,
    record_historical_repair,
    resubmit_repair,
    supplement_to_decide,
)
from models.fleet.repairs.golive import GO_LIVE, check_go_live, go_live_date
from models.fleet.stats import (
    Figures,
    MonthlyReport,
    closed_repairs,
    last_month_with_data,
    month_bounds,
    monthly_report,
)
from models.fleet.usage import (
    USE_FLOW,
    FuelLog,
    Maintenance,
    MaintenanceDue,
    UseState,
    VehicleUse,
    correct_fuel,
    correct_maintenance,
    log_fuel,
    maintenance_compliance,
    maintenance_due,
    maintenance_on_time,
    maintenance_status,
    record_maintenance,
    request_use,
    void_fuel,
    void_maintenance,
)
from models.fleet.vehicles import (
    CENT,
    MONEY,
    PROVINCES,
    FuelStation,
    RepairShop,
    Vehicle,
    VehicleDriver,
    VehicleStatus,
    add_places,
    add_shop,
    add_station,
    add_vehicle,
    add_vehicles,
    assign_drivers,
    check_places,
    check_vehicles,
    drivers_of,
    normalize_plate,
    normalize_vin,
    set_designated,
    set_vehicle_status,
    update_place,
    update_vehicle,
    write_places,
    write_vehicles,
)

settings.register(
    settings.SettingSpec(
        "fleet.costly_part_threshold",
        Decimal("2000"),
        Decimal,
        "高价配件金额阈值（元）",
        "costly part threshold (yuan)",
        Decimal("0"),
    ),
    settings.SettingSpec(
        "fleet.spot_check_percent",
        Decimal("10"),
        Decimal,
        "抽查回访比例（%）",
        "spot-check callback share (%)",
        Decimal("0"),
    ),
    settings.SettingSpec(
        GO_LIVE,
        None,
        date,
        "上线日期（此前的纸质维修可补录，此后一律在软件中报修）",
        "go-live date (paper repairs before it may be entered; from it every repair is filed here)",
        guard=check_go_live,
    ),
)

# Every fleet table, in creation order (schema version 2, declared in ``models.domains``).
TABLES = [
    Vehicle,
    VehicleDriver,
    RepairShop,
    FuelStation,
    Repair,
    Supplement,
    RepairLine,
    Acceptance,
    Maintenance,
    FuelLog,
    VehicleUse,
]


def migrate_2(database: peewee.Database) -> None:
    database.create_tables([numbering.Counter, *TABLES])


def migrate_6(database: peewee.Database) -> None:
    """用车申请 became a versioned document with its own states: add ``version`` (a database
    whose migration 2 already made the table in its newest shape is left alone) and turn the
    engine's raw ``closed`` into 已撤回."""
    columns = {c.name for c in database.get_columns(VehicleUse._meta.table_name)}
    if "version" not in columns:
        migrator = SchemaMigrator.from_database(database)
        migrate(migrator.add_column(VehicleUse._meta.table_name, "version", VehicleUse.version))
    with database.bind_ctx([VehicleUse]):
        VehicleUse.update(state=UseState.WITHDRAWN).where(VehicleUse.state == "closed").execute()


def migrate_8(database: peewee.Database) -> None:
    """An exit acceptance is the driver's signature (F6): the database refuses to change or
    delete one, from any client. The code only ever inserts them (a failed check is a new
    attempt, never an edit)."""
    from models.schema import _append_only

    _append_only(database, Acceptance._meta.table_name)


def migrate_15(database: peewee.Database) -> None:
    """Fill-ups and maintenances are voided or corrected with a reason (X2), never edited:
    ``voided_at`` and ``void_reason`` on both (a database whose migration 2 made the tables
    in their newest shape is left alone)."""
    migrator = SchemaMigrator.from_database(database)
    for model in (FuelLog, Maintenance):
        table = model._meta.table_name
        columns = {c.name for c in database.get_columns(table)}
        if "voided_at" not in columns:
            migrate(
                migrator.add_column(table, "voided_at", model.voided_at),
                migrator.add_column(table, "void_reason", model.void_reason),
            )


def migrate_16(database: peewee.Database) -> None:
    """The vehicle list finds a brand by its pinyin ("ft" for 丰田): ``model_search`` beside
    ``model``, filled for the vehicles already registered (a database whose migration 2 made
    the table in its newest shape has the column and only needs the fill)."""
    from models.text import search_key

    table = Vehicle._meta.table_name
    columns = {c.name for c in database.get_columns(table)}
    if "model_search" not in columns:
        migrator = SchemaMigrator.from_database(database)
        migrate(migrator.add_column(table, "model_search", Vehicle.model_search))
    with database.bind_ctx([Vehicle]):
        rows = Vehicle.select(Vehicle.id, Vehicle.model).where(
            (Vehicle.model != "") & (Vehicle.model_search == "")
        )
        for vehicle_id, model in rows.tuples():
            Vehicle.update(model_search=search_key(model)).where(Vehicle.id == vehicle_id).execute()


__all__ = [
    "CENT",
    "GO_LIVE",
    "MONEY",
    "PROVINCES",
    "REPAIR_FLOW",
    "REPAIR_STATE_LABELS",
    "SUPPLEMENT_FLOW",
    "TABLES",
    "USE_FLOW",
    "Acceptance",
    "Figures",
    "FuelLog",
    "FuelStation",
    "LineInput",
    "LineState",
    "Maintenance",
    "MaintenanceDue",
    "MonthlyReport",
    "Repair",
    "RepairLine",
    "RepairShop",
    "RepairState",
    "Supplement",
    "UseState",
    "Vehicle",
    "VehicleDriver",
    "VehicleStatus",
    "VehicleUse",
    "accept",
    "add_places",
    "add_shop",
    "add_station",
    "add_vehicle",
    "add_vehicles",
    "apply_repair",
    "approve_repair",
    "assess",
    "assign_drivers",
    "check_places",
    "check_vehicles",
    "closed_repairs",
    "correct_fuel",
    "correct_maintenance",
    "driver_names",
    "drivers_of",
    "drives_or_asked",
    "enter_shop",
    "file_repair",
    "finish_repair",
    "go_live_date",
    "last_month_with_data",
    "log_fuel",
    "maintenance_compliance",
    "maintenance_due",
    "maintenance_on_time",
    "maintenance_status",
    "month_bounds",
    "monthly_report",
    "monthly_series",
    "normalize_plate",
    "normalize_vin",
    "overdue_repairs",
    "propose_supplement",
    "record_fitted",
    "record_historical_repair",
    "record_maintenance",
    "repair_cost_of_month",
    "repairs_to_act",
    "repairs_to_assess",
    "request_use",
    "resubmit_repair",
    "set_designated",
    "set_vehicle_status",
    "supplement_to_decide",
    "update_place",
    "update_vehicle",
    "vehicle_ids_driven_by",
    "vehicle_ids_of",
    "void_fuel",
    "void_maintenance",
    "write_places",
    "write_vehicles",
]
