"""教研组 and 层级 on the desktop (T1, T2), kept by 培训办 from the 教师 tab.

- ``GroupsDialog`` (教研组…): the groups with their 学科, 组长 and how many 在职 teachers are
  in each today; 新增教研组… (``training.add_group``) and 设组长… (``set_group_leader``,
  the leader chosen among the teachers the group's history puts in it).
- ``MoveDialog`` (调整教研组… for the selected teacher): ``training.move_to_group`` from the
  date it takes effect, with a reason; a date before his latest step is refused beside the
  date (the past under registers already kept is not rewritten).
- ``TierDialog`` (设定层级…): ``training.assign_tier`` for a school year, one tier a year.

Why a dialog beside the roll and not a tab of its own: a school has a dozen groups, not
thousands; 培训办 makes them once a year and then works teacher by teacher on the 教师 tab,
where 调整教研组… is; the group leaders and leaders who read the page see each teacher's
group and tier in the roll itself.

Nothing is written here: each OK runs one use case through ``FormDialog`` (``desktop.ops``),
its refusal shown in the dialog with the rule ID.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels
from desktop.form_dialog import FormDialog
from desktop.icons import icon
from desktop.tables import cell, read_only_table
from forms.spec import Field, FieldType
from models import training
from models.base import now
from models.people import User
from models.training import LATEST, MANAGERS, GroupMembership, Teacher, TeachingGroup, Tier

GROUP_FIELDS = (
    Field("name", "教研组名称", required=True, max_length=50, label_en="Group name"),
    Field("subject", "学科", max_length=30, label_en="Subject"),
)
REASON = Field("reason", "原因", max_length=200, label_en="Reason")
TIER_FIELDS = (
    Field(
        "tier",
        "层级",
        FieldType.CHOICE,
        required=True,
        choices=tuple(t.label for t in Tier),
        label_en="Tier",
    ),
    Field(
        "school_year",
        "学年",
        required=True,
        max_length=12,
        help="如 2026-2027；每位教师每学年属于一个层级。",
        label_en="School year",
    ),
    REASON,
)


def groups() -> list[TeachingGroup]:
    """In the order the office added them (语文组, 数学组 … as a school lists its groups)."""
    return list(TeachingGroup.select().order_by(TeachingGroup.id))


def latest_step(teacher: Teacher) -> GroupMembership | None:
    """A teacher's latest group step (the one a move must not go before)."""
    return (
        GroupMembership.select()
        .where(GroupMembership.teacher == teacher.id)
        .order_by(GroupMembership.from_date.desc(), GroupMembership.id.desc())
        .first()
    )


def _note(dialog: FormDialog, text: str) -> QLabel:
    """A line above the fields saying whom the dialog is about."""
    label = QLabel(text)
    label.setObjectName("dialogSubject")
    label.setWordWrap(True)
    dialog.layout().insertWidget(1, label)
    return label


class GroupDialog(FormDialog):
    """新增教研组 (``training.add_group``)."""

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        self.user = user
        super().__init__(self.tr("新增教研组"), GROUP_FIELDS, self._submit, parent=parent)

    def _submit(self, values: dict[str, Any]) -> TeachingGroup:
        return training.add_group(self.user, values["name"], subject=values["subject"] or "")


class LeaderDialog(FormDialog):
    """设组长 of ``group`` (``training.set_group_leader``), among its teachers; left empty,
    the group has no leader."""

    def __init__(
        self, user: User, group: TeachingGroup, members: list[Teacher], parent: QWidget | None
    ) -> None:
        self.user, self.group = user, group
        self.members = {str(t): t for t in members}
        field = Field(
            "leader", "组长", FieldType.CHOICE, choices=tuple(self.members), label_en="Leader"
        )
        leader = group.leader if group.leader_id is not None else None
        values = {"leader": str(leader)} if leader is not None else {}
        super().__init__(self.tr("设组长"), (field,), self._submit, values=values, parent=parent)
        self.setWindowTitle(f"{self.tr('设组长')} · {group.name}")
        self.subject = _note(
            self, self.tr("%1：从本组教师中选择；留空则不设组长。").replace("%1", group.name)
        )

    def _submit(self, values: dict[str, Any]) -> TeachingGroup:
        chosen = values["leader"]
        training.set_group_leader(self.user, self.group, self.members.get(chosen))
        return TeachingGroup.get_by_id(self.group.id)


class MoveDialog(FormDialog):
    """调整教研组 of ``teacher`` (``training.move_to_group``) from a date."""

    def __init__(self, user: User, teacher: Teacher, parent: QWidget | None = None) -> None:
        self.user, self.teacher = user, teacher
        self.groups = {g.name: g for g in groups()}
        fields = (
            Field(
                "group",
                "调入教研组",
                FieldType.CHOICE,
                required=True,
                choices=tuple(self.groups),
                label_en="Move to group",
            ),
            Field(
                "from_date",
                "起始日期",
                FieldType.DATE,
                required=True,
                help="从这一天起属于新教研组；不能早于最近一次调整的日期。",
                label_en="From",
            ),
            REASON,
        )
        last = latest_step(teacher)
        values: dict[str, Any] = {"from_date": now().date()}
        if last is not None and last.group_id is not None:
            values["group"] = last.group.name
        super().__init__(self.tr("调整教研组"), fields, self._submit, values=values, parent=parent)
        self.setWindowTitle(f"{self.tr('调整教研组')} · {teacher}")
        if last is None or last.group_id is None:
            where = self.tr("目前不在任何教研组")
        else:
            where = (
                self.tr("目前在 %1（自 %2 起）")
                .replace("%1", last.group.name)
                .replace("%2", f"{last.from_date:%Y-%m-%d}")
            )
        self.subject = _note(self, f"{teacher}　{where}")

    def _submit(self, values: dict[str, Any]) -> GroupMembership:
        group = self.groups[values["group"]]
        return training.move_to_group(
            self.user, self.teacher, group, values["from_date"], values["reason"] or ""
        )


class TierDialog(FormDialog):
    """设定层级 of ``teacher`` for a school year (``training.assign_tier``)."""

    def __init__(self, user: User, teacher: Teacher, parent: QWidget | None = None) -> None:
        self.user, self.teacher = user, teacher
        year = training.school_year_of(now().date())
        values = {"school_year": year}
        super().__init__(
            self.tr("设定层级"), TIER_FIELDS, self._submit, values=values, parent=parent
        )
        self.setWindowTitle(f"{self.tr('设定层级')} · {teacher}")
        held = training.tier_of(teacher, year)
        where = (
            self.tr("%1 学年尚未定层级").replace("%1", year)
            if held is None
            else self.tr("%1 学年：%2").replace("%1", year).replace("%2", labels.label(held))
        )
        self.subject = _note(self, f"{teacher}　{where}")

    def _submit(self, values: dict[str, Any]) -> Any:
        return training.assign_tier(
            self.user, self.teacher, values["tier"], values["school_year"], values["reason"] or ""
        )


class GroupsDialog(QDialog):
    """The office's 教研组; ``changed`` after one was added or got its leader."""

    changed = Signal()

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("教研组名单"))
        self.resize(640, 360)
        self.user = user
        self.rows: list[TeachingGroup] = []
        self.table = read_only_table(
            [self.tr("教研组"), self.tr("学科"), self.tr("组长"), self.tr("在职人数")]
        )
        self.table.itemSelectionChanged.connect(self._enable)
        self.add_button = QPushButton(icon("add"), self.tr("新增教研组…"))
        self.add_button.clicked.connect(lambda _c=False: self.add_dialog().open())
        self.leader_button = QPushButton(icon("user"), self.tr("设组长…"))
        self.leader_button.clicked.connect(self._open_leader)
        keeps = user.has_role(*MANAGERS)
        for button in (self.add_button, self.leader_button):
            button.setVisible(keeps)
        self.info = QLabel(self.tr("人数为今天在教研组的在职教师；调组在教师列表「调整教研组…」。"))
        self.info.setObjectName("listStatus")
        self.info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.leader_button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        today = now().date()
        self.rows = groups()
        self.table.setRowCount(len(self.rows))
        for r, g in enumerate(self.rows):
            leader = str(g.leader) if g.leader_id is not None else ""
            count = len(training.members_on(g, today))
            for c, value in enumerate((g.name, g.subject, leader, count)):
                self.table.setItem(r, c, cell(value, right=c == 3))
            if g.id == keep:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        self._enable()

    def selected(self) -> TeachingGroup | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) and self.table.selectedItems() else None

    def select(self, name: str) -> None:
        for r, g in enumerate(self.rows):
            if g.name == name:
                self.table.selectRow(r)

    def _enable(self) -> None:
        self.leader_button.setEnabled(self.selected() is not None)

    def add_dialog(self) -> GroupDialog:
        """新增教研组… (built, not opened, so a test can fill it)."""
        dialog = GroupDialog(self.user, self)
        dialog.accepted.connect(lambda: self._saved(dialog.result))
        return dialog

    def leader_dialog(self) -> LeaderDialog | None:
        """设组长… of the selected group, or ``None`` (no group selected, or none of its
        teachers to choose from: the user is told to move teachers in first)."""
        group = self.selected()
        if group is None:
            return None
        members = training.members_on(group, LATEST)  # whom set_group_leader accepts (T2)
        if not members:
            errors.inform(
                self,
                self.tr("设组长"),
                self.tr("%1 还没有教师；请先在教师列表用「调整教研组…」调入。").replace(
                    "%1", group.name
                ),
            )
            return None
        dialog = LeaderDialog(self.user, group, members, self)
        dialog.accepted.connect(lambda: self._saved(dialog.result))
        return dialog

    @Slot()
    def _open_leader(self) -> None:
        dialog = self.leader_dialog()
        if dialog is not None:
            dialog.open()

    def _saved(self, group: TeachingGroup | None) -> None:
        self.reload(group.id if group is not None else None)
        self.changed.emit()


def show_groups(user: User, parent: QWidget | None) -> GroupsDialog:
    """教研组… opened (window-modal) and returned."""
    dialog = GroupsDialog(user, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
