"""English is a Qt translation of the Chinese interface, chosen in the settings."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from desktop import i18n
from desktop.app import build_main_window


def test_every_string_of_the_ts_source_is_translated():
    tree = ET.parse(i18n.I18N_DIR / "houqin_en.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == []
    assert (i18n.I18N_DIR / "houqin_en.qm").stat().st_size > 1000


def test_english_setting_translates_the_main_window(qtbot, desk, app):
    i18n.set_configured_language("en")
    try:
        assert i18n.install(app) == "en"
        w = build_main_window(desk.head, desk.url)
        qtbot.addWidget(w)
        w.show()
        titles = [w.nav.item(i).text() for i in range(w.nav.count())]
        assert titles == ["Office supplies", "Approvals"]
        assert w.roles_label.text() == "Roles: department head"
        page = w.open_module("approvals")
        assert page.tabs.tabText(1) == "My requests"
        assert page.inbox.status.text() == "0 rows"
    finally:
        i18n.set_configured_language("zh_CN")
        i18n.install(app)
    assert i18n.pick("中", "en") == "中"
