"""A returned 请假 or 学分申请 is corrected and sent again by its applicant from the window
审批中心's 查看完整单据 opens (T3, T7): real widgets, the modal dialog driven as a person
would (its fields filled, OK pressed), the document read back from the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from desktop.form_dialog import FormDialog
from desktop.modules import document_window
from desktop.training.requests import ClaimWindow, LeaveWindow
from models import documents, training
from tests.desktop.test_training_page import school  # noqa: F401  (the fixture)


def _open(user, doc_type: str, doc_id: int, qtbot):
    window = document_window(doc_type)(user, doc_id, None)
    qtbot.addWidget(window)
    window.show()
    return window


def _when_the_dialog_opens(act) -> None:
    """Run ``act(dialog)`` on the modal dialog the next button opens, as a person would."""

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FormDialog):
            QTimer.singleShot(20, go)
            return
        act(dialog)

    QTimer.singleShot(0, go)


def test_T3_a_returned_leave_is_corrected_and_resubmitted_from_its_window(qtbot, school):  # noqa: F811
    o = school
    day = date(2026, 10, 19)
    leave = training.request_leave(o.chen, o.teachers[0], day, day, "事假", "家中有事")
    window = _open(o.chen, "training_leave", leave.id, qtbot)
    assert isinstance(window, LeaveWindow) and not window.resubmit_button.isVisible()
    documents.return_to_applicant(o.tangmin, leave, "请写明具体事由")
    assert not _open(o.tangmin, "training_leave", leave.id, qtbot).resubmit_button.isVisible()
    window.load()
    assert window.resubmit_button.isVisible() and "已退回" in window.header.text()
    seen: dict[str, object] = {}

    def fill(dialog: FormDialog) -> None:
        seen["returned"] = dialog.findChild(QLabel, "returnedWith").text()
        seen["reason"] = dialog.widget("reason").toPlainText()
        seen["kind"] = dialog.widget("kind").currentText()
        reason = dialog.widget("reason")
        assert isinstance(reason, QPlainTextEdit)
        reason.setPlainText("")
        assert not dialog.try_submit()  # a required field empty: the dialog stays
        reason.setPlainText("参加市教研活动")
        kind = dialog.widget("kind")
        assert isinstance(kind, QComboBox)
        kind.setCurrentIndex(kind.findText("公差"))
        to = dialog.widget("to_date")
        assert isinstance(to, QDateEdit)
        to.setDate(QDate(2026, 10, 20))
        assert dialog.try_submit()

    _when_the_dialog_opens(fill)
    assert window.resubmit()
    # Prefilled with the leave's own values, the returning comment above them.
    assert seen == {
        "returned": "退回至申请人：请写明具体事由",
        "reason": "家中有事",
        "kind": "事假",
    }
    again = training.TrainingLeave.get_by_id(leave.id)
    assert (again.state, again.kind, again.reason) == ("pending", "公差", "参加市教研活动")
    assert again.to_date == date(2026, 10, 20)
    assert not window.resubmit_button.isVisible() and "审批中" in window.header.text()


def test_T7_a_returned_claim_refused_in_the_dialog_then_resubmitted(qtbot, school, tmp_path):  # noqa: F811
    o = school
    claim = training.claim_external(
        o.chen,
        o.teachers[0],
        kind="非学历",
        provider="县教师进修学校",
        level="县级",
        from_date=date(2026, 10, 8),
        to_date=date(2026, 10, 9),
        hours="80",
        certificate_no="JX-2026-0009",
        certificate=("证书.pdf", b"%PDF-1.4 certificate"),
    )
    documents.return_to_applicant(o.tangmin, claim, "学时应为 8，请核对证书")
    window = _open(o.chen, "training_claim", claim.id, qtbot)
    assert isinstance(window, ClaimWindow) and window.resubmit_button.isVisible()
    dialog = window.dialog()
    qtbot.addWidget(dialog)
    hours = dialog.widget("hours")
    assert isinstance(hours, QLineEdit) and hours.text() in ("80", "80.0")
    assert dialog.widget("provider").text() == "县教师进修学校"
    hours.setText("0")
    assert not dialog.try_submit()  # refused by the model, shown beside the field
    assert "[T7]" in dialog.error_text("hours")
    hours.setText("8")
    assert dialog.try_submit()
    again = training.ExternalTraining.get_by_id(claim.id)
    assert (again.state, again.hours) == ("pending", Decimal("8.0"))
    assert again.instance().id == claim.instance().id  # the same approval, one trail
