"""The training registers in Excel (T4), exported only: their figures come from the marked
registers through the computation, never from a file.

- ``credit-register``: 学分登记表, the lines of the credit registers (one per teacher and
  register), selected by register number or by the date the register was approved;
- ``bureau-register`` (a report: it needs a school year, not a filter): the county bureau's
  yearly register from ``training.bureau_register`` (approved registers only, an amendment
  replacing what it corrects).

Why 工号, 继续教育编号 and 身份证号 are TEXT fields: the export writes them as string cells, so
``00012`` keeps its zeros and an 18-digit ID number is not rounded to 15 significant digits
when the bureau's clerk opens the file; 学时 and 学分 are DECIMAL, numeric cells the bureau
can sum. Command line: ``houqin export credit-register --filter register=XF2026-0001`` and
``houqin report bureau-register --period 2026-2027 OUT.xlsx``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from forms.excel_export import ExportResult, write_register
from forms.kinds import Filters, Values, export_only_kind, within
from forms.reports import Report, register_report
from forms.spec import Field, FieldType, FormSpec
from models import training
from models.training import CreditLine, CreditRegister, Teacher

STAFF_NO = Field("staff_no", "工号", width=10, label_en="Staff no.")
NAME = Field("name", "姓名", width=10, label_en="Name")


def _count(key: str, label: str, en: str) -> Field:
    return Field(key, label, FieldType.INTEGER, width=8, label_en=en, total=True)


def _hours(key: str, label: str, en: str, places: int = 1) -> Field:
    return Field(key, label, FieldType.DECIMAL, width=10, places=places, label_en=en, total=True)


CREDIT_LINES = FormSpec(
    name="credit-register",
    title="校本培训学分登记表",
    title_en="Credit register",
    key="staff_no",
    fields=(
        Field("register", "登记单号", width=14, label_en="Register"),
        Field("period", "期间", width=26, label_en="Period"),
        Field("state", "状态", width=8, label_en="State"),
        Field("approved_on", "审定日期", FieldType.DATE, width=12, label_en="Approved"),
        STAFF_NO,
        NAME,
        _count("sessions", "应参加次数", "Sessions"),
        _count("attended", "出勤次数", "Attended"),
        _count("late", "迟到", "Late"),
        _count("early", "早退", "Left early"),
        _count("leaves", "请假", "Leave"),
        _count("excused", "有故缺席", "Excused"),
        _count("truancies", "旷课", "Truancies"),
        _hours("hours", "活动学时", "Hours"),
        _hours("deducted", "扣减学时", "Deducted"),
        Field(
            "disqualified",
            "不计学时",
            FieldType.CHOICE,
            width=8,
            choices=("是", "否"),
            label_en="Forfeited",
        ),
        _hours("credited_hours", "计入学时", "Credited hours"),
        _hours("external_hours", "外出及自学学时", "External hours"),
        _hours("credits", "学分", "Credits", places=2),
    ),
    signatures=("制表人", "教研处负责人", "校长", "日期"),
)


def _credit_query(filters: Filters) -> Any:
    query = (
        CreditLine.select(CreditLine, CreditRegister, Teacher)
        .join(CreditRegister)
        .switch(CreditLine)
        .join(Teacher)
    )
    if filters.get("register"):
        query = query.where(CreditRegister.number == str(filters["register"]))
    if filters.get("staff_no"):
        query = query.where(Teacher.staff_no == str(filters["staff_no"]))
    return within(query, CreditRegister.approved_at, filters)


def _credit_rows(filters: Filters) -> Iterator[Values]:
    ordered = _credit_query(filters).order_by(CreditRegister.number, Teacher.staff_no)
    for ln in ordered.iterator():
        reg = ln.register
        yield {
            "register": reg.number,
            "period": reg.title,
            "state": reg.state_label,
            "approved_on": reg.approved_at.date() if reg.approved_at else None,
            "staff_no": ln.teacher.staff_no,
            "name": ln.teacher.name,
            "sessions": ln.sessions,
            "attended": ln.attended,
            "late": ln.late,
            "early": ln.early,
            "leaves": ln.leaves,
            "excused": ln.excused,
            "truancies": ln.truancies,
            "hours": ln.hours,
            "deducted": ln.deducted,
            "disqualified": "是" if ln.disqualified else "否",
            "credited_hours": ln.credited_hours,
            "external_hours": ln.external_hours,
            "credits": ln.credits,
        }


export_only_kind(
    CREDIT_LINES,
    rows=_credit_rows,
    count=lambda f: _credit_query(f).count(),
    filters=("register", "staff_no"),
    period_field="approved_on",
    rule="T4",
    zh="学分由考勤按规则计算生成，不能导入",
    en="credits are computed from the registers by the rules; they are not imported",
)


BUREAU = FormSpec(
    name="bureau-register",
    title="中小学教师校本培训学分登记表",
    title_en="Bureau credit register",
    key="staff_no",
    fields=(
        Field("no", "序号", FieldType.INTEGER, width=6, label_en="No."),
        STAFF_NO,
        Field("ce_no", "继续教育编号", width=16, label_en="CE no."),
        NAME,
        Field("gender", "性别", width=6, label_en="Gender"),
        Field("id_number", "身份证号", width=20, label_en="ID number"),
        Field("subject", "学科", width=8, label_en="Subject"),
        Field("stage", "学段", width=8, label_en="Stage"),
        Field("title", "职称", width=10, label_en="Title"),
        Field("tier", "培训层级", width=10, label_en="Tier"),
        _count("sessions", "应参加次数", "Sessions"),
        _count("attended", "出勤次数", "Attended"),
        _count("truancies", "旷课次数", "Truancies"),
        _hours("school_hours", "校本研修学时", "School hours"),
        _hours("external_hours", "自学及外出培训学时", "External hours"),
        _hours("credits", "学分", "Credits", places=2),
    ),
    signatures=("填表人", "学校负责人（签章）", "日期"),
)


def _bureau_rows(year: str) -> Iterator[Values]:
    for no, row in enumerate(training.bureau_register(year), start=1):
        yield {
            "no": no,
            "staff_no": row.staff_no,
            "ce_no": row.ce_no,
            "name": row.name,
            "gender": row.gender,
            "id_number": row.id_number,
            "subject": row.subject,
            "stage": row.stage,
            "title": row.title,
            "tier": row.tier,
            "sessions": row.sessions,
            "attended": row.attended,
            "truancies": row.truancies,
            "school_hours": row.school_hours,
            "external_hours": row.external_hours,
            "credits": row.credits,
        }


def write_bureau_register(year: str, path: str | Path, *, unit: str = "") -> ExportResult:
    """The bureau's register of school year ``year`` at ``path``: one row per teacher with
    credits in the year's approved registers, by 工号."""
    year = training.school_year(year)
    rows = list(_bureau_rows(year))
    return write_register(
        BUREAU,
        rows,
        path,
        unit=unit,
        period=f"{year}学年",
        filters_text="已审定的学分登记",
        total=len(rows),
    )


register_report(
    Report(
        "bureau-register",
        "报县教育局学分登记表",
        "2026-2027",
        lambda period, path, unit: write_bureau_register(period, path, unit=unit),
    )
)
