"""教师培训's choices in the English interface: the 新增学期 dialog's terms, a spot check's
qualities (T5) and a session material's kinds (T6) show in English, and what is saved is the
model's own Chinese word (or the term's number), as in the Chinese interface. Real widgets on
``test_training_page``'s school."""

from __future__ import annotations

import pytest

from desktop import i18n, labels
from desktop.training.materials import SessionMaterialsDialog
from desktop.training.spot_checks import SpotCheckDialog
from models import attachments, training
from models.training import SpotCheck
from tests.desktop import test_training_page as page_tests

school = page_tests.school  # 唐敏 (培训办), 陈组长's 语文组 and its sessions
_keep_pages, _page = page_tests._keep_pages, page_tests._page


@pytest.fixture
def english(app):
    i18n.install(app, "en")
    yield
    i18n.install(app, "zh_CN")


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_T2_the_new_term_dialog_offers_its_terms_in_english(qtbot, school, english):
    tab = _page(qtbot, school.tangmin).open_tab("calendar")
    dialog = tab.term_dialog()
    qtbot.addWidget(dialog)
    assert _items(dialog.widget("number")) == ["First term", "Second term"]
    dialog.editors["number"].set_value("第二学期")  # the value stays the declared word
    assert dialog.widget("number").currentText() == "Second term"
    assert dialog.editors["number"].value() == "第二学期"


def test_T5_a_spot_checks_qualities_are_english_and_the_word_saved_is_the_models(
    qtbot, school, english
):
    dialog = SpotCheckDialog(school.tangmin, school.session)
    qtbot.addWidget(dialog)
    assert _items(dialog.quality) == ["Excellent", "Good", "Satisfactory", "Poor"]
    dialog.observed.setValue(3)
    dialog.quality.setCurrentIndex(dialog.quality.findData("良"))
    assert dialog.try_submit(), dialog.error.text()
    [check] = SpotCheck.select().where(SpotCheck.session == school.session.id)
    assert check.quality == "良"


def test_T6_a_materials_kinds_are_english_and_the_file_keeps_the_chinese_kind(
    qtbot, school, english, tmp_path
):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    dialog = SessionMaterialsDialog(school.tangmin, school.session)
    qtbot.addWidget(dialog)
    assert _items(dialog.kind) == ["Lecture notes", "Scanned sign-in sheet", "Photo", "Other"]
    dialog.kind.setCurrentIndex(dialog.kind.findData("照片"))
    assert dialog.add_material(photo)
    assert [a.file_name for a in attachments.attachments_of(school.session)] == ["照片-现场.jpg"]


def test_every_quality_and_material_kind_has_its_english():
    labels._load()
    for kind, codes in (
        ("spot_check_quality", training.QUALITIES),
        ("material_kind", training.MATERIAL_KINDS),
    ):
        assert set(labels._CODES[kind]) == set(codes), kind
        assert all(en and en != zh for zh, en in labels._CODES[kind].values()), kind
