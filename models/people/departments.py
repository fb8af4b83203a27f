"""科室 and 中队: adding and changing them (administrators), and the office's order of them
in every list (科室 first, then 一中队, 二中队 … by the number in the name, X3)."""

from __future__ import annotations

from models import audit, numbers
from models.db import db
from models.errors import RuleViolation
from models.people.roles import (
    require_role,
)
from models.people.tables import (
    DEPARTMENT_KINDS,
    Actor,
    Department,
    Role,
)
from models.text import clean, number_in


def natural_sort_key(name: str, kind: str) -> int:
    """The order a new department takes: 科室 before 中队, then by the number in the name
    (一中队, 二中队 … 十二中队, not the order of their characters), unnumbered ones last."""
    number = number_in(name)
    return (0 if kind == "科室" else 1000) + (999 if number is None else min(number, 998))


DEPARTMENT_ORDER = (Department.sort_key, Department.name)
"""``order_by(*DEPARTMENT_ORDER)`` wherever departments are listed."""


def department_rank() -> dict[int, int]:
    """department id → its place in ``DEPARTMENT_ORDER`` (sorting rows already read)."""
    ids = Department.select(Department.id).order_by(*DEPARTMENT_ORDER).tuples()
    return {dept_id: rank for rank, (dept_id,) in enumerate(ids)}


def update_department(actor: Actor, department: Department, **changes: object) -> bool:
    """Rename a department, change its kind or its place in the lists (``sort_key``; the
    administrators). Returns whether anything changed; the change is audited old → new."""
    with db.atomic():
        require_role(actor, Role.ADMIN)
        allowed = {"name", "kind", "sort_key"}
        unknown = set(changes) - allowed
        if unknown:
            raise RuleViolation(None, f"不能修改：{unknown}", f"cannot change {unknown}")
        if department.is_voided:
            raise RuleViolation(
                "X2",
                f"部门「{department.name}」已作废，不能修改",
                f"department {department.name} is voided",
            )
        if changes.get("sort_key", 0) is None:
            del changes["sort_key"]  # left empty: the place stays as it is
        if "sort_key" in changes:
            changes["sort_key"] = numbers.whole(
                changes["sort_key"], "排序号", "the sort key", field="sort_key"
            )
        if "name" in changes:
            name = clean(changes["name"])
            if not name:
                raise RuleViolation(
                    None, "部门名称不能为空", "the department needs a name", field="name"
                )
            changes["name"] = name
        if "kind" in changes and changes["kind"] not in DEPARTMENT_KINDS:
            raise RuleViolation(
                None,
                f"部门类型只能是 {'/'.join(DEPARTMENT_KINDS)}",
                "kind must be 科室 or 中队",
                field="kind",
            )
        if "name" in changes and changes["name"] != department.name:
            taken = Department.select().where(
                (Department.name == changes["name"]) & (Department.id != department.id)
            )
            if taken.exists():
                raise RuleViolation(
                    None,
                    f"部门「{changes['name']}」已存在",
                    f"department {changes['name']} exists already",
                    field="name",
                )
        return bool(audit.update(actor, department, **changes))
