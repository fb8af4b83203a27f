"""客户服务's home cards: 我的回访 (today and overdue, for whoever calls or visits), 投诉临近时限
(the running complaint clocks due within two days or past due, for the posts that act on
complaints) and 待我接收的移交 (首问负责制, C11: requests a colleague handed to this user,
waiting for him to accept or decline them with the 待我接收 filter ticked: a complaint's on the
投诉 tab, any other request's on 来电来访). The
questions are ``models.callbacks``'s; the models are imported when the home page first asks,
not when the navigation is built."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.callbacks.staff import is_staff
from desktop.home_cards import ROWS, CardRow, HomeCard, open_tab
from models.base import now
from models.people import Role, User

CALLERS = frozenset({Role.SERVICE, Role.SALES, Role.SERVICE_MANAGER})
# Who acts on complaints (C10, C11); the leaders read the quarterly figures instead (C12).
COMPLAINT_READERS = frozenset({Role.SERVICE, Role.SERVICE_MANAGER, Role.DEPT_HEAD})


def _mine(user: User) -> Any:
    from models import callbacks

    return callbacks.my_callbacks_query(user, now().date())


def _mine_count(user: User) -> int:
    from models import callbacks

    return callbacks.my_callbacks_count(user, now().date())


def _mine_rows(user: User) -> list[CardRow]:
    today = now().date()
    return [
        CardRow(
            cb.customer.name,
            f"{cb.due_on:%m-%d}",
            cb.due_on < today,
            open_tab("callbacks", "mine"),
        )
        for cb in _mine(user).limit(ROWS)
    ]


def _near(_user: User) -> Any:
    from models import callbacks

    return callbacks.complaints_near_deadline()


def _near_rows(_user: User) -> list[CardRow]:
    from desktop.callbacks.common import clock_text
    from models.callbacks import Complaint

    rows = []
    for clock in _near(_user).limit(ROWS):
        complaint = Complaint.get_or_none(Complaint.id == clock.record_id)
        if complaint is None:
            continue
        left = clock.remaining()
        rows.append(
            CardRow(
                f"{complaint.number} {complaint.receipt.caller_name}",
                clock_text(clock.key, left),
                left.overdue,
                open_tab("callbacks", "complaints"),
            )
        )
    return rows


# Who is handed requests day to day (C11); a main leader, who may be handed one too, reads
# his figures on the home page and answers a handover on the 客户服务 page.
HANDOVER_RECEIVERS = frozenset({*CALLERS, Role.DEPT_HEAD})


def _awaiting(user: User) -> Any:
    from models import callbacks

    return callbacks.pending_handovers(user)


def _show_awaiting(tab: Any) -> None:
    tab.awaiting.setChecked(True)


def _tab_of(handover: Any) -> str:
    """Where a handover is answered: a complaint's on 投诉, any other request's on 来电来访."""
    from models.callbacks import RequestKind

    return "complaints" if handover.receipt.kind == RequestKind.COMPLAINT else "receipts"


def _open_awaiting(window: Any) -> object:
    """The card's 查看: the tab of the oldest handover waiting for the user (投诉 if none)."""
    first = _awaiting(window.user).first()
    tab = "complaints" if first is None else _tab_of(first)
    return open_tab("callbacks", tab, _show_awaiting)(window)


def _awaiting_rows(user: User) -> list[CardRow]:
    from models.callbacks import Complaint

    rows = []
    for h in _awaiting(user).limit(ROWS):
        complaint = Complaint.get_or_none(Complaint.receipt == h.receipt_id)
        what = complaint.number if complaint is not None else h.receipt.number
        rows.append(
            CardRow(
                f"{what} {h.receipt.caller_name} ← {h.from_user.name}",
                f"{h.offered_at:%m-%d %H:%M}",
                False,
                open_tab("callbacks", _tab_of(h), _show_awaiting),
            )
        )
    return rows


class StaffCard(HomeCard):
    """A card of the module's staff: the owner of a problem from another department sees
    the module for its 问题跟踪 tab only (C7), not the callbacks' and complaints' cards."""

    def visible_to(self, user: User) -> bool:
        return is_staff(user) and super().visible_to(user)


CARDS = (
    StaffCard(
        "callbacks.mine",
        lambda: QCoreApplication.translate("home", "我的回访（今日 / 逾期）"),
        lambda user: _mine_count(user),
        _mine_rows,
        open_tab("callbacks", "mine"),
        CALLERS,
        order=30,
    ),
    StaffCard(
        "callbacks.complaints",
        lambda: QCoreApplication.translate("home", "投诉临近时限"),
        lambda user: _near(user).count(),
        _near_rows,
        open_tab("callbacks", "complaints"),
        COMPLAINT_READERS,
        order=31,
    ),
    StaffCard(
        "callbacks.handovers",
        lambda: QCoreApplication.translate("home", "待我接收的移交"),
        lambda user: _awaiting(user).count(),
        _awaiting_rows,
        _open_awaiting,
        HANDOVER_RECEIVERS,
        order=32,
    ),
)
