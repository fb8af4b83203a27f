"""The fleet's edit dialogs, each built from field declarations (``forms.spec.Field``, most
taken from the ``forms.fleet`` registers) by ``desktop.form_dialog.FormDialog``, and each
submitting to one use case of ``models.fleet`` (directly or through the register's ``Kind``,
as the importer does). A refusal naming a field appears beside it with the rule ID."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QWidget

from desktop import errors, ops
from desktop.fleet.common import station_names, tr, vehicle_plates
from desktop.fleet.lines import RepairLines
from desktop.form_dialog import FormDialog
from forms import fleet as fleet_forms
from forms.kinds import get_kind
from forms.spec import Field, FieldType
from models import fleet
from models.base import now
from models.errors import RuleViolation
from models.fleet import FuelLog, FuelStation, Maintenance, Repair, RepairShop, Vehicle
from models.people import Role, User

YES_NO = ("否", "是")
_FUEL_ALL = (Role.FLEET_MANAGER, Role.LOGISTICS)  # log any vehicle's fuel
KINDS = ("一般维修", "大修")


def _required(field: Field) -> Field:
    return dataclasses.replace(field, required=True)


def _plate_field(plates: list[str]) -> Field:
    if plates:
        return Field(
            "plate",
            "车牌号",
            FieldType.CHOICE,
            required=True,
            choices=tuple(plates),
            label_en="Plate",
        )
    return Field("plate", "车牌号", required=True, label_en="Plate")


def _vehicle(plate: str | None) -> Vehicle:
    found = fleet_forms.VEHICLE_REF.lookup(plate or "")
    if found is None:
        raise RuleViolation(None, f"没有车辆「{plate}」", f"no vehicle {plate}", field="plate")
    return found


def _shop_field(required: bool) -> Field:
    designated = fleet_forms.SHOP_REF.keys  # the designated shops' names
    names = tuple(designated()) if designated else ()
    if names and required:
        return Field(
            "shop",
            "定点修理厂",
            FieldType.CHOICE,
            required=True,
            choices=names,
            label_en="Designated shop",
        )
    return Field(
        "shop",
        "定点修理厂",
        FieldType.REFERENCE,
        required=required,
        reference=fleet_forms.SHOP_REF,
        label_en="Designated shop",
    )


def _shop(value: Any) -> RepairShop | None:
    if value is None or isinstance(value, RepairShop):
        return value
    return RepairShop.get_or_none(RepairShop.name == value)


def at_time(day: date, hour: int = 12) -> datetime:
    """A date from a dialog as a moment: now when it is today, else midday."""
    today = now()
    if day == today.date():
        return today
    return datetime.combine(day, time(hour))


# --- vehicles ----------------------------------------------------------------------------


def vehicle_dialog(user: User, vehicle: Vehicle | None, parent: QWidget) -> FormDialog:
    """新增 / 修改 from the VEHICLES register, through its Kind (the importer's path)."""
    kind = get_kind("vehicles")
    if vehicle is None:
        fields = tuple(f for f in fleet_forms.VEHICLES.fields if f.key != "status")
        return FormDialog(
            tr("新增车辆"),
            fields,
            lambda v: kind.insert(user, {k: x for k, x in v.items() if x is not None}),
            values={"service_interval_km": 5000, "service_interval_months": 6},
            parent=parent,
        )
    fields = tuple(f for f in fleet_forms.VEHICLES.fields if f.key not in ("plate", "status"))
    current = {
        "unit": vehicle.unit.name,
        "model": vehicle.model,
        "vin": vehicle.vin,
        "purchase_date": vehicle.purchase_date,
        "odometer": vehicle.odometer,
        "drivers": "、".join(d.name for d in fleet.drivers_of(vehicle)),
        "service_interval_km": vehicle.service_interval_km,
        "service_interval_months": vehicle.service_interval_months,
    }

    def submit(values: dict[str, Any]) -> bool:
        values.pop("odometer", None)  # readings come from fuel and maintenance only
        for key in ("model", "vin", "drivers"):
            values[key] = values.get(key) or ""
        return kind.update(user, vehicle, {k: v for k, v in values.items() if v is not None})

    dialog = FormDialog(
        tr("修改车辆") + f" {vehicle.plate}", fields, submit, values=current, parent=parent
    )
    dialog.widget("odometer").setEnabled(False)
    dialog.widget("odometer").setToolTip(tr("里程由加油和保养记录更新"))
    return dialog


def drivers_dialog(user: User, vehicle: Vehicle, parent: QWidget) -> FormDialog:
    kind = get_kind("vehicles")
    field = fleet_forms.VEHICLES.field("drivers")
    names = "、".join(d.name for d in fleet.drivers_of(vehicle))
    return FormDialog(
        tr("分配驾驶员") + f" {vehicle.plate}",
        (field,),
        lambda v: kind.update(user, vehicle, {"drivers": v.get("drivers") or ""}),
        values={"drivers": names},
        parent=parent,
    )


def place_dialog(user: User, kind_name: str, place: Any, parent: QWidget) -> FormDialog:
    """修理厂 / 加油站 from the SHOPS / STATIONS register, through its Kind."""
    kind = get_kind(kind_name)
    title = kind.spec.title
    if place is None:
        return FormDialog(
            tr("新增") + f" · {title}",
            kind.spec.fields,
            lambda v: kind.insert(user, {k: x for k, x in v.items() if x is not None}),
            values={"designated": "是"},
            parent=parent,
        )
    fields = tuple(f for f in kind.spec.fields if f.key != "name")
    current = {f.key: getattr(place, f.key, None) for f in fields}
    current["designated"] = "是" if place.designated else "否"
    return FormDialog(
        tr("修改") + f" · {place.name}",
        fields,
        lambda v: kind.update(user, place, {k: x or "" for k, x in v.items()}),
        values=current,
        parent=parent,
    )


# --- repairs -----------------------------------------------------------------------------


def apply_dialog(user: User, parent: QWidget, plate: str | None = None) -> FormDialog:
    """报修 (F2): the driver's application; only his own vehicles are offered."""
    fields = (
        _plate_field(vehicle_plates(user)),
        Field("kind", "维修类别", FieldType.CHOICE, required=True, choices=KINDS, label_en="Kind"),
        Field(
            "fault",
            "故障情况",
            required=True,
            max_length=500,
            label_en="Fault",
            help="何时、何种情况下出现的故障，越具体越便于鉴定。",
        ),
    )

    def submit(v: dict[str, Any]) -> Repair:
        kind = "overhaul" if v["kind"] == "大修" else "repair"
        return fleet.apply_repair(user, _vehicle(v["plate"]), v["fault"], kind=kind)

    values = {"kind": KINDS[0]}
    if plate:
        values["plate"] = plate
    return FormDialog(tr("报修"), fields, submit, values=values, parent=parent)


def resubmit_dialog(user: User, repair: Repair, parent: QWidget) -> FormDialog:
    field = Field("fault", "故障情况", required=True, max_length=500, label_en="Fault")
    return FormDialog(
        tr("重新提交报修"),
        (field,),
        lambda v: fleet.resubmit_repair(user, repair, v["fault"]),
        values={"fault": repair.fault},
        parent=parent,
    )


class LinesDialog(FormDialog):
    """A FormDialog with the line editor under its fields; a refusal on ``lines`` is shown
    under the table."""

    def __init__(
        self,
        title: str,
        fields: tuple[Field, ...],
        submit: Callable[[dict[str, Any], list[fleet.LineInput]], Any],
        *,
        values: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.lines = RepairLines()
        super().__init__(
            title, fields, lambda v: submit(v, self.lines.lines()), values=values, parent=parent
        )
        self.setMinimumWidth(720)
        layout = self.layout()
        heading = QLabel(tr("维修项目（配件、工时）："))
        layout.insertWidget(layout.count() - 1, heading)
        layout.insertWidget(layout.count() - 1, self.lines, 1)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.lines.show_error("")

    def show_rule(self, exc: RuleViolation) -> None:
        if exc.field == "lines":
            self.lines.show_error(errors.inline_text(exc))
            return
        super().show_rule(exc)


def assess_dialog(user: User, repair: Repair, parent: QWidget) -> LinesDialog:
    """车管鉴定 (F2, F5): fills the 车辆维修保修单 and passes the flow's first node."""
    fields = (
        Field("diagnosis", "车管鉴定意见", required=True, max_length=500, label_en="Diagnosis"),
        _shop_field(required=True),
        Field(
            "promised_date", "承诺完工日期", FieldType.DATE, required=True, label_en="Promised by"
        ),
        Field(
            "quote_ref",
            "修理厂报价单号",
            max_length=64,
            label_en="Quote ref.",
            help="大修（F5）须先取得修理厂报价单。",
        ),
        Field(
            "paid",
            "有偿服务",
            FieldType.CHOICE,
            required=True,
            choices=YES_NO,
            label_en="Paid service",
        ),
        Field("payer", "付费单位", max_length=100, label_en="Payer"),
        Field("comment", "意见", max_length=200, label_en="Comment"),
    )

    def submit(v: dict[str, Any], lines: list[fleet.LineInput]) -> Repair:
        shop = _shop(v["shop"])
        if shop is None:
            raise RuleViolation("F7", "请选择定点修理厂", "choose a designated shop", field="shop")
        return fleet.assess(
            user,
            repair,
            diagnosis=v["diagnosis"],
            lines=lines,
            shop=shop,
            promised_date=v["promised_date"],
            quote_ref=v.get("quote_ref") or "",
            paid=v["paid"] == "是",
            payer=v.get("payer") or "",
            comment=v.get("comment") or "",
        )

    values: dict[str, Any] = {"paid": "否", "diagnosis": repair.diagnosis or None}
    if repair.shop_id:
        values["shop"] = repair.shop.name
    if repair.promised_date:
        values["promised_date"] = repair.promised_date
    title = tr("车管鉴定 · 车辆维修保修单") + f" {repair.number}"
    dialog = LinesDialog(title, fields, submit, values=values, parent=parent)
    if repair.promised_date is None:
        dialog.widget("promised_date").setDate(QDate.currentDate().addDays(3))
    return dialog


def supplement_dialog(user: User, repair: Repair, parent: QWidget) -> LinesDialog:
    """追加项目 (F3/F4): anything beyond the authorisation, approved as a whole."""
    fields = (Field("reason", "追加原因", required=True, max_length=500, label_en="Reason"),)
    return LinesDialog(
        tr("追加项目") + f" {repair.number}",
        fields,
        lambda v, lines: fleet.propose_supplement(user, repair, lines, v["reason"]),
        parent=parent,
    )


def accept_dialog(user: User, repair: Repair, parent: QWidget) -> FormDialog:
    """出厂验收 (F6), signed by the driver himself."""
    fields = (
        Field(
            "result",
            "验收结果",
            FieldType.CHOICE,
            required=True,
            choices=("合格", "不合格"),
            label_en="Result",
        ),
        Field(
            "remarks",
            "验收意见",
            max_length=500,
            label_en="Remarks",
            help="不合格须写明问题，车辆退回修理厂。",
        ),
    )
    return FormDialog(
        tr("出厂验收") + f" {repair.number}",
        fields,
        lambda v: fleet.accept(user, repair, v["result"] == "合格", v.get("remarks") or ""),
        values={"result": "合格"},
        parent=parent,
    )


# --- maintenance, fuel, use --------------------------------------------------------------


def _maintenance_fields() -> tuple[Field, ...]:
    return (
        Field("done_on", "保养日期", FieldType.DATE, required=True, label_en="Date"),
        Field("odometer", "里程(km)", FieldType.INTEGER, required=True, label_en="Odometer"),
        Field("items", "保养项目", required=True, max_length=500, label_en="Items"),
        Field("cost", "费用（元）", FieldType.MONEY, label_en="Cost"),
        _shop_field(required=False),
    )


def maintenance_dialog(user: User, parent: QWidget, plate: str | None = None) -> FormDialog:
    """定期维护保养 (F1)."""
    fields = (_plate_field(vehicle_plates()), *_maintenance_fields())

    def submit(v: dict[str, Any]) -> Any:
        return fleet.record_maintenance(
            user,
            _vehicle(v["plate"]),
            v["done_on"],
            v["odometer"],
            v["items"],
            v.get("cost") or Decimal("0"),
            _shop(v.get("shop")),
        )

    values: dict[str, Any] = {"items": "机油、机滤、空滤、汽滤"}
    if plate:
        values["plate"] = plate
        values["odometer"] = _vehicle(plate).odometer
    return FormDialog(tr("登记保养"), fields, submit, values=values, parent=parent)


def _fuel_fields() -> tuple[Field, ...]:
    spec = fleet_forms.FUEL
    return (
        Field(
            "station",
            "加油站",
            FieldType.REFERENCE,
            required=True,
            reference=fleet_forms.STATION_REF,
            label_en="Station",
            help="只能在定点加油站加油（F10）。",
        ),
        _required(spec.field("filled_at")),
        _required(spec.field("litres")),
        _required(spec.field("amount")),
        _required(spec.field("odometer")),
    )


def fuel_dialog(user: User, parent: QWidget, plate: str | None = None) -> FormDialog:
    """定点加油 (F10): the station picker offers the designated ones; any other name is
    refused by ``log_fuel`` and the refusal shows beside the station."""
    plates = vehicle_plates(None if user.has_role(*_FUEL_ALL) else user)
    fields = (_plate_field(plates), *_fuel_fields())

    def submit(v: dict[str, Any]) -> Any:
        station = v["station"]
        if not isinstance(station, FuelStation):
            station = FuelStation.get(FuelStation.name == station)
        return fleet.log_fuel(
            user,
            _vehicle(v["plate"]),
            station,
            at_time(v["filled_at"]),
            v["litres"],
            v["amount"],
            v["odometer"],
            driver=user,
        )

    values: dict[str, Any] = {}
    if plate:
        values["plate"] = plate
    dialog = FormDialog(tr("登记加油"), fields, submit, values=values, parent=parent)
    dialog.widget("station").setPlaceholderText(tr("定点加油站：输入名称或拼音首字母"))
    known = station_names()
    if known:
        dialog.widget("station").setToolTip("、".join(known))
    return dialog


def use_dialog(user: User, parent: QWidget, plate: str | None = None) -> FormDialog:
    """用车申请 (F10): leaving the city or private use goes to the main leader too."""
    fields = (
        _plate_field(vehicle_plates()),
        Field("purpose", "用车事由", required=True, max_length=500, label_en="Purpose"),
        Field("destination", "目的地", required=True, max_length=100, label_en="Destination"),
        Field("starts", "开始日期", FieldType.DATE, required=True, label_en="From"),
        Field("ends", "结束日期", FieldType.DATE, required=True, label_en="To"),
        Field(
            "out_of_city",
            "出市",
            FieldType.CHOICE,
            required=True,
            choices=YES_NO,
            label_en="Out of city",
        ),
        Field(
            "private",
            "私用",
            FieldType.CHOICE,
            required=True,
            choices=YES_NO,
            label_en="Private use",
        ),
    )

    def submit(v: dict[str, Any]) -> Any:
        return fleet.request_use(
            user,
            _vehicle(v["plate"]),
            v["purpose"],
            v["destination"],
            datetime.combine(v["starts"], time(8)),
            datetime.combine(v["ends"], time(18)),
            out_of_city=v["out_of_city"] == "是",
            private=v["private"] == "是",
        )

    values: dict[str, Any] = {"out_of_city": "否", "private": "否"}
    if plate:
        values["plate"] = plate
    return FormDialog(tr("用车申请"), fields, submit, values=values, parent=parent)


# --- corrections (X2): the wrong record voided with a reason, the right one entered -------

_REASON = Field(
    "reason",
    "更正原因",
    required=True,
    max_length=200,
    label_en="Reason",
    help="写明哪里录错了；原记录作废并留在审计日志中。",
)


def correct_maintenance_dialog(user: User, parent: QWidget, row: Maintenance) -> FormDialog:
    """更正保养记录: the entry dialog's fields filled with the record, and the reason."""
    fields = (_REASON, *_maintenance_fields())

    def submit(v: dict[str, Any]) -> Any:
        return fleet.correct_maintenance(
            user,
            row,
            v["reason"],
            done_on=v["done_on"],
            odometer=v["odometer"],
            items=v["items"],
            cost=v.get("cost") or Decimal("0"),
            shop=_shop(v.get("shop")),
        )

    values = {
        "done_on": row.done_on,
        "odometer": row.odometer,
        "items": row.items,
        "cost": row.cost,
        "shop": row.shop.name if row.shop_id else None,
    }
    title = tr("更正保养记录") + f" {row.vehicle.plate}"
    return FormDialog(title, fields, submit, values=values, parent=parent)


def correct_fuel_dialog(user: User, parent: QWidget, row: FuelLog) -> FormDialog:
    """更正加油记录: the entry dialog's fields filled with the record, and the reason."""
    fields = (_REASON, *_fuel_fields())

    def submit(v: dict[str, Any]) -> Any:
        station = v["station"]
        if not isinstance(station, FuelStation):
            station = FuelStation.get(FuelStation.name == station)
        return fleet.correct_fuel(
            user,
            row,
            v["reason"],
            station=station,
            # the same day keeps the time it was logged at; another day is at noon
            filled_at=row.filled_at
            if v["filled_at"] == row.filled_at.date()
            else at_time(v["filled_at"]),
            litres=v["litres"],
            amount=v["amount"],
            odometer=v["odometer"],
        )

    values = {
        "station": row.station.name,
        "filled_at": row.filled_at.date(),
        "litres": row.litres,
        "amount": row.amount,
        "odometer": row.odometer,
    }
    title = tr("更正加油记录") + f" {row.vehicle.plate}"
    return FormDialog(title, fields, submit, values=values, parent=parent)


def correct_selected(
    parent: QWidget,
    user: User,
    key: Any,
    model: type[Maintenance] | type[FuelLog],
    dialog: Callable[[User, QWidget, Any], FormDialog],
) -> bool:
    """更正… on the selected record of a list: its correction dialog, filled in."""
    if key is None:
        return False
    return dialog(user, parent, model.get_by_id(key)).exec() == QDialog.DialogCode.Accepted


def void_selected(
    parent: QWidget,
    user: User,
    key: Any,
    model: type[Maintenance] | type[FuelLog],
    void: Callable[[User, Any, str], None],
) -> bool:
    """作废… on the selected record of a list: asks for the reason, then the use case."""
    if key is None:
        return False
    reason, ok = QInputDialog.getText(parent, tr("作废记录"), tr("作废原因："))
    if not ok:
        return False
    return ops.attempt(parent, lambda _ack: void(user, model.get_by_id(key), reason))
