"""The role checks every use case makes first (X1), inside its own transaction, and the
questions who holds a role the approval engine asks at every step."""

from __future__ import annotations

from functools import lru_cache

import peewee

from models.base import now
from models.db import db
from models.errors import RuleViolation
from models.people.tables import (
    Actor,
    Role,
    User,
    UserRole,
)
from models.prepared import Prepared


def require_person(actor: Actor, what_zh: str, what_en: str) -> User:
    """Refuse (X1) the command line's system actor where a real person must act (a request
    is filed by its applicant, a repair by the vehicle's driver); return the person as the
    database holds him now (his department as it is, not as it was at login)."""
    if not isinstance(actor, User) or actor.id is None:
        raise RuleViolation(
            "X1",
            f"{what_zh}须由本人登录后办理，命令行（系统）不能代办",
            f"{what_en} must be done by the person himself, logged in; the command line "
            "cannot act for him",
        )
    require_active(actor)  # voided or locked since he logged in: refused
    return User.get_by_id(actor.id)


def require_active(actor: Actor) -> frozenset[Role]:
    """Refuse (X1) an actor whose account is voided (已调离) or locked now, and return the
    roles he holds now. The row is read again, in one query, inside the caller's
    transaction: a desktop keeps the ``User`` it logged in with, so what that object says
    is what was true at login. The fresh roles replace the object's cached ones, so the
    rest of the use case (``has_role``) sees them too. The command line's system actor has
    no row and is always active."""
    if actor.id is None:
        return actor.roles
    rows = db.execute_sql(_active_sql(type(db.obj)), (actor.id,)).fetchall()
    if not rows or rows[0][0] is not None:
        raise RuleViolation(
            "X1",
            f"{actor.display_name} 的账户已作废（已调离），不能操作",
            f"the account of {actor.display_name} is voided",
        )
    locked_until = User.locked_until.python_value(rows[0][1])  # raw SQL: text on SQLite
    if locked_until is not None and now() < locked_until:
        raise RuleViolation(
            "X1",
            f"{actor.display_name} 的账户已锁定，不能操作",
            f"the account of {actor.display_name} is locked",
        )
    roles = frozenset(Role(r) for _, _, r in rows if r is not None)
    if isinstance(actor, User):
        actor.__dict__["_roles"] = roles
    return roles


@lru_cache(maxsize=4)
def _active_sql(_backend: type) -> str:
    """``require_active``'s query, rendered once per kind of database: it runs inside nearly
    every use case (7,600 times in ``houqin demo``), and building it through peewee each time
    cost more than running it. The backend keys the cache because quoting differs."""
    sql, params = (
        User.select(User.voided_at, User.locked_until, UserRole.role)
        .join(UserRole, peewee.JOIN.LEFT_OUTER, on=(UserRole.user == User.id))
        .where(User.id == 0)
        .sql()
    )
    assert params == [0], params
    return sql


def require_role(actor: Actor, *roles: Role) -> None:
    """Refuse (X1) unless ``actor`` is active and holds one of ``roles`` now, as the
    database says inside the caller's transaction (``require_active``)."""
    if not require_active(actor).intersection(roles):
        wanted_zh = "、".join(r.label for r in roles)
        wanted_en = ", ".join(r.label_en for r in roles)
        raise RuleViolation(
            "X1",
            f"{actor.display_name} 无权执行此操作，需要角色：{wanted_zh}",
            f"{actor.display_name} may not do this; it needs the role {wanted_en}",
        )


def users_with_role(role: Role) -> peewee.ModelSelect:
    """Active (not voided) users holding ``role``."""
    return (
        User.select()
        .join(UserRole)
        .where((UserRole.role == role.value) & User.voided_at.is_null())
        .order_by(User.id)
    )


# The approvers the workflow engine resolves at every step of every document: rendered once.
_HOLDERS = Prepared(
    lambda role: (
        User.select()
        .join(UserRole)
        .where((UserRole.role == role) & User.voided_at.is_null())
        .order_by(User.id)
    )
)
_HEADS = Prepared(
    lambda department: users_with_role(Role.DEPT_HEAD).where(User.department == department)
)


def role_holders(role: Role) -> list[User]:
    """``users_with_role(role)``, as a list (one text for every role)."""
    return list(_HOLDERS.rows(role.value))


def department_heads(department_id: int | None) -> list[User]:
    """The 科室负责人 of a department (a department may have more than one)."""
    if department_id is None:
        return []
    return list(_HEADS.rows(department_id))
