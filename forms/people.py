"""Master data as registers: 部门 (departments) and 用户 (users).

The declarations drive the template, the importer, the export and the desktop dialog; the
writes go through ``models.people`` (``add_departments``, ``add_users``, ``update_user``,
``set_roles``, ``update_department``), so importing a user checks exactly what the user
dialog checks. Departments go to their batch use case a batch per call; users a batch of
one per row, because the importer takes a new user's one-time password only from ``insert``
(``Kind.insert_batch`` returns nothing to show).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import peewee

from forms.kinds import Filters, Kind, Values, register_kind
from forms.spec import Field, FieldType, FormSpec, Reference
from models import passwords, people
from models.base import select_in
from models.errors import RowsRefused, RuleViolation
from models.people import (
    DEPARTMENT_KINDS,
    DEPARTMENT_ORDER,
    ROLE_LABELS,
    Department,
    Role,
    User,
    UserRole,
)
from models.text import clean


def _active_department(name: str) -> Department | None:
    return Department.get_or_none((Department.name == name) & Department.voided_at.is_null())


def _department_names() -> list[str]:
    query = Department.select(Department.name).where(Department.voided_at.is_null())
    return [d.name for d in query.order_by(*DEPARTMENT_ORDER)]


DEPARTMENT_REF = Reference("部门", _active_department, _department_names)

DEPARTMENTS = FormSpec(
    name="departments",
    title="部门名册",
    title_en="Departments",
    key="name",
    fields=(
        Field(
            "name",
            "部门名称",
            required=True,
            width=20,
            max_length=100,
            help="科室或中队的全称，在本单位内不重复，例如「办公室」「一中队」。",
            example="办公室",
            label_en="Name",
        ),
        Field(
            "kind",
            "类型",
            FieldType.CHOICE,
            width=10,
            choices=DEPARTMENT_KINDS,
            help="科室或中队；不填按科室。",
            example="科室",
            label_en="Kind",
        ),
        Field(
            "sort_key",
            "排序号",
            FieldType.INTEGER,
            width=8,
            help="在各列表、选择框和报表中的先后，小的在前；新增时不填则按名称中的序号排"
            "（科室在前，一中队、二中队……）。",
            example=None,
            label_en="Order",
        ),
    ),
    help="每行一个部门。按部门名称识别：更新模式只能修改类型（改名请在软件中操作）。",
)

USERS = FormSpec(
    name="users",
    title="用户名册",
    title_en="Users",
    key="username",
    fields=(
        Field(
            "username",
            "用户名",
            required=True,
            width=16,
            max_length=64,
            help="登录用的名字，字母或拼音，不重复，例如 zhangsan。",
            example="zhangsan",
            label_en="User name",
        ),
        Field(
            "name",
            "姓名",
            required=True,
            width=12,
            max_length=64,
            help="真实姓名，打印在表单和审批记录上。",
            example="张三",
            label_en="Name",
        ),
        Field(
            "department",
            "部门",
            FieldType.REFERENCE,
            width=16,
            reference=DEPARTMENT_REF,
            help="所在科室或中队，须已在部门名册中。",
            example="办公室",
            label_en="Department",
        ),
        Field(
            "roles",
            "角色",
            FieldType.CHOICE,
            width=24,
            choices=tuple(zh for zh, _ in ROLE_LABELS.values()),
            multiple=True,
            help="可填多个，用「、」或逗号分隔，例如「办事员、车管」。",
            example="办事员",
            label_en="Roles",
        ),
        Field(
            "phone",
            "电话",
            width=16,
            max_length=32,
            help="办公或手机号码。",
            example="13800138000",
            label_en="Phone",
        ),
    ),
    help=(
        "每行一个用户。新用户的初始密码由系统随机生成，导入完成后只显示一次，"
        "请转告本人并提醒其登录后修改。"
    ),
)


# --- departments -------------------------------------------------------------------------


def _department_fields(values: Values) -> dict[str, Any]:
    """A row of the sheet as ``people.add_departments`` takes a department."""
    return {
        "name": values["name"],
        "kind": values.get("kind") or "科室",
        "sort_key": values.get("sort_key"),
    }


def _insert_department(actor: Any, values: Values) -> None:
    try:
        people.add_departments(actor, [_department_fields(values)])
    except RowsRefused as refused:
        raise refused.problems[0][1] from None


def _insert_departments(actor: Any, rows: list[Values]) -> None:
    people.add_departments(actor, [_department_fields(v) for v in rows])


def _existing_departments(names: list[str]) -> set[str]:
    """Which of ``names`` (as typed) are in the register, voided ones too: one IN query per
    chunk on the unique name."""
    cleaned = {clean(n): n for n in names}
    query = lambda part: Department.select(Department.name).where(Department.name.in_(part))  # noqa: E731
    return {cleaned[n] for (n,) in select_in(query, list(cleaned)) if n in cleaned}


def _update_department(actor: Any, department: Department, values: Values) -> bool:
    changes = {k: v for k, v in values.items() if k != "name"}
    return people.update_department(actor, department, **changes) if changes else False


def _department_query(filters: Filters) -> Any:
    query = Department.select().where(Department.voided_at.is_null())
    if filters.get("kind"):
        query = query.where(Department.kind == filters["kind"])
    return query


def _department_rows(filters: Filters) -> Iterator[Values]:
    for dept in _department_query(filters).order_by(*DEPARTMENT_ORDER).iterator():
        yield {"name": dept.name, "kind": dept.kind, "sort_key": dept.sort_key}


DEPARTMENT_KIND = register_kind(
    Kind(
        spec=DEPARTMENTS,
        find=lambda key: Department.get_or_none(Department.name == key),
        insert=_insert_department,
        update=_update_department,
        rows=_department_rows,
        count=lambda filters: _department_query(filters).count(),
        filters=("kind",),
        insert_batch=_insert_departments,
        existing_keys=_existing_departments,
    )
)


# --- users -------------------------------------------------------------------------------


def _roles(labels: tuple[str, ...] | None) -> list[Role]:
    return [people.role_from_label(label) for label in labels or ()]


def _insert_user(actor: Any, values: Values) -> str:
    password = passwords.new_password()
    people.add_user(
        actor,
        values["username"],
        values["name"],
        password,
        values.get("department"),
        _roles(values.get("roles")),
        phone=values.get("phone") or "",
    )
    return password


def _update_user(actor: Any, user: User, values: Values) -> bool:
    if user.is_voided:
        raise RuleViolation(
            "X2", f"用户「{user.username}」已作废，不能修改", f"user {user.username} is voided"
        )
    changes = {k: values[k] for k in ("name", "department", "phone") if k in values}
    before = (user.name, user.department_id, user.phone, user.roles)
    if changes:
        people.update_user(actor, user, **changes)
    if "roles" in values:
        wanted = frozenset(_roles(values["roles"]))
        if wanted != user.roles:
            people.set_roles(actor, user, wanted)
    return before != (user.name, user.department_id, user.phone, user.roles)


def _user_query(filters: Filters) -> Any:
    query = (
        User.select(User, Department)
        .join(Department, on=(User.department == Department.id), join_type=peewee.JOIN.LEFT_OUTER)
        .where(User.voided_at.is_null())
    )
    if filters.get("department"):
        query = query.where(Department.name == filters["department"])
    if filters.get("roles"):
        codes = [people.role_from_label(r).value for r in filters["roles"]]
        having = UserRole.select(UserRole.user).where(UserRole.role.in_(codes))
        query = query.where(User.id.in_(having))
    for key in ("username", "name", "phone"):
        if filters.get(key):
            query = query.where(getattr(User, key) == filters[key])
    return query


def _user_rows(filters: Filters) -> Iterator[Values]:
    roles: dict[int, list[str]] = {}
    for row in UserRole.select(UserRole.user, UserRole.role).tuples().iterator():
        roles.setdefault(row[0], []).append(row[1])
    order = list(Role)
    for user in _user_query(filters).order_by(User.id).iterator():
        codes = sorted(roles.get(user.id, []), key=lambda c: order.index(Role(c)))
        yield {
            "username": user.username,
            "name": user.name,
            "department": user.department.name if user.department_id else None,
            "roles": tuple(Role(c).label for c in codes),
            "phone": user.phone,
        }


USER_KIND = register_kind(
    Kind(
        spec=USERS,
        find=lambda key: User.get_or_none(User.username == people.normalize_username(key)),
        insert=_insert_user,
        update=_update_user,
        rows=_user_rows,
        count=lambda filters: _user_query(filters).count(),
        filters=("username", "name", "department", "roles", "phone"),
    )
)
