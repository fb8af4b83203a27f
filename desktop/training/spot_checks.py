"""过程督查 (T5) from the 活动 tab: 培训办 or a main leader records what he found at a session
(the headcount, the quality, his findings); the group's own leader explains a headcount the
register disagrees with. Each dialog's OK is one use case of ``models.training``
(``record_spot_check``, ``explain_spot_check``), whose refusal stays in the dialog: the
group leader inspecting his own group, a skipped session, a quality not on the list."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QSpinBox, QWidget

from desktop import labels
from desktop.form_dialog import ActionDialog
from desktop.training.dialogs import _form, _reason_edit
from models import training
from models.people import User
from models.training import QUALITIES, SpotCheck, SpotCheckFlag, TrainingSession

HEADCOUNT_MAX = 999  # people at one session; the model refuses what is not a whole number


def _when(session: TrainingSession) -> str:
    return (
        f"{session.group.name}　{session.date:%Y-%m-%d} {session.start_time:%H:%M}　{session.topic}"
    )


def open_flag(session_id: int) -> SpotCheckFlag | None:
    """The session's spot check whose headcount the register disagrees with and that nobody
    has explained yet (``training.spot_check_flags``), if any."""
    return next((f for f in training.spot_check_flags() if f.session_id == session_id), None)


class SpotCheckDialog(ActionDialog):
    """过程督查 of ``session``: ``training.record_spot_check``."""

    def __init__(self, user: User, session: TrainingSession, parent: QWidget | None = None):
        super().__init__(self.tr("过程督查"), parent)
        self.setMinimumWidth(480)
        self.user, self.session = user, session
        self.observed = QSpinBox()
        self.observed.setRange(0, HEADCOUNT_MAX)
        self.quality = QComboBox()
        for q in QUALITIES:  # shown in the interface language, the model's word kept
            self.quality.addItem(labels.code("spot_check_quality", q), q)
        self.findings = QPlainTextEdit()
        self.findings.setTabChangesFocus(True)
        self.findings.setPlaceholderText(self.tr("如：研讨充分，记录完整"))
        _form(
            self,
            [
                (self.tr("教研活动："), QLabel(_when(session))),
                (self.tr("现场人数*："), self.observed),
                (self.tr("活动质量*："), self.quality),
                (self.tr("督查意见："), self.findings),
            ],
        )

    def run(self, acknowledged: frozenset[str]) -> Any:
        return training.record_spot_check(
            self.user,
            self.session,
            self.observed.value(),
            self.quality.currentData(),
            self.findings.toPlainText(),
        )


class ExplainDialog(ActionDialog):
    """督查情况说明 of a flagged headcount: ``training.explain_spot_check``."""

    def __init__(self, user: User, flag: SpotCheckFlag, parent: QWidget | None = None):
        super().__init__(self.tr("督查情况说明"), parent)
        self.setMinimumWidth(480)
        self.user = user
        self.check = SpotCheck.get_by_id(flag.check_id)
        found = (
            self.tr("督查时现场 %1 人，考勤记出勤 %2 人。")
            .replace("%1", str(flag.observed))
            .replace("%2", str(flag.registered))
        )
        self.explanation = _reason_edit()
        self.explanation.setPlaceholderText(self.tr("如：两位老师督查后到场，已记迟到"))
        _form(
            self,
            [
                (self.tr("教研活动："), QLabel(_when(self.check.session))),
                (self.tr("情况："), QLabel(found)),
                (self.tr("说明*："), self.explanation),
            ],
        )

    def run(self, acknowledged: frozenset[str]) -> Any:
        return training.explain_spot_check(self.user, self.check, self.explanation.toPlainText())
