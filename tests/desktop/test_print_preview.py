"""Printing shows the generated PDF inside the application first (F9): its pages, 打印… and
另存为…; nothing goes to a printer or another program before the user asks."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from desktop import exporting, print_preview
from models import fleet
from tests.models.test_fleet import Fleet, in_repair


@pytest.fixture
def repair(desk) -> fleet.Repair:
    car = fleet.add_vehicle(
        desk.fleet, "京A12345", desk.squad, odometer=42000, drivers=[desk.driver]
    )
    shop = fleet.add_shop(desk.logistics, "城东汽修厂", "东环路8号")
    station = fleet.add_station(desk.logistics, "中石化东环站")
    return in_repair(Fleet(desk, car, shop, station))


@pytest.mark.skipif(not print_preview.available(), reason="PySide6 without QtPdf")
def test_F9_printing_a_repair_form_opens_the_preview_with_its_pages(
    qtbot, repair, tmp_path, monkeypatch
):
    opened: list[object] = []
    monkeypatch.setattr(print_preview.QDesktopServices, "openUrl", opened.append)
    parent = QWidget()
    qtbot.addWidget(parent)
    task = exporting.print_pdf(parent, "repair", repair.id)
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    assert task.exception is None, task.exception
    preview = parent.findChild(print_preview.PrintPreview)
    assert preview is not None and preview.isVisible()
    assert preview.page_count() == 3  # 存根, 维修部门, 财务
    assert preview.print_button.text() == "打印…" and preview.save_button.text() == "另存为…"
    copy = preview.save_as(str(tmp_path / "copy.pdf"))
    assert copy is not None and copy.read_bytes() == preview.path.read_bytes()
    assert opened == []  # no other program was started


def test_without_qtpdf_the_file_opens_in_the_system_viewer(monkeypatch, tmp_path):
    opened: list[object] = []
    monkeypatch.setattr(print_preview, "QPdfDocument", None)
    monkeypatch.setattr(print_preview.QDesktopServices, "openUrl", opened.append)
    assert print_preview.show(tmp_path / "x.pdf", None) is None
    assert len(opened) == 1


@pytest.mark.skipif(not print_preview.available(), reason="PySide6 without QtPdf")
def test_F9_the_preview_prints_every_page(qtbot, repair, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from forms.printing import print_form

    preview = print_preview.PrintPreview(print_form("repair", repair.id, tmp_path / "r.pdf"))
    qtbot.addWidget(preview)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.render_to(printer)
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == preview.page_count() == 3


def test_the_preview_speaks_english(qtbot, app, repair, tmp_path):
    from desktop import i18n
    from forms.printing import print_form

    if not print_preview.available():
        pytest.skip("PySide6 without QtPdf")
    i18n.install(app, "en")
    try:
        preview = print_preview.PrintPreview(print_form("repair", repair.id, tmp_path / "r.pdf"))
        qtbot.addWidget(preview)
        assert preview.print_button.text() == "Print…" and preview.pages.text() == "3 pages"
    finally:
        i18n.install(app, "zh_CN")
