"""The suite's own home cards, on the 审批中心 module: 待我审批 and 我的申请 (everyone)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop import labels
from desktop.home_cards import ROWS, CardRow, HomeCard, open_approval, open_tab
from models import queries
from models.base import now
from models.people import User
from models.workflow import Instance, State, inbox, my_requests


def _inbox_rows(user: User) -> list[CardRow]:
    rows = []
    for task in inbox(user).limit(ROWS):
        due = task.due_at
        late = due is not None and due < now()
        detail = f"{due:%m-%d %H:%M}" if due else ""
        title = labels.approval_title(task.instance)
        rows.append(CardRow(title, detail, late, open_approval(task.instance_id)))
    return rows


def _my_rows(user: User) -> list[CardRow]:
    return [
        CardRow(
            labels.approval_title(inst),
            labels.of(State, inst.state),
            inst.state == State.RETURNED,
            open_approval(inst.id),
        )
        for inst in my_requests(user).limit(ROWS)
    ]


def _my_open(user: User) -> int:
    """我的申请's number: those still under way or sent back to me (what I may act on); its
    rows are the latest five whatever their state, so a decision just made shows too."""
    return my_requests(user).where(Instance.state.in_([State.PENDING, State.RETURNED])).count()


CARDS = (
    HomeCard(
        "approvals.inbox",
        lambda: QCoreApplication.translate("home", "待我审批"),
        queries.inbox_count,
        _inbox_rows,
        open_tab("approvals", "inbox"),
        order=0,
    ),
    HomeCard(
        "approvals.mine",
        lambda: QCoreApplication.translate("home", "我的申请（进行中）"),
        _my_open,
        _my_rows,
        open_tab("approvals", "mine"),
        order=90,
        empty=lambda: QCoreApplication.translate("home", "还没有提交过申请"),
    ),
)
