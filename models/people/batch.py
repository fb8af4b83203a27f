"""Departments and users in batches (X1, X3): the one door of each register.

``add_departments`` and ``add_users`` are THE way a department or a user enters the register:
``add_department``/``add_user`` are a batch of one (the same function, the same checks in the
same order), the importer sends thousands. All or nothing: every bad row is found (its first
problem), then ``RowsRefused`` names each and nothing is written. The names are looked up for
the whole batch in one IN query per chunk on their unique index, compared as the database
compares them (MariaDB ignores case); rows, roles and audit rows are written in bulk.

``models.people`` exports these names; the first administrator is written by
``insert_users`` too (``create_first_admin``), without the role check only he may skip.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from models import audit, numbers
from models.base import bulk_insert, select_in
from models.db import db, is_mysql
from models.errors import RowsRefused, RuleViolation
from models.passwords import check_password_strength, hash_password
from models.people.departments import natural_sort_key
from models.people.roles import require_role
from models.people.tables import (
    DEPARTMENT_KINDS,
    Actor,
    Department,
    Role,
    User,
    UserRole,
    normalize_username,
)
from models.text import clean, row_checker, search_key


def _taken(model: Any, field: Any, values: list[str]) -> tuple[set[str], Any]:
    """Which of ``values`` the register holds (voided rows too: a name stays taken), in one
    IN query per chunk on the unique index, folded as the database compares text."""
    fold = str.casefold if is_mysql() else str
    query = lambda part: model.select(field).where(field.in_(part))  # noqa: E731
    return {fold(v) for (v,) in select_in(query, sorted(set(values)))}, fold


def add_departments(actor: Actor, departments: Sequence[Mapping[str, Any]]) -> list[int]:
    """科室 and 中队 (administrators): each row holds ``name`` and optionally ``kind``
    (科室 unless given) and ``sort_key`` (its place in the lists, from its name unless
    given). Returns the new ids in order."""
    with db.atomic():
        require_role(actor, Role.ADMIN)  # the actor first (X1)
        check = row_checker([Department.name, Department.kind])
        problems: list[tuple[int, RuleViolation]] = []
        rows: list[tuple[int, dict[str, Any]]] = []
        for index, fields in enumerate(departments):
            try:
                name, kind = clean(fields.get("name")), fields.get("kind") or "科室"
                if not name:
                    raise RuleViolation(
                        None, "部门名称不能为空", "the department needs a name", field="name"
                    )
                if kind not in DEPARTMENT_KINDS:
                    raise RuleViolation(
                        None,
                        f"部门类型只能是 {'/'.join(DEPARTMENT_KINDS)}",
                        "kind must be 科室 or 中队",
                        field="kind",
                    )
                check([name, kind])
                sort_key = fields.get("sort_key")
                if sort_key is None:
                    sort_key = natural_sort_key(name, kind)
                else:
                    sort_key = numbers.whole(sort_key, "排序号", "the sort key", field="sort_key")
            except RuleViolation as exc:
                problems.append((index, exc))
                continue
            rows.append((index, {"name": name, "kind": kind, "sort_key": sort_key}))
        taken, fold = _taken(Department, Department.name, [r["name"] for _, r in rows])
        for index, row in rows:
            name = fold(row["name"])
            if name in taken:
                problems.append(
                    (
                        index,
                        RuleViolation(
                            None,
                            f"部门「{row['name']}」已存在",
                            f"department {row['name']} exists already",
                            field="name",
                        ),
                    )
                )
            taken.add(name)
        if problems:
            raise RowsRefused(problems)
        return audit.create_many(actor, Department, "name", [r for _, r in rows], checked=True)


def add_department(
    actor: Actor, name: str, kind: str = "科室", *, sort_key: int | None = None
) -> Department:
    """One department: ``add_departments`` with one row, refused with its own violation."""
    try:
        (department_id,) = add_departments(
            actor, [{"name": name, "kind": kind, "sort_key": sort_key}]
        )
    except RowsRefused as refused:
        raise refused.problems[0][1] from None
    return Department.get_by_id(department_id)


def add_users(actor: Actor, users: Sequence[Mapping[str, Any]]) -> list[int]:
    """User accounts (administrators): each row holds ``username``, ``name``, ``password``
    and optionally ``department`` (a record or its id), ``roles`` and ``phone``. The
    passwords are hashed only once every row has passed (scrypt is the dear part: a refused
    batch costs none). Roles go in bulk, each user's audited as ``add_user`` audits them.
    Returns the new ids in order."""
    with db.atomic():
        require_role(actor, Role.ADMIN)  # the actor first (X1)
        return insert_users(actor, users)


def insert_users(actor: Actor, users: Sequence[Mapping[str, Any]]) -> list[int]:
    """``add_users`` without its role check, inside the caller's transaction: for the
    caller that has checked already (``create_first_admin``, whose actor is the system)."""
    check = row_checker([User.username, User.name, User.phone])
    problems: list[tuple[int, RuleViolation]] = []
    rows: list[tuple[int, dict[str, Any], str, list[Role]]] = []
    for index, fields in enumerate(users):
        try:
            username = normalize_username(str(fields.get("username") or ""))
            name = clean(fields.get("name"))
            if not username:
                raise RuleViolation(
                    None, "用户名不能为空", "the user name is empty", field="username"
                )
            if not name:
                raise RuleViolation(None, "姓名不能为空", "the name is empty", field="name")
            phone = str(fields.get("phone") or "")
            check([username, name, phone])
            password = str(fields.get("password") or "")
            check_password_strength(password)
            roles = _roles(fields.get("roles") or ())
        except RuleViolation as exc:
            problems.append((index, exc))
            continue
        department = fields.get("department")
        row = {
            "username": username,
            "name": name,
            "name_search": search_key(name),
            "department": getattr(department, "id", department),
            "phone": phone,
        }
        rows.append((index, row, password, roles))
    taken, fold = _taken(User, User.username, [r["username"] for _, r, _, _ in rows])
    for index, row, _, _ in rows:
        username = fold(row["username"])
        if username in taken:
            problems.append(
                (
                    index,
                    RuleViolation(
                        None,
                        f"用户名「{row['username']}」已被使用",
                        f"user name {row['username']} is taken",
                        field="username",
                    ),
                )
            )
        taken.add(username)
    if problems:
        raise RowsRefused(problems)
    for _, row, password, _ in rows:
        row["password_hash"] = hash_password(password)
    ids = audit.create_many(actor, User, "username", [r for _, r, _, _ in rows], checked=True)
    granted = [(uid, roles) for uid, (_, _, _, roles) in zip(ids, rows, strict=True) if roles]
    bulk_insert(UserRole, [{"user": uid, "role": r.value} for uid, roles in granted for r in roles])
    audit.record_many(
        actor,
        "user",
        [(uid, "roles", {"roles": ([], sorted(r.value for r in roles))}) for uid, roles in granted],
    )
    return ids


def _roles(roles: Iterable[Any]) -> list[Role]:
    """The roles of a row, each once, in ``Role``'s order; an unknown one refused."""
    try:
        wanted = {Role(r) for r in roles}
    except ValueError as exc:
        raise RuleViolation(
            None, f"未知角色：{exc}", f"unknown role: {exc}", field="roles"
        ) from None
    return [r for r in Role if r in wanted]


def add_user(
    actor: Actor,
    username: str,
    name: str,
    password: str,
    department: Department | None = None,
    roles: Iterable[Role] = (),
    phone: str = "",
) -> User:
    """One user: ``add_users`` with one row, refused with its own violation."""
    fields = {
        "username": username,
        "name": name,
        "password": password,
        "department": department,
        "roles": list(roles),
        "phone": phone,
    }
    try:
        (user_id,) = add_users(actor, [fields])
    except RowsRefused as refused:
        raise refused.problems[0][1] from None
    return User.get_by_id(user_id)
