"""A marked register back from Excel (T3): the ``attendance`` import kind.

A row is one teacher's mark in one session, named by its 教研组 and 活动日期 (what the printed
签到表 shows; a group meets at most once a day), the teacher by 工号 (text: a number cell is
refused, its leading zeros are gone). The marks a marker types: 出勤, 迟到 and 早退 with the
minutes, 请假 (only with an approved leave), 缺席. The file is one register or several; a
teacher appears once per file (the importer refuses a repeated 工号, so a sheet of two
sessions is two files).

Why insert mode only, and every mark through ``training.mark_many``: marking is the same use
case the desktop's 考勤 column calls, all or nothing per register, every bad row named (a
teacher not on the roster, 请假 without an approved leave, minutes missing). The rule (T3):
an open register's marks may be marked again, so importing the sheet of an open register
again re-marks it from the file (the rows it names; the others keep their marks); a
confirmed register refuses its rows with the rule, naming the way it does change (培训办's
更正 with a reason, one mark at a time).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from forms.kinds import Filters, Kind, Values, register_kind
from forms.spec import Field, FieldType, FormSpec
from forms.training.staff import staff_no_field, teacher_of_row
from models import training
from models.errors import RowsRefused, RuleViolation
from models.training import (
    MARK_LABELS,
    AttendanceMark,
    Mark,
    MarkInput,
    SessionState,
    Teacher,
    TeachingGroup,
    TrainingSession,
)

TYPED_LABELS = tuple(MARK_LABELS[m] for m in (Mark.PRESENT, Mark.LATE, Mark.EARLY, Mark.LEAVE))
TYPED_LABELS += (MARK_LABELS[Mark.ABSENT],)

ATTENDANCE = FormSpec(
    name="attendance",
    title="考勤登记表",
    title_en="Attendance register",
    key="staff_no",
    fields=(
        Field(
            "group",
            "教研组",
            required=True,
            width=10,
            max_length=50,
            example="语文组",
            label_en="Group",
        ),
        Field("date", "活动日期", FieldType.DATE, required=True, width=12, label_en="Session date"),
        staff_no_field(),
        Field("name", "姓名", width=10, max_length=50, label_en="Name"),
        Field(
            "status",
            "考勤",
            FieldType.CHOICE,
            required=True,
            width=8,
            choices=TYPED_LABELS,
            help="出勤、迟到、早退、请假（须有已批准的请假）或缺席；有故缺席由教研处认定。",
            label_en="Mark",
        ),
        Field(
            "minutes",
            "分钟",
            FieldType.INTEGER,
            width=6,
            help="迟到、早退的分钟数；其他考勤不填。",
            label_en="Minutes",
        ),
        Field("note", "备注", width=20, max_length=200, label_en="Note"),
    ),
    help="每行一位教师在一次教研活动中的考勤。教研组和活动日期确定活动，工号确定教师。",
)


def _session(group: str, day: date) -> TrainingSession:
    found = (
        TrainingSession.select()
        .join(TeachingGroup)
        .where(
            (TeachingGroup.name == group.strip())
            & (TrainingSession.date == day)
            & (TrainingSession.state == SessionState.PLANNED)
        )
        .first()
    )
    if found is None:
        raise RuleViolation(
            "T3",
            f"{group} 在 {day} 没有教研活动",
            f"{group} holds no session on {day}",
            field="date",
        )
    return found


def mark_rows(actor: Any, rows: list[Values]) -> None:
    """The rows as marks: ``mark_many`` once per register, every bad row reported (by its
    index in ``rows``), nothing kept when one is bad (the caller's savepoint rolls back)."""
    problems: list[tuple[int, RuleViolation]] = []
    by_session: dict[int, list[tuple[int, MarkInput]]] = {}
    sessions: dict[tuple[str, date], TrainingSession] = {}
    for index, v in enumerate(rows):
        try:
            key = (v["group"], v["date"])
            if key not in sessions:
                sessions[key] = _session(*key)
            session = sessions[key]
            teacher = teacher_of_row(v["staff_no"], "T3")
        except RuleViolation as exc:
            problems.append((index, exc))
            continue
        entry = MarkInput(teacher.id, v["status"], v.get("minutes"), v.get("note") or "")
        by_session.setdefault(session.id, []).append((index, entry))
    for session_id, entries in by_session.items():
        session = TrainingSession.get_by_id(session_id)
        try:
            training.mark_many(actor, session, [e for _, e in entries])
        except RowsRefused as refused:
            problems.extend((entries[i][0], exc) for i, exc in refused.problems)
        except RuleViolation as exc:  # the register as a whole (confirmed, not open)
            problems.extend((index, exc) for index, _ in entries)
    if problems:
        raise RowsRefused(problems)


def _insert(actor: Any, values: Values) -> None:
    """One row (upsert mode): refused with its own violation."""
    try:
        mark_rows(actor, [values])
    except RowsRefused as refused:
        raise refused.problems[0][1] from None


def _refuse_update(*_: Any) -> bool:
    raise RuleViolation(
        "T3",
        "考勤按新增模式导入：考勤中的登记表再次导入即按文件重记；已确认的考勤由培训办更正",
        "marks are imported in insert mode: importing an open register again re-marks it; a "
        "confirmed register is corrected by the office",
    )


def _query(filters: Filters) -> Any:
    query = (
        AttendanceMark.select(AttendanceMark, TrainingSession, TeachingGroup, Teacher)
        .join(TrainingSession)
        .join(TeachingGroup)
        .switch(AttendanceMark)
        .join(Teacher)
    )
    if filters.get("group"):
        query = query.where(TeachingGroup.name == filters["group"])
    if filters.get("date"):
        query = query.where(TrainingSession.date == filters["date"])
    return query


def _rows(filters: Filters) -> Iterator[Values]:
    ordered = _query(filters).order_by(TrainingSession.date, TeachingGroup.name, Teacher.staff_no)
    for m in ordered.iterator():
        yield {
            "group": m.session.group.name,
            "date": m.session.date,
            "staff_no": m.teacher.staff_no,
            "name": m.teacher.name,
            "status": MARK_LABELS[Mark(m.status)] if m.status != Mark.PENDING else "",
            "minutes": m.minutes,
            "note": m.note,
        }


ATTENDANCE_KIND = register_kind(
    Kind(
        spec=ATTENDANCE,
        find=lambda key: None,  # a mark is always a new marking of an open register
        insert=_insert,
        update=_refuse_update,
        rows=_rows,
        count=lambda f: _query(f).count(),
        filters=("group", "date"),
        insert_batch=mark_rows,
        existing_keys=lambda keys: set(),
    )
)
