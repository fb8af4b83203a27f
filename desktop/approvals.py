"""审批中心: 待我审批 (with delegations), 我的申请, 抄送我的 and 委托代理.

Every action calls a use case of ``models.workflow`` and passes the version the user saw
(``expected_version``), so a screen that went stale while its user read it gets the
Conflict message instead of approving something else than what was shown.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, labels, modules, ops
from desktop.document_dialog import DocumentDialog
from desktop.form_dialog import ErrorLabel
from desktop.i18n import pick
from desktop.icons import icon
from desktop.lazy_model import Column, LazyQueryModel, Look, Row
from desktop.list_view import ListView
from desktop.module_page import ModulePage, Tab
from desktop.pickers import UserPicker
from desktop.tasks import BackgroundTask, Progress
from forms.summary import amount_expression, money
from models import queries, workflow
from models.base import now
from models.errors import RuleViolation
from models.people import User
from models.queries import Applicant, ApplicantDept, Assignee, Delegate, Principal
from models.workflow import CarbonCopy, Delegation, FlowVersion, Instance, State, Task

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


OVERDUE = "#c62828"
URGED = "#c62828"


def overdue_look(row: Row) -> Look | None:
    """Red for a deadline (working days, see models.calendar) that has passed."""
    due = row.get("due")
    return Look(OVERDUE) if isinstance(due, datetime) and due < now() else None


def urged_text(value: Any) -> str:
    """⚑ and when the applicant urged the task (催办), so the approver sees it in the row."""
    at = queries.as_datetime(value)
    return f"⚑ {at:%m-%d %H:%M}" if at is not None else ""


def urged_look(row: Row) -> Look | None:
    return Look(URGED, bold=True) if row.get("urged") else None


def waited(value: Any, at: datetime | None = None) -> str:
    """How long a request has waited at its current step: 2天3小时, 5小时, 20分钟."""
    since = queries.as_datetime(value)
    if since is None:
        return ""
    minutes = max(int(((at or now()) - since).total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return pick(f"{days}天{hours}小时", f"{days} d {hours} h")
    if hours:
        return pick(f"{hours}小时", f"{hours} h")
    return pick(f"{minutes}分钟", f"{minutes} min")


def names(value: Any) -> str:
    """GROUP_CONCAT's comma-joined names, as Chinese lists them."""
    return "、".join(sorted(str(value).split(","))) if value else ""


# what the 标题 and 类型 columns read their English by
DOC_TYPE = {"doc_type": Instance.doc_type, "doc_id": Instance.doc_id}


class ApprovalCenter(ModulePage):
    TITLE = "审批中心"

    def __init__(self, user: User, window: MainWindow | None = None) -> None:
        super().__init__(user, window)
        known = window.signature if window is not None else None
        self._update_tab_titles(known.pending if known is not None else None)

    # --- lists ---------------------------------------------------------------------------

    def _title_column(self, width: int) -> Column:
        """标题: as the engine stored it (and sorted by), in English its document's own."""
        return Column(
            "title",
            self.tr("标题"),
            Instance.title,
            text=lambda row: labels.title_of(row["doc_type"], row["doc_id"], row["title"]),
            width=width,
        )

    def _flow_column(self) -> Column:
        """类型: the flow's name as its version stored it, in the interface language."""
        return Column(
            "flow",
            self.tr("类型"),
            FlowVersion.name,
            text=lambda row: labels.flow_name(row["doc_type"], row["flow"]),
            width=130,
        )

    def _inbox_list(self) -> ListView:
        def on_behalf(name: Any) -> str:
            return "" if name == self.user.name else pick(f"代 {name}", f"for {name}")

        columns = [
            self._title_column(260),
            self._flow_column(),
            Column(
                "node",
                self.tr("环节"),
                Task.node_key,
                text=lambda row: labels.node_at(row["doc_type"], row["node"]),
                width=190,
            ),
            Column(
                "amount",
                self.tr("金额"),
                amount_expression(),
                fmt=money,
                width=100,
                align_right=True,
            ),
            Column("applicant", self.tr("申请人"), Applicant.name, width=90),
            Column("department", self.tr("部门"), ApplicantDept.name, width=110),
            Column("submitted", self.tr("提交时间"), Instance.submitted_at, width=140),
            Column("due", self.tr("办理期限"), Task.due_at, width=140, look=overdue_look),
            Column("for", self.tr("代理"), Assignee.name, fmt=on_behalf, width=90),
            Column(
                "urged", self.tr("催办"), Task.urged_at, fmt=urged_text, width=110, look=urged_look
            ),
        ]
        model = LazyQueryModel(
            lambda: queries.inbox_rows(self.user),
            columns,
            Task.id,
            sort_column=7,
            descending=False,
            search_fields=[Applicant.name_search, Instance.title],
            extras={
                "instance_id": Instance.id,
                "version": Instance.version,
                "assignee_id": Task.assignee,
                **DOC_TYPE,
            },
        )
        view = ListView(
            "approvals.inbox",
            model,
            search_hint=self.tr("搜索标题或申请人（支持拼音首字母）"),
            multi_select=True,
        )
        open_button = QPushButton(icon("open"), self.tr("打开"))
        open_button.clicked.connect(lambda: self.open_selected(view))
        self.batch_button = QPushButton(icon("approve"), self.tr("批量同意"))
        self.batch_button.setToolTip(self.tr("同意所有选中的申请（每份单独处理）"))
        self.batch_button.clicked.connect(self.batch_approve)
        view.action_bar.addWidget(open_button)
        view.action_bar.addWidget(self.batch_button)
        view.activated.connect(lambda _key: self.open_selected(view))
        return view

    def _my_list(self) -> ListView:
        columns = [
            self._title_column(280),
            self._flow_column(),
            Column("state", self.tr("状态"), Instance.state, fmt=labels.labeller(State), width=90),
            Column(
                "approvers",
                self.tr("当前审批人"),
                queries.current_approvers(),
                fmt=names,
                sortable=False,
                width=120,
            ),
            Column("waited", self.tr("已等待"), queries.waiting_since(), fmt=waited, width=90),
            Column("submitted", self.tr("提交时间"), Instance.submitted_at, width=140),
            Column("finished", self.tr("办结时间"), Instance.finished_at, width=140),
        ]
        model = LazyQueryModel(
            lambda: queries.my_request_rows(self.user),
            columns,
            Instance.id,
            search_fields=[Instance.title],
            extras={"instance_id": Instance.id, "version": Instance.version, **DOC_TYPE},
        )
        view = ListView("approvals.mine", model, search_hint=self.tr("搜索标题"))
        open_button = QPushButton(icon("open"), self.tr("打开"))
        open_button.clicked.connect(lambda: self.open_selected(view))
        withdraw = QPushButton(self.tr("撤回"))
        withdraw.clicked.connect(self.withdraw_selected)
        urge = QPushButton(icon("bell"), self.tr("催办"))
        urge.clicked.connect(self.urge_selected)
        for button in (open_button, withdraw, urge):
            view.action_bar.addWidget(button)
        self.new_buttons: dict[str, QPushButton] = {}
        for request in modules.requests_for(self.user):
            button = QPushButton(icon(request.icon), request.title())
            button.clicked.connect(lambda _c=False, r=request: self.new_request(r))
            self.new_buttons[request.key] = button
            view.action_bar.addWidget(button)
        view.activated.connect(lambda _key: self.open_selected(view))
        return view

    def _copied_list(self) -> ListView:
        columns = [
            self._title_column(260),
            self._flow_column(),
            Column("applicant", self.tr("申请人"), Applicant.name, width=90),
            Column("state", self.tr("状态"), Instance.state, fmt=labels.labeller(State), width=90),
            Column("by", self.tr("抄送人"), CarbonCopy.by_name, width=90),
            Column("at", self.tr("抄送时间"), CarbonCopy.at, width=140),
        ]
        model = LazyQueryModel(
            lambda: queries.copied_rows(self.user),
            columns,
            CarbonCopy.id,
            search_fields=[Instance.title, Applicant.name_search],
            extras={"instance_id": Instance.id, "version": Instance.version, **DOC_TYPE},
        )
        view = ListView("approvals.copied", model)
        open_button = QPushButton(icon("open"), self.tr("打开"))
        open_button.clicked.connect(lambda: self.open_selected(view))
        view.action_bar.addWidget(open_button)
        view.activated.connect(lambda _key: self.open_selected(view))
        return view

    def _delegation_list(self) -> ListView:
        def scope(value: Any) -> str:
            return value or self.tr("全部审批")

        def status(value: Any) -> str:
            return self.tr("已撤销") if value else ""

        columns = [
            Column("principal", self.tr("委托人"), Principal.name, width=100),
            Column("delegate", self.tr("代理人"), Delegate.name, width=100),
            Column("doc_type", self.tr("范围"), Delegation.doc_type, fmt=scope, width=120),
            Column("starts", self.tr("开始"), Delegation.starts, width=140),
            Column("ends", self.tr("结束"), Delegation.ends, width=140),
            Column("revoked", self.tr("状态"), Delegation.revoked_at, fmt=status, width=80),
        ]
        model = LazyQueryModel(lambda: queries.delegation_rows(self.user), columns, Delegation.id)
        view = ListView("approvals.delegations", model)
        add = QPushButton(icon("add"), self.tr("新建委托…"))
        add.clicked.connect(self.new_delegation)
        revoke = QPushButton(self.tr("撤销委托"))
        revoke.clicked.connect(self.revoke_selected)
        view.action_bar.addWidget(add)
        view.action_bar.addWidget(revoke)
        return view

    # --- refresh -------------------------------------------------------------------------

    def reload(self) -> None:
        """Reload the lists that were opened already (the poll or an action changed data)."""
        super().reload()
        self._update_tab_titles()

    def _update_tab_titles(self, count: int | None = None) -> None:
        if count is None:
            try:
                count = queries.inbox_count(self.user)
            except Exception:
                return
        title = self.tr("待我审批") + (f" ({count})" if count else "")
        self.tabs.setTabText(0, title)

    # --- actions -------------------------------------------------------------------------

    def _selected_rows(self, view: ListView) -> list[dict[str, Any]]:
        rows = sorted({i.row() for i in view.table.selectionModel().selectedRows()})
        return [view.model.row(r) for r in rows]

    def open_selected(self, view: ListView) -> DocumentDialog | None:
        rows = self._selected_rows(view)
        if not rows:
            return None
        return self.open_document(rows[0]["instance_id"], rows[0]["version"])

    def open_document(self, instance_id: int, version: int | None = None) -> DocumentDialog:
        dialog = DocumentDialog(self.user, instance_id, version, parent=self)
        dialog.changed.connect(self.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def batch_approve(self) -> BackgroundTask | None:
        rows = self._selected_rows(self.tab("inbox"))
        ids = [r["instance_id"] for r in rows]
        if not ids:
            errors.inform(self, self.tr("批量同意"), self.tr("请先选中要同意的申请。"))
            return None
        if not errors.confirm(
            self, self.tr("批量同意"), self.tr("同意选中的 %n 份申请？", "", len(ids))
        ):
            return None
        user = self.user
        titles = {r["instance_id"]: r["title"] for r in rows}

        def work(progress: Progress) -> dict[int, str | None]:
            progress(0, len(ids))
            return workflow.batch_approve(user, ids)

        def done(results: dict[int, str | None]) -> None:
            failed = {i: m for i, m in results.items() if m}
            text = self.tr("已同意 %n 份。", "", len(results) - len(failed))
            details = "\n".join(f"{titles.get(i, i)}：{m}" for i, m in failed.items())
            if failed:
                text += "\n" + self.tr("%n 份未能处理，见详细信息。", "", len(failed))
            errors.inform(self, self.tr("批量同意"), text, details)
            self.changed()

        return (
            BackgroundTask(self, work).with_progress(self.tr("正在批量审批…")).success(done).run()
        )

    def _act_on_mine(self, action: str) -> None:
        rows = self._selected_rows(self.tab("mine"))
        if not rows:
            return
        row = rows[0]
        if action == "withdraw":
            if not errors.confirm(self, self.tr("撤回"), self.tr("撤回这份申请？")):
                return
            ops.attempt(
                self,
                lambda _ack: workflow.withdraw(
                    self.user, row["instance_id"], expected_version=row["version"]
                ),
                done=lambda _r: self.changed(),
                reload=self.reload,
            )
            return

        def urged(count: int) -> None:
            errors.inform(self, self.tr("催办"), self.tr("已提醒 %n 位审批人。", "", count))
            self.changed()

        ops.attempt(
            self,
            lambda _ack: workflow.urge(self.user, row["instance_id"]),
            done=urged,
            reload=self.reload,
        )

    @Slot()
    def withdraw_selected(self) -> None:
        self._act_on_mine("withdraw")

    @Slot()
    def urge_selected(self) -> None:
        self._act_on_mine("urge")

    def new_request(self, request: modules.NewRequest) -> bool:
        """A new request its domain declared (``Module.requests``): its dialog files it."""
        dialog = modules.load(request.dialog)(self.user, self)
        if dialog.exec():
            self.changed()
            return True
        return False

    @Slot()
    def new_delegation(self) -> DelegationDialog:
        dialog = DelegationDialog(self.user, self)
        dialog.accepted.connect(self.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def revoke_selected(self) -> None:
        key = self.tab("delegations").current_id()
        if key is None:
            return
        ops.attempt(
            self,
            lambda _ack: workflow.revoke_delegation(self.user, Delegation.get_by_id(key)),
            done=lambda _r: self.changed(),
        )

    TABS = (
        Tab("inbox", "待我审批", "inbox", _inbox_list),
        Tab("mine", "我的申请", "send", _my_list),
        Tab("copied", "抄送我的", "cc", _copied_list),
        Tab("delegations", "委托代理", "delegate", _delegation_list),
    )


class DelegationDialog(QDialog):
    """代理: who handles my approvals from when to when (one document type or all)."""

    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(self.tr("新建委托"))
        self.setMinimumWidth(440)
        self.delegate = UserPicker()
        now = QDateTime.currentDateTime()
        self.starts = QDateTimeEdit(now)
        self.ends = QDateTimeEdit(now.addDays(7))
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.scope = QComboBox()
        self.scope.addItem(self.tr("全部审批"), "")
        seen: set[str] = set()
        for row in FlowVersion.select(FlowVersion.doc_type, FlowVersion.name).order_by(
            FlowVersion.doc_type, FlowVersion.version.desc()
        ):
            if row.doc_type not in seen:
                seen.add(row.doc_type)
                self.scope.addItem(row.name, row.doc_type)
        self.errors: dict[str, ErrorLabel] = {}
        form = QFormLayout()
        for key, label, widget in (
            ("delegate", self.tr("代理人："), self.delegate),
            ("starts", self.tr("开始："), self.starts),
            ("ends", self.tr("结束："), self.ends),
            ("doc_type", self.tr("范围："), self.scope),
        ):
            error = ErrorLabel()
            self.errors[key] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label, box)
        self.general = ErrorLabel(top=True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _error(self, key: str, text: str) -> None:
        self.errors.get(key, self.general).show_text(text)

    @Slot()
    def try_submit(self) -> bool:
        for label in [*self.errors.values(), self.general]:
            label.hide()
        to = self.delegate.value()
        if to is None:
            self._error("delegate", self.tr("请从列表中选择代理人"))
            return False
        starts: datetime = self.starts.dateTime().toPython().replace(second=0, microsecond=0)
        ends: datetime = self.ends.dateTime().toPython().replace(second=0, microsecond=0)
        return ops.attempt(
            self,
            lambda _ack: workflow.delegate(
                self.user, self.user, to, starts, ends, self.scope.currentData()
            ),
            done=lambda _r: self.accept(),
            inline=self._inline,
        )

    def _inline(self, exc: BaseException) -> bool:
        if isinstance(exc, RuleViolation):
            self._error(exc.field or "", errors.inline_text(exc))
            return True
        return False
