"""Who is who: the roles, departments, users and their roles as tables, and the command
line's system actor."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

import peewee

from models.base import BaseModel, VoidableModel
from models.errors import RuleViolation
from models.text import clean


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
