"""我的培训档案 (T6): an ordinary teacher logs in, finds 我的培训档案… on 审批中心's 我的申请,
reads his own school year (marks, approved credits against his tier's 应得学分, growth
records, which he may add to, claims), prints it to a PDF read back with pdftotext, and
cannot reach another teacher's archive: no page lists them for him, and the window and the
PDF refuse him."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import build_main_window
from desktop.training.archive import ArchiveWindow, figure, open_archive
from forms.training import write_teacher_archive
from models import people, training
from models.errors import RuleViolation
from models.people import Role
from tests.desktop.test_training_archive import _cells, past_year  # noqa: F401
from tests.office import PASSWORD


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return re.sub(r"\s+", "", out.stdout)


@pytest.fixture
def own(past_year):  # noqa: F811
    """黄二 of last year's 数学组 (刘一 leads it) with a login of his own (an office clerk's
    role, no training role), in the young tier whose plan asks 100 credits, a growth record
    培训办 filed and a claim of his own that 唐敏 recognised."""
    o = past_year
    first = int(o.year[:4])
    o.huang_user = people.add_user(o.admin, "huanger", "黄二", PASSWORD, o.office, [Role.CLERK])
    o.huang = training.update_teacher(
        o.tangmin, o.teachers[1], "关联登录账号", user=o.huang_user.id
    )
    training.assign_tier(o.tangmin, o.huang, training.Tier.YOUNG, o.year)
    plan = training.create_tier_plan(
        o.tangmin,
        training.Tier.YOUNG,
        o.year,
        goals="站稳讲台",
        plan="每月一节汇报课",
        required_hours=48,
        required_credits=100,
    )
    training.approve_tier_plan(o.leader, training.submit_tier_plan(o.tangmin, plan))
    training.add_growth_record(o.tangmin, o.huang, "心得", "群文阅读心得", date(first, 12, 1))
    claim = training.claim_external(
        o.huang_user,
        o.huang,
        kind="自学",
        provider="国家智慧教育平台",
        level="国家级",
        from_date=date(first, 11, 2),
        to_date=date(first, 11, 3),
        hours="6",
        certificate_no="ZX-0002",
        certificate=("学习证明.pdf", b"%PDF-1.4 proof"),
    )
    training.approve_claim(o.tangmin, claim)
    return o


def _on_the_archive(act) -> None:
    """Run ``act(window)`` on the modal archive window the next click opens, then close it."""

    def go() -> None:
        window = QApplication.activeModalWidget()
        if not isinstance(window, ArchiveWindow):
            QTimer.singleShot(20, go)
            return
        try:
            act(window)
        finally:
            window.reject()

    QTimer.singleShot(0, go)


def test_T6_an_ordinary_teacher_reads_and_prints_his_own_archive(qtbot, own, boxes, app):
    o = own
    user = people.authenticate("huanger", PASSWORD)  # he logs in
    main = build_main_window(user, o.url)
    qtbot.addWidget(main)
    main.show()
    assert "training" not in main.module_keys()  # no 培训管理 page: no list of teachers
    page = main.open_module("approvals")
    page.open_tab("mine")
    button = page.new_buttons["training_archive"]
    assert button.text() == "我的培训档案…"
    seen: dict[str, object] = {}

    def read(window: ArchiveWindow) -> None:
        seen["title"] = window.windowTitle()
        window.year.setCurrentIndex(window.year.findData(o.year))
        seen["who"] = window.who.text()
        seen["sessions"] = _cells(window.sessions)
        seen["credits"] = window.credits.text()
        seen["target"] = window.target.text()
        seen["growth"] = _cells(window.growth)
        seen["claims"] = _cells(window.claims)
        seen["add"] = window.add_button.isVisibleTo(window)
        seen["void"] = window.void_button.isVisibleTo(window)
        window.growth.selectRow(0)  # its files: read, not added to
        assert window.files is not None
        seen["attach"] = not window.files.add_button.isHidden()  # shown with the panel
        seen["drops"] = window.files.acceptDrops()
        seen["pdf"] = window.print_archive()
        if window.preview is not None:
            window.preview.close()

    _on_the_archive(read)
    button.click()  # modal: returns once the window is closed
    assert seen["title"] == "我的培训档案 · 黄二（0101）"
    assert seen["who"] == "黄二（0101）　层次：青年教师　教研组：数学组"
    assert [row[4] for row in seen["sessions"]] == ["出勤"] * len(o.held)
    line = training.CreditLine.get(register=o.register.id, teacher=o.huang.id)
    assert seen["credits"] == (
        f"审定学分登记：校本学时 {figure(line.credited_hours)}，"
        f"外出与自学学时 {figure(line.external_hours)}，学分 {figure(line.credits)}"
    )
    short = figure(100 - line.credits)
    assert seen["target"] == f"本层次应得学分 100，还差 {short}"
    assert [row[2] for row in seen["growth"]] == ["群文阅读心得"]
    assert [row[1] for row in seen["claims"]] == ["国家智慧教育平台"]
    assert seen["add"] is True and seen["void"] is True  # he files his own 心得 (T6)
    assert seen["attach"] is True and seen["drops"] is True
    text = _text(seen["pdf"])
    for word in ("教师培训档案", "黄二", "0101", o.year, "青年教师", "应得学分：100", "出勤"):
        assert word in text, word
    assert "群文阅读心得" in text and "国家智慧教育平台" in text and "ZX-0002" in text
    assert o.register.number in text
    assert boxes.shown == []

    other = o.liu  # 刘一, his colleague and group's leader
    with pytest.raises(RuleViolation) as err:
        ArchiveWindow(user, other)
    assert err.value.rule == "X1" and "只能查看本人的培训档案" in err.value.zh
    assert open_archive(user, other) is None  # any other door: the refusal, shown
    assert [s.kind for s in boxes.shown] == ["rule"]
    assert "只能查看本人的培训档案" in boxes.texts()[0]
    with pytest.raises(RuleViolation):
        write_teacher_archive(other.id, Path(str(seen["pdf"])).with_name("x.pdf"), actor=user)


def test_T6_my_archive_is_offered_only_to_a_login_linked_to_a_teacher(qtbot, own, app):
    o = own
    clerk = build_main_window(o.clerk, o.url)  # an office clerk, no teacher record
    qtbot.addWidget(clerk)
    page = clerk.open_module("approvals")
    page.open_tab("mine")
    assert "training_archive" not in page.new_buttons
