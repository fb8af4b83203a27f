"""A teacher's record (T1): 新增教师 and 修改教师档案, from the one declaration of the roll
(``forms.training.teachers.TEACHER_FIELDS``: the import, its template and this dialog agree).

Why the group and tier are shown and not edited here: they are dated history (a move is a
new row from a date, a tier one row a school year), so a change of the record cannot move a
teacher between groups in the past; the dialog lists that history read-only under the form,
and the 教师 tab's 调整教研组… and 设定层级… (``desktop.training.groups``) record a step.
A change needs its reason (X2), kept in the audit log beside old → new.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QWidget

from desktop import labels
from desktop.form_dialog import FormDialog
from desktop.tables import read_only_table
from forms.training.teachers import REASON, TEACHER_FIELDS, form_values, model_values
from models import training
from models.people import User
from models.training import GroupMembership, Teacher, TierMembership


def history_rows(teacher: Teacher) -> list[tuple[str, str, str]]:
    """(from, what, reason): group steps by date, then the tier of each school year."""
    rows: list[tuple[str, str, str]] = []
    steps = (
        GroupMembership.select()
        .where(GroupMembership.teacher == teacher.id)
        .order_by(GroupMembership.from_date, GroupMembership.id)
    )
    for step in steps:
        group = step.group.name if step.group_id is not None else "—"
        rows.append((f"{step.from_date:%Y-%m-%d}", group, step.reason))
    tiers = (
        TierMembership.select()
        .where(TierMembership.teacher == teacher.id)
        .order_by(TierMembership.school_year)
    )
    for t in tiers:
        rows.append((t.school_year, labels.of(training.Tier, t.tier), t.reason))
    return rows


class TeacherDialog(FormDialog):
    """新增教师 (``teacher`` None) or 修改教师档案 of ``teacher``, through ``add_teacher`` and
    ``update_teacher``; a refusal stays beside its field with the rule ID."""

    def __init__(self, user: User, teacher: Teacher | None, parent: QWidget | None = None) -> None:
        self.user = user
        self.teacher = teacher
        fields = TEACHER_FIELDS if teacher is None else (*TEACHER_FIELDS, REASON)
        values = form_values(teacher) if teacher is not None else {"status": "在职"}
        title = self.tr("新增教师") if teacher is None else self.tr("修改教师档案")
        super().__init__(title, fields, self._submit, values=values, parent=parent)
        self.history: QTableWidget | None = None
        if teacher is not None:
            self.setWindowTitle(f"{title} · {teacher}")
            self._add_history(teacher)

    def _add_history(self, teacher: Teacher) -> None:
        rows = history_rows(teacher)
        table = read_only_table([self.tr("起始"), self.tr("教研组 / 层次"), self.tr("原因")])
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        header = table.horizontalHeader().sizeHint().height()
        shown = max(1, min(len(rows), 4))  # up to four steps without scrolling
        table.setFixedHeight(header + shown * table.verticalHeader().defaultSectionSize() + 4)
        note = QLabel(
            self.tr(
                "教研组和层次按日期记历史，不在此修改：在教师列表用「调整教研组…」「设定层级…」登记。"
            )
        )
        note.setObjectName("listStatus")
        note.setWordWrap(True)
        layout = self.layout()
        at = layout.count() - 1  # above the OK and Cancel buttons
        layout.insertWidget(at, QLabel(self.tr("教研组与层次历史")))
        layout.insertWidget(at + 1, table)
        layout.insertWidget(at + 2, note)
        self.history = table

    def _submit(self, values: dict[str, Any]) -> Teacher:
        changes = model_values(values)
        if self.teacher is None:
            return training.add_teacher(self.user, **changes)
        return training.update_teacher(self.user, self.teacher, values["reason"], **changes)
