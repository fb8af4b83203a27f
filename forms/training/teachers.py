"""教师名册 in Excel and in the desktop's teacher dialog (T1): one declaration, ``TEACHERS``.

Why 工号, 继续教育编号 and 身份证号 are text kept as text (``as_text``): a 工号 typed into a
number cell has lost its leading zeros before the file is read (``00123`` arrives as 123),
and an 18-digit ID number its last three digits; such a cell is refused with how to fix the
column, never silently turned into a different teacher.

The ``teachers`` kind: insert mode runs ``training.add_teachers`` (the function the dialog's
one teacher goes through) in its two halves, ``check_teachers`` over the whole file outside
the write transaction, then ``write_teachers`` in one short one; all or nothing. Update
mode changes a teacher through ``training.update_teacher`` with the import as its reason
(X2). Group and tier are dated history with their own use cases, never columns of the roll.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from forms.kinds import Filters, Kind, Values, audited, mapped_check, register_kind
from forms.spec import Field, FieldType, FormSpec
from forms.training.staff import staff_no_field
from models import training
from models.base import select_in
from models.training import Teacher, TeacherStatus

STATUS_LABELS = tuple(s.label for s in TeacherStatus)
_STATUS_CODES = {s.label: s for s in TeacherStatus}
IMPORT_REASON = "按导入的教师名册更新"

TEACHER_FIELDS = (
    staff_no_field("学校的教师工号，前导零保留（00123）。请把该列设为「文本」格式。"),
    Field("name", "姓名", required=True, width=10, max_length=50, example="张三", label_en="Name"),
    Field(
        "id_number",
        "身份证号",
        required=True,
        width=22,
        max_length=18,
        example="11010519491231002X",
        help="18 位，末位为校验码。请把该列设为「文本」格式，否则 Excel 会丢掉后三位。",
        label_en="ID number",
        as_text=True,
    ),
    Field(
        "ce_no",
        "继续教育编号",
        width=14,
        max_length=30,
        help="县教育局继续教育平台的编号。",
        label_en="CE no.",
        as_text=True,
    ),
    Field("gender", "性别", FieldType.CHOICE, width=6, choices=("男", "女"), label_en="Gender"),
    Field("subject", "学科", width=8, max_length=30, example="语文", label_en="Subject"),
    Field("stage", "学段", width=8, max_length=20, example="初中", label_en="Stage"),
    Field("title", "职称", width=10, max_length=30, example="一级教师", label_en="Title"),
    Field("hired_on", "入职日期", FieldType.DATE, width=12, label_en="Hired on"),
    Field(
        "status",
        "状态",
        FieldType.CHOICE,
        width=8,
        choices=STATUS_LABELS,
        help="在职、调出或退休；调出、退休的教师不再列入考勤名单。",
        label_en="Status",
    ),
)

TEACHERS = FormSpec(
    name="teachers",
    title="教师名册",
    title_en="Teachers",
    key="staff_no",
    fields=TEACHER_FIELDS,
    help="每行一位教师。工号识别教师；教研组和层次另行登记（按日期记历史），不在名册中修改。",
)

REASON = Field(
    "reason",
    "修改原因",
    required=True,
    width=30,
    max_length=200,
    label_en="Reason for the change",
    multiline=True,
)


_KEYS = frozenset(f.key for f in TEACHER_FIELDS)


def model_values(values: Values) -> dict[str, Any]:
    """The form's typed values as the use cases take them (状态 as its code)."""
    out = {k: v for k, v in values.items() if k in _KEYS}
    if out.get("status") is not None:
        out["status"] = _STATUS_CODES[out["status"]].value
    elif "status" in out:
        del out["status"]
    if "gender" in out and out["gender"] is None:
        out["gender"] = ""
    return out


def form_values(t: Teacher) -> Values:
    """A teacher as the form shows him."""
    return {
        "staff_no": t.staff_no,
        "name": t.name,
        "id_number": t.id_number,
        "ce_no": t.ce_no or "",
        "gender": t.gender or None,
        "subject": t.subject,
        "stage": t.stage,
        "title": t.title,
        "hired_on": t.hired_on,
        "status": TeacherStatus(t.status).label,
    }


def _find(staff_no: str) -> Teacher | None:
    return Teacher.get_or_none(Teacher.staff_no == training.check_staff_no(staff_no))


def _insert(actor: Any, values: Values) -> None:
    _insert_batch(actor, [values])


def _insert_batch(actor: Any, batch: list[Values]) -> None:
    training.add_teachers(actor, [model_values(v) for v in batch])


def _update(actor: Any, teacher: Teacher, values: Values) -> bool:
    changes = model_values(values)
    before = form_values(teacher)
    fresh = training.update_teacher(actor, teacher, IMPORT_REASON, **changes)
    return form_values(fresh) != before


def _by_staff_no(part: list[str]) -> Any:
    return Teacher.select(Teacher.staff_no).where(Teacher.staff_no.in_(part))


def _existing(keys: list[str]) -> set[str]:
    """Which of ``keys`` are on the roll: one IN query per chunk on the unique 工号 (the
    text of one query built once, ``select_in``)."""
    return {k for (k,) in select_in(_by_staff_no, keys)}


def _query(filters: Filters) -> Any:
    query = Teacher.select()
    if filters.get("status"):
        query = query.where(Teacher.status == _STATUS_CODES[filters["status"]].value)
    if filters.get("subject"):
        query = query.where(Teacher.subject == filters["subject"])
    return query


def _rows(filters: Filters) -> Iterator[Values]:
    for t in _query(filters).order_by(Teacher.staff_no).iterator():
        yield form_values(t)


TEACHER_KIND = register_kind(
    Kind(
        spec=TEACHERS,
        find=_find,
        insert=_insert,
        update=_update,
        rows=_rows,
        count=lambda f: _query(f).count(),
        filters=("status", "subject"),
        insert_batch=_insert_batch,
        existing_keys=_existing,
        staged=audited(
            mapped_check(model_values, training.check_teachers), training.write_teachers
        ),
    )
)
