"""过程督查记录 (T5): the spot checks of one 教研活动 on paper — when each inspector came, the
headcount he saw beside the register's (出勤、迟到、早退 as the register holds them now, the
figure ``models.training.spot_check_flags`` compares), the quality, his findings and the
group leader's explanation of a headcount that disagrees.

``houqin print spot-check SESSION_ID OUT.pdf``; a table of lines like the 签到表.
"""

from __future__ import annotations

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
from models.training import RegisterState, SpotCheck, TrainingSession

SPOT_CHECK = FormSpec(
    name="spot-check",
    title="过程督查记录",
    title_en="Spot check record",
    fields=(
        Field("group", "教研组", width=12),
        Field("date", "日期", width=12),
        Field("topic", "主题", width=30),
    ),
    signatures=("督查人", "教研组长"),
)

_COLUMNS = (
    Column("no", "序号", 12, centred=True),
    Column("at", "督查时间", 18, centred=True),
    Column("inspector", "督查人", 18, centred=True),
    Column("observed", "现场人数", 18, centred=True),
    Column("registered", "考勤人数", 18, centred=True),
    Column("quality", "质量", 12, centred=True),
    Column("findings", "督查意见"),
    Column("explanation", "情况说明", 42),
)


def _session(session_id: int) -> TrainingSession:
    s = TrainingSession.get_or_none(TrainingSession.id == session_id)
    if s is None:
        raise RuleViolation(None, f"没有教研活动 {session_id}", f"no session {session_id}")
    return s


def _rows(s: TrainingSession, registered: int) -> list[dict[str, str]]:
    checks = s.spot_checks.order_by(SpotCheck.at, SpotCheck.id)
    rows = []
    for n, c in enumerate(checks, start=1):
        if c.explained_at is not None:
            explanation = f"{c.explanation}（{c.explained_by} {c.explained_at:%m-%d %H:%M}）"
        elif c.observed != registered:
            explanation = "人数不符，待教研组长说明"
        else:
            explanation = "人数相符"
        rows.append(
            {
                "no": str(n),
                "at": f"{c.at:%H:%M}" if c.at.date() == s.date else f"{c.at:%Y-%m-%d %H:%M}",
                "inspector": c.inspector.name,
                "observed": str(c.observed),
                "registered": str(registered),
                "quality": c.quality,
                "findings": c.findings,
                "explanation": explanation,
            }
        )
    return rows


def write_spot_check_record(session_id: int, path: str | Path) -> Path:
    """The 过程督查记录 of session ``session_id`` at ``path`` (A4 portrait, 共 N 页 in every
    footer). Refused (T5) for a session nobody has checked: an empty record is no record."""
    s = _session(session_id)
    registered = training.present_count(s)
    rows = _rows(s, registered)
    if not rows:
        raise RuleViolation("T5", "该次活动没有督查记录", f"session {session_id} has no spot check")
    printed_at = now()  # the office clock, as the records'
    particulars = [
        f"教研组：{s.group.name}",
        f"日期：{s.date:%Y-%m-%d}",
        f"时间：{s.start_time:%H:%M}—{s.end_time:%H:%M}",
        f"地点：{s.place or '—'}",
        f"主讲人：{s.speaker.name if s.speaker_id else '—'}",
        f"学时：{quantity(s.hours)}",
        f"主题：{s.topic or '—'}",
        f"考勤：{RegisterState(s.register_state).label}（在场 {registered} 人）",
        f"打印时间：{printed_at:%Y-%m-%d %H:%M}",
    ]
    note = (
        "考勤人数：考勤登记表中出勤、迟到、早退的人数（打印时）；"
        "与现场人数不符的，由教研组长书面说明。"
    )

    def body(st: Styles) -> list[Flowable]:
        return [line_table(_COLUMNS, rows, st), Spacer(1, 6 * mm)]

    number = f"{s.group.name} {s.date:%Y-%m-%d}"
    return render_sheet(path, SPOT_CHECK, particulars, body, number=number, note=note)


register_printable(
    Printable(
        SPOT_CHECK, render=lambda session_id, out, copies: write_spot_check_record(session_id, out)
    )
)
