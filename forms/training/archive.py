"""教师培训档案 (T6): one teacher's school year on paper — his tier and group, the sessions of
the year with his mark in each, the 学时 and 学分 of the approved credit register (none
printed while no register of the year is approved: only approved figures are filed, T4), his
growth records (心得、公开课、获奖、论文、课题) and his approved external claims (T7).

Everything comes from ``models.training.teacher_year`` (one query per part); this module
only lays it out. ``houqin print teacher-archive TEACHER_ID OUT.pdf`` prints the latest
school year he has a tier or a mark in; ``--year 2026-2027`` (``write_teacher_archive(...,
year=)``) any other. The desktop passes its user as ``actor=``: the archive is then read
through ``training.archive_of``, which refuses a teacher another teacher's archive (X1), so
the PDF says no more than the window does.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from forms.pdf import Column, Styles, line_table, para, render_sheet
from forms.printing import Printable, register_printable
from forms.spec import Field, FormSpec
from forms.summary import quantity
from models import attachments, training
from models.base import now
from models.errors import RuleViolation
from models.people import Actor
from models.training import Mark, Teacher

TEACHER_ARCHIVE = FormSpec(
    name="teacher-archive",
    title="教师培训档案",
    title_en="Teacher's training record",
    fields=(
        Field("staff_no", "工号", width=10),
        Field("name", "姓名", width=10),
        Field("school_year", "学年", width=10),
        Field("tier", "层级", width=10),
        Field("group", "教研组", width=12),
    ),
    signatures=("教师本人", "教研组长", "培训办"),
)

_SESSIONS = (
    Column("no", "序号", 11, centred=True),
    Column("date", "日期", 22, centred=True),
    Column("group", "教研组", 20, centred=True),
    Column("topic", "主题"),
    Column("hours", "学时", 12, centred=True),
    Column("mark", "考勤", 20, centred=True),
    Column("note", "备注", 40),
)
_CREDITS = (
    Column("register", "学分登记"),
    Column("sessions", "活动次数", 18, centred=True),
    Column("attended", "出勤", 14, centred=True),
    Column("truancies", "旷课", 14, centred=True),
    Column("hours", "校本学时", 20, centred=True),
    Column("external", "外出/自学学时", 26, centred=True),
    Column("credits", "学分", 16, centred=True),
)
_GROWTH = (
    Column("no", "序号", 11, centred=True),
    Column("kind", "类别", 16, centred=True),
    Column("title", "名称"),
    Column("level", "级别", 14, centred=True),
    Column("on", "日期", 22, centred=True),
    Column("files", "附件", 40),
)
_CLAIMS = (
    Column("no", "序号", 11, centred=True),
    Column("dates", "培训日期", 42, centred=True),
    Column("kind", "类别", 16, centred=True),
    Column("provider", "培训机构"),
    Column("level", "级别", 14, centred=True),
    Column("hours", "学时", 12, centred=True),
    Column("certificate", "证书编号", 32),
)


def _teacher(teacher_id: int) -> Teacher:
    t = Teacher.get_or_none(Teacher.id == teacher_id)
    if t is None:
        raise RuleViolation(None, f"没有教师 {teacher_id}", f"no teacher {teacher_id}")
    return t


def latest_year(teacher: Teacher) -> str:
    """The latest school year he has a tier or a mark in; today's when he has neither."""
    tiers = training.TierMembership.select(training.TierMembership.school_year).where(
        training.TierMembership.teacher == teacher.id
    )
    terms = (
        training.Term.select(training.Term.school_year)
        .join(training.TrainingSession)
        .join(training.AttendanceMark)
        .where(training.AttendanceMark.teacher == teacher.id)
    )
    years = {r.school_year for r in tiers} | {r.school_year for r in terms}
    return max(years) if years else training.school_year_of(now().date())


def _mark_rows(year: training.TeacherYear) -> list[dict[str, str]]:
    rows = []
    for n, m in enumerate(year.marks, start=1):
        s = m.session
        status = Mark(m.status)
        note = [f"{m.minutes}分钟"] if m.minutes else []
        note += [m.excuse_reason] if m.excuse_reason else []
        note += [m.note] if m.note else []
        rows.append(
            {
                "no": str(n),
                "date": f"{s.date:%Y-%m-%d}",
                "group": s.group.name,
                "topic": s.topic,
                "hours": quantity(s.hours),
                "mark": status.label,
                "note": "；".join(note),
            }
        )
    return rows


def _credit_rows(teacher: Teacher, school_year: str) -> list[dict[str, str]]:
    """His line of each approved register of the year (the latest amendment of each)."""
    registers = training.approved_registers(school_year)
    lines = {
        ln.register_id: ln
        for ln in training.CreditLine.select().where(
            (training.CreditLine.teacher == teacher.id)
            & training.CreditLine.register.in_([r.id for r in registers])
        )
    }
    rows = []
    for reg in registers:
        ln = lines.get(reg.id)
        if ln is not None:
            rows.append(
                {
                    "register": f"{reg.title}（{reg.number}）",
                    "sessions": str(ln.sessions),
                    "attended": str(ln.attended),
                    "truancies": str(ln.truancies),
                    "hours": quantity(ln.credited_hours),
                    "external": quantity(ln.external_hours),
                    "credits": quantity(ln.credits),
                }
            )
    if len(rows) > 1:
        total = {
            k: sum((Decimal(r[k]) for r in rows), Decimal(0))
            for k in ("sessions", "attended", "truancies", "hours", "external", "credits")
        }
        rows.append({"register": "合计", **{k: quantity(v) for k, v in total.items()}})
    return rows


def _growth_rows(year: training.TeacherYear) -> list[dict[str, str]]:
    return [
        {
            "no": str(n),
            "kind": g.kind,
            "title": g.title,
            "level": g.level,
            "on": f"{g.on:%Y-%m-%d}",
            "files": "、".join(a.file_name for a in attachments.attachments_of(g)),
        }
        for n, g in enumerate(year.growth, start=1)
    ]


def _claim_rows(year: training.TeacherYear) -> list[dict[str, str]]:
    return [
        {
            "no": str(n),
            "dates": f"{c.from_date:%Y-%m-%d} 至 {c.to_date:%Y-%m-%d}",
            "kind": c.kind,
            "provider": c.provider,
            "level": c.level,
            "hours": quantity(c.hours),
            "certificate": c.certificate_no,
        }
        for n, c in enumerate(year.claims, start=1)
    ]


def _section(
    title: str, columns: tuple[Column, ...], rows: list[dict[str, str]], empty: str, st: Styles
) -> list[Flowable]:
    body: list[Flowable] = [para(title, st.heading), Spacer(1, 1 * mm)]
    body.append(line_table(columns, rows, st) if rows else para(empty, st.small))
    return [*body, Spacer(1, 4 * mm)]


def write_teacher_archive(
    teacher_id: int, path: str | Path, *, year: str | None = None, actor: Actor | None = None
) -> Path:
    """The 教师培训档案 of teacher ``teacher_id`` for school ``year`` (default: his latest,
    ``latest_year``) at ``path``, A4 portrait, 共 N 页 in every footer; for ``actor`` only
    when he may read it (``training.archive_of``)."""
    teacher = _teacher(teacher_id)
    school_year = training.school_year(year) if year else latest_year(teacher)
    if actor is None:  # the command line: the office's operator
        archive = training.teacher_year(teacher, school_year)
    else:
        archive = training.archive_of(actor, teacher, school_year)
    first = int(school_year[:4])
    group = training.group_of(teacher, date(first, 9, 1)) or training.group_of(
        teacher, now().date()
    )
    printed_at = now()  # the office clock, as the records'
    particulars = [
        f"姓名：{teacher.name}",
        f"工号：{teacher.staff_no}",
        f"继续教育编号：{teacher.ce_no or '—'}",
        f"学科：{teacher.subject or '—'}",
        f"学段：{teacher.stage or '—'}",
        f"职称：{teacher.title or '—'}",
        f"学年：{school_year}",
        f"层级：{archive.tier or '未分层'}",
        f"应得学分：{quantity(archive.target) if archive.target is not None else '—'}",
        f"教研组：{group.name if group else '—'}",
        f"打印时间：{printed_at:%Y-%m-%d %H:%M}",
    ]
    marks, credits = _mark_rows(archive), _credit_rows(teacher, school_year)
    growth, claims = _growth_rows(archive), _claim_rows(archive)

    def body(st: Styles) -> list[Flowable]:
        return [
            *_section("参加教研活动", _SESSIONS, marks, "本学年没有参加教研活动的记录。", st),
            *_section(
                "学时与学分（已审定的学分登记）",
                _CREDITS,
                credits,
                "本学年还没有审定的学分登记，学时、学分待审定后填入。",
                st,
            ),
            *_section("成长档案", _GROWTH, growth, "本学年没有成长档案记录。", st),
            *_section(
                "外出培训与自学（已认定）",
                _CLAIMS,
                claims,
                "本学年没有已认定的外出培训或自学。",
                st,
            ),
        ]

    number = f"{teacher.staff_no} {school_year}"
    return render_sheet(path, TEACHER_ARCHIVE, particulars, body, number=number)


register_printable(
    Printable(
        TEACHER_ARCHIVE,
        render=lambda teacher_id, out, copies, year=None: write_teacher_archive(
            teacher_id, out, year=year
        ),
        options=("year",),
    )
)
