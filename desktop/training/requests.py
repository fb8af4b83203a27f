"""A teacher's 请假 and 学分申请 in their own window, where the applicant sees them: 审批中心's
我的申请 → 查看完整单据 (``MODULE.windows``). An ordinary teacher does not see the 培训管理
page, so the window is the one place he finds a leave or a claim 教研处 sent back.

The window is the read-only ``DocumentView`` (summary, state, trail) with one more button,
修改后重新提交…, shown when the declaration offers ``resubmit`` to this user now
(``documents.available_actions``: a RETURNED document, its applicant only). It opens a
dialog prefilled with the document's own values; OK runs ``training.resubmit_leave`` or
``training.resubmit_claim`` through ``FormDialog`` (``desktop.ops``), a refusal shown in the
dialog, and the window then shows the document as it stands.

A new one is the same dialog empty (``new_leave_dialog``, ``new_claim_dialog``), offered in
我的申请 (``MODULE.requests``) to a teacher whose login is linked to him, and to 培训办, who
files for any teacher (a 教师 picker first). A new claim also takes its 证书编号 and the
certificate's scan, chosen with a file picker and handed to ``training.claim_external``,
which attaches it; a claim without one is refused there (T7).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop.document_view import DocumentView
from desktop.form_dialog import FormDialog, file_row
from desktop.i18n import pick
from desktop.icons import icon
from forms.spec import Field, FieldType, Reference
from forms.training.external import EXTERNAL
from models import documents, training, workflow
from models.errors import RuleViolation
from models.people import Role, User
from models.training import LEAVE_KINDS, ExternalTraining, Teacher, TrainingLeave

LEAVE_FIELDS = (
    Field("kind", "类别", FieldType.CHOICE, required=True, choices=LEAVE_KINDS, label_en="Kind"),
    Field("from_date", "开始日期", FieldType.DATE, required=True, label_en="From"),
    Field("to_date", "结束日期", FieldType.DATE, required=True, label_en="To"),
    Field("reason", "事由", required=True, max_length=200, multiline=True, label_en="Reason"),
)
CLAIM_FIELDS = tuple(
    EXTERNAL.field(key) for key in ("kind", "provider", "level", "from_date", "to_date", "hours")
)


class RequestWindow(DocumentView):
    """A leave or a claim read-only, with 修改后重新提交… for its applicant once returned."""

    changed = Signal()
    MODEL: Any = None

    def __init__(self, user: User, doc_id: int, parent: QWidget | None = None) -> None:
        self.resubmit_button = QPushButton(icon("send"), "")
        super().__init__(user, self.MODEL.DOC_TYPE, doc_id, parent)
        self.resubmit_button.setText(self.tr("修改后重新提交…"))
        self.resubmit_button.setToolTip(self.tr("按退回意见修改后，再次送教研处审批"))
        self.resubmit_button.clicked.connect(self.resubmit)
        buttons = self.findChild(QDialogButtonBox)
        buttons.addButton(self.resubmit_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.offer()

    def document(self) -> Any:
        return self.MODEL.get_by_id(self.doc_id)

    def load(self) -> None:
        super().load()
        self.offer()

    def offer(self) -> None:
        """修改后重新提交… when the declaration offers ``resubmit`` to this user now."""
        offered = documents.available_actions(self.user, self.document())
        self.resubmit_button.setVisible("resubmit" in offered)

    def dialog(self) -> FormDialog:
        raise NotImplementedError

    def returned_with(self) -> str:
        """The comment 教研处 sent the document back with (the last 退回 of its trail)."""
        inst = workflow.for_document(self.doc_type, self.doc_id)
        steps = workflow.trail(inst.id) if inst is not None else []
        returns = [s.comment for s in steps if s.action == "return"]
        return returns[-1] if returns else ""

    def prefilled(self, title: str, fields: Any, submit: Any, values: dict[str, Any]) -> FormDialog:
        """The dialog, the returning comment above its fields (what to correct)."""
        dialog = FormDialog(title, fields, submit, values=values, parent=self)
        comment = self.returned_with()
        if comment:
            note = QLabel(comment)  # stored as the engine wrote it: 退回至申请人：…
            note.setObjectName("returnedWith")
            note.setWordWrap(True)
            dialog.layout().insertWidget(1, note)
        return dialog

    @Slot()
    def resubmit(self) -> bool:
        dialog = self.dialog()
        if not dialog.exec():
            return False
        self.load()
        self.changed.emit()
        return True


class LeaveWindow(RequestWindow):
    MODEL = TrainingLeave

    def dialog(self) -> FormDialog:
        leave = self.document()

        def submit(v: dict[str, Any]) -> TrainingLeave:
            return training.resubmit_leave(
                self.user,
                leave,
                from_date=v["from_date"],
                to_date=v["to_date"],
                kind=v["kind"],
                reason=v["reason"],
            )

        values = {k: getattr(leave, k) for k in ("kind", "from_date", "to_date", "reason")}
        return self.prefilled(self.tr("修改后重新提交请假"), LEAVE_FIELDS, submit, values)


class ClaimWindow(RequestWindow):
    MODEL = ExternalTraining

    def dialog(self) -> FormDialog:
        claim = self.document()

        def submit(v: dict[str, Any]) -> ExternalTraining:
            return training.resubmit_claim(self.user, claim, **v)

        values = {f.key: getattr(claim, f.key) for f in CLAIM_FIELDS}
        return self.prefilled(self.tr("修改后重新提交学分申请"), CLAIM_FIELDS, submit, values)


def leave_window(user: User, doc_id: int, parent: QWidget | None = None) -> LeaveWindow:
    return LeaveWindow(user, doc_id, parent)


def claim_window(user: User, doc_id: int, parent: QWidget | None = None) -> ClaimWindow:
    return ClaimWindow(user, doc_id, parent)


# --- new requests: the same dialogs, empty ------------------------------------------------


def _teacher_key(teacher: Teacher) -> str:
    return f"{teacher.staff_no} {teacher.name}"


def _teacher_of_key(key: str) -> Teacher | None:
    return Teacher.get_or_none(Teacher.staff_no == key.split()[0]) if key.split() else None


def _teacher_keys() -> list[str]:
    return [_teacher_key(t) for t in Teacher.select().order_by(Teacher.staff_no)]


TEACHER_FIELD = Field(
    "teacher",
    "教师",
    FieldType.REFERENCE,
    required=True,
    reference=Reference("教师", _teacher_of_key, _teacher_keys),
    label_en="Teacher",
)
CERTIFICATE_NO = EXTERNAL.field("certificate_no")


def _for_whom(user: User) -> tuple[tuple[Field, ...], Teacher | None]:
    """培训办 picks the teacher (first field); a teacher files for himself."""
    if user.has_role(Role.TRAINING):
        return (TEACHER_FIELD,), None
    return (), training.teacher_of_user(user)


def _title(zh: str, en: str, teacher: Teacher | None) -> str:
    return pick(zh, en) + (f"（{teacher.name}）" if teacher is not None else "")


def new_leave_dialog(user: User, parent: QWidget | None = None) -> FormDialog:
    """请假 (T3): the resubmit dialog's fields, empty; OK runs ``training.request_leave``."""
    first, own = _for_whom(user)

    def submit(v: dict[str, Any]) -> TrainingLeave:
        teacher = v.get("teacher") or own
        return training.request_leave(
            user, teacher, v["from_date"], v["to_date"], v["kind"], v["reason"]
        )

    title = _title("申请请假", "Ask for leave", own)
    return FormDialog(title, first + LEAVE_FIELDS, submit, parent=parent)


class ClaimDialog(FormDialog):
    """学分申请 (T7): the resubmit dialog's fields, empty, with 证书编号 and the scan's file."""

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        first, own = _for_whom(user)
        self.own = own
        title = _title("申报外出培训学分", "Claim external training credits", own)
        super().__init__(title, first + CLAIM_FIELDS + (CERTIFICATE_NO,), self.file, parent=parent)
        self.user = user
        self.scan, row = file_row(
            self,
            self.tr("证书的扫描件或照片（PDF、图片）"),
            self.tr("选择文件…"),
            self.tr("选择证书扫描件"),
            self.tr("扫描件 (*.pdf *.jpg *.jpeg *.png)"),
        )
        self.scan.setObjectName("certificateScan")
        form = self.findChild(QFormLayout)
        form.addRow(self.tr("证书扫描件*："), row)

    def file(self, v: dict[str, Any]) -> ExternalTraining:
        path = self.scan.text().strip()
        try:
            scan = (Path(path).name, Path(path).read_bytes()) if path else ("", b"")
        except OSError as exc:  # moved or unreadable since it was chosen: said in the dialog
            reason = exc.strerror or str(exc)
            raise RuleViolation(
                None,
                f"无法读取文件「{Path(path).name}」：{reason}",
                f"cannot read the file {Path(path).name}: {reason}",
            ) from exc
        teacher = v.pop("teacher", None) or self.own
        return training.claim_external(self.user, teacher, certificate=scan, **v)


def new_claim_dialog(user: User, parent: QWidget | None = None) -> ClaimDialog:
    return ClaimDialog(user, parent)
