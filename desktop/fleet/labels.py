"""车辆管理's words in English, registered into ``desktop.labels`` (ask there for a label):
its enums, the bare codes its models keep as strings (a maintenance status, the kind of a
repair) and its tables in the audit log."""

from __future__ import annotations

from desktop import labels
from models.fleet import LineState, RepairState, UseState, VehicleStatus

labels.register(
    english={
        VehicleStatus: {
            VehicleStatus.IN_SERVICE: "In service",
            VehicleStatus.IN_REPAIR: "In repair",
            VehicleStatus.SUSPENDED: "Suspended",
            VehicleStatus.SCRAPPED: "Scrapped",
        },
        RepairState: {
            RepairState.APPLIED: "Under approval",
            RepairState.RETURNED: "Returned",
            RepairState.REJECTED: "Not approved",
            RepairState.WITHDRAWN: "Withdrawn",
            RepairState.AUTHORISED: "Authorised",
            RepairState.IN_REPAIR: "In repair",
            RepairState.AWAITING_ACCEPTANCE: "Awaiting acceptance",
            RepairState.CLOSED: "Closed",
        },
        UseState: {
            UseState.APPLIED: "Under approval",
            UseState.RETURNED: "Returned",
            UseState.APPROVED: "Approved",
            UseState.REJECTED: "Not approved",
            UseState.WITHDRAWN: "Withdrawn",
        },
        LineState: {
            LineState.ESTIMATED: "Estimate",
            LineState.AUTHORISED: "Authorised",
            LineState.DECLINED: "Declined",
            LineState.PROPOSED: "Supplement pending",
            LineState.APPROVED: "Supplement approved",
            LineState.FITTED: "Done",
        },
    },
    codes={
        # models.fleet.MaintenanceDue.status (its status_label is the Chinese)
        "maintenance": {
            "ok": ("正常", "OK"),
            "due_soon": ("即将到期", "Due soon"),
            "overdue": ("已超期", "Overdue"),
        },
        # models.fleet.Repair.kind
        "repair_kind": {"repair": ("一般维修", "Repair"), "overhaul": ("大修", "Overhaul")},
    },
    objects={
        "vehicle": ("车辆", "Vehicle"),
        "vehicle_driver": ("驾驶员", "Driver"),
        "vehicle_use": ("用车申请", "Vehicle use request"),
        "repair": ("维修申请", "Repair"),
        "repair_line": ("维修项目", "Repair item"),
        "repair_shop": ("修理厂", "Repair shop"),
        "supplement": ("追加维修", "Repair supplement"),
        "acceptance": ("维修验收", "Repair acceptance"),
        "maintenance": ("保养记录", "Maintenance"),
        "fuel_log": ("加油记录", "Fuel log"),
        "fuel_station": ("加油站", "Fuel station"),
    },
    actions={
        "enter_shop": ("进厂", "Entered the shop"),
        "fitted": ("已完工", "Done"),
        "finish": ("修竣", "Repair finished"),
        "authorise": ("准修", "Authorised"),
    },
    fields={
        "odometer": ("里程", "odometer"),
        "last_service_km": ("上次保养里程", "last service km"),
        "last_service_date": ("上次保养日期", "last service date"),
        "service_interval_km": ("保养间隔里程", "service interval km"),
        "service_interval_months": ("保养间隔月数", "service interval months"),
        "purchase_date": ("购置日期", "purchase date"),
        "vehicle": ("车辆", "vehicle"),
        "driver": ("驾驶员", "driver"),
        "shop": ("修理厂", "shop"),
        "station": ("加油站", "station"),
        "designated": ("定点", "designated"),
        "litres": ("升数", "litres"),
        "filled_at": ("加油时间", "filled at"),
        "done_on": ("日期", "date"),
        "fault": ("故障描述", "fault"),
        "private": ("私用", "private use"),
        "out_of_city": ("出市", "out of the city"),
    },
    states={
        "vehicle": VehicleStatus,
        "repair": RepairState,
        "repair_line": LineState,
        "vehicle_use": UseState,
    },
)
