"""过程督查 (T5) from the 活动 tab, real widgets on a real SQLite office: 培训办 records a spot
check of a held session (the headcount, the quality, the findings); the group's own leader
is refused inspecting it and explains the headcount the register disagrees with; the record
prints. The office is ``test_training_page``'s school."""

from __future__ import annotations

from pypdf import PdfReader

from desktop.training.spot_checks import ExplainDialog, SpotCheckDialog
from models import people, training
from models.people import Role
from models.training import SpotCheck, TrainingSession
from tests.desktop import test_training_page as page_tests

school = page_tests.school  # the fixture: 唐敏 (培训办), 陈组长's 语文组 and its sessions
_keep_pages, _page = page_tests._keep_pages, page_tests._page


def _sessions_tab(qtbot, user, session_id: int):
    tab = _page(qtbot, user).open_tab("sessions")
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    row = next(r for r in range(tab.model.rowCount()) if tab.model.row_id(r) == session_id)
    tab.view.table.selectRow(row)
    assert tab.view.current_id() == session_id
    return tab


def _texts(tab) -> list[str]:
    return [b.text() for b in tab.view.buttons() if b.isVisibleTo(tab)]


def test_T5_the_training_office_records_a_spot_check_and_the_leader_explains_the_headcount(
    qtbot, school
):
    session = school.session
    tab = _sessions_tab(qtbot, school.tangmin, session.id)
    assert "过程督查…" in _texts(tab) and "督查情况说明…" not in _texts(tab)  # not his to explain
    dialog = tab.spot_check()
    assert isinstance(dialog, SpotCheckDialog)
    qtbot.addWidget(dialog)
    dialog.observed.setValue(3)
    dialog.quality.setCurrentText("良")
    dialog.findings.setPlainText("研讨充分，两位老师发言")
    assert dialog.try_submit(), dialog.error.text()
    [check] = SpotCheck.select().where(SpotCheck.session == session.id)
    assert (check.observed, check.quality, check.findings) == (3, "良", "研讨充分，两位老师发言")
    # The register holds nobody present yet: 3 against 0 waits for the leader's word.
    leader = _sessions_tab(qtbot, school.chen, session.id)
    assert "过程督查…" not in _texts(leader) and "督查情况说明…" in _texts(leader)
    explain = leader.explain_check()
    assert isinstance(explain, ExplainDialog)
    qtbot.addWidget(explain)
    assert not explain.try_submit() and "[T5]" in explain.error.text()  # an explanation is due
    explain.explanation.setPlainText("考勤尚未登记，活动后补记")
    assert explain.try_submit(), explain.error.text()
    assert training.spot_check_flags() == []
    leader = _sessions_tab(qtbot, school.chen, session.id)
    task = leader.print_spot_checks()
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    assert task.exception is None, task.exception
    text = "".join(PdfReader(str(task.result)).pages[0].extract_text().split())
    assert "研讨充分" in text and "考勤尚未登记" in text


def test_T5_a_group_leader_who_also_inspects_is_refused_his_own_groups_session(
    qtbot, school, boxes
):
    """陈组长 made 培训办 too: the dialog is offered, the model refuses his own group's
    session inside it and nothing is written; nobody without the role sees the button."""
    people.set_roles(school.admin, school.chen, [Role.TRAINING])
    chen = people.User.get_by_id(school.chen.id)
    tab = _sessions_tab(qtbot, chen, school.session.id)
    dialog = tab.spot_check()
    qtbot.addWidget(dialog)
    dialog.observed.setValue(4)
    assert not dialog.try_submit()
    assert "[T5]" in dialog.error.text() and "本组" in dialog.error.text()
    assert SpotCheck.select().count() == 0
    clerk = _sessions_tab(qtbot, school.clerk, school.session.id)
    assert "过程督查…" not in _texts(clerk) and "督查情况说明…" not in _texts(clerk)
    assert TrainingSession.get_by_id(school.session.id).state == school.session.state
