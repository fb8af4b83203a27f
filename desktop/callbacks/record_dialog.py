"""记录回访结果: one try at a callback and, when the customer was reached, its written record
(C6) with what the callback's method needs (C3) — on-site, the customer's signed record as a
scanned file; online, 有效/无效 and the analysis of 客服管理 — and, for every method, the
problems found, each with its owning department and, when the recorder knows him, the
person of it in charge (C7: 谁的问题谁负责).

Everything goes through ``callbacks.record_callback`` or ``callbacks.log_attempt``; nothing
here checks a rule: a missing scan, an undecided questionnaire or a problem without its
department is refused by the use case, shown beside the row it concerns, and nothing is
written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import errors
from desktop.callbacks.common import tr
from desktop.form_dialog import ErrorLabel, FormDialog, file_row
from forms.spec import Field, FieldType
from models import callbacks
from models.callbacks import (
    Callback,
    CallbackRecord,
    Method,
    Outcome,
    PlanQuestion,
    ProblemInput,
)
from models.errors import RuleViolation
from models.people import DEPARTMENT_ORDER, Department, User

REACHED = Outcome.REACHED.label
# What one try can end in, as the caller picks it (问卷无效 is marked on the online answers).
OUTCOMES = tuple(o.label for o in Outcome if o != Outcome.INVALID)
VALID, INVALID = "有效", "无效"
# The fields of ``ProblemInput`` a refusal may name: shown under the list of problems.
PROBLEM_FIELDS = frozenset({"description", "owner_department", "owner_user", "problems"})


def departments() -> list[Department]:
    """The departments a problem may go to, in the office's order."""
    query = Department.select().where(Department.voided_at.is_null()).order_by(*DEPARTMENT_ORDER)
    return list(query)


def fill_people(combo: QComboBox, department: Department | None) -> None:
    """Offer in ``combo`` the people a problem of ``department`` may name as its 责任人
    (``callbacks.owner_candidates``: the rule's own list), after an empty choice: the whole
    department owns it."""
    combo.clear()
    combo.addItem("", None)
    if department is not None:
        for u in callbacks.owner_candidates(department):
            combo.addItem(u.name, u.id)


def chosen_person(combo: QWidget | None) -> User | None:
    key = combo.currentData() if isinstance(combo, QComboBox) else None
    return User.get_by_id(key) if key is not None else None


class ProblemsEditor(QWidget):
    """The problems a callback found (C7): one row each, its description, its owning
    department and optionally the person of it in charge (the choice follows the
    department); none, one or more. A row left empty is not a problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.departments = departments()
        self.by_id = {d.id: d for d in self.departments}
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("问题描述"), self.tr("责任部门"), self.tr("责任人（可不填）")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(96)
        self.add_button = QPushButton(self.tr("添加问题"))
        self.add_button.clicked.connect(lambda _c=False: self.add_row())
        self.remove_button = QPushButton(self.tr("删除所选问题"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(
        self,
        description: str = "",
        department: Department | None = None,
        person: User | None = None,
    ) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(description))
        combo = QComboBox()
        combo.addItem("", None)  # chosen by the caller: the use case refuses a problem without
        for d in self.departments:
            combo.addItem(d.name, d.id)
        if department is not None:
            combo.setCurrentIndex(max(0, combo.findData(department.id)))
        people = QComboBox()
        fill_people(people, self.by_id.get(combo.currentData()))
        if person is not None:
            people.setCurrentIndex(max(0, people.findData(person.id)))
        combo.currentIndexChanged.connect(
            lambda _i, c=combo, p=people: fill_people(p, self.by_id.get(c.currentData()))
        )
        self.table.setCellWidget(row, 1, combo)
        self.table.setCellWidget(row, 2, people)
        self.table.setCurrentCell(row, 0)
        return row

    @Slot()
    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def problems(self) -> list[ProblemInput]:
        """The rows as the use case takes them (a department left unchosen stays ``None``,
        for the use case to refuse naming C7; no person chosen: the department owns it)."""
        found = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            text = item.text().strip() if item is not None else ""
            combo = self.table.cellWidget(row, 1)
            key = combo.currentData() if isinstance(combo, QComboBox) else None
            person = chosen_person(self.table.cellWidget(row, 2))
            if not text and key is None and person is None:
                continue
            found.append(ProblemInput(text, self.by_id.get(key), person))  # type: ignore[arg-type]
        return found


@dataclass(frozen=True)
class RecordFields:
    """The written record's own fields — 受访人, the plan's questions, 满意度, 回访情况 — built
    once for both dialogs that write a record: 记录回访结果 (empty) and 更正记录 (pre-filled
    with the record it corrects), so the two never drift apart."""

    questions: tuple[PlanQuestion, ...]

    @classmethod
    def of(cls, callback: Callback) -> RecordFields:
        """The fields of ``callback``'s record: its plan's outline, none without a plan."""
        if not callback.plan_id:
            return cls(())
        query = (
            PlanQuestion.select()
            .where(PlanQuestion.plan == callback.plan_id)
            .order_by(PlanQuestion.order)
        )
        return cls(tuple(query))

    def fields(self) -> list[Field]:
        return [
            Field("reached_person", "受访人", max_length=50, label_en="Reached"),
            *(
                Field(_question_key(q.order), f"{q.order}. {q.text}", max_length=500)
                for q in self.questions
            ),
            Field(
                "satisfaction",
                "满意度（1–5）",
                FieldType.INTEGER,
                label_en="Satisfaction (1–5)",
            ),
            Field("summary", "回访情况", max_length=500, multiline=True, label_en="Summary"),
        ]

    def values(self, record: CallbackRecord) -> dict[str, Any]:
        """``record``'s current values in these fields (a question it left out stays empty)."""
        given = record.answer_map
        return {
            "reached_person": record.reached_person,
            "satisfaction": record.satisfaction,
            "summary": record.summary,
            **{_question_key(q.order): given.get(q.order, "") for q in self.questions},
        }

    def taken(self, v: dict[str, Any]) -> dict[str, Any]:
        """The dialog's values as ``record_callback`` and ``amend_record`` take them."""
        return {
            "reached_person": v.get("reached_person") or "",
            "answers": {q.order: v.get(_question_key(q.order)) or "" for q in self.questions},
            "satisfaction": v.get("satisfaction"),
            "summary": v.get("summary") or "",
        }


class RecordDialog(FormDialog):
    """One try at ``callback``: its outcome, and when reached the record — who answered, the
    outline's answers, the satisfaction, and by the method the signed record's scan (on-site)
    or 有效/无效 with the analysis (online) — and the problems found."""

    def __init__(self, user: User, callback: Callback, parent: QWidget | None = None) -> None:
        self.user = user
        self.callback = callback
        self.method = Method(callback.method)
        contact = callbacks.current_contact(callback.customer)
        self.record_fields = RecordFields.of(callback)
        title = f"{tr('记录回访结果')} · {callback.customer.name}"
        values = {
            "outcome": Outcome.NO_ANSWER.label,
            "phone_dialled": contact.phone if contact else "",
        }
        super().__init__(title, self._fields(), self.save, values=values, parent=parent)
        form = self.findChild(QFormLayout)
        assert form is not None
        self.scan: QLineEdit | None = None
        self.scan_error = ErrorLabel(self)
        if self.method == Method.ONSITE:
            self.scan, row = file_row(
                self,
                self.tr("客户签字的回访记录扫描件（PDF、图片）"),
                self.tr("选择文件…"),
                self.tr("选择签字回访记录的扫描件"),
                self.tr("扫描件 (*.pdf *.jpg *.jpeg *.png)"),
            )
            self.scan.setObjectName("signedRecordScan")
            form.addRow(self.tr("签字记录扫描件："), with_error(row, self.scan_error))
        if self.method == Method.ONLINE:  # the value stays the Chinese word
            self.show_choices("valid", {VALID: tr("有效"), INVALID: tr("无效")})
        self.problems = ProblemsEditor(self)
        self.problems_error = ErrorLabel(self)
        form.addRow(self.tr("发现的问题："), with_error(self.problems, self.problems_error))
        self.setMinimumWidth(560)

    def _fields(self) -> list[Field]:
        fields = [
            Field(
                "outcome",
                "结果",
                FieldType.CHOICE,
                required=True,
                choices=OUTCOMES,
                label_en="Outcome",
            ),
            Field("phone_dialled", "拨打号码", max_length=32, label_en="Phone dialled"),
            Field("note", "说明", max_length=300, label_en="Note"),
            Field(
                "next_try_on",
                "约定日期",
                FieldType.DATE,
                label_en="Agreed day",
                help="约定改期时填写。",
            ),
            *self.record_fields.fields(),
        ]
        if self.method == Method.ONLINE:  # 客服管理 judges the answers and writes the analysis
            fields += [
                Field(
                    "valid",
                    "答卷有效性",
                    FieldType.CHOICE,
                    choices=(VALID, INVALID),
                    label_en="Answers",
                ),
                Field("analysis", "分析", max_length=2000, multiline=True, label_en="Analysis"),
            ]
        return fields

    def scan_file(self) -> tuple[str, Path] | None:
        """The chosen scan as (name, path), read when the record is stored; a file moved or
        unreadable since it was chosen is said in the dialog."""
        path = self.scan.text().strip() if self.scan is not None else ""
        if not path:
            return None
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise RuleViolation(
                None,
                f"无法读取文件「{Path(path).name}」：{reason}",
                f"cannot read the file {Path(path).name}: {reason}",
                field="scan",
            ) from exc
        return Path(path).name, Path(path)

    def save(self, v: dict[str, Any]) -> Any:
        if v["outcome"] == REACHED:
            valid = {VALID: True, INVALID: False}.get(v.get("valid") or "")
            return callbacks.record_callback(
                self.user,
                self.callback,
                **self.record_fields.taken(v),
                phone_dialled=v.get("phone_dialled") or "",
                scan=self.scan_file(),
                valid=valid,
                analysis=v.get("analysis") or "",
                problems=self.problems.problems(),
            )
        outcome = next(o for o in Outcome if o.label == v["outcome"])
        return callbacks.log_attempt(
            self.user,
            self.callback,
            outcome,
            phone_dialled=v.get("phone_dialled") or "",
            note=v.get("note") or "",
            next_try_on=v.get("next_try_on"),
        )

    def clear_errors(self) -> None:
        super().clear_errors()
        self.scan_error.show_text("")
        self.problems_error.show_text("")

    def show_rule(self, exc: RuleViolation) -> None:
        """The scan's refusal under the scan, a problem's under the problems; the rest as
        every form dialog shows them."""
        if exc.field == "scan":
            self.scan_error.show_text(errors.inline_text(exc))
        elif exc.field in PROBLEM_FIELDS:
            self.problems_error.show_text(errors.inline_text(exc))
        else:
            super().show_rule(exc)


def with_error(widget: QWidget, error: ErrorLabel) -> QWidget:
    """``widget`` with its error line under it (a refusal naming it shows there)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(error)
    return box


def _question_key(order: int) -> str:
    return f"q{order}"


def attempt_dialog(user: User, callback: Callback, parent: Any) -> RecordDialog:
    """The record dialog of ``callback`` (我的回访's 记录结果…)."""
    return RecordDialog(user, callback, parent)
