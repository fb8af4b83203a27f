"""English is a Qt translation of the Chinese interface, chosen in the settings."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from enum import StrEnum
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

import models
from desktop import i18n, labels
from desktop.app import build_main_window
from models.fleet import VehicleStatus
from models.fleet.usage import MaintenanceDue
from models.people import Role
from models.supplies import Category, RequisitionState


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
        assert titles == ["Home", "Office supplies", "Approvals"]
        assert w.roles_label.text() == "Roles: department head"
        page = w.open_module("approvals")
        assert page.tabs.tabText(1) == "My requests"
        assert page.tab("inbox").status.text() == "0 rows"
    finally:
        i18n.set_configured_language("zh_CN")
        i18n.install(app)
    assert i18n.pick("中", "en") == "中"


def labelled_enums() -> set[type[StrEnum]]:
    """Every enum of the domain (fleet, supplies, workflow, people ...) that has a label."""
    found: set[type[StrEnum]] = set()
    for info in pkgutil.walk_packages(models.__path__, "models."):
        if ".demo" in info.name:
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, StrEnum)
                and value.__module__.startswith("models")
                and isinstance(getattr(value, "label", None), property)
            ):
                found.add(value)
    return found


def test_every_enum_member_has_its_english_label():
    enums = labelled_enums()
    assert {"VehicleStatus", "RepairState", "Category", "StocktakeState", "State", "Role"} <= {
        e.__name__ for e in enums
    }
    english = labels.ENGLISH
    missing = [f"{e.__name__}.{m.name}" for e in enums for m in e if not english.get(e, {}).get(m)]
    assert missing == []
    assert set(labels.LABELLED) == enums


def test_labels_follow_the_interface_language(app):
    assert labels.label(RequisitionState.APPROVED) == "待发放"
    assert labels.of(Category, "paper") == "纸本"
    assert labels.of(Category, "no such code") == "no such code"
    i18n.install(app, "en")
    try:
        assert labels.label(RequisitionState.APPROVED) == "To issue"
        assert labels.of(VehicleStatus, "in_repair") == "In repair"
        assert labels.relabel(Category, "书写工具") == "Writing instruments"
        assert labels.code("repair_kind", "overhaul") == "Overhaul"
        assert labels.label(Role.DEPT_HEAD) == Role.DEPT_HEAD.label_en
    finally:
        i18n.install(app, "zh_CN")


def test_the_bare_maintenance_codes_say_what_the_models_say():
    for status, (zh, _en) in labels.CODES["maintenance"].items():
        assert MaintenanceDue(None, None, 0, 0, None, status).status_label == zh


def test_english_supplies_page_shows_english_states_and_categories(qtbot, desk, app):
    from desktop.supplies.page import SuppliesPage
    from models import supplies

    supplies.add_item(desk.logistics, name="中性笔", category="书写工具", unit="支")
    i18n.install(app, "en")
    try:
        page = SuppliesPage(desk.logistics)
        qtbot.addWidget(page)
        page.show()
        catalogue = page.open_tab("catalogue")
        model = catalogue.model
        assert model.data(model.index(0, 2)) == "Writing instruments"
        assert catalogue.category.itemText(1) == "Writing instruments"
        requisitions = page.open_tab("requisitions")
        states = [requisitions.state.itemText(i) for i in range(requisitions.state.count())]
        assert "To issue" in states and "Issued" in states
    finally:
        i18n.install(app, "zh_CN")


def test_every_page_and_tab_title_has_its_english(app):
    import desktop.admin
    import desktop.approvals
    import desktop.fleet.page
    import desktop.supplies.page
    import desktop.training.page  # noqa: F401  (the pages register as ModulePage subclasses)
    from desktop.module_page import ModulePage

    pages = ModulePage.__subclasses__()
    assert len(pages) >= 4
    i18n.install(app, "en")
    try:
        untranslated = [
            f"{page.__name__}: {text}"
            for page in pages
            for text in (page.TITLE, *(tab.title for tab in page.TABS))
            if QCoreApplication.translate(page.__name__, text) == text
        ]
    finally:
        i18n.install(app, "zh_CN")
    assert untranslated == []


LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")
DOMAIN_CONTEXTS = ("supplies", "fleet", "callbacks")  # a domain package's module-level ``tr``


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
def test_every_string_the_desktop_translates_has_its_english(tmp_path):
    """``pyside6-lupdate`` reads every ``self.tr`` and ``QCoreApplication.translate`` of
    ``desktop/``; a module-level ``tr`` (``i18n.translator``) has its package's context
    (``supplies``, ``fleet``) or its module's (``exporting``)."""
    root = Path(__file__).resolve().parents[2]
    sources = sorted(str(p) for p in (root / "desktop").rglob("*.py"))
    extract = tmp_path / "extract.ts"
    subprocess.run([str(LUPDATE), *sources, "-ts", str(extract)], check=True, capture_output=True)
    have = {
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(i18n.I18N_DIR / "houqin_en.ts").iter("context")
        for m in c.findall("message")
    }

    def contexts(name: str, files: list[str]) -> set[str]:
        if name:  # a class: its own context, or a base class's (PySide6 follows the MRO)
            return {name, "LineEditor"} if name.endswith("Lines") else {name}
        return {next((d for d in DOMAIN_CONTEXTS if f"/{d}/" in f), Path(f).stem) for f in files}

    missing = []
    for context in ET.parse(extract).iter("context"):
        for message in context.findall("message"):
            source = message.findtext("source")
            files = [loc.get("filename") for loc in message.findall("location")]
            wanted = contexts(context.findtext("name") or "", files)
            found = {c for c in wanted if (c, source) in have}
            if not found or (not context.findtext("name") and found != wanted):
                missing.append(f"{sorted(wanted)}: {source}")
    assert missing == []
