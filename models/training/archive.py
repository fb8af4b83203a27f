"""资料建档 (T6): the materials of each session (讲稿, 签到表扫描, photos) and each teacher's
growth record (心得, 公开课, 获奖, 论文, 课题, filed by the teacher himself or by 培训办: he
writes his 心得, the school keeps the archive), as files attached to the records
(``models.attachments``: stored in the database, voided with a reason, never deleted), and a
teacher's archive of one school year in one query for his page and the 教师培训档案.

Who reads an archive (``archive_of``): the teacher himself (his login linked to him), 培训办,
the main leaders, and the 教研组长 of a group he belongs or belonged to; anyone else is
refused, naming the rule, also when he reaches the window or the PDF another way. A
teacher's record is his own: his marks and credits are not his colleagues' to browse.

Why a growth record is a row and not only a file: the bureau and the school count them by
kind and level (a 县级 award, a 省级 paper), which a file name cannot hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import peewee

from models import attachments, audit
from models.base import VoidableModel, now
from models.db import db
from models.errors import RuleViolation
from models.people import Actor, Role, require_active, require_person
from models.text import clean
from models.training.external import LEVELS, ClaimState, ExternalTraining
from models.training.registers import AttendanceMark, require_keeper
from models.training.schedule import Term, TrainingSession
from models.training.teachers import (
    MANAGERS,
    GroupMembership,
    Teacher,
    TeachingGroup,
    school_year,
    school_year_of,
    teacher_of_user,
    tier_of,
)
from models.training.tiers import approved_plan

GROWTH_KINDS = ("心得", "公开课", "获奖", "论文", "课题")
MATERIAL_KINDS = ("讲稿", "签到表扫描", "照片", "其他")


class GrowthRecord(VoidableModel):
    """One entry of a teacher's growth record in a school year."""

    teacher = peewee.ForeignKeyField(Teacher, backref="growth")
    school_year = peewee.CharField(max_length=9)
    kind = peewee.CharField(max_length=4)
    title = peewee.CharField(max_length=200, verbose_name="名称")
    level = peewee.CharField(max_length=4, default="")
    on = peewee.DateField()
    recorded_by = peewee.CharField(max_length=64)
    recorded_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("teacher", "school_year"), False),)


ARCHIVE_TABLES = [GrowthRecord]

READERS = (*MANAGERS, Role.LEADER)  # besides the teacher himself and his group's leader


def _may_file_for(actor: Actor, teacher: Teacher) -> None:
    """The teacher himself (his 心得, his certificate) or 培训办 (T6: 学校……做好建档工作,
    the school keeps the archive) files and voids a growth record; nobody else (X1)."""
    roles = require_active(actor)  # the actor first (X1)
    if roles.intersection(MANAGERS):
        return
    own = teacher_of_user(require_person(actor, "成长档案", "a growth record"))
    if own is None or own.id != teacher.id:
        raise RuleViolation(
            "X1",
            f"只有{teacher.name}本人或培训办可以记入其成长档案",
            f"only {teacher.name} himself or the training office files his record",
        )


# Files reach these records through ``attachments.attach`` itself too (the files panel):
# a growth record's by whoever files the record, a session's by whoever keeps its register.
attachments.guard_attachments(
    GrowthRecord, lambda actor, row: _may_file_for(actor, Teacher.get_by_id(row.teacher_id))
)
attachments.guard_attachments(TrainingSession, require_keeper)


def add_growth_record(
    actor: Actor,
    teacher: Teacher,
    kind: str,
    title: str,
    on: date,
    *,
    level: str = "",
    file: tuple[str, bytes] | None = None,
) -> GrowthRecord:
    """T6: an entry of the teacher's growth record (he himself or 培训办), with a file."""
    with db.atomic():
        _may_file_for(actor, teacher)
        if kind not in GROWTH_KINDS:
            raise RuleViolation(
                "T6", f"成长档案类别应为{'、'.join(GROWTH_KINDS)}", "kind of a growth record"
            )
        if level and level not in LEVELS:
            raise RuleViolation("T6", f"级别应为{'、'.join(LEVELS)}", "a level from the list")
        name = clean(title)
        if not name:
            raise RuleViolation("T6", "须填写名称", "a title is needed", field="title")
        row = audit.create(
            actor,
            GrowthRecord,
            teacher=teacher.id,
            school_year=school_year_of(on),
            kind=kind,
            title=name,
            level=level,
            on=on,
            recorded_by=actor.display_name,
            recorded_at=now(),
        )
        if file is not None:
            attachments.attach(actor, row, file[0], file[1])
        return row


def void_growth_record(actor: Actor, record: GrowthRecord, reason: str) -> None:
    """A growth record entered by mistake is voided with a reason (X2), never deleted."""
    with db.atomic():
        require_active(actor)  # the actor first (X1)
        _may_file_for(actor, Teacher.get_by_id(record.teacher_id))
        audit.void(actor, GrowthRecord.get_by_id(record.id), reason)


def add_session_material(
    actor: Actor, session: TrainingSession, kind: str, file: tuple[str, bytes]
) -> attachments.Attachment:
    """T6: a session's material (讲稿, 签到表扫描, 照片), its kind in front of the file name;
    filed by 培训办 or the group's leader."""
    with db.atomic():
        require_keeper(actor, session)
        if kind not in MATERIAL_KINDS:
            raise RuleViolation(
                "T6", f"资料类别应为{'、'.join(MATERIAL_KINDS)}", "kind of a material"
            )
        return attachments.attach(actor, session, f"{kind}-{file[0]}", file[1])


@dataclass(frozen=True)
class TeacherYear:
    """A teacher's archive of one school year (教师培训档案)."""

    teacher: Teacher
    school_year: str
    tier: str
    marks: list[AttendanceMark]
    growth: list[GrowthRecord]
    claims: list[ExternalTraining]
    target: Decimal | None = None  # 应得学分 of his tier's approved plan (T1), if any


def _leads_group_of(own: Teacher, teacher: Teacher) -> bool:
    """Whether ``own`` leads a group ``teacher`` has been a member of."""
    return (
        GroupMembership.select()
        .join(TeachingGroup)
        .where((GroupMembership.teacher == teacher.id) & (TeachingGroup.leader == own.id))
        .exists()
    )


def require_archive_reader(actor: Actor, teacher: Teacher) -> None:
    """The teacher himself, 培训办, the main leaders or his 教研组长 (X1); refused otherwise."""
    roles = require_active(actor)
    if roles.intersection(READERS):
        return
    own = teacher_of_user(actor.id) if actor.id is not None else None
    if own is not None and (own.id == teacher.id or _leads_group_of(own, teacher)):
        return
    raise RuleViolation(
        "X1",
        f"只能查看本人的培训档案：{teacher.name}的培训档案只有其本人、培训办、"
        "主要领导和其教研组长可以查看",
        f"a teacher reads only his own training record: {teacher.name}'s is read by "
        "himself, the training office, the main leaders and his group's leader",
    )


def may_read_archive(actor: Actor, teacher: Teacher) -> bool:
    """Whether ``archive_of`` would answer ``actor`` (for offering a button)."""
    try:
        require_archive_reader(actor, teacher)
    except RuleViolation:
        return False
    return True


def archive_of(actor: Actor, teacher: Teacher, year: str) -> TeacherYear:
    """T6: ``teacher_year`` for those who may read it (``require_archive_reader``), in one
    transaction so the parts agree."""
    with db.atomic():
        require_archive_reader(actor, teacher)
        return teacher_year(teacher, year)


def teacher_year(teacher: Teacher, year: str) -> TeacherYear:
    """His marks in the year's sessions (by date), his growth records and his approved
    claims; files are ``attachments.attachments_of`` each record."""
    year = school_year(year)
    tier = tier_of(teacher, year)
    marks = list(
        AttendanceMark.select(AttendanceMark, TrainingSession)
        .join(TrainingSession)
        .join(Term)
        .where((AttendanceMark.teacher == teacher.id) & (Term.school_year == year))
        .order_by(TrainingSession.date)
    )
    growth = list(
        GrowthRecord.select()
        .where(
            (GrowthRecord.teacher == teacher.id)
            & (GrowthRecord.school_year == year)
            & GrowthRecord.voided_at.is_null()
        )
        .order_by(GrowthRecord.on, GrowthRecord.id)
    )
    start = int(year[:4])
    claims = list(
        ExternalTraining.select()
        .where(
            (ExternalTraining.teacher == teacher.id)
            & (ExternalTraining.state == ClaimState.APPROVED)
            & (ExternalTraining.to_date >= date(start, 8, 1))
            & (ExternalTraining.to_date <= date(start + 1, 7, 31))
        )
        .order_by(ExternalTraining.to_date)
    )
    plan = approved_plan(tier, year) if tier else None
    target = Decimal(str(plan.required_credits)) if plan is not None else None
    label = tier.label if tier else ""
    return TeacherYear(teacher, year, label, marks, growth, claims, target)
