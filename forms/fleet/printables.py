"""The printed 车辆维修保修单 (一式三联: 存根, 维修部门, 财务) and 准修通知单 (F2, F9): the
repair, its lines and the whole trail (the repair's approval, each supplement's, the
acceptances), with a signature line for every step.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from forms.fleet.fields import PLATE, UNIT
from forms.printdoc import PrintDoc, TrailEntry, trail_entries
from forms.printing import Printable, register_printable
from forms.spec import Field, FieldType, FormSpec
from forms.summary import Label
from models import fleet
from models.errors import RuleViolation
from models.fleet import Repair

REPAIR_FORM = FormSpec(
    name="repair",
    title="车辆维修保修单",
    title_en="Vehicle repair form",
    fields=(
        PLATE,
        UNIT,
        Field("model", "品牌型号", width=14, label_en="Model"),
        Field("driver", "报修驾驶员", width=10, label_en="Reported by"),
        Field("applied_at", "报修时间", width=16, label_en="Reported at"),
        Field("kind", "维修类别", width=8, label_en="Kind"),
        Field("fault", "故障情况", width=40, wide=True, label_en="Fault"),
        Field("diagnosis", "车管鉴定意见", width=40, wide=True, label_en="Assessment"),
        Field("shop", "定点修理厂", width=20, label_en="Designated shop"),
        Field("quote_ref", "修理厂报价单号", width=14, label_en="Shop quote no."),
        Field(
            "estimated_cost", "估计费用（元）", FieldType.MONEY, width=12, label_en="Estimate (¥)"
        ),
        Field("promised_date", "承诺完工日期", width=12, label_en="Promised by"),
        Field("authorisation_no", "准修通知单号", width=14, label_en="Authorisation no."),
        Field("state", "当前状态", width=8, label_en="State"),
        Field("paid", "有偿服务", width=16, label_en="Paid service"),
        Field("acceptance", "出厂验收", width=30, wide=True, label_en="Acceptance"),
    ),
    copies=("存根", "维修部门", "财务"),
)

AUTHORISATION_FORM = FormSpec(
    name="authorisation",
    title="准修通知单",
    title_en="Repair authorisation",
    fields=(
        Field("repair_no", "维修单号", width=14, label_en="Repair no."),
        PLATE,
        UNIT,
        Field("shop", "定点修理厂", width=20, label_en="Designated shop"),
        Field(
            "approved_cost", "核准费用（元）", FieldType.MONEY, width=12, label_en="Approved (¥)"
        ),
        Field("promised_date", "承诺完工日期", width=12, label_en="Promised by"),
        Field("authorised_at", "备案时间", width=16, label_en="Filed at"),
        Field("note", "说明", width=40, wide=True, label_en="Note"),
    ),
    copies=("存根", "修理厂"),
    signatures=("后勤车管人员", "修理厂接车人", "日期"),
)


REPORTED = Label("报修", "Reported")


def _line_text(line: fleet.RepairLine) -> str:
    kind = "工时" if line.kind == "labour" else ("总成" if line.assembly else "配件")
    warranty = f"，保修{line.warranty_months}个月" if line.warranty_months else ""
    quantity = Decimal(line.quantity).normalize()
    return (
        f"{kind} {line.name} × {quantity:f} @ {Decimal(line.unit_price):.2f} = "
        f"{line.amount:.2f} 元{warranty}（{fleet.LineState(line.state).label}）"
    )


def _trail(repair: Repair) -> list[TrailEntry]:
    entries = trail_entries(repair.instance(), REPORTED)
    for sup in repair.supplements:
        prefix = Label(f"追加{sup.number}·", f"Supplement {sup.number} · ")
        entries += trail_entries(
            sup.instance(), Label("提出", "Proposed"), prefix=prefix, comment=sup.reason
        )
    entries += [
        TrailEntry(
            "出厂验收",
            a.signed_by.name,
            "合格" if a.passed else "不合格",
            a.remarks,
            a.at,
            node_en="Acceptance",
        )
        for a in repair.acceptances
    ]
    return sorted(entries, key=lambda e: e.at or datetime.min)


def _load_repair(repair_id: int) -> PrintDoc:
    repair = Repair.get_or_none(Repair.id == repair_id)
    if repair is None:
        raise RuleViolation(None, f"没有维修单 {repair_id}", f"no repair {repair_id}")
    last = repair.acceptances.order_by(fleet.Acceptance.id.desc()).first()
    assessed = repair.assessed_at is not None or repair.historical
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
        # not assessed yet: a blank to fill in, not an estimate of 0.00
        "estimated_cost": repair.estimated_cost if assessed else None,
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
    if repair.historical:  # no step of the flow happened in Houqin: say so on the paper
        values["state"] = f"{repair.state_label}（历史补录）"
        values["authorisation_no"] = "（历史补录，无准修通知单）"
        extra.insert(0, ("历史补录", "上线日期前的纸质维修记录，补录入系统，未经软件内审批流程"))
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
        trail=trail_entries(repair.instance(), REPORTED),
    )


register_printable(Printable(REPAIR_FORM, _load_repair))
register_printable(Printable(AUTHORISATION_FORM, _load_authorisation))
