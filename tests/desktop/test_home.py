"""工作台: the cards each role of the demo office sees, their counts against the model's
questions, a card's 查看, the last page remembered per user (in the database, not on this
PC), and who sees 车辆管理."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop.app import build_main_window
from desktop.home import HomePage
from desktop.home_cards import last_month, this_month
from models import callbacks, demo, fleet, queries, supplies, training, user_prefs
from models.db import close_database, open_database
from models.people import User
from models.workflow import Instance, State, my_requests

EVERYONE = ["approvals.inbox", "approvals.mine"]
CALLBACK_CARDS = ["callbacks.mine", "callbacks.complaints", "callbacks.handovers"]
CARDS = {
    "admin": EVERYONE,
    "wangjianguo": [
        "approvals.inbox",
        "training.truancies",
        "training.at_risk",
        "fleet.cost",
        "supplies.issued",
        "approvals.mine",
    ],
    "chenjing": EVERYONE,
    "zhanghua": EVERYONE,
    "sunhongmei": [
        "approvals.inbox",
        "fleet.maintenance",
        "fleet.overdue",
        "supplies.check",
        "supplies.issue",
        "supplies.returns",
        "supplies.stocktake",
        "approvals.mine",
    ],
    "mayong": [
        "approvals.inbox",
        "fleet.assess",
        "fleet.maintenance",
        "fleet.overdue",
        "approvals.mine",
    ],
    "tangmin": [
        "approvals.inbox",
        "training.close",
        "training.truancies",
        "training.at_risk",
        "approvals.mine",
    ],
    "linxiaoyu": ["approvals.inbox", *CALLBACK_CARDS, "approvals.mine"],
    "xuqian": ["approvals.inbox", *CALLBACK_CARDS, "approvals.mine"],
    "guohao": ["approvals.inbox", "callbacks.mine", "callbacks.handovers", "approvals.mine"],
}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = "sqlite:///" + str(tmp_path_factory.mktemp("home") / "houqin.db")
    open_database(url)
    demo.load(password="demo-pass-1")
    yield url
    close_database()


def home_of(qtbot, user: User, url: str) -> tuple[object, HomePage]:
    window = build_main_window(user, url)
    qtbot.addWidget(window)
    window.show()
    return window, window.open_module("home")


def expected(key: str, user: User) -> int | str:
    """What the model's own question answers for the card ``key``."""
    today = date.today()
    answers = {
        "approvals.inbox": lambda: queries.inbox_count(user),
        "approvals.mine": lambda: (
            my_requests(user).where(Instance.state.in_([State.PENDING, State.RETURNED])).count()
        ),
        "fleet.assess": lambda: fleet.repairs_to_assess(user).count(),
        "fleet.maintenance": lambda: len(fleet.maintenance_due(today)),
        "fleet.overdue": lambda: fleet.overdue_repairs(today).count(),
        "fleet.cost": lambda: f"¥{fleet.repair_cost_of_month(this_month()):,.2f}",
        "supplies.check": lambda: supplies.requisitions_to_check(user).count(),
        "supplies.issue": lambda: supplies.awaiting_issue().count(),
        "supplies.returns": lambda: supplies.awaiting_confirmation().count(),
        "supplies.stocktake": lambda: int(supplies.stocktake_due(today=today) is not None),
        "supplies.issued": lambda: f"¥{supplies.issued_value_of_month(this_month()):,.2f}",
        "callbacks.mine": lambda: len(callbacks.my_callbacks(user, today)),
        "callbacks.complaints": lambda: callbacks.complaints_near_deadline().count(),
        "callbacks.handovers": lambda: callbacks.pending_handovers(user).count(),
        "training.close": lambda: sum(
            s.state == training.SessionState.PLANNED
            and s.date <= today
            and s.register_state != training.RegisterState.CLOSED
            for s in training.sessions_of()
        ),
        "training.truancies": lambda: len(training.truancies(training.school_year_of(today))),
        "training.at_risk": lambda: len(training.at_risk(training.school_year_of(today), today)),
    }
    return answers[key]()


@pytest.mark.parametrize("username", list(CARDS))
def test_home_shows_each_demo_role_its_cards_counted_as_the_models_count(
    qtbot, demo_url, app, boxes, username
):
    user = User.get(User.username == username)
    window, home = home_of(qtbot, user, demo_url)
    assert window.module_keys()[0] == "home" and window.current_module() == "home"
    assert home.card_keys() == CARDS[username]
    for card in home.cards:
        assert card.value == expected(card.card.key, user), card.card.key
        assert card.count.text() == str(card.value)
        assert len(card.row_texts()) <= 5
    inbox = home.card("approvals.inbox")
    titles = [task.instance.title for task in queries.inbox(user).limit(5)]
    assert inbox.row_texts() == titles
    mine = [inst.title for inst in my_requests(user).limit(5)]  # whatever their state
    assert home.card("approvals.mine").row_texts() == mine
    assert boxes.shown == []


def test_the_leaders_figures_read_against_last_month(qtbot, demo_url, app):
    leader = User.get(User.username == "wangjianguo")
    _window, home = home_of(qtbot, leader, demo_url)
    cost = home.card("fleet.cost")
    assert cost.card.figure and cost.value.startswith("¥")
    assert any(last_month() in text for text in cost.row_texts())
    # November's repairs of the demo, closed: the same figure as the 统计 tab's month (F8).
    assert fleet.repair_cost_of_month("2026-11") == fleet.monthly_report("2026-11").total.cost


def test_a_card_opens_where_its_work_is_done(qtbot, demo_url, app):
    logistics = User.get(User.username == "sunhongmei")
    window, home = home_of(qtbot, logistics, demo_url)
    home.card("supplies.issue").open_button.click()
    assert window.current_module() == "supplies"
    page = window.pages["supplies"]
    assert page.tab_keys()[page.tabs.currentIndex()] == "requisitions"
    window.open_module("home")
    home.card("approvals.inbox").open_button.click()
    assert window.current_module() == "approvals"


def test_a_row_opens_its_own_document(qtbot, demo_url, app, boxes):
    from desktop.document_dialog import DocumentDialog
    from desktop.fleet.repair_dialog import RepairDialog

    leader = User.get(User.username == "wangjianguo")
    _window, home = home_of(qtbot, leader, demo_url)
    first = next(iter(queries.inbox(leader).limit(1)))

    def open_dialogs() -> set[int]:
        widgets = QApplication.topLevelWidgets()
        return {id(w) for w in widgets if isinstance(w, DocumentDialog) and w.isVisible()}

    before = open_dialogs()  # dialogs an earlier test left open are not this click's
    qtbot.mouseClick(home.card("approvals.inbox").row_labels()[0], Qt.MouseButton.LeftButton)
    opened = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, DocumentDialog) and w.isVisible() and id(w) not in before
    ]
    assert [d.instance_id for d in opened] == [first.instance_id]
    logistics = User.get(User.username == "sunhongmei")
    _window, home = home_of(qtbot, logistics, demo_url)
    late = next(iter(fleet.overdue_repairs(date.today()).limit(1)))
    dialog = home.card("fleet.overdue").open_row(
        next(r for r in home.card("fleet.overdue").card.rows(logistics))
    )
    assert isinstance(dialog, RepairDialog) and dialog.isVisible()
    assert dialog.repair_id == late.id and late.number in dialog.windowTitle()
    assert boxes.shown == []


def test_one_refresh_asks_each_cards_computed_question_once(qtbot, demo_url, app, monkeypatch):
    """学时难以达标 (T1: compute_credits over the whole school year), 本学年旷课, 保养到期 and
    盘点提醒 are computed lists: one refresh of the home page asks each once, and the card's
    number and rows are read from that one answer."""
    asked: dict[str, int] = {}

    def counted(module: object, name: str) -> None:
        real = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            asked[name] = asked.get(name, 0) + 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    for module, name in (
        (training, "at_risk"),
        (training, "truancies"),
        (fleet, "maintenance_due"),
        (supplies, "stocktake_due"),
    ):
        counted(module, name)
    leader = User.get(User.username == "wangjianguo")
    logistics = User.get(User.username == "sunhongmei")
    homes = [HomePage(leader), HomePage(logistics)]
    for home in homes:
        qtbot.addWidget(home)
    asked.clear()
    for home in homes:
        home.reload()
    assert asked == {"at_risk": 1, "truancies": 1, "maintenance_due": 1, "stocktake_due": 1}
    risk = homes[0].card("training.at_risk")
    assert risk.value == expected("training.at_risk", leader)
    assert len(risk.row_texts()) == min(5, risk.value)


def test_a_repair_to_assess_reaches_the_fleet_managers_home(qtbot, desk):
    car = fleet.add_vehicle(
        desk.fleet, "京A12345", desk.squad, odometer=1000, drivers=[desk.driver]
    )
    repair = fleet.apply_repair(desk.driver, car, "刹车异响")
    window, home = home_of(qtbot, desk.fleet, desk.url)
    card = home.card("fleet.assess")
    assert card.value == 1 and repair.number in card.row_texts()[0]
    card.open_button.click()
    repairs = window.pages["fleet"].tab("repairs")
    assert repairs.mine.isChecked()  # 待我处理: the repair waiting for him
    repairs.view.start()
    assert repairs.model.rowCount() == 1 and repairs.model.row_id(0) == repair.id
    # The driver: his request is under way on his own card.
    _w, driver_home = home_of(qtbot, desk.driver, desk.url)
    assert driver_home.card("approvals.mine").value == 1


def test_the_last_page_is_remembered_per_user_not_per_pc(qtbot, desk, tmp_path):
    clerk = build_main_window(desk.clerk, desk.url)
    qtbot.addWidget(clerk)
    clerk.open_module("supplies")
    clerk.close()
    head = build_main_window(desk.head, desk.url)  # another user at the same PC
    qtbot.addWidget(head)
    assert head.current_module() == "home"
    head.open_module("approvals")
    head.close()
    assert user_prefs.get(desk.clerk, "last_page") == "supplies"
    # Another PC: this desktop's own settings are somewhere else, the database is the same.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "pc2"))
    again = build_main_window(desk.clerk, desk.url)
    qtbot.addWidget(again)
    assert again.current_module() == "supplies"
    other = build_main_window(desk.head, desk.url)
    qtbot.addWidget(other)
    assert other.current_module() == "approvals"


def test_a_page_no_longer_offered_falls_back_to_the_home_page(qtbot, desk):
    user_prefs.put(desk.clerk, "last_page", "admin")  # not his: never opened for him
    window = build_main_window(desk.clerk, desk.url)
    qtbot.addWidget(window)
    assert window.current_module() == "home"


def test_the_fleet_page_is_for_its_roles_and_for_drivers(qtbot, desk):
    def keys(user: User) -> list[str]:
        window = build_main_window(User.get_by_id(user.id), desk.url)
        qtbot.addWidget(window)
        return window.module_keys()

    assert "fleet" not in keys(desk.clerk)  # an 办事员 who drives nothing
    assert "fleet" not in keys(desk.head)
    for user in (desk.fleet, desk.logistics, desk.leader, desk.admin):
        assert "fleet" in keys(user)
    fleet.add_vehicle(desk.fleet, "京B54321", desk.office, odometer=9000, drivers=[desk.clerk])
    assert "fleet" in keys(desk.clerk)  # now he drives one
