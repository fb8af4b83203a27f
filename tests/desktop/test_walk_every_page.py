"""Every user of the demo office opens every page and every tab the navigation offers them,
changes the options of the statistics, and closes the window: nothing crashes, nothing raises,
no error box appears, and ``None``'s reference count does not fall (PySide6 6.12.0 dropped one
per ``setFlags`` and the desktop aborted on 办公用品 → 统计).

The demo office is loaded once for the module, on an SQLite file (worker threads open their
own connections); each user's walk is its own test.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtWidgets import QComboBox, QTabWidget, QWidget

from desktop.app import build_main_window
from desktop.home import HomePage
from models import demo
from models.db import close_database, open_database
from models.people import User

STATS = "统计"
SETTLE_MS = 5


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = "sqlite:///" + str(tmp_path_factory.mktemp("demo") / "houqin.db")
    open_database(url)
    demo.load(password="demo-pass-1")
    yield url
    close_database()


def demo_usernames() -> list[str]:
    return [username for username, *_rest in demo.USERS]


def walk_tabs(qtbot, tabs: QTabWidget, seen: list[str], where: str) -> None:
    """Show every tab of ``tabs`` (and of the tab widgets inside them), let the event loop
    run, and turn the options of a statistics tab."""
    for index in range(tabs.count()):
        title = tabs.tabText(index)
        tabs.setCurrentIndex(index)
        qtbot.wait(SETTLE_MS)
        here = f"{where} → {title}"
        seen.append(here)
        tab = tabs.widget(index)
        if title.startswith(STATS):
            turn_options(qtbot, tab)
        for inner in tab.findChildren(QTabWidget):
            if inner is not tabs and inner.isVisible():
                walk_tabs(qtbot, inner, seen, here)


def follow_cards(qtbot, window, page: HomePage, seen: list[str]) -> None:
    """工作台: every card's 查看 goes where its work is done, and back."""
    for card in page.cards:
        card.open_button.click()
        qtbot.wait(SETTLE_MS)
        seen.append(f"home → {card.card.key} → {window.current_module()}")
        window.open_module("home")
    page.reload()


def turn_options(qtbot, tab: QWidget) -> None:
    """办公用品 → 统计: 明细 changed twice (and every other option of a statistics tab)."""
    for box in tab.findChildren(QComboBox):
        if not box.isVisible():
            continue
        for index in (1, 2, 0):
            if index < box.count():
                box.setCurrentIndex(index)
                qtbot.wait(SETTLE_MS)


@pytest.mark.parametrize("username", demo_usernames())
def test_every_page_and_tab_opens_for_every_demo_user(qtbot, demo_url, app, boxes, username):
    user = User.get(User.username == username)
    gc.collect()
    before = sys.getrefcount(None)
    window = build_main_window(user, demo_url)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []
    for key in window.module_keys():
        page = window.open_module(key)
        qtbot.wait(SETTLE_MS)
        seen.append(key)
        if isinstance(page, HomePage):
            follow_cards(qtbot, window, page, seen)
        else:
            walk_tabs(qtbot, page.tabs, seen, key)
    window.close()
    qtbot.wait(SETTLE_MS)
    gc.collect()
    assert [s.kind for s in boxes.shown] == [], boxes.texts()
    assert len(seen) > len(window.module_keys())  # pages have tabs, and they were opened
    assert sys.getrefcount(None) - before > -100, "None lost references during the walk"


def test_the_walk_reaches_both_statistics_views(qtbot, demo_url, app, boxes):
    """The logistics head sees 车辆管理 → 统计 and 办公用品 → 统计, and their options turn."""
    user = User.get(User.username == "zhaolei")
    window = build_main_window(user, demo_url)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []
    for key in ("fleet", "supplies"):
        walk_tabs(qtbot, window.open_module(key).tabs, seen, key)
    assert "fleet → 统计" in seen and "supplies → 统计" in seen
    assert boxes.shown == []
