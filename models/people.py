"""Departments, users, roles and login (X1).

Every use case in Houqin takes the acting user first and checks the role here with
``require_role``. Passwords are stored as salted scrypt hashes (stdlib ``hashlib.scrypt``,
memory-hard, so no extra dependency is needed); the clear text is never stored or logged.
Five failed logins in a row lock an account for fifteen minutes (both are settings).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

import peewee

from models import audit, numbers, settings
from models.base import BaseModel, VoidableModel, now
from models.db import db
from models.errors import RuleViolation
from models.passwords import (
    check_password_strength,
    dummy_hash,
    hash_password,
    verify_password,
)
from models.prepared import Prepared
from models.text import clean, number_in, search_key


class Role(StrEnum):
    CLERK = "clerk"
    FLEET_MANAGER = "fleet_manager"
    LOGISTICS = "logistics"
    DEPT_HEAD = "dept_head"
    LEADER = "leader"
    SERVICE = "service"
    SALES = "sales"
    SERVICE_MANAGER = "service_manager"
    TRAINING = "training"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return ROLE_LABELS[self][1]


ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.CLERK: ("办事员", "clerk"),
    Role.FLEET_MANAGER: ("车管", "fleet manager"),
    Role.LOGISTICS: ("后勤", "logistics officer"),
    Role.DEPT_HEAD: ("科室负责人", "department head"),
    Role.LEADER: ("主要领导", "main leader"),
    Role.SERVICE: ("客服", "customer-service staff"),
    Role.SALES: ("销售", "sales staff"),
    Role.SERVICE_MANAGER: ("客服管理", "service management"),
    Role.TRAINING: ("培训办", "training office"),
    Role.ADMIN: ("管理员", "administrator"),
}

DEPARTMENT_KINDS = ("科室", "中队")
LOCKED_FOREVER = datetime(9999, 12, 31)


def normalize_username(text: str) -> str:
    """User names are case-insensitive (ZhangSan is zhangsan), stored lower case, so SQLite
    and MySQL's case-insensitive collation agree on who is who; full-width forms are folded
    (NFKC: ``ｚｈａｎｇｓａｎ`` is zhangsan) and invisible characters dropped, so a name
    typed on a Chinese keyboard or pasted from a chat is the same account."""
    return unicodedata.normalize("NFKC", clean(text)).strip().lower()


def role_from_label(text: str) -> Role:
    """``Role`` from its code or its Chinese label (as typed in an Excel sheet)."""
    text = text.strip()
    for role, (zh, en) in ROLE_LABELS.items():
        if text in (role.value, zh, en):
            return role
    raise RuleViolation(None, f"未知角色：{text}", f"unknown role: {text}", field="roles")


class Department(VoidableModel):
    name = peewee.CharField(max_length=100, unique=True)
    kind = peewee.CharField(max_length=10, default="科室")
    # Where the department stands in every list, picker and report (then by name): set from
    # the name when it is created (科室 first, then 一中队, 二中队 … 十二中队), and changed by
    # an administrator where the office's own order differs.
    sort_key = peewee.IntegerField(default=0, index=True)

    def __str__(self) -> str:
        return self.name


class User(VoidableModel):
    username = peewee.CharField(max_length=64, unique=True)
    name = peewee.CharField(max_length=64)
    name_search = peewee.CharField(max_length=255, default="", index=True)
    department = peewee.ForeignKeyField(Department, null=True, backref="users")
    phone = peewee.CharField(max_length=32, default="")
    password_hash = peewee.CharField(max_length=255)
    failed_logins = peewee.IntegerField(default=0)
    locked_until = peewee.DateTimeField(null=True)
    last_login_at = peewee.DateTimeField(null=True)

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def roles(self) -> frozenset[Role]:
        cached = self.__dict__.get("_roles")
        if cached is None:
            cached = frozenset(
                Role(r.role) for r in UserRole.select().where(UserRole.user == self.id)
            )
            self.__dict__["_roles"] = cached
        return cached

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    def __str__(self) -> str:
        return self.name


class UserRole(BaseModel):
    user = peewee.ForeignKeyField(User, backref="role_rows")
    role = peewee.CharField(max_length=32, index=True)

    class Meta:
        indexes = ((("user", "role"), True),)


@dataclass(frozen=True)
class SystemActor:
    """The command line run by whoever holds the database file or server account: it acts
    as an administrator and is named as such in the audit log."""

    id: None = None
    display_name: str = "系统（命令行）"
    name: str = "系统（命令行）"
    department_id: None = None  # belongs to no department: no department's request is its
    department: None = None
    roles: frozenset[Role] = field(default_factory=lambda: frozenset({Role.ADMIN}))

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))


SYSTEM = SystemActor()
Actor = User | SystemActor


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


# --- role checks -------------------------------------------------------------------------


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


# --- login -------------------------------------------------------------------------------


def authenticate(username: str, password: str, *, at: datetime | None = None) -> User:
    """Check a login. Wrong user and wrong password give the same message (no account
    probing); each failure counts, and reaching the limit locks the account."""
    at = at or now()
    user = User.get_or_none(
        (User.username == normalize_username(username)) & User.voided_at.is_null()
    )
    if user is None:
        verify_password(password, dummy_hash())  # same time as a real check
        raise _bad_login()
    if user.locked_until is not None and at < user.locked_until:
        raise _locked(user.locked_until)
    if not verify_password(password, user.password_hash):
        _count_failure(user, at)
        raise _bad_login()
    with db.atomic():
        User.update(failed_logins=0, locked_until=None, last_login_at=at).where(
            User.id == user.id
        ).execute()
        audit.record(user, "user", user.id, "login")
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, at
    return user


def _count_failure(user: User, at: datetime) -> None:
    limit = settings.get("login.max_failures")
    with db.atomic():
        # Counted in SQL so two desktops failing at once both count.
        User.update(failed_logins=User.failed_logins + 1).where(User.id == user.id).execute()
        failures = User.get_by_id(user.id).failed_logins
        note = f"第 {failures} 次失败 / failure {failures}"
        if failures >= limit:
            until = at + timedelta(minutes=settings.get("login.lock_minutes"))
            User.update(locked_until=until, failed_logins=0).where(User.id == user.id).execute()
            note += f"；锁定至 {until:%Y-%m-%d %H:%M} / locked"
        audit.record(user, "user", user.id, "login_failed", note=note)


def _bad_login() -> RuleViolation:
    return RuleViolation(None, "用户名或密码错误", "wrong user name or password", field="password")


def _locked(until: datetime) -> RuleViolation:
    if until >= LOCKED_FOREVER:
        return RuleViolation(
            None, "账户已被管理员锁定", "the account is locked by an administrator"
        )
    return RuleViolation(
        None,
        f"登录失败次数过多，账户锁定至 {until:%H:%M}",
        f"too many failed logins; the account is locked until {until:%H:%M}",
    )


# --- administration ----------------------------------------------------------------------


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
        return _insert_user(SYSTEM, username, name, password, None, [Role.ADMIN])


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


def add_department(
    actor: Actor, name: str, kind: str = "科室", *, sort_key: int | None = None
) -> Department:
    """A 科室 or 中队 (administrators); its place in the lists from its name unless given."""
    with db.atomic():
        require_role(actor, Role.ADMIN)
        name = clean(name)
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
        if Department.select().where(Department.name == name).exists():
            raise RuleViolation(
                None, f"部门「{name}」已存在", f"department {name} exists already", field="name"
            )
        if sort_key is None:
            sort_key = natural_sort_key(name, kind)
        else:
            sort_key = numbers.whole(sort_key, "排序号", "the sort key", field="sort_key")
        return audit.create(actor, Department, name=name, kind=kind, sort_key=sort_key)


def add_user(
    actor: Actor,
    username: str,
    name: str,
    password: str,
    department: Department | None = None,
    roles: Iterable[Role] = (),
    phone: str = "",
) -> User:
    with db.atomic():
        require_role(actor, Role.ADMIN)
        return _insert_user(actor, username, name, password, department, roles, phone)


def _insert_user(
    actor: Actor,
    username: str,
    name: str,
    password: str,
    department: Department | None,
    roles: Iterable[Role],
    phone: str = "",
) -> User:
    username, name = normalize_username(username), clean(name)
    if not username:
        raise RuleViolation(None, "用户名不能为空", "the user name is empty", field="username")
    if not name:
        raise RuleViolation(None, "姓名不能为空", "the name is empty", field="name")
    if User.select().where(User.username == username).exists():
        raise RuleViolation(
            None,
            f"用户名「{username}」已被使用",
            f"user name {username} is taken",
            field="username",
        )
    check_password_strength(password)
    user = audit.create(
        actor,
        User,
        username=username,
        name=name,
        name_search=search_key(name),
        department=department,
        phone=phone,
        password_hash=hash_password(password),
    )
    _write_roles(actor, user, roles)
    return user


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


# --- master-data changes used by the Excel importer (forms/) and the desktop --------------
# Added for issue 3. The functions above are unchanged; these are the missing verbs.


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


from models.people_batch import add_department, add_departments, add_user, add_users  # noqa: E402, F401, F811
