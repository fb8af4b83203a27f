"""教师: the 教师名册 as a lazy list (工号, 姓名, 性别, 学科, 学段, 职称, 入职日期, 状态),
searched by 工号, name or its pinyin. Teachers are entered and changed by 培训办 through
``models.training`` (and the ``teachers`` import, not yet on this page)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout

from desktop import labels
from desktop.lazy_model import Column, LazyQueryModel
from desktop.list_view import ListView
from desktop.module_page import PageTab
from models.people import User
from models.training import Teacher, TeacherStatus


class TeachersTab(PageTab):
    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        columns = [
            Column("staff_no", self.tr("工号"), Teacher.staff_no, width=80),
            Column("name", self.tr("姓名"), Teacher.name, width=90),
            Column("gender", self.tr("性别"), Teacher.gender, width=50),
            Column("subject", self.tr("学科"), Teacher.subject, width=70),
            Column("stage", self.tr("学段"), Teacher.stage, width=70),
            Column("title", self.tr("职称"), Teacher.title, width=100),
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
        self.view = ListView(
            "training.teachers",
            self.model,
            search_hint=self.tr("搜索工号、姓名（可用拼音）"),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def reload(self) -> None:
        self.model.reload()
