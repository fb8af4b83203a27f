"""A 请假 or 学分申请 is filed by a teacher from 审批中心's 我的申请, and a returned one is
corrected and sent again from the window 查看完整单据 opens (T3, T7): real widgets, the modal
dialog driven as a person would (its fields filled, OK pressed), the document read back from
the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from desktop.approvals import ApprovalCenter
from desktop.form_dialog import FormDialog
from desktop.modules import document_window
from desktop.training.requests import ClaimDialog, ClaimWindow, LeaveWindow, new_leave_dialog
from models import documents, people, training
from models.people import Role
from tests.desktop.test_training_page import school  # noqa: F401  (the fixture)
from tests.models.training_school import IDS
from tests.office import PASSWORD


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


@pytest.fixture
def liu(school):  # noqa: F811
    """刘五, an ordinary teacher: his login (a 办事员) linked to his teacher record."""
    login = people.add_user(school.admin, "liuwu", "刘五", PASSWORD, school.office, [Role.CLERK])
    school.liu = login
    school.liu_teacher = training.add_teacher(
        school.tangmin, staff_no="0099", name="刘五", id_number=IDS[5], user=login
    )
    return school


def _center(qtbot, user) -> ApprovalCenter:
    page = ApprovalCenter(user)
    qtbot.addWidget(page)
    page.show()
    return page


def _titles(view) -> list[str]:
    view.reload()
    return [view.model.row(r)["title"] for r in range(view.model.rowCount())]


def test_T3_a_teacher_files_a_leave_in_my_requests_and_it_reaches_the_approver(qtbot, liu):
    o = liu
    page = _center(qtbot, o.liu)
    mine = page.open_tab("mine")
    assert set(page.new_buttons) == {"training_leave", "training_claim", "training_archive"}
    assert page.new_buttons["training_leave"].isVisibleTo(page)
    other = _center(qtbot, o.clerk)  # no teacher record: nothing to file
    other.open_tab("mine")
    assert other.new_buttons == {}

    def fill(dialog: FormDialog) -> None:
        assert "刘五" in dialog.windowTitle() and "teacher" not in dialog.editors
        kind = dialog.widget("kind")
        kind.setCurrentIndex(kind.findText("事假"))
        dialog.widget("from_date").setDate(QDate(2026, 10, 21))
        dialog.widget("to_date").setDate(QDate(2026, 10, 21))
        dialog.widget("reason").setPlainText("孩子生病")
        assert dialog.try_submit()

    _when_the_dialog_opens(fill)
    assert page.new_request(page_request(page, "training_leave"))
    leave = training.TrainingLeave.get(training.TrainingLeave.teacher == o.liu_teacher.id)
    assert (leave.state, leave.kind, leave.reason, leave.applicant_id) == (
        "pending",
        "事假",
        "孩子生病",
        o.liu.id,
    )
    title = leave.instance().title
    assert _titles(mine) == [title]
    inbox = _center(qtbot, o.tangmin).open_tab("inbox")
    assert title in _titles(inbox)


def page_request(page: ApprovalCenter, key: str):
    from desktop.modules import requests_for

    return next(r for r in requests_for(page.user) if r.key == key)


def test_T3_a_leave_ending_before_it_starts_is_refused_in_the_new_dialog(qtbot, liu):
    dialog = new_leave_dialog(liu.liu)
    qtbot.addWidget(dialog)
    dialog.widget("from_date").setDate(QDate(2026, 10, 22))
    dialog.widget("to_date").setDate(QDate(2026, 10, 21))
    dialog.widget("reason").setPlainText("外出")
    assert not dialog.try_submit()
    shown = dialog.error.text() + "".join(dialog.error_text(k) for k in dialog.editors)
    assert "[T3]" in shown, shown
    assert not training.TrainingLeave.select().exists()


def test_T3_the_training_office_files_a_leave_for_a_teacher_it_picks(qtbot, liu):
    o = liu
    # 教研处 approves: someone other than the applicant must hold the role (X1)
    people.add_user(o.admin, "zhouqi", "周琪", PASSWORD, o.office, [Role.TRAINING])
    dialog = new_leave_dialog(o.tangmin)
    qtbot.addWidget(dialog)
    assert next(iter(dialog.editors)) == "teacher"
    dialog.widget("teacher").setText("0099 刘五")
    dialog.widget("reason").setPlainText("市里公差")
    kind = dialog.widget("kind")
    kind.setCurrentIndex(kind.findText("公差"))
    assert dialog.try_submit(), dialog.error.text()
    assert dialog.result.teacher_id == liu.liu_teacher.id


def _fill_claim(dialog: ClaimDialog, hours: str = "8") -> None:
    dialog.widget("provider").setText("市教育学院")
    dialog.widget("from_date").setDate(QDate(2026, 10, 12))
    dialog.widget("to_date").setDate(QDate(2026, 10, 13))
    dialog.widget("hours").setText(hours)
    dialog.widget("certificate_no").setText("SJ-2026-0042")


def test_T7_a_teacher_claims_with_the_certificate_scan_attached(qtbot, liu, tmp_path):
    from models import attachments

    scan = tmp_path / "结业证书.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the certificate")
    dialog = ClaimDialog(liu.liu)
    qtbot.addWidget(dialog)
    _fill_claim(dialog)
    assert not dialog.try_submit()  # no scan chosen: refused by the model, at the top
    assert "[T7]" in dialog.error.text() and "扫描件" in dialog.error.text()
    dialog.scan.setText(str(tmp_path / "已移走.pdf"))
    assert not dialog.try_submit()  # a file gone since it was chosen: said in the dialog
    assert "已移走.pdf" in dialog.error.text()
    dialog.scan.setText(str(scan))
    assert dialog.try_submit(), dialog.error.text()
    claim = dialog.result
    assert (claim.state, claim.certificate_no, claim.teacher_id) == (
        "pending",
        "SJ-2026-0042",
        liu.liu_teacher.id,
    )
    (file,) = attachments.attachments_of(claim)
    assert file.file_name == "结业证书.pdf"
    assert attachments.read_bytes(file) == scan.read_bytes()


def test_T7_hours_not_above_zero_are_refused_in_the_new_claim_dialog(qtbot, liu, tmp_path):
    scan = tmp_path / "证书.png"
    scan.write_bytes(b"\x89PNG scan")
    dialog = ClaimDialog(liu.liu)
    qtbot.addWidget(dialog)
    _fill_claim(dialog, hours="0")
    dialog.scan.setText(str(scan))
    assert not dialog.try_submit()
    assert "[T7]" in dialog.error_text("hours")
    assert not training.ExternalTraining.select().exists()
