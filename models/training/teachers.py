"""教师名册, 教研组 and 分层 (T1, T2): the teachers as master data, and their group and tier
memberships as dated history.

Why teachers are not ``people.User``: 2,000 teachers do not all log in, and attendance and
credits need no login. A teacher may be linked to a user (``Teacher.user``), for the leave
requests and external-training claims he files himself.

Why memberships are rows that are only ever appended (the database refuses an UPDATE or a
DELETE, migration 30): a register's roster is the group's members on the session's date, and
a credit register is computed from past registers; a membership edited in place would move
teachers between groups in the past. A move is a new row from a date; leaving every group is
a row without a group. The group of a teacher on a day is the latest row from that day or
before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import peewee

from models import audit
from models.base import BaseModel, VersionedModel, guarded_update, now
from models.db import db, for_update
from models.errors import Conflict, RuleViolation
from models.people import Actor, Role, User, require_role
from models.text import check_id_number, clean, search_key

# Who keeps the teachers' records: 培训办 (教研处), and the administrator.
MANAGERS = (Role.TRAINING, Role.ADMIN)

_SCHOOL_YEAR = re.compile(r"^(\d{4})[-—–~至](\d{4})(?:学年)?$")


def school_year(text: Any) -> str:
    """``2026-2027`` as stored, from ``2026-2027``, ``2026—2027学年`` or ``2026～2027``."""
    value = re.sub(r"\s", "", unicodedata.normalize("NFKC", clean(text)))
    m = _SCHOOL_YEAR.match(value)
    if m is None or int(m.group(2)) != int(m.group(1)) + 1:
        raise RuleViolation(
            "T1",
            f"学年应写作 2026-2027：{clean(text)}",
            f"a school year is written 2026-2027: {clean(text)!r}",
            field="school_year",
        )
    return f"{m.group(1)}-{m.group(2)}"


def school_year_of(day: date) -> str:
    """The school year a day falls in: from 1 August to 31 July."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


class TeacherStatus(StrEnum):
    ACTIVE = "active"
    TRANSFERRED = "transferred"
    RETIRED = "retired"

    @property
    def label(self) -> str:
        return {"active": "在职", "transferred": "调出", "retired": "退休"}[self.value]


class Tier(StrEnum):
    """分层培训 (T1): the three tiers of the 校本培训制度."""

    YOUNG = "young"
    BACKBONE = "backbone"
    MASTER = "master"

    @property
    def label(self) -> str:
        return {"young": "青年教师", "backbone": "骨干教师", "master": "名师"}[self.value]


def tier_from(value: Any) -> Tier:
    text = clean(value)
    for tier in Tier:
        if text in (tier.value, tier.label):
            return tier
    raise RuleViolation(
        "T1",
        f"没有「{text}」这一层次（青年教师、骨干教师、名师）",
        f"no tier {text!r} (young, backbone, master)",
        field="tier",
    )


class Teacher(VersionedModel):
    """教师名册. ``staff_no`` (工号) is text: ``00123`` keeps its zeros."""

    staff_no = peewee.CharField(max_length=20, unique=True, verbose_name="工号")
    ce_no = peewee.CharField(max_length=30, null=True, unique=True, verbose_name="继续教育编号")
    id_number = peewee.CharField(max_length=18, unique=True, verbose_name="身份证号")
    name = peewee.CharField(max_length=50, verbose_name="姓名")
    name_search = peewee.CharField(max_length=255, default="", index=True)
    gender = peewee.CharField(max_length=2, default="", verbose_name="性别")
    subject = peewee.CharField(max_length=30, default="", verbose_name="学科")
    stage = peewee.CharField(max_length=20, default="", verbose_name="学段")
    title = peewee.CharField(max_length=30, default="", verbose_name="职称")
    hired_on = peewee.DateField(null=True, verbose_name="入职日期")
    status = peewee.CharField(max_length=12, default=TeacherStatus.ACTIVE, index=True)
    user = peewee.ForeignKeyField(User, null=True, unique=True)

    def __str__(self) -> str:
        return f"{self.name}（{self.staff_no}）"


class TeachingGroup(BaseModel):
    """教研组 (T2). ``leader`` is the 教研组长, a teacher."""

    name = peewee.CharField(max_length=50, unique=True, verbose_name="教研组")
    subject = peewee.CharField(max_length=30, default="", verbose_name="学科")
    leader = peewee.ForeignKeyField(Teacher, null=True)


class GroupMembership(BaseModel):
    """One step of a teacher's group history: from ``from_date`` he belongs to ``group``
    (``None``: to none). Append-only."""

    teacher = peewee.ForeignKeyField(Teacher, backref="group_history")
    group = peewee.ForeignKeyField(TeachingGroup, null=True)
    from_date = peewee.DateField()
    reason = peewee.CharField(max_length=200, default="")
    recorded_by = peewee.CharField(max_length=64)
    recorded_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("teacher", "from_date"), False), (("group", "from_date"), False))


class TierMembership(BaseModel):
    """A teacher's tier in one school year (T1): at most one (unique). Append-only."""

    teacher = peewee.ForeignKeyField(Teacher, backref="tier_history")
    school_year = peewee.CharField(max_length=9)
    tier = peewee.CharField(max_length=10)
    reason = peewee.CharField(max_length=200, default="")
    assigned_by = peewee.CharField(max_length=64)
    assigned_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("teacher", "school_year"), True),)


TEACHER_TABLES = [Teacher, TeachingGroup, GroupMembership, TierMembership]
APPEND_ONLY = [GroupMembership, TierMembership]


# --- field checks ------------------------------------------------------------------------


def check_staff_no(value: Any) -> str:
    """工号 as text. A number is refused: the cell it came from dropped the leading zeros."""
    if isinstance(value, int | float):  # bool is an int too
        raise RuleViolation(
            "X3",
            f"工号 {value} 是数字格式，前导零可能已丢失；请把该列设为文本后重新输入",
            f"the staff number {value} is a number; its leading zeros may be lost; "
            "format the column as text",
            field="staff_no",
        )
    if type(value) is str and value.isascii() and value.isalnum():
        return value.upper()  # a typed 工号's common case: NFKC and the cleaning leave it as it is
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", clean(value))).upper()
    if not text:
        raise RuleViolation("T1", "工号不能为空", "the staff number is required", field="staff_no")
    return text


def _required(value: Any, zh: str, en: str, field: str) -> str:
    text = clean(value)
    if not text:
        raise RuleViolation("T1", f"{zh}不能为空", f"{en} is required", field=field)
    return text


def _duplicate(teacher_id: int | None, field: peewee.Field, value: Any, zh: str) -> None:
    query = Teacher.select(Teacher.id).where(field == value)
    if teacher_id is not None:
        query = query.where(Teacher.id != teacher_id)
    if value is not None and query.exists():
        raise RuleViolation(
            "T1",
            f"{zh} {value} 已属于另一位教师",
            f"{field.name} {value} belongs to another teacher",
            field=field.name,
        )


def _hire_date(value: Any) -> date | None:
    if value is not None and not isinstance(value, date):
        raise RuleViolation(
            "T1", "入职日期须为日期", "the hire date must be a date", field="hired_on"
        )
    return value.date() if isinstance(value, datetime) else value


_FIELD_CHECKS: dict[str, Callable[[Any], Any]] = {
    "staff_no": check_staff_no,
    "id_number": check_id_number,
    "ce_no": lambda value: check_staff_no(value) if clean(value) else None,
    "name": lambda value: _required(value, "姓名", "the name", "name"),
    "gender": clean,
    "subject": clean,
    "stage": clean,
    "title": clean,
    "hired_on": _hire_date,
    "status": lambda value: TeacherStatus(value).value,
    "user": lambda value: None if value is None else User.get_by_id(value),
}
"""Each field a teacher is given: its check, and the value kept (one look-up a field; a
roll of thousands goes through here row by row)."""


def _teacher_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The columns of the typed ``values`` (only those given), checked."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        check = _FIELD_CHECKS.get(key)
        if check is None:
            raise TypeError(f"no teacher field {key!r}")
        out[key] = check(value)
        if key == "name":
            out["name_search"] = search_key(out[key])
    return out


# --- use cases ---------------------------------------------------------------------------


def update_teacher(actor: Actor, teacher: Teacher, reason: str, **changes: Any) -> Teacher:
    """Change a teacher's record (status 调出/退休 too, ``user`` to link a login), with a
    reason (X2) kept in the audit log with old → new. Refused as ``add_teacher`` refuses, and
    with ``Conflict`` when another desktop changed the teacher since he was read."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        why = clean(reason)
        if not why:
            raise RuleViolation("X2", "修改教师档案须填写原因", "a change needs a reason")
        fields = _teacher_fields(changes)
        fresh = for_update(Teacher.select().where(Teacher.id == teacher.id)).get()
        for field in (Teacher.staff_no, Teacher.id_number, Teacher.ce_no):
            if field.name in fields:
                _duplicate(teacher.id, field, fields[field.name], field.verbose_name)
        diff = {
            k: (getattr(fresh, k), v)
            for k, v in fields.items()
            if k != "name_search" and getattr(fresh, k) != v
        }
        if "user" in fields:
            old = fresh.user_id
            new = fields["user"].id if fields["user"] is not None else None
            diff.pop("user", None)
            if old != new:
                diff["user"] = (old, new)
        if fresh.version != teacher.version:
            raise Conflict()
        if diff:
            guarded_update(fresh, fresh.version, **fields)
            audit.record(actor, "teacher", teacher.id, "update", diff, why)
        return Teacher.get_by_id(teacher.id)


def add_group(
    actor: Actor,
    name: str,
    *,
    subject: str = "",
    leader: Teacher | None = None,
    leader_from: date | None = None,
) -> TeachingGroup:
    """A 教研组 (培训办). ``leader``: a founding leader named as the group is set up (the
    demo's way of building a school); he joins the group from ``leader_from`` (today when
    not given) in the same transaction, as ``move_to_group`` records it, so that a group's
    leader is one of its members through every path (T2). Refused besides: what
    ``move_to_group`` refuses (a date before his latest step), a leader not 在职. Later
    leaders are named among the members by ``set_group_leader``, which the desktop uses."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        text = _required(name, "教研组名称", "the group's name", "name")
        if TeachingGroup.select().where(TeachingGroup.name == text).exists():
            raise RuleViolation("T2", f"教研组「{text}」已存在", f"group {text!r} exists")
        group = audit.create(actor, TeachingGroup, name=text, subject=clean(subject))
        if leader is not None:
            move_to_group(actor, leader, group, leader_from or now().date(), "任教研组长")
            set_group_leader(actor, group, leader)
            group = TeachingGroup.get_by_id(group.id)
        return group


def set_group_leader(actor: Actor, group: TeachingGroup, leader: Teacher | None) -> None:
    """Name the 教研组长 (audited old → new; ``None``: the group has none). Refused (T2): a
    teacher his latest step does not put in the group (never in it, moved out, or no longer
    在职): a leader keeps his own group's registers."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        row = TeachingGroup.get_by_id(group.id)
        if leader is not None and leader.id not in {t.id for t in members_on(row, LATEST)}:
            raise RuleViolation(
                "T2",
                f"{leader.name}不在{row.name}，不能任该组组长；请先调整其教研组",
                f"{leader.name} is not in {row.name}: move him into the group first",
                field="leader",
            )
        audit.update(actor, row, leader=leader)


def move_to_group(
    actor: Actor,
    teacher: Teacher,
    group: TeachingGroup | None,
    from_date: date,
    reason: str = "",
) -> GroupMembership:
    """From ``from_date`` ``teacher`` belongs to ``group`` (``None``: leaves every group).
    A new history row; the earlier ones stay. Refused (T2): a date before his latest step
    (the past is not rewritten under registers already kept), or the group he is in."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        teacher = for_update(Teacher.select().where(Teacher.id == teacher.id)).get()
        last = (
            GroupMembership.select()
            .where(GroupMembership.teacher == teacher.id)
            .order_by(GroupMembership.from_date.desc(), GroupMembership.id.desc())
            .first()
        )
        group_id = group.id if group is not None else None
        if last is not None:
            if from_date < last.from_date:
                raise RuleViolation(
                    "T2",
                    f"{teacher.name} 的教研组变动已记到 {last.from_date}，不能补记更早的日期",
                    f"{teacher.name}'s group history runs to {last.from_date}; no earlier date",
                    field="from_date",
                )
            if last.group_id == group_id:
                raise RuleViolation(
                    "T2",
                    f"{teacher.name} 已在该教研组",
                    f"{teacher.name} is in that group already",
                )
        elif group is None:
            raise RuleViolation("T2", f"{teacher.name} 不在任何教研组", "he is in no group")
        row = GroupMembership.create(
            teacher=teacher,
            group=group_id,
            from_date=from_date,
            reason=clean(reason),
            recorded_by=actor.display_name,
            recorded_at=now(),
        )
        audit.record(
            actor,
            "group_membership",
            row.id,
            "create",
            {"teacher": (None, teacher.id), "group": (None, group_id), "from": (None, from_date)},
        )
        return row


def group_of(teacher: Teacher | int, day: date) -> TeachingGroup | None:
    """The group ``teacher`` belongs to on ``day``."""
    teacher_id = teacher if isinstance(teacher, int) else teacher.id
    row = (
        GroupMembership.select()
        .where((GroupMembership.teacher == teacher_id) & (GroupMembership.from_date <= day))
        .order_by(GroupMembership.from_date.desc(), GroupMembership.id.desc())
        .first()
    )
    return row.group if row is not None and row.group_id is not None else None


LATEST = date(9999, 12, 31)  # members_on(group, LATEST): whoever his latest step puts there


def members_on(group: TeachingGroup | int, day: date) -> list[Teacher]:
    """The teachers in ``group`` on ``day`` who are 在职, by 工号: a register's roster.

    One query: the group's steps up to ``day`` (the ``group, from_date`` index) that no later
    step of the same teacher up to ``day`` replaces (the ``teacher, from_date`` index; on one
    day the later recorded step wins), so the roster never reads the whole history."""
    group_id = group if isinstance(group, int) else group.id
    later = GroupMembership.alias()
    replaced = later.select(later.id).where(
        (later.teacher == GroupMembership.teacher)
        & (later.from_date <= day)
        & (
            (later.from_date > GroupMembership.from_date)
            | ((later.from_date == GroupMembership.from_date) & (later.id > GroupMembership.id))
        )
    )
    return list(
        Teacher.select()
        .join(GroupMembership, on=GroupMembership.teacher == Teacher.id)
        .where(
            (GroupMembership.group == group_id)
            & (GroupMembership.from_date <= day)
            & ~peewee.fn.EXISTS(replaced)
            & (Teacher.status == TeacherStatus.ACTIVE)
        )
        .order_by(Teacher.staff_no)
    )


def assign_tier(
    actor: Actor, teacher: Teacher, tier: Tier | str, year: str, reason: str = ""
) -> TierMembership:
    """T1: ``teacher`` is in ``tier`` for the school year ``year``: one tier a year (the
    table is unique on teacher and year, so two desktops cannot both assign one)."""
    with db.atomic():
        require_role(actor, *MANAGERS)
        tier = tier_from(tier)
        year = school_year(year)
        held = (
            TierMembership.select()
            .where((TierMembership.teacher == teacher.id) & (TierMembership.school_year == year))
            .first()
        )
        if held is not None:
            raise RuleViolation(
                "T1",
                f"{teacher.name} 在 {year} 学年已是{Tier(held.tier).label}，每学年只能属于一个层次",
                f"{teacher.name} is already {held.tier} in {year}; one tier a school year",
            )
        try:
            with db.atomic():
                row = TierMembership.create(
                    teacher=teacher.id,
                    school_year=year,
                    tier=tier.value,
                    reason=clean(reason),
                    assigned_by=actor.display_name,
                    assigned_at=now(),
                )
        except peewee.IntegrityError:
            raise RuleViolation(
                "T1",
                f"{teacher.name} 在 {year} 学年已有层次，每学年只能属于一个层次",
                f"{teacher.name} already has a tier in {year}",
            ) from None
        audit.record(
            actor,
            "tier_membership",
            row.id,
            "create",
            {"teacher": (None, teacher.id), "tier": (None, tier.value), "year": (None, year)},
        )
        return row


def tier_of(teacher: Teacher | int, year: str) -> Tier | None:
    teacher_id = teacher if isinstance(teacher, int) else teacher.id
    value = (
        TierMembership.select(TierMembership.tier)
        .where((TierMembership.teacher == teacher_id) & (TierMembership.school_year == year))
        .scalar()
    )
    return Tier(value) if value else None


def teacher_of_user(user: User | int | None) -> Teacher | None:
    if user is None:
        return None
    user_id = user if isinstance(user, int) else user.id
    return Teacher.select().where(Teacher.user == user_id).first()


def leads_a_group(user: User | None) -> bool:
    """Whether ``user`` is (linked to) the leader of a teaching group: he keeps its
    registers and explains its spot checks (for the desktop's buttons; the use cases
    decide)."""
    own = teacher_of_user(user)
    return own is not None and TeachingGroup.select().where(TeachingGroup.leader == own.id).exists()
