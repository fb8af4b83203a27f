"""教师: the 教师名册 as a lazy list (工号, 姓名, 性别, 学科, 学段, 职称, 教研组 today, 层级 of
this school year, 入职日期, 状态), searched by 工号, name or its pinyin. 培训办 enters and
changes teachers in the ``TeacherDialog`` (新增教师…, 修改…, or Enter on a row), imports the
roll (``teachers`` kind) and downloads its template; keeps the 教研组 (教研组…), moves the
selected teacher to a group from a date (调整教研组…) and sets his tier (设定层级…), all in
``desktop.training.groups``; everyone else who sees the page reads it. 培训档案… (the button,
the row's context menu, or Enter for those who do not edit) opens a teacher's archive of a
school year (T6, ``desktop.training.archive``).

Why the group and tier columns are correlated subqueries: they are dated history (the latest
step on or before today, the tier row of this school year), one query for a page of rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee
from PySide6.QtCore import QPoint, Qt, Slot
from PySide6.QtWidgets import QDialog, QMenu, QVBoxLayout, QWidget

from desktop import errors, labels
from desktop.exporting import export_action, export_template, import_dialog
from desktop.icons import button
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView
from desktop.module_page import PageTab
from models import training
from models.base import now
from models.people import User
from models.training import (
    MANAGERS,
    GroupMembership,
    Teacher,
    TeacherStatus,
    TeachingGroup,
    Tier,
    TierMembership,
)


def group_today(day: date) -> peewee.Node:
    """The name of the group a teacher's latest step on or before ``day`` puts him in."""
    return (
        GroupMembership.select(TeachingGroup.name)
        .join(TeachingGroup, peewee.JOIN.LEFT_OUTER, on=GroupMembership.group == TeachingGroup.id)
        .where((GroupMembership.teacher == Teacher.id) & (GroupMembership.from_date <= day))
        .order_by(GroupMembership.from_date.desc(), GroupMembership.id.desc())
        .limit(1)
    )


def tier_in(year: str) -> peewee.Node:
    """A teacher's tier in the school year ``year`` (one row at most, unique)."""
    return TierMembership.select(TierMembership.tier).where(
        (TierMembership.teacher == Teacher.id) & (TierMembership.school_year == year)
    )


class TeachersTab(PageTab):
    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        today = now().date()
        columns = [
            Column("staff_no", self.tr("工号"), Teacher.staff_no, width=80),
            Column("name", self.tr("姓名"), Teacher.name, width=90),
            Column("gender", self.tr("性别"), Teacher.gender, width=50),
            Column("subject", self.tr("学科"), Teacher.subject, width=70),
            Column("stage", self.tr("学段"), Teacher.stage, width=70),
            Column("title", self.tr("职称"), Teacher.title, width=100),
            Column("group", self.tr("教研组"), group_today(today), sortable=False, width=80),
            Column(
                "tier",
                self.tr("层级"),
                tier_in(training.school_year_of(today)),
                fmt=labels.labeller(Tier),
                sortable=False,
                width=110,
            ),
            Column("ce_no", self.tr("继续教育编号"), Teacher.ce_no, width=130),
            Column("hired_on", self.tr("入职日期"), Teacher.hired_on, width=100),
            Column(
                "status",
                self.tr("状态"),
                Teacher.status,
                fmt=labels.labeller(TeacherStatus),
                width=70,
            ),
        ]
        self.model = LazyQueryModel(
            Teacher.select,
            columns,
            Teacher.id,
            sort_column=0,
            descending=False,
            search_fields=[Teacher.staff_no, Teacher.name, Teacher.name_search],
        )
        # Not "training.teachers": a header saved for the nine columns before 教研组 and 层级
        # is restored by position, and its stretched last section hid 入职日期 and 状态.
        self.view = ListView(
            "training.roll",
            self.model,
            search_hint=self.tr("搜索工号、姓名（可用拼音）"),
            exporter=export_action(self.tr("教师名册")),  # X3
        )
        self.keeps = user.has_role(*MANAGERS)
        if self.keeps:
            bar = self.view.action_bar
            bar.addWidget(button("add", self.tr("新增教师…"), self.new_teacher))
            bar.addWidget(button("open", self.tr("修改…"), self.edit_selected))
            bar.addWidget(button("import", self.tr("导入教师…"), self.import_teachers))
            bar.addWidget(
                button(
                    "export", self.tr("下载导入模板…"), lambda: export_template(self, "teachers")
                )
            )
            bar.addWidget(button("edit", self.tr("调整教研组…"), self.move_selected))
            bar.addWidget(button("user", self.tr("设定层级…"), self.tier_selected))
            bar.addWidget(button("department", self.tr("教研组…"), self.show_groups))
            self.view.activated.connect(lambda key: self.edit_teacher(int(key)))
        else:
            self.view.activated.connect(lambda key: self.open_archive(int(key)))
        self.view.action_bar.addWidget(
            button("training", self.tr("培训档案…"), self.archive_selected)
        )
        self.view.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.table.customContextMenuRequested.connect(self._menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def reload(self) -> None:
        self.model.reload()

    def _dialog(self, teacher: Teacher | None) -> QDialog:
        from desktop.training.teacher_dialog import TeacherDialog

        dialog = TeacherDialog(self.user, teacher, self)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self) -> None:
        """Read the roll again, the teacher who was selected still selected (his group, then
        his tier, are often set one after the other)."""
        key = self.view.current_id()
        self.model.reload()
        if key is not None:
            row = next((r for r in range(self.model.rowCount()) if self.model.row_id(r) == key), -1)
            if row >= 0:
                self.view.table.selectRow(row)
        self.changed()

    @Slot()
    def new_teacher(self) -> QDialog:
        return self._dialog(None)

    @Slot()
    def edit_selected(self) -> QDialog | None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, self.tr("修改教师档案"), self.tr("请先选中一位教师。"))
            return None
        return self.edit_teacher(int(key))

    def edit_teacher(self, teacher_id: int) -> QDialog:
        return self._dialog(Teacher.get_by_id(teacher_id))

    def _menu(self, at: QPoint) -> QMenu | None:
        index = self.view.table.indexAt(at)
        if not index.isValid():
            return None
        self.view.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.tr("培训档案…"), self.archive_selected)
        if self.keeps:
            menu.addAction(self.tr("修改…"), self.edit_selected)
            menu.addAction(self.tr("调整教研组…"), self.move_selected)
            menu.addAction(self.tr("设定层级…"), self.tier_selected)
        menu.popup(self.view.table.viewport().mapToGlobal(at))
        return menu

    def _selected(self, title: str) -> Teacher | None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, title, self.tr("请先选中一位教师。"))
            return None
        return Teacher.get_by_id(int(key))

    def _opened(self, dialog: QDialog) -> QDialog:
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    @Slot()
    def move_selected(self) -> QDialog | None:
        """调整教研组… of the selected teacher (``move_to_group`` from a date)."""
        from desktop.training.groups import MoveDialog

        teacher = self._selected(self.tr("调整教研组"))
        if teacher is None:
            return None
        if not TeachingGroup.select().exists():
            errors.inform(
                self, self.tr("调整教研组"), self.tr("还没有教研组；请先在「教研组…」中新增。")
            )
            return None
        return self._opened(MoveDialog(self.user, teacher, self))

    @Slot()
    def tier_selected(self) -> QDialog | None:
        """设定层级… of the selected teacher (``assign_tier`` for a school year)."""
        from desktop.training.groups import TierDialog

        teacher = self._selected(self.tr("设定层级"))
        return None if teacher is None else self._opened(TierDialog(self.user, teacher, self))

    @Slot()
    def show_groups(self) -> QDialog:
        """教研组…: the groups, 新增教研组… and 设组长…; the roll follows what changed."""
        from desktop.training.groups import show_groups

        dialog = show_groups(self.user, self)
        dialog.changed.connect(self._saved)
        return dialog

    @Slot()
    def archive_selected(self) -> QWidget | None:
        key = self.view.current_id()
        if key is None:
            errors.inform(self, self.tr("培训档案"), self.tr("请先选中一位教师。"))
            return None
        return self.open_archive(int(key))

    def open_archive(self, teacher_id: int) -> QWidget:
        from desktop.training.archive import open_archive

        return open_archive(self.user, Teacher.get_by_id(teacher_id), self)

    @Slot()
    def import_teachers(self) -> None:
        from forms.kinds import get_kind

        import_dialog(self, get_kind("teachers"), self.user, self._saved)
