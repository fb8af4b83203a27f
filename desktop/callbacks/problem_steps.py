"""The steps of a problem to its closure (C7), as the 问题跟踪 tab runs them: 报告整改 by its
owner, 验证 by 客服管理 or a 科室负责人 (never the fixer; 不通过 sends it back), 改派 by 客服管理
while it is open.

``STEPS`` names each once: its key (what ``callbacks.problem_actions`` offers), its button
and the dialog that collects what the use case needs. Nothing here checks a rule: the use
cases of ``models.callbacks.problems`` do, and their refusals show in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.callbacks.common import tr
from desktop.callbacks.record_dialog import departments
from desktop.form_dialog import FormDialog
from forms.spec import Field, FieldType
from models import callbacks
from models.callbacks import Problem, ProblemInput
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
