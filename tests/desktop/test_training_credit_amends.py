"""学分 tab (T4): 重新计算 a draft register after a corrected mark, 更正登记… an approved one with
a reason, each offered only in the state and to the role its use case accepts. Real widgets
on a school whose first term is held, as ``test_training_page``'s bureau test builds it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.training.credits import CreditsTab
from models import training
from models.training import AttendanceMark, CreditRegister, RegisterDocState
from tests.desktop import test_training_page as page_tests
from tests.models.test_training_credits import hold_term
from tests.models.training_school import make_school

_keep_pages = page_tests._keep_pages  # autouse: what a test builds lives until it ends
AT = datetime(2027, 1, 25, 9, 0)


@pytest.fixture
def held(sqlite_database, app):
    """The first term held, 黄二 (the third teacher) absent from its first session: 旷课."""
    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    s.sessions = hold_term(
        s, lambda i: (0, {t: ("缺席" if (i, t) == (0, 2) else "出勤", None) for t in range(4)})
    )
    s.huang = s.teachers[2]
    s.register = training.draft_credit_register(s.tangmin, "2026-2027", 1, at=AT)
    return s


def tab_for(qtbot, user) -> CreditsTab:
    tab = CreditsTab(user)
    qtbot.addWidget(tab)
    page_tests._BUILT.append(tab)
    tab.show()
    return tab


def truancies(register, teacher) -> int:
    return {ln.teacher_id: ln.truancies for ln in training.lines_of(register)}[teacher.id]


def test_T4_a_draft_register_is_computed_again_after_a_corrected_mark(qtbot, held):
    s = held
    assert truancies(s.register, s.huang) == 1
    tab = tab_for(qtbot, s.tangmin)
    assert tab.recompute_button.isVisibleTo(tab) and not tab.amend_button.isVisibleTo(tab)
    mark = AttendanceMark.get(session=s.sessions[0].id, teacher=s.huang.id)
    training.correct_mark(s.tangmin, mark, "出勤", "补交签到表", at=AT)
    assert truancies(s.register, s.huang) == 1  # the draft keeps its figures until asked
    assert tab.recompute()
    assert truancies(s.register, s.huang) == 0
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 1).text() == "黄二")
    assert tab.table.item(row, 7).text() == "0"  # the 旷课 column shows the new figure
    fresh = CreditRegister.get_by_id(s.register.id)  # the recompute moved its version
    training.submit_credit_register(s.tangmin, fresh, at=AT)
    tab.reload()
    assert not tab.recompute_button.isVisibleTo(tab)  # 审批中: nothing to compute


def test_T4_an_approved_register_is_amended_with_a_reason_the_original_kept(qtbot, held):
    s = held
    reg = training.submit_credit_register(s.tangmin, s.register, at=AT)
    reg = training.approve_credit_register(s.o.leader, reg, at=AT)
    tab = tab_for(qtbot, s.tangmin)
    assert tab.amend_button.isVisibleTo(tab) and not tab.recompute_button.isVisibleTo(tab)
    dialog = tab.amend_dialog()
    qtbot.addWidget(dialog)
    assert not dialog.try_submit() and dialog.error_text("reason")  # a reason first (X2)
    assert CreditRegister.select().count() == 1
    dialog.editors["reason"].set_value("补登县级培训证书")
    assert dialog.try_submit(), dialog.general_error.text()
    amendment = dialog.result
    assert (amendment.amends_id, amendment.amendment_no) == (reg.id, 1)
    assert amendment.state == RegisterDocState.DRAFT
    assert amendment.amend_reason == "补登县级培训证书"
    assert CreditRegister.get_by_id(reg.id).state == RegisterDocState.APPROVED  # as approved
    assert tab.current().id == amendment.id  # the tab shows the new draft
    assert tab.recompute_button.isVisibleTo(tab) and not tab.amend_button.isVisibleTo(tab)
    tab.register.setCurrentIndex(tab.register.findData(reg.id))
    assert not tab.amend_button.isVisibleTo(tab)  # no longer the period's latest


def test_T4_only_the_training_office_is_offered_recompute_and_amend(qtbot, held):
    s = held
    leader = tab_for(qtbot, s.o.leader)
    assert not leader.recompute_button.isVisibleTo(leader)
    reg = training.submit_credit_register(s.tangmin, s.register, at=AT)
    training.approve_credit_register(s.o.leader, reg, at=AT)
    leader.reload()
    assert not leader.amend_button.isVisibleTo(leader)
    assert not leader.amend_button.isVisible() and not leader.recompute_button.isVisible()
