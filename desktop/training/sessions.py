"""教研活动: every group's sessions of the school calendar as a lazy list, a moved session
(off a holiday, T2) in amber with where it was planned and why, a skipped one in grey; a
group filter; the 签到表 of the selected session printed to PDF; 培训办 sets a session's
主题 and 主讲人 (T2: its register does not open without them); 过程督查 by 培训办 or a main
leader, 督查情况说明 by the group's leader, the 过程督查记录 printed (T5,
``desktop.training.spot_checks``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QFileDialog, QVBoxLayout

from desktop import errors, labels
from desktop.exporting import export_action, print_pdf
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel, Look
from desktop.list_view import ListView, filter_combo
from desktop.module_page import PageTab
from desktop.training import spot_checks
from forms.summary import quantity
from models import training
from models.people import User
from models.training import (
    INSPECTORS,
    MANAGERS,
    RegisterState,
    SessionState,
    Teacher,
    TeachingGroup,
    TrainingSession,
)

MOVED = "#b26a00"
SKIPPED = "#888888"


def session_look(row: dict[str, Any]) -> Look | None:
    if row.get("state") == SessionState.SKIPPED:
        return Look(SKIPPED)
    if row.get("planned_date") != row.get("date"):
        return Look(MOVED)
    return None


class SessionsTab(PageTab):
    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        Speaker = Teacher.alias()
        self._speaker = Speaker
        columns = [
            Column("date", self.tr("日期"), TrainingSession.date, width=100),
            Column("group", self.tr("教研组"), TeachingGroup.name, width=90),
            Column(
                "time",
                self.tr("时间"),
                TrainingSession.start_time,
                text=lambda r: f"{r['time']:%H:%M}—{r['end_time']:%H:%M}",
                width=100,
            ),
            Column("topic", self.tr("主题"), TrainingSession.topic, width=150),
            Column("speaker", self.tr("主讲人"), Speaker.name, width=80),
            Column(
                "hours",
                self.tr("学时"),
                TrainingSession.hours,
                fmt=quantity,
                width=50,
                align_right=True,
            ),
            Column(
                "state",
                self.tr("安排"),
                TrainingSession.state,
                text=self._arrangement,
                width=330,
            ),
            Column(
                "register",
                self.tr("考勤"),
                TrainingSession.register_state,
                fmt=labels.labeller(RegisterState),
                width=90,
            ),
        ]
        self.model = LazyQueryModel(
            self._base,
            columns,
            TrainingSession.id,
            sort_column=0,
            descending=False,
            search_fields=[TrainingSession.topic, TeachingGroup.name],
            extras={
                "planned_date": TrainingSession.planned_date,
                "end_time": TrainingSession.end_time,
                "note": TrainingSession.schedule_note,
            },
            row_look=session_look,
        )
        self.view = ListView(
            "training.sessions",
            self.model,
            search_hint=self.tr("搜索主题或教研组"),
            exporter=export_action(self.tr("教研活动"), self.filters_text),  # X3
        )
        groups = [(g.name, g.id) for g in TeachingGroup.select().order_by(TeachingGroup.name)]
        self.group = filter_combo(groups, self.tr("全部教研组"))
        self.group.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.view.filter_bar.addWidget(self.group)
        if user.has_role(*MANAGERS):
            self.view.action_bar.addWidget(
                button("edit", self.tr("主题与主讲人…"), self.edit_topic)
            )
        self.view.action_bar.addWidget(button("print", self.tr("打印签到表…"), self.print_sign_in))
        if user.has_role(*INSPECTORS):
            self.view.action_bar.addWidget(button("approve", self.tr("过程督查…"), self.spot_check))
        leads = training.leads_a_group(user)
        if leads:  # the group's own leader explains (training.explain_spot_check)
            self.view.action_bar.addWidget(
                button("edit", self.tr("督查情况说明…"), self.explain_check)
            )
        if leads or user.has_role(*INSPECTORS):
            self.view.action_bar.addWidget(
                button("print", self.tr("打印督查记录"), self.print_spot_checks)
            )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def _base(self) -> peewee.ModelSelect:
        return (
            TrainingSession.select()
            .join(TeachingGroup)
            .switch(TrainingSession)
            .join(
                self._speaker,
                peewee.JOIN.LEFT_OUTER,
                on=TrainingSession.speaker == self._speaker.id,
            )
        )

    def _arrangement(self, row: dict[str, Any]) -> str:
        """计划, 已跳过（国庆节）or 调至 10-09（原定 10-05，国庆节）."""
        note = row.get("note") or ""
        if row.get("state") == SessionState.SKIPPED:
            return f"{labels.label(SessionState.SKIPPED)}（{note}）" if note else ""
        planned: date | None = row.get("planned_date")
        if planned is not None and planned != row.get("date"):
            text = self.tr("调整（原定 %1）").replace("%1", f"{planned:%m-%d}")
            return f"{text} {note}".strip()
        return labels.label(SessionState.PLANNED)

    def apply_filters(self) -> None:
        gid = self.group.currentData()
        self.model.set_filters([TrainingSession.group == gid] if gid is not None else [])

    def filters_text(self) -> str:
        """The group chosen, printed above the exported list."""
        return self.group.currentText() if self.group.currentIndex() else ""

    def reload(self) -> None:
        self.model.reload()

    @Slot()
    def edit_topic(self) -> QDialog | None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, self.tr("主题与主讲人"), self.tr("请先选中一次教研活动。"))
            return None
        from desktop.training.dialogs import TopicDialog

        dialog = TopicDialog(self.user, TrainingSession.get_by_id(int(key)), self)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.model.reload()
        self.changed()

    @Slot()
    def print_sign_in(self) -> None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, self.tr("签到表"), self.tr("请先选中一次教研活动。"))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存签到表"), "签到表.pdf", "PDF (*.pdf)"
        )
        if not path:
            return
        from forms.training import write_sign_in_sheet

        try:
            write_sign_in_sheet(int(key), path)
        except Exception as exc:
            errors.show_error(self, exc)

    # --- 过程督查 (T5) ---------------------------------------------------------------------

    def _selected(self, title: str) -> TrainingSession | None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, title, self.tr("请先选中一次教研活动。"))
            return None
        return TrainingSession.get_by_id(int(key))

    @Slot()
    def spot_check(self) -> QDialog | None:
        """过程督查… of the selected session."""
        session = self._selected(self.tr("过程督查"))
        if session is None:
            return None
        dialog = spot_checks.SpotCheckDialog(self.user, session, self)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    @Slot()
    def explain_check(self) -> QDialog | None:
        """督查情况说明… of the selected session's flagged headcount, if it has one."""
        session = self._selected(self.tr("督查情况说明"))
        if session is None:
            return None
        flag = spot_checks.open_flag(session.id)
        if flag is None:
            errors.inform(
                self,
                self.tr("督查情况说明"),
                self.tr("该次活动没有待说明的督查（现场人数与考勤相符或已说明）。"),
            )
            return None
        dialog = spot_checks.ExplainDialog(self.user, flag, self)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    @Slot()
    def print_spot_checks(self) -> Any:
        """The selected session's 过程督查记录, in the print preview."""
        session = self._selected(self.tr("过程督查"))
        return None if session is None else print_pdf(self, "spot-check", session.id)
