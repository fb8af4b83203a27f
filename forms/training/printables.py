"""签到表 (T3): the printed attendance sheet of one 教研活动 — the session's particulars, its
roster by 工号 and a column each for the signature on arrival and on leaving.

The roster is the register's own once it is open (its snapshot, T3), so the paper and the
screen list the same people; before that it is the group's members on the day. A member
whose approved leave covers the day is printed with 请假 already written in, so nobody
signs for him. Once the register is closed, the sheet prints each mark in the 备注 column and
files the result.

``houqin print sign-in SESSION_ID OUT.pdf``; a table of lines (``forms.pdf.render_table``)
with its own ``render``, like the 盘点表.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from forms.pdf import Column, Styles, line_table, render_sheet
from forms.printing import Printable, register_printable
from forms.spec import Field, FormSpec
from forms.summary import quantity
from models import training
from models.base import now
from models.errors import RuleViolation
from models.training import Mark, RegisterState, TrainingSession

SIGN_IN = FormSpec(
    name="sign-in",
    title="教研活动签到表",
    title_en="Attendance sheet",
    fields=(
        Field("group", "教研组", width=12),
        Field("date", "日期", width=12),
        Field("time", "时间", width=14),
        Field("place", "地点", width=16),
        Field("topic", "主题", width=30),
        Field("speaker", "主讲人", width=10),
        Field("hours", "学时", width=6),
    ),
    signatures=("教研组长", "记录人", "日期"),
)

_COLUMNS = (
    Column("no", "序号", 12, centred=True),
    Column("staff_no", "工号", 20, centred=True),
    Column("name", "姓名", 24),
    Column("subject", "学科", 18, centred=True),
    Column("arrive", "签到"),
    Column("leave", "签退"),
    Column("note", "备注", 36),
)


def _session(session_id: int) -> TrainingSession:
    s = TrainingSession.get_or_none(TrainingSession.id == session_id)
    if s is None:
        raise RuleViolation(None, f"没有教研活动 {session_id}", f"no session {session_id}")
    return s


def _rows(s: TrainingSession) -> list[dict[str, str]]:
    """The roster: the register's marks once it is open, the group's members before."""
    if s.register_state != RegisterState.NONE:
        closed = s.register_state == RegisterState.CLOSED
        rows = []
        for m in training.roster_of(s):
            status = Mark(m.status)
            note = status.label if closed or status == Mark.LEAVE else ""
            if closed and m.minutes:
                note += f" {m.minutes}分钟"
            rows.append(_row(m.teacher, note))
    else:
        rows = [
            _row(t, Mark.LEAVE.label if training.approved_leave(t, s.date) else "")
            for t in training.members_on(s.group, s.date)
        ]
    for number, row in enumerate(rows, start=1):
        row["no"] = str(number)
    return rows


def _row(t: training.Teacher, note: str) -> dict[str, str]:
    return {"staff_no": t.staff_no, "name": t.name, "subject": t.subject, "note": note}


def _particulars(s: TrainingSession, printed_at: datetime) -> list[str]:
    moved = f"（原定 {s.planned_date:%m-%d}，{s.schedule_note}）" if s.schedule_note else ""
    return [
        f"教研组：{s.group.name}",
        f"日期：{s.date:%Y-%m-%d}{moved}",
        f"时间：{s.start_time:%H:%M}—{s.end_time:%H:%M}",
        f"地点：{s.place or '＿＿＿＿'}",
        f"主讲人：{s.speaker.name if s.speaker_id else '＿＿＿＿'}",
        f"学时：{quantity(s.hours)}",
        f"主题：{s.topic or '＿＿＿＿＿＿＿＿'}",
        f"考勤：{RegisterState(s.register_state).label}",
        f"打印时间：{printed_at:%Y-%m-%d %H:%M}",
    ]


def write_sign_in_sheet(session_id: int, path: str | Path) -> Path:
    """The 签到表 of session ``session_id`` at ``path`` (A4 portrait, 共 N 页 in every
    footer)."""
    s = _session(session_id)
    if s.state == training.SessionState.SKIPPED:
        raise RuleViolation(
            "T2", f"该次活动已跳过（{s.schedule_note}），没有签到表", "the session was skipped"
        )
    rows = _rows(s)
    printed_at = now()  # the office clock, as the records'
    number = f"{s.group.name} {s.date:%Y-%m-%d}"
    note = "请本人在「签到」「签退」栏签名；迟到、早退请注明时间。已批准请假的，备注栏已写明。"

    def body(styles: Styles) -> list[Flowable]:
        return [line_table(_COLUMNS, rows, styles), Spacer(1, 6 * mm)]

    particulars = _particulars(s, printed_at)
    return render_sheet(path, SIGN_IN, particulars, body, number=number, note=note)


register_printable(
    Printable(SIGN_IN, render=lambda session_id, out, copies: write_sign_in_sheet(session_id, out))
)
