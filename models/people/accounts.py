"""The administrators' work on accounts: the first administrator, users, their roles and
passwords, locking and voiding (a departed approver's open tasks move on, X1)."""

from __future__ import annotations

from collections.abc import Iterable

from models import audit
from models.db import db
from models.errors import RuleViolation
from models.passwords import (
    check_password_strength,
    hash_password,
    verify_password,
)
from models.people.batch import insert_users
from models.people.roles import (
    require_active,
    require_role,
)
from models.people.tables import (
    LOCKED_FOREVER,
    SYSTEM,
    Actor,
    Role,
    User,
    UserRole,
    normalize_username,
)
from models.text import clean, search_key


def has_users() -> bool:
    return User.select().exists()


def create_first_admin(username: str, password: str, name: str = "系统管理员") -> User:
    """The first start of an empty database creates the administrator; never again (also
    when several desktops start at once: the office-wide lock lets one in)."""
    from models.db import exclusive

    with exclusive("first-admin"), db.atomic():
        if has_users():
            raise RuleViolation(
                "X1",
                "管理员已存在，请用管理员账户登录后添加用户",
                "an administrator exists already; log in as administrator to add users",
            )
        (user_id,) = insert_users(
            SYSTEM,
            [{"username": username, "name": name, "password": password, "roles": [Role.ADMIN]}],
        )
        return User.get_by_id(user_id)


def _write_roles(actor: Actor, user: User, roles: Iterable[Role]) -> None:
    wanted = {Role(r) for r in roles}
    current = set(user.roles) if user.id else set()
    for role in wanted - current:
        UserRole.create(user=user, role=role.value)
    gone = current - wanted
    if gone:
        UserRole.delete().where(
            (UserRole.user == user.id) & UserRole.role.in_([r.value for r in gone])
        ).execute()
    if wanted != current:
        audit.record(
            actor,
            "user",
            user.id,
            "roles",
            {"roles": (sorted(r.value for r in current), sorted(r.value for r in wanted))},
        )
    user.__dict__["_roles"] = frozenset(wanted)


def set_roles(actor: Actor, user: User, roles: Iterable[Role]) -> None:
    """Change a user's roles; the open approval tasks he may no longer decide move
    (``workflow.departures``)."""
    with db.atomic():
        require_role(actor, Role.ADMIN)
        user.__dict__.pop("_roles", None)
        _write_roles(actor, user, roles)
        _move_open_tasks(actor, user, "的角色已变更", only_ineligible=True)


def _move_open_tasks(actor: Actor, user: User, why: str, **options: bool) -> None:
    """A departed approver's open tasks move to his delegate, the node's other approvers or
    an administrator (X1); the engine knows how, so it is imported when needed (the engine
    stands on this module)."""
    from models.workflow.departures import move_open_tasks

    move_open_tasks(actor, user, why, **options)


def update_user(actor: Actor, user: User, **changes: object) -> None:
    """Change name, department or phone (administrators)."""
    with db.atomic():
        require_role(actor, Role.ADMIN)
        allowed = {"name", "department", "phone"}
        unknown = set(changes) - allowed
        if unknown:
            raise RuleViolation(None, f"不能修改：{unknown}", f"cannot change {unknown}")
        if "name" in changes:
            changes["name"] = clean(changes["name"])
            if not changes["name"]:
                raise RuleViolation(None, "姓名不能为空", "the name is empty", field="name")
            changes["name_search"] = search_key(str(changes["name"]))
        audit.update(actor, user, **changes)


def change_password(
    actor: Actor, user: User, new_password: str, old_password: str | None = None
) -> None:
    """Users change their own password with the old one; administrators reset anyone's."""
    with db.atomic():
        require_active(actor)
        is_self = actor.id is not None and actor.id == user.id
        if is_self and not actor.has_role(Role.ADMIN):
            if old_password is None or not verify_password(old_password, user.password_hash):
                raise RuleViolation(
                    None, "原密码错误", "the old password is wrong", field="old_password"
                )
        elif not is_self:
            require_role(actor, Role.ADMIN)
        check_password_strength(new_password)
        User.update(password_hash=hash_password(new_password), failed_logins=0).where(
            User.id == user.id
        ).execute()
        audit.record(actor, "user", user.id, "password", note="密码已更改 / password changed")


def lock_user(actor: Actor, user: User) -> None:
    with db.atomic():
        require_role(actor, Role.ADMIN)
        audit.update(actor, user, audit_action="lock", locked_until=LOCKED_FOREVER)
        _move_open_tasks(actor, user, "的账户已锁定")


def unlock_user(actor: Actor, user: User) -> None:
    with db.atomic():
        require_role(actor, Role.ADMIN)
        audit.update(actor, user, audit_action="unlock", locked_until=None, failed_logins=0)


def void_user(actor: Actor, user: User, reason: str) -> None:
    with db.atomic():
        require_role(actor, Role.ADMIN)
        if actor.id == user.id:
            raise RuleViolation("X1", "不能作废自己的账户", "you cannot void your own account")
        audit.void(actor, user, reason)
        _move_open_tasks(actor, user, f"{reason.strip()}（账户已作废）")


def get_user(username: str) -> User:
    user = User.get_or_none(User.username == normalize_username(username))
    if user is None:
        raise RuleViolation(
            None, f"没有用户「{username}」", f"no user {username}", field="username"
        )
    return user
