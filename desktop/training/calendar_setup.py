"""学期与活动安排: a school year's 校历 and its 教研组 series (T2), set up on the desktop.

A real school (not the demo) starts its year here: 培训办 enters the terms (``define_term``),
a term's days without sessions (``add_closure``, 考试周), each group's biweekly half-day
series (``define_series``), then its sessions (``generate_sessions``), listed at once by the
教研活动 tab (``changed()``). Nothing is written here: each dialog's OK runs one use case
through ``FormDialog``; a refusal stays in the dialog with its rule ID.

Why generation is its own button, not part of 新建活动安排: closures are often entered after
the series (the exam weeks are fixed later); generating again is idempotent (the model keys
occurrences, never dates), so 生成活动 may be pressed after every change and says what it
made, moved and skipped. Whoever is not 培训办 sees the same lists without the buttons.

Corrections: 修改学期…, 修改活动安排… are ``FormDialog``s over ``update_term`` and
``update_series`` (a refusal stays in the dialog); 删除学期, 删除停课日, 删除活动安排 ask
first and run ``delete_term``, ``remove_closure``, ``delete_series`` through ``PageTab.act``.
A closure added or removed, or a series corrected, after generation re-places the sessions
concerned in the model; the tab says which moved and which, having records, did not.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, ops
from desktop.form_dialog import FormDialog
from desktop.i18n import pick
from desktop.icons import button
from desktop.module_page import PageTab
from desktop.tables import cell, read_only_table
from desktop.training.rescheduled import rescheduled_text
from forms.spec import Field, FieldType
from models import settings, training
from models.base import now
from models.people import User
from models.training import (
    MANAGERS,
    Half,
    HolidayPolicy,
    SessionSeries,
    TeachingGroup,
    Term,
    TermClosure,
    TrainingSession,
)

TERM_NUMBERS = ("第一学期", "第二学期")
TERM_FIELDS = (
    Field("school_year", "学年", required=True, max_length=12, label_en="School year"),
    Field("number", "学期", FieldType.CHOICE, required=True, choices=TERM_NUMBERS, label_en="Term"),
    Field("starts", "开始日期", FieldType.DATE, required=True, label_en="First day"),
    Field("ends", "结束日期", FieldType.DATE, required=True, label_en="Last day"),
)
CLOSURE_FIELDS = (
    Field("from_date", "开始日期", FieldType.DATE, required=True, label_en="From"),
    Field("to_date", "结束日期", FieldType.DATE, required=True, label_en="To"),
    Field("reason", "原因", required=True, max_length=100, label_en="Reason", example="期末考试周"),
)
KEY = Qt.ItemDataRole.UserRole
HALVES = tuple(h.label for h in Half)
POLICIES = tuple(p.label for p in HolidayPolicy)


def series_fields(groups: list[str]) -> tuple[Field, ...]:
    """The series dialog's fields; the groups are the choices of the day it opens."""
    return (
        Field("group", "教研组", FieldType.CHOICE, required=True, choices=tuple(groups),
              label_en="Group"),
        Field("anchor", "首次活动日", FieldType.DATE, required=True, label_en="First session",
              help="其星期即每次活动的星期；须在本学年的学期之内"),
        Field("half", "时段", FieldType.CHOICE, required=True, choices=HALVES,
              label_en="Half day"),
        Field("place", "地点", max_length=100, label_en="Place"),
        Field("holiday_policy", "遇节假日", FieldType.CHOICE, required=True, choices=POLICIES,
              label_en="On a holiday"),
    )  # fmt: skip


def _of_label(enum: Any, word: str) -> Any:
    return next(m for m in enum if m.label == word)


class CalendarTab(PageTab):
    def __init__(self, user: User, changed: Any = None) -> None:
        super().__init__(user, changed)
        self.manages = user.has_role(*MANAGERS)
        self.year = QComboBox()
        self.year.setMinimumWidth(140)
        self.year.currentIndexChanged.connect(lambda _i: self.show_year())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("学年：")))
        top.addWidget(self.year)
        top.addStretch(1)

        self.terms = read_only_table(
            [self.tr("学期"), self.tr("开始日期"), self.tr("结束日期"), self.tr("教研活动")],
            fit=True,
        )
        self.numbers = (self.tr("第一学期"), self.tr("第二学期"))
        self.terms.itemSelectionChanged.connect(self.show_closures)
        self.closures = read_only_table([self.tr("开始日期"), self.tr("结束日期"), self.tr("原因")])
        heads = (self.tr("教研组"), self.tr("安排"), self.tr("首次活动"), self.tr("已生成"))
        self.series = read_only_table([*heads, self.tr("遇节假日"), self.tr("地点")])
        self.term_button = button("add", self.tr("新增学期…"), self.new_term)
        self.closure_button = button("add", self.tr("添加停课日…"), self.new_closure)
        self.edit_term_button = button("edit", self.tr("修改学期…"), self.edit_term)
        self.delete_term_button = button("void", self.tr("删除学期"), self.delete_term)
        self.delete_closure_button = button("void", self.tr("删除停课日"), self.delete_closure)
        self.series_button = button("add", self.tr("新建活动安排…"), self.new_series)
        self.edit_series_button = button("edit", self.tr("修改活动安排…"), self.edit_series)
        self.delete_series_button = button("void", self.tr("删除活动安排"), self.delete_series)
        self.generate_button = button("training", self.tr("生成活动"), self.generate)
        self.info = QLabel()
        self.info.setObjectName("listStatus")
        self.info.setWordWrap(True)

        terms_box = self._box(
            self.tr("学期"),
            self.terms,
            self.term_button,
            self.edit_term_button,
            self.delete_term_button,
            self.closure_button,
        )
        closures_box = self._box(
            self.tr("放假与停课（所选学期）"), self.closures, self.delete_closure_button
        )
        row = QHBoxLayout()
        row.addWidget(terms_box, 3)
        row.addWidget(closures_box, 2)
        series_box = self._box(
            self.tr("活动安排"),
            self.series,
            self.series_button,
            self.edit_series_button,
            self.delete_series_button,
            self.generate_button,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(row, 2)
        layout.addWidget(series_box, 3)
        layout.addWidget(self.info)
        self.load_years()

    def _box(self, title: str, table: QTableWidget, *buttons: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        if buttons:  # 培训办's; the others read the same lists
            bar = QHBoxLayout()
            for b in buttons:
                b.setVisible(self.manages)
                bar.addWidget(b)
            bar.addStretch(1)
            column.addLayout(bar)
        column.addWidget(table)
        return box

    # --- reading -------------------------------------------------------------------------

    def load_years(
        self, keep: str | None = None, term: int | None = None, series: int | None = None
    ) -> None:
        """The years entered, this one and the next (set up in the summer before)."""
        current = training.school_year_of(now().date())
        first = int(current[:4])
        years = {current, f"{first + 1}-{first + 2}"}
        years |= {t.school_year for t in Term.select(Term.school_year).distinct()}
        years |= {s.school_year for s in SessionSeries.select(SessionSeries.school_year).distinct()}
        wanted = keep or self.year.currentData() or current
        self.year.blockSignals(True)
        self.year.clear()
        for y in sorted(years):
            self.year.addItem(self.tr("%1学年").replace("%1", y), y)
        self.year.setCurrentIndex(max(0, self.year.findData(wanted)))
        self.year.blockSignals(False)
        self.show_year(term, series)

    def school_year(self) -> str:
        return str(self.year.currentData())

    def show_year(self, keep_term: int | None = None, keep_series: int | None = None) -> None:
        year = self.school_year()
        terms = list(Term.select().where(Term.school_year == year).order_by(Term.starts))
        self.terms.setRowCount(len(terms))
        for r, t in enumerate(terms):
            count = TrainingSession.select().where(TrainingSession.term == t.id).count()
            item = cell(self.numbers[t.number - 1])
            item.setData(KEY, t.id)
            self.terms.setItem(r, 0, item)
            self.terms.setItem(r, 1, cell(t.starts))
            self.terms.setItem(r, 2, cell(t.ends))
            self.terms.setItem(r, 3, cell(count, right=True))
        pick = next((r for r, t in enumerate(terms) if t.id == keep_term), 0)
        if terms:
            self.terms.selectRow(pick)
        self.show_closures()
        self.show_series(keep_series)

    def current_term(self) -> Term | None:
        rows = self.terms.selectionModel().selectedRows()
        if not rows:
            return None
        return Term.get_or_none(Term.id == self.terms.item(rows[0].row(), 0).data(KEY))

    def show_closures(self) -> None:
        term = self.current_term()
        closures = (
            list(TermClosure.select().where(TermClosure.term == term.id).order_by(
                TermClosure.from_date
            ))
            if term is not None
            else []
        )  # fmt: skip
        self.closures.setRowCount(len(closures))
        for r, c in enumerate(closures):
            item = cell(c.from_date)
            item.setData(KEY, c.id)
            self.closures.setItem(r, 0, item)
            self.closures.setItem(r, 1, cell(c.to_date))
            self.closures.setItem(r, 2, cell(c.reason))
        if closures:
            self.closures.selectRow(0)
        self.closure_button.setEnabled(term is not None)
        self.edit_term_button.setEnabled(term is not None)
        self.delete_term_button.setEnabled(term is not None)
        self.delete_closure_button.setEnabled(bool(closures))

    def show_series(self, keep: int | None = None) -> None:
        rows = list(
            SessionSeries.select(SessionSeries, TeachingGroup)
            .join(TeachingGroup)
            .where(SessionSeries.school_year == self.school_year())
            .order_by(TeachingGroup.name, SessionSeries.id)
        )
        self.series.setRowCount(len(rows))
        for r, s in enumerate(rows):
            made = TrainingSession.select().where(TrainingSession.series == s.id).count()
            item = cell(s.group.name)
            item.setData(KEY, s.id)
            self.series.setItem(r, 0, item)
            self.series.setItem(r, 1, cell(self.when(s)))
            self.series.setItem(r, 2, cell(s.anchor))
            self.series.setItem(r, 3, cell(made, right=True))
            self.series.setItem(r, 4, cell(labels.label(HolidayPolicy(s.holiday_policy))))
            self.series.setItem(r, 5, cell(s.place))
        self.series.resizeColumnsToContents()
        if rows:
            self.series.selectRow(next((r for r, s in enumerate(rows) if s.id == keep), 0))
        self.generate_button.setEnabled(bool(rows))
        self.edit_series_button.setEnabled(bool(rows))
        self.delete_series_button.setEnabled(bool(rows))

    def when(self, s: SessionSeries) -> str:
        """周三下午 14:00—17:30，每 2 周 (Wed afternoon …, every 2 weeks)."""
        short = QLocale.FormatType.ShortFormat
        day = QLocale(pick("zh_CN", "en")).standaloneDayName(s.anchor.isoweekday(), short)
        return (
            self.tr("%1%2 %3—%4，每 %5 周")
            .replace("%1", day)
            .replace("%2", labels.label(Half(s.half)))
            .replace("%3", f"{s.start_time:%H:%M}")
            .replace("%4", f"{s.end_time:%H:%M}")
            .replace("%5", str(s.interval_weeks))
        )

    def current_series(self) -> SessionSeries | None:
        rows = self.series.selectionModel().selectedRows()
        if not rows:
            return None
        key = self.series.item(rows[0].row(), 0).data(KEY)
        return SessionSeries.get_or_none(SessionSeries.id == key)

    def current_closure(self) -> TermClosure | None:
        rows = self.closures.selectionModel().selectedRows()
        if not rows:
            return None
        key = self.closures.item(rows[0].row(), 0).data(KEY)
        return TermClosure.get_or_none(TermClosure.id == key)

    def reload(self) -> None:
        term, series = self.current_term(), self.current_series()
        self.load_years(
            self.school_year(), term.id if term else None, series.id if series else None
        )

    # --- writing (each through its use case) ---------------------------------------------

    def term_dialog(self) -> FormDialog:
        """新增学期…: the chosen year, the next term's number, dates to correct."""
        year = self.school_year()
        first = int(year[:4])
        have = {t.number for t in Term.select().where(Term.school_year == year)}
        second = 1 in have and 2 not in have
        values = {
            "school_year": year,
            "number": TERM_NUMBERS[1 if second else 0],
            "starts": date(first + 1, 2, 20) if second else date(first, 9, 1),
            "ends": date(first + 1, 7, 5) if second else date(first + 1, 1, 20),
        }

        def submit(v: dict[str, Any]) -> Term:
            number = TERM_NUMBERS.index(v["number"]) + 1
            return training.define_term(self.user, v["school_year"], number, v["starts"], v["ends"])

        dialog = FormDialog(self.tr("新增学期"), TERM_FIELDS, submit, values=values, parent=self)
        dialog.show_choices("number", dict(zip(TERM_NUMBERS, self.numbers, strict=True)))
        dialog.accepted.connect(lambda: self._term_saved(dialog.result))
        return dialog

    def _term_saved(self, term: Term) -> None:
        self.load_years(term.school_year, term.id)
        self.changed()

    def closure_dialog(self) -> FormDialog | None:
        """添加停课日… on the selected term."""
        term = self.current_term()
        if term is None:
            errors.inform(self, self.tr("添加停课日"), self.tr("请先选中一个学期。"))
            return None

        def submit(v: dict[str, Any]) -> training.Rescheduled:
            return training.add_closure(self.user, term, v["from_date"], v["to_date"], v["reason"])

        dialog = FormDialog(
            self.tr("添加停课日 · %1").replace("%1", term.name),
            CLOSURE_FIELDS,
            submit,
            values={"from_date": term.starts, "to_date": term.starts},
            parent=self,
        )
        dialog.accepted.connect(lambda: self._closure_saved(term.id, dialog.result))
        return dialog

    def _closure_saved(self, term_id: int, report: training.Rescheduled | None = None) -> None:
        self.show_year(term_id)
        self.changed()
        if report is not None:
            self.tell(self.tr("添加停课日"), report)

    def series_dialog(self) -> FormDialog | None:
        """新建活动安排…: a group's biweekly half-day series of the chosen year."""
        groups = [g.name for g in TeachingGroup.select().order_by(TeachingGroup.name)]
        if not groups:
            errors.inform(self, self.tr("新建活动安排"), self.tr("请先在「教师」中建立教研组。"))
            return None
        year = self.school_year()
        first = next(
            iter(Term.select().where(Term.school_year == year).order_by(Term.starts)), None
        )
        values = {
            "half": Half.AFTERNOON.label,
            "holiday_policy": HolidayPolicy.SHIFT.label,
            "anchor": first.starts if first is not None else date(int(year[:4]), 9, 1),
        }

        def submit(v: dict[str, Any]) -> SessionSeries:
            return training.define_series(
                self.user,
                TeachingGroup.get(TeachingGroup.name == v["group"]),
                year,
                v["anchor"],
                _of_label(Half, v["half"]),
                place=v["place"] or "",
                holiday_policy=_of_label(HolidayPolicy, v["holiday_policy"]),
            )

        weeks = settings.get("training.interval_weeks")
        dialog = FormDialog(
            self.tr("新建活动安排 · %1学年（每 %2 周一次，半天）")
            .replace("%1", year)
            .replace("%2", str(weeks)),
            series_fields(groups),
            submit,
            values=values,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._series_saved(dialog.result))
        return dialog

    def _series_saved(self, series: SessionSeries) -> None:
        self.show_series(series.id)
        self.info.setText(self.tr("已新建活动安排；点「生成活动」生成本学年的教研活动。"))

    # --- corrections (each through its use case) -------------------------------------------

    def edit_term_dialog(self) -> FormDialog | None:
        """修改学期… of the selected term: its first and last day (``update_term``)."""
        term = self.current_term()
        if term is None:
            errors.inform(self, self.tr("修改学期"), self.tr("请先选中一个学期。"))
            return None

        def submit(v: dict[str, Any]) -> Term:
            return training.update_term(self.user, term, v["starts"], v["ends"])

        dialog = FormDialog(
            self.tr("修改学期 · %1").replace("%1", term.name),
            TERM_FIELDS[2:],
            submit,
            values={"starts": term.starts, "ends": term.ends},
            parent=self,
        )
        dialog.accepted.connect(lambda: self._term_saved(dialog.result))
        return dialog

    def edit_series_dialog(self) -> FormDialog | None:
        """修改活动安排… of the selected series: all but its group (``update_series``)."""
        series = self.current_series()
        if series is None:
            errors.inform(self, self.tr("修改活动安排"), self.tr("请先选中一项活动安排。"))
            return None
        values = {
            "anchor": series.anchor,
            "half": Half(series.half).label,
            "place": series.place,
            "holiday_policy": HolidayPolicy(series.holiday_policy).label,
        }

        def submit(v: dict[str, Any]) -> training.Rescheduled:
            half = _of_label(Half, v["half"])
            same = half == series.half  # the times it had, unless the half day changes
            return training.update_series(
                self.user,
                series,
                v["anchor"],
                half,
                start_time=series.start_time if same else None,
                end_time=series.end_time if same else None,
                place=v["place"] or "",
                holiday_policy=_of_label(HolidayPolicy, v["holiday_policy"]),
            )

        dialog = FormDialog(
            self.tr("修改活动安排 · %1").replace("%1", series.group.name),
            series_fields([series.group.name])[1:],
            submit,
            values=values,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._series_edited(series.id, dialog.result))
        return dialog

    def _series_edited(self, series_id: int, report: training.Rescheduled) -> None:
        term = self.current_term()
        self.show_year(term.id if term else None, series_id)
        self.changed()
        self.tell(self.tr("修改活动安排"), report)

    def tell(self, title: str, report: training.Rescheduled) -> None:
        """What a correction did to the sessions already generated (``rescheduled_text``)."""
        text = rescheduled_text(report)
        self.info.setText(text)
        if report.changed or report.kept:
            errors.inform(self, title, text)

    def _run(self, title: str, question: str, fn: Any) -> Any:
        """Ask, then run ``fn()`` through ``act``; its result, or ``None`` when not run."""
        if not errors.confirm(self, title, question):
            return None
        result: list[Any] = []
        if self.act(lambda _ack: result.append(fn()) or result[0]):
            return result[0]
        return None

    @Slot()
    def delete_term(self) -> bool:
        """删除学期: with its closures and the sessions not yet held."""
        term = self.current_term()
        if term is None:
            return False
        question = self.tr("删除%1及其停课日和尚无考勤记录的教研活动？").replace("%1", term.name)
        gone = self._run(
            self.tr("删除学期"), question, lambda: training.delete_term(self.user, term)
        )
        if gone is None:
            return False
        self.info.setText(self.tr("已删除学期及其教研活动 %1 次。").replace("%1", str(gone)))
        return True

    @Slot()
    def delete_closure(self) -> bool:
        """删除停课日: the occurrences it skipped or moved are placed again."""
        closure = self.current_closure()
        if closure is None:
            return False
        question = (
            self.tr("删除停课时段 %1～%2（%3）？")
            .replace("%1", str(closure.from_date))
            .replace("%2", str(closure.to_date))
            .replace("%3", closure.reason)
        )
        report = self._run(
            self.tr("删除停课日"), question, lambda: training.remove_closure(self.user, closure)
        )
        if report is None:
            return False
        self.tell(self.tr("删除停课日"), report)
        return True

    @Slot()
    def delete_series(self) -> bool:
        """删除活动安排: with its sessions, none of them held."""
        series = self.current_series()
        if series is None:
            return False
        question = self.tr("删除%1的活动安排及其已生成的教研活动？").replace(
            "%1", series.group.name
        )
        gone = self._run(
            self.tr("删除活动安排"), question, lambda: training.delete_series(self.user, series)
        )
        if gone is None:
            return False
        self.info.setText(self.tr("已删除活动安排及其教研活动 %1 次。").replace("%1", str(gone)))
        return True

    @Slot()
    def edit_term(self) -> None:
        dialog = self.edit_term_dialog()
        if dialog is not None:
            dialog.open()

    @Slot()
    def edit_series(self) -> None:
        dialog = self.edit_series_dialog()
        if dialog is not None:
            dialog.open()

    @Slot()
    def new_term(self) -> None:
        self.term_dialog().open()

    @Slot()
    def new_closure(self) -> None:
        dialog = self.closure_dialog()
        if dialog is not None:
            dialog.open()

    @Slot()
    def new_series(self) -> None:
        dialog = self.series_dialog()
        if dialog is not None:
            dialog.open()

    @Slot()
    def generate(self) -> bool:
        """生成活动 of the selected series; says what was made, moved and skipped."""
        series = self.current_series()
        if series is None:
            errors.inform(self, self.tr("生成活动"), self.tr("请先选中一项活动安排。"))
            return False
        return ops.attempt(
            self,
            lambda _ack: training.generate_sessions(self.user, series),
            done=lambda result: self._generated(series.id, result),
        )

    def _generated(self, series_id: int, result: training.Generated) -> None:
        made = len(result.created) - len(result.skipped)
        text = (
            self.tr("生成教研活动 %1 次（其中节假日顺延 %2 次），跳过 %3 次（停课或节假日），"
                    "已有 %4 次未重复生成。")
            .replace("%1", str(made))
            .replace("%2", str(len(result.moved)))
            .replace("%3", str(len(result.skipped)))
            .replace("%4", str(result.existing))
        )  # fmt: skip
        self.info.setText(text)
        term = self.current_term()
        self.show_year(term.id if term else None, series_id)
        self.changed()
        errors.inform(self, self.tr("生成活动"), text)
