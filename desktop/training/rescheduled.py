"""The words of a ``training.Rescheduled`` report: which generated sessions a correction of
the 校历 or of a series moved, cancelled, brought back or removed, and which it left alone
because they have records (named by day, so 培训办 can deal with them by hand)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models import training


def _tr(text: str) -> str:
    return QCoreApplication.translate("Rescheduled", text)


def rescheduled_text(report: training.Rescheduled) -> str:
    parts = []
    for word, rows in (
        (_tr("改期 %1 次"), report.moved),
        (_tr("取消 %1 次"), report.skipped),
        (_tr("恢复 %1 次"), report.restored),
    ):
        if rows:
            days = "、".join(f"{x.planned_date:%m-%d}→{x.date:%m-%d}" for x in rows)
            parts.append(word.replace("%1", str(len(rows))) + f"（{days}）")
    if report.removed:
        parts.append(_tr("删除学期外的 %1 次").replace("%1", str(len(report.removed))))
    if report.kept:
        days = "、".join(f"{x.date:%Y-%m-%d}" for x in report.kept)
        parts.append(
            _tr("%1 次已有考勤记录，未改动：%2")
            .replace("%1", str(len(report.kept)))
            .replace("%2", days)
        )
    if report.generated is not None and report.generated.created:
        parts.append(_tr("新生成 %1 次").replace("%1", str(len(report.generated.created))))
    if not parts:
        return _tr("已生成的教研活动无需调整。")
    return _tr("已生成的教研活动：") + "；".join(parts)
