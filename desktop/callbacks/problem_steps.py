"""The steps of a problem to its closure (C7), as the 问题跟踪 tab runs them: 报告整改 by its
owner, 验证 by 客服管理 or a 科室负责人 (never the fixer; 不通过 sends it back), 改派 by 客服管理
while it is open; and 登记问题… (``RaiseProblemDialog``), a problem found in a callback
after its record was written, to its owner at once.

``STEPS`` names each once: its key (what ``callbacks.problem_actions`` offers), its button
and the dialog that collects what the use case needs. Nothing here checks a rule: the use
cases of ``models.callbacks.problems`` do, and their refusals show in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from desktop import errors, labels
from desktop.callbacks.common import tr
from desktop.callbacks.record_dialog import chosen_person, departments, fill_people, with_error
from desktop.form_dialog import ErrorLabel, FormDialog
from desktop.pickers import SearchPicker
from forms.spec import Field, FieldType
from models import callbacks
from models.callbacks import Callback, ContentType, Problem, ProblemInput
from models.errors import RuleViolation
from models.people import User

PASSED, FAILED = "通过：关闭问题", "不通过：退回责任人整改"


def _title(zh: str, problem: Problem) -> str:
    return f"{tr(zh)} · {problem.number}"


def fixed_dialog(user: User, problem: Problem, parent: QWidget) -> FormDialog:
    """报告整改: what the owner did; the problem then waits for someone else's check."""
    fields = [Field("note", "整改情况", required=True, multiline=True, label_en="What was done")]
    return FormDialog(
        _title("报告整改完成", problem),
        fields,
        lambda v: callbacks.report_fixed(user, problem, v["note"]),
        parent=parent,
    )


def verify_dialog(user: User, problem: Problem, parent: QWidget) -> FormDialog:
    """验证: passed closes the problem; not passed returns it to its owner with the reason."""
    fields = [
        Field(
            "result",
            "验证结果",
            FieldType.CHOICE,
            required=True,
            choices=(PASSED, FAILED),
            label_en="Result",
        ),
        Field(
            "note",
            "验证意见",
            multiline=True,
            label_en="Note",
            help="不通过时须写明原因。",
        ),
    ]
    dialog = FormDialog(
        _title("验证整改", problem),
        fields,
        lambda v: callbacks.verify_problem(
            user, problem, v["result"] == PASSED, v.get("note") or ""
        ),
        values={"result": PASSED},
        parent=parent,
    )
    # the value stays the Chinese words; the text follows
    dialog.show_choices(
        "result", {PASSED: tr("通过：关闭问题"), FAILED: tr("不通过：退回责任人整改")}
    )
    return dialog


def reassign_dialog(user: User, problem: Problem, parent: QWidget) -> FormDialog:
    """改派: another owning department (a person in it, optionally) and the reason."""
    by_name = {d.name: d for d in departments()}
    people = {
        f"{u.name}（{u.department.name}）": u
        for u in User.select().where(User.voided_at.is_null()).order_by(User.name)
        if u.department_id is not None
    }
    fields = [
        Field(
            "department",
            "改派给部门",
            FieldType.CHOICE,
            required=True,
            choices=tuple(by_name),
            label_en="Department",
        ),
        Field(
            "person",
            "责任人",
            FieldType.CHOICE,
            choices=tuple(people),
            label_en="Person in charge",
            help="可不填：整个部门负责。",
        ),
        Field("reason", "改派原因", required=True, multiline=True, label_en="Reason"),
    ]

    def submit(v: dict[str, Any]) -> Problem:
        owner = ProblemInput(problem.description, by_name[v["department"]], people.get(v["person"]))
        return callbacks.reassign_problem(user, problem, owner, v["reason"])

    return FormDialog(_title("改派问题", problem), fields, submit, parent=parent)


@dataclass(frozen=True)
class Step:
    key: str  # as ``callbacks.problem_actions`` names it
    zh: str
    icon: str
    dialog: Callable[[User, Problem, QWidget], FormDialog]


STEPS = (
    Step("report_fixed", "报告整改…", "save", fixed_dialog),
    Step("verify", "验证…", "approve", verify_dialog),
    Step("reassign", "改派…", "delegate", reassign_dialog),
)


def callback_search(text: str) -> list[tuple[str, Any]]:
    """The recorded callbacks whose customer matches ``text``, as the picker shows them."""
    return [
        (
            f"{cb.customer.name}（{cb.customer.number}）· "
            f"{cb.finished_at:%Y-%m-%d} {labels.of(ContentType, cb.content_type)}",
            cb,
        )
        for cb in callbacks.recorded_callbacks_matching(text)
    ]


class RaiseProblemDialog(FormDialog):
    """登记问题…: a problem found in a callback whose record is already written — on reading
    the record again, or in 客服管理's analysis of the calls and visits — sent to its owner
    at once (C7): the callback picked by its customer's name, pinyin or number, the owning
    department and, optionally, the person of it in charge (the choice follows the
    department). ``callbacks.raise_problem`` decides; its refusals show beside the row."""

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        self.user = user
        fields = [
            Field("description", "问题描述", required=True, multiline=True, label_en="Problem")
        ]
        super().__init__(tr("登记问题"), fields, self.save, parent=parent)
        form = self.findChild(QFormLayout)
        assert form is not None
        self.callback = SearchPicker(callback_search, self.tr("输入客户名称、拼音或客户编号"))
        self.callback.setObjectName("problemCallback")
        self.department = QComboBox()
        self.department.addItem("", None)
        self.by_id = {d.id: d for d in departments()}
        for d in self.by_id.values():
            self.department.addItem(d.name, d.id)
        self.person = QComboBox()
        fill_people(self.person, None)
        self.department.currentIndexChanged.connect(
            lambda _i: fill_people(self.person, self.by_id.get(self.department.currentData()))
        )
        self.callback_error, self.owner_error = ErrorLabel(self), ErrorLabel(self)
        form.insertRow(
            0, self.tr("发现问题的回访*："), with_error(self.callback, self.callback_error)
        )
        form.addRow(self.tr("责任部门*："), self.department)
        form.addRow(self.tr("责任人："), with_error(self.person, self.owner_error))
        self.person.setToolTip(self.tr("可不填：整个部门负责。"))
        self.setMinimumWidth(520)

    def choose_department(self, name: str) -> None:
        self.department.setCurrentIndex(max(0, self.department.findText(name)))

    def choose_person(self, user: User) -> None:
        self.person.setCurrentIndex(max(0, self.person.findData(user.id)))

    def save(self, v: dict[str, Any]) -> Problem:
        found: Callback | None = self.callback.value()
        if found is None:  # what to ask for, not a rule: the dialog has nothing to send
            raise RuleViolation(
                None,
                "请选择发现问题的回访",
                "choose the callback the problem was found in",
                field="callback",
            )
        item = ProblemInput(
            v["description"],
            self.by_id.get(self.department.currentData()),  # type: ignore[arg-type]
            chosen_person(self.person),
        )
        return callbacks.raise_problem(self.user, found.customer, item, callback_id=found.id)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.callback_error.show_text("")
        self.owner_error.show_text("")

    def show_rule(self, exc: RuleViolation) -> None:
        if exc.field == "callback":
            self.callback_error.show_text(errors.inline_text(exc))
        elif exc.field in ("owner_department", "owner_user"):
            self.owner_error.show_text(errors.inline_text(exc))
        else:
            super().show_rule(exc)
