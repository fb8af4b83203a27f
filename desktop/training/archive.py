"""培训档案 (T6): one teacher's archive of a school year in one window, read through
``training.teacher_year``: his tier and group, the year's sessions with his marks, the 学时
and 学分 of the approved credit registers (none before one is approved), his growth records
with their files, and his recognised external claims.

Why the window only reads and calls use cases: it reads through ``training.archive_of``,
which decides who may read a teacher's archive (he himself, 培训办, the main leaders, his
教研组长; X1), so a teacher who opens his own from 我的申请 (我的培训档案…, ``own_archive``)
cannot reach another's by any door. A growth record is added by ``add_growth_record`` and
voided by ``void_growth_record`` (with its reason, X2), 培训办's (T6: the school keeps the
archive); the buttons are offered to them, and a refusal names the rule for anyone else.
打印/导出 PDF… writes the 教师培训档案 of the year shown (``write_teacher_archive`` with the
user as its actor) and opens it in the print preview, from which it is printed or saved."""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops
from desktop.attachments import AttachmentsPanel
from desktop.form_dialog import ActionDialog, file_row
from desktop.icons import button
from desktop.tables import read_only_table
from models import training
from models.base import now
from models.errors import RuleViolation
from models.people import User
from models.training import GrowthRecord, Mark, Teacher, TeacherYear

YEARS_BACK = 4  # the picker offers this school year and the four before it


def year_choices(today: date | None = None) -> list[str]:
    """This school year first, then the ones before it."""
    first = int(training.school_year_of(today or now().date())[:4])
    return [f"{y}-{y + 1}" for y in range(first, first - YEARS_BACK - 1, -1)]


def may_file(user: User, teacher: Teacher) -> bool:
    """Whether to offer 添加/作废: the teacher himself or 培训办 files growth records (the
    use cases decide, T6)."""
    if user.has_role(*training.MANAGERS):
        return True
    own = training.teacher_of_user(user)
    return own is not None and own.id == teacher.id


def credit_figures(teacher: Teacher, year: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """(校本学时, 外出/自学学时, 学分) of the year's approved registers, None before any."""
    registers = training.approved_registers(year)
    if not registers:
        return None
    lines = training.CreditLine.select().where(
        training.CreditLine.register.in_([r.id for r in registers])
        & (training.CreditLine.teacher == teacher.id)
    )
    hours = external = credits = Decimal("0")
    for ln in lines:
        hours += ln.credited_hours
        external += ln.external_hours
        credits += ln.credits
    return hours, external, credits


def figure(value: Decimal | int | str) -> str:
    """8, 4.5, 12.25: a figure without the zeros its column's scale adds (SQLite and
    MariaDB give 8 and 8.0 for the same hours)."""
    return format(Decimal(str(value)).normalize(), "f")


def mark_text(status: str, minutes: int | None) -> str:
    return labels.label(Mark(status)) + (f"（{minutes}′）" if minutes else "")


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


class ArchiveWindow(QDialog):
    """培训档案 of ``teacher``, a school year at a time."""

    def __init__(
        self,
        user: User,
        teacher: Teacher,
        parent: QWidget | None = None,
        year: str = "",
        *,
        own: bool = False,
    ) -> None:
        super().__init__(parent)
        self.user, self.teacher = user, teacher
        title = self.tr("我的培训档案") if own else self.tr("培训档案")
        self.setWindowTitle(title + f" · {teacher}")
        self.resize(1040, 740)
        self.year = QComboBox()
        for y in year_choices():
            self.year.addItem(y, y)
        if year and self.year.findData(year) < 0:
            self.year.addItem(year, year)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.who = QLabel()
        self.credits = QLabel()
        self.target = QLabel()  # his tier's 应得学分 (T1), when its plan is approved
        self.target.setObjectName("creditTarget")
        self.print_button = button("print", self.tr("打印/导出 PDF…"), self.print_archive)
        self.print_button.setToolTip(self.tr("本学年的教师培训档案，预览后打印或另存为 PDF"))
        self.preview: QDialog | None = None
        self.sessions = read_only_table(
            [self.tr("日期"), self.tr("教研组"), self.tr("主题"), self.tr("学时"), self.tr("考勤")]
        )
        self.growth = read_only_table(
            [self.tr("日期"), self.tr("类别"), self.tr("名称"), self.tr("级别"), self.tr("记录人")]
        )
        self.growth.itemSelectionChanged.connect(self._show_files)
        self.claims = read_only_table(
            [self.tr("类别"), self.tr("培训机构"), self.tr("起止"), self.tr("学时")]
        )
        self.files_box = QVBoxLayout()
        self.files_box.setContentsMargins(0, 0, 0, 0)
        self.files: AttachmentsPanel | None = None
        self.files_hint = QLabel(self.tr("选中一条成长记录，查看其文件。"))
        self.files_hint.setObjectName("listStatus")
        self.files_hint.setWordWrap(True)
        self.files_hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.files_box.addWidget(self.files_hint)
        self.add_button = button("add", self.tr("添加成长记录…"), self.add_growth)
        self.void_button = button("void", self.tr("作废此记录…"), self.void_selected)
        files_allowed = may_file(user, teacher)
        self.add_button.setVisible(files_allowed)
        self.void_button.setVisible(files_allowed)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("学年：")))
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(self.who, 1)
        top.addWidget(self.print_button)
        growth_bar = QHBoxLayout()
        growth_bar.addWidget(_heading(self.tr("成长档案")), 1)
        growth_bar.addWidget(self.add_button)
        growth_bar.addWidget(self.void_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        growth_row = QHBoxLayout()  # the records and, beside them, the selected one's files
        growth_row.addWidget(self.growth, 1)
        growth_row.addLayout(self.files_box, 1)
        layout.addWidget(_heading(self.tr("教研活动与考勤")))
        layout.addWidget(self.sessions, 3)
        credit_row = QHBoxLayout()  # the approved figures, then his tier's target beside them
        credit_row.addWidget(self.credits)
        credit_row.addSpacing(24)
        credit_row.addWidget(self.target)
        credit_row.addStretch(1)
        layout.addLayout(credit_row)
        layout.addSpacing(6)
        layout.addLayout(growth_bar)
        layout.addLayout(growth_row, 2)
        layout.addSpacing(6)
        layout.addWidget(_heading(self.tr("认定的外出培训与自学")))
        layout.addWidget(self.claims, 1)
        self.archive: TeacherYear | None = None
        self.reload()

    def current_year(self) -> str:
        return str(self.year.currentData())

    def reload(self) -> None:
        year = self.current_year()
        arch = training.archive_of(self.user, self.teacher, year)
        self.archive = arch
        start = int(year[:4])
        day = min(now().date(), date(start + 1, 7, 31))
        group = training.group_of(self.teacher, max(day, date(start, 8, 1)))
        tier = training.tier_of(self.teacher, year)
        self.who.setText(
            f"{self.teacher.name}（{self.teacher.staff_no}）　"
            + self.tr("层次：")
            + (labels.label(tier) if tier else "—")
            + "　"
            + self.tr("教研组：")
            + (group.name if group else "—")
        )
        _fill(
            self.sessions,
            [
                [
                    f"{m.session.date:%Y-%m-%d}",
                    m.session.group.name,
                    m.session.topic,
                    figure(m.session.hours),
                    mark_text(m.status, m.minutes),
                ]
                for m in arch.marks
            ],
        )
        figures = credit_figures(self.teacher, year)
        if figures is None:
            self.credits.setText(self.tr("本学年尚无审定的学分登记。"))
        else:
            hours, external, credits = figures
            self.credits.setText(
                self.tr("审定学分登记：校本学时 %1，外出与自学学时 %2，学分 %3")
                .replace("%1", figure(hours))
                .replace("%2", figure(external))
                .replace("%3", figure(credits))
            )
        self.target.setText(self.target_text(arch.target, figures[2] if figures else None))
        _fill(
            self.growth,
            [
                [
                    f"{g.on:%Y-%m-%d}",
                    labels.code("growth_kind", g.kind),
                    g.title,
                    labels.code("training_level", g.level) if g.level else "—",
                    g.recorded_by,
                ]
                for g in arch.growth
            ],
        )
        _fill(
            self.claims,
            [
                [
                    labels.code("claim_kind", c.kind),
                    c.provider,
                    f"{c.from_date:%Y-%m-%d}～{c.to_date:%Y-%m-%d}",
                    figure(c.hours),
                ]
                for c in arch.claims
            ],
        )
        self._show_files()

    def target_text(self, target: Decimal | None, credits: Decimal | None) -> str:
        """本层次应得学分 against the approved credits, or nothing without a plan."""
        if target is None:
            return ""
        text = self.tr("本层次应得学分 %1").replace("%1", figure(target))
        if credits is None:
            return text
        if credits >= target:
            return text + self.tr("，已达到")
        return text + self.tr("，还差 %1").replace("%1", figure(target - credits))

    @Slot()
    def print_archive(self) -> Path | None:
        """The year's 教师培训档案 as a PDF, shown in the print preview (打印…, 另存为…)."""
        from desktop import print_preview
        from forms.training import write_teacher_archive

        year = self.current_year()
        out = Path(tempfile.gettempdir()) / f"houqin-teacher-archive-{self.teacher.id}-{year}.pdf"
        try:
            write_teacher_archive(self.teacher.id, out, year=year, actor=self.user)
        except Exception as exc:
            errors.show_error(self, exc)
            return None
        self.preview = print_preview.show(out, self)
        return out

    def selected_growth(self) -> GrowthRecord | None:
        rows = self.growth.selectionModel().selectedRows()
        if not rows or self.archive is None or rows[0].row() >= len(self.archive.growth):
            return None
        return self.archive.growth[rows[0].row()]

    def select_growth(self, record_id: int) -> None:
        for r, g in enumerate(self.archive.growth if self.archive else []):
            if g.id == record_id:
                self.growth.selectRow(r)

    def _show_files(self) -> None:
        record = self.selected_growth()
        if self.files is not None:
            self.files.setParent(None)
            self.files.deleteLater()
            self.files = None
        self.files_hint.setVisible(record is None)
        self.void_button.setEnabled(record is not None)
        if record is not None:
            self.files = AttachmentsPanel(
                self.user, record, self, read_only=not may_file(self.user, self.teacher)
            )
            self.files_box.addWidget(self.files)

    @Slot()
    def add_growth(self) -> QDialog:
        dialog = GrowthDialog(self.user, self.teacher, self)
        dialog.accepted.connect(lambda: self._added(dialog.result_value))
        dialog.open()
        return dialog

    def _added(self, record: GrowthRecord) -> None:
        index = self.year.findData(record.school_year)
        if index >= 0 and index != self.year.currentIndex():
            self.year.setCurrentIndex(index)  # reloads
        else:
            self.reload()
        self.select_growth(record.id)

    @Slot()
    def void_selected(self, reason: str | None = None) -> bool:
        record = self.selected_growth()
        if record is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("作废成长记录"),
                self.tr("作废「%1」的原因：").replace("%1", record.title),
            )
            if not ok:
                return False
        return ops.attempt(
            self,
            lambda _ack: training.void_growth_record(self.user, record, reason),
            done=lambda _r: self.reload(),
            reload=self.reload,
        )


class GrowthDialog(ActionDialog):
    """添加成长记录 of ``teacher`` (``training.add_growth_record``), a file optional."""

    def __init__(self, user: User, teacher: Teacher, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("添加成长记录"), parent)
        self.setMinimumWidth(480)
        self.user, self.teacher = user, teacher
        self.kind = QComboBox()
        for k in training.GROWTH_KINDS:
            self.kind.addItem(labels.code("growth_kind", k), k)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("如：《大单元教学》县级公开课"))
        self.level = QComboBox()
        self.level.addItem(self.tr("（无）"), "")
        for lv in training.LEVELS:
            self.level.addItem(labels.code("training_level", lv), lv)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.file, row = file_row(
            self, self.tr("（可不附）"), self.tr("选择文件…"), self.tr("选择文件")
        )
        form = QFormLayout()
        form.addRow(self.tr("教师："), QLabel(str(teacher)))
        form.addRow(self.tr("类别*："), self.kind)
        form.addRow(self.tr("名称*："), self.title_edit)
        form.addRow(self.tr("级别："), self.level)
        form.addRow(self.tr("日期*："), self.on)
        form.addRow(self.tr("文件："), row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def run(self, acknowledged: frozenset[str]) -> Any:
        path = self.file.text().strip()
        file = (Path(path).name, Path(path).read_bytes()) if path else None
        on = self.on.date().toPython()
        return training.add_growth_record(
            self.user,
            self.teacher,
            str(self.kind.currentData()),
            self.title_edit.text(),
            on,
            level=str(self.level.currentData()),
            file=file,
        )


def open_archive(
    user: User, teacher: Teacher, parent: QWidget | None = None
) -> ArchiveWindow | None:
    """The window, or the refusal (X1) for one who may not read this teacher's archive."""
    try:
        window = ArchiveWindow(user, teacher, parent)
    except RuleViolation as exc:
        errors.show_error(parent, exc)
        return None
    window.show()
    return window


def own_archive(user: User, parent: QWidget | None = None) -> ArchiveWindow:
    """我的培训档案 (我的申请, ``MODULE.requests``): the archive of the teacher ``user`` is
    linked to, read-only for a teacher; ``training.archive_of`` still decides."""
    teacher = training.teacher_of_user(user)
    if teacher is None:  # the button is offered to a linked user only
        raise RuleViolation("X1", "此账号未关联教师档案", "this login is linked to no teacher")
    return ArchiveWindow(user, teacher, parent, own=True)
