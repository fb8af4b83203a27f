"""教师名册 in batches (T1, X3): ``add_teachers`` is THE way a teacher enters the roll.

``add_teacher`` (the dialog's one teacher) is a batch of one, the ``teachers`` import sends a
file, through the same two halves: ``check_teachers`` (every rule, reads only: the importer
runs it over the whole file before it opens the write transaction, ``seen`` carrying what
earlier batches of the file bring) and ``write_teachers`` (inside the write transaction: the
indexed re-checks when another desktop may have written since, then the bulk insert with
the audit rows). All or nothing: every bad row is found (its first problem), then
``RowsRefused`` names each and nothing is written.

Cost: the 工号, ID numbers and 继续教育编号 of a batch are looked up in one IN query per chunk
on their unique indexes; the rows' texts are checked once in the check half (``row_checker``),
so the write half only writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from models import audit
from models.base import select_in
from models.db import db, is_mysql
from models.errors import RowsRefused, RuleViolation
from models.people import Actor, User, require_role
from models.text import row_checker
from models.training.teachers import MANAGERS, Teacher, TeacherStatus, _teacher_fields

_TEACHER_DEFAULTS: dict[str, Any] = {
    "staff_no": None,
    "name": None,
    "id_number": None,
    "ce_no": None,
    "gender": "",
    "subject": "",
    "stage": "",
    "title": "",
    "hired_on": None,
    "status": TeacherStatus.ACTIVE,
    "user": None,
}
_UNIQUE = (("staff_no", "工号"), ("id_number", "身份证号"), ("ce_no", "继续教育编号"))
# The columns' text checks (lengths, control characters), of the texts that can break them:
# an ID number has passed its 18-character pattern and the status is a code of its own.
_TEXTS = ("staff_no", "ce_no", "name", "name_search", "gender", "subject", "stage", "title")
_check_texts = row_checker([getattr(Teacher, k) for k in _TEXTS])

Problems = list[tuple[int, RuleViolation]]


def check_teachers(
    actor: Actor, rows: Sequence[Mapping[str, Any]], seen: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """T1 and X3 for a batch, the checking half of ``add_teachers``: each row's fields (a
    工号 or ID number given as a number, an ID number's check digit, the name, the columns'
    lengths), then the 工号, ID numbers and 继续教育编号 against the roll, the rows before
    and, through ``seen``, the earlier batches of the same file. Reads only. Returns the
    rows as stored, in order."""
    require_role(actor, *MANAGERS)  # the actor first (X1)
    seen = {} if seen is None else seen
    problems: Problems = []
    good: list[tuple[int, dict[str, Any]]] = []
    for index, row in enumerate(rows):
        try:
            fields = _teacher_fields({**_TEACHER_DEFAULTS, **row})
            _check_texts([fields[k] for k in _TEXTS])
        except RuleViolation as exc:
            problems.append((index, exc))
            continue
        if fields["user"] is not None:
            fields["user"] = fields["user"].id
        good.append((index, fields))
    problems += _taken(good, seen)
    if problems:
        raise RowsRefused(_first_of_each(problems))
    return [fields for _, fields in good]


def _taken(good: Sequence[tuple[int, dict[str, Any]]], seen: dict[str, Any]) -> Problems:
    """T1: a 工号, ID number or 继续教育编号 another teacher holds, or an earlier row (of this
    batch or, in ``seen``, of an earlier one). One IN query per chunk on each unique index;
    compared as the database compares them (MariaDB's collation ignores case)."""
    fold = str.casefold if is_mysql() else str
    problems: Problems = []
    for key, zh in _UNIQUE:
        column = getattr(Teacher, key)
        wanted = sorted({f[key] for _, f in good if f[key] is not None})
        query = lambda part, c=column: Teacher.select(c).where(c.in_(part))  # noqa: E731
        taken = {fold(v) for (v,) in select_in(query, wanted)}
        earlier: set[str] = seen.setdefault(key, set())
        for index, fields in good:
            value = fields[key]
            if value is None:
                continue
            folded = fold(value)
            if folded in taken or folded in earlier:
                problems.append(
                    (
                        index,
                        RuleViolation(
                            "T1",
                            f"{zh} {value} 已属于另一位教师",
                            f"{key} {value} belongs to another teacher",
                            field=key,
                        ),
                    )
                )
            earlier.add(folded)
    return problems


def _first_of_each(problems: Problems) -> Problems:
    first: dict[int, RuleViolation] = {}
    for index, exc in problems:
        first.setdefault(index, exc)
    return sorted(first.items(), key=lambda p: p[0])


def write_teachers(
    actor: Actor,
    rows: Sequence[dict[str, Any]],
    *,
    recheck: bool = True,
    payloads: Sequence[str] | None = None,
) -> list[int]:
    """The writing half of ``add_teachers``: ``rows`` as ``check_teachers`` returned them,
    written in bulk with their audit rows (inside the caller's transaction). ``recheck``: the
    rows were checked outside this transaction (an importer's first pass), so the unique
    numbers are looked up again here, under the write lock, on their indexes. ``payloads``:
    the audit changes made in the check pass. Returns the new ids in order."""
    require_role(actor, *MANAGERS)
    if recheck:
        problems = _taken(list(enumerate(rows)), {})
        if problems:
            raise RowsRefused(_first_of_each(problems))
    # checked: each row passed ``_check_texts`` in ``check_teachers``
    return audit.create_many(actor, Teacher, "staff_no", rows, checked=True, payloads=payloads)


def add_teachers(actor: Actor, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Enter teachers (培训办): THE way a teacher is added (``add_teacher`` is a batch of
    one, the ``teachers`` import sends a file through the same two halves). Each row holds
    ``staff_no``, ``name`` and ``id_number``, optionally ``ce_no``, ``gender``, ``subject``,
    ``stage``, ``title``, ``hired_on``, ``status``, ``user``. Refused, every bad row named
    (``RowsRefused``) and nothing written: a 工号 or ID number given as a number (X3), an ID
    number whose check digit is wrong (X3), a 工号, 继续教育编号 or ID number another teacher,
    or another row, holds (T1), a text longer than its column. Returns the new ids in order."""
    with db.atomic():
        return write_teachers(actor, check_teachers(actor, rows), recheck=False)


def add_teacher(
    actor: Actor,
    *,
    staff_no: Any,
    name: str,
    id_number: Any,
    ce_no: Any = None,
    gender: str = "",
    subject: str = "",
    stage: str = "",
    title: str = "",
    hired_on: date | None = None,
    user: User | int | None = None,
    status: TeacherStatus | str = TeacherStatus.ACTIVE,
) -> Teacher:
    """One teacher: ``add_teachers`` with one row, refused with that row's violation."""
    row = {
        "staff_no": staff_no,
        "name": name,
        "id_number": id_number,
        "ce_no": ce_no,
        "gender": gender,
        "subject": subject,
        "stage": stage,
        "title": title,
        "hired_on": hired_on,
        "user": user,
        "status": status,
    }
    try:
        (teacher_id,) = add_teachers(actor, [row])
    except RowsRefused as refused:
        raise refused.problems[0][1] from None
    return Teacher.get_by_id(teacher_id)
