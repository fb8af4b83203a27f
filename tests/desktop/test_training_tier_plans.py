"""分层培训方案 (T1) on the 培训管理 page, real widgets on a real SQLite office: 培训办 drafts a
tier's plan for the school year, a second plan of the same tier is refused inside the dialog,
the plan is sent to the main leader and, once approved, is what the 学分 measure against.
The office is ``test_training_page``'s school."""

from __future__ import annotations

from decimal import Decimal

from models import training
from models.base import now
from models.training import PlanState, Tier, TierPlan
from tests.desktop import test_training_page as page_tests

school = page_tests.school  # the fixture: 唐敏 (培训办), 陈组长's 语文组 and its sessions
_keep_pages, _page = page_tests._keep_pages, page_tests._page


def _fill(dialog, tier: str, hours: str, credits: str) -> None:
    dialog.editors["tier"].set_value(tier)
    dialog.editors["goals"].set_value("提升课堂教学与教研能力")
    dialog.editors["plan"].set_value("每两周参加教研组活动；每学期上一节公开课")
    dialog.editors["required_hours"].set_value(hours)
    dialog.editors["required_credits"].set_value(credits)


def test_T1_the_training_office_drafts_sends_and_the_leader_approves_a_tier_plan(qtbot, school):
    tab = _page(qtbot, school.tangmin).open_tab("plans")
    year = tab.current_year()
    assert year == training.school_year_of(now().date())
    assert tab.table.rowCount() == 0 and tab.new_button.isVisibleTo(tab)
    dialog = tab.plan_dialog()
    qtbot.addWidget(dialog)
    _fill(dialog, "青年教师", "abc", "9")
    assert not dialog.try_submit()  # 学时 is a number: refused beside its field
    assert TierPlan.select().count() == 0
    _fill(dialog, "青年教师", "72", "9")
    assert dialog.try_submit(), dialog.general_error.text()
    tab.reload()
    tab.select_tier(Tier.YOUNG)
    plan = tab.selected()
    assert (plan.required_hours, plan.required_credits) == (Decimal("72.0"), Decimal("9.0"))
    assert plan.state == PlanState.DRAFT
    assert [tab.table.item(0, c).text() for c in (0, 1, 3)] == ["青年教师", "72", "草拟"]
    assert tab.edit_button.isVisibleTo(tab) and tab.submit_button.isVisibleTo(tab)
    again = tab.plan_dialog()
    qtbot.addWidget(again)
    _fill(again, "青年教师", "60", "8")
    assert not again.try_submit() and "[T1]" in again.general_error.text()  # one per tier
    edit = tab.plan_dialog(plan)
    qtbot.addWidget(edit)
    assert not edit.editors["tier"].widget.isEnabled()
    edit.editors["required_hours"].set_value("64")
    assert edit.try_submit(), edit.general_error.text()
    tab.reload()
    tab.select_tier(Tier.YOUNG)
    assert tab.submit_plan()
    sent = TierPlan.get_by_id(plan.id)
    assert sent.state == PlanState.PENDING and sent.required_hours == Decimal("64.0")
    tab.select_tier(Tier.YOUNG)
    assert not tab.edit_button.isVisibleTo(tab) and tab.withdraw_button.isVisibleTo(tab)
    training.approve_tier_plan(school.leader, sent, "同意")
    assert training.approved_plan(Tier.YOUNG, year).required_hours == Decimal("64.0")
    tab.reload()
    tab.select_tier(Tier.YOUNG)
    assert not (tab.edit_button.isVisibleTo(tab) or tab.submit_button.isVisibleTo(tab))


def test_T1_a_leader_reads_the_plans_and_a_group_leader_has_no_such_tab(qtbot, school):
    leader = _page(qtbot, school.leader).open_tab("plans")
    assert not leader.new_button.isVisibleTo(leader)
    assert "plans" not in _page(qtbot, school.chen).tab_keys()


def test_T1_the_home_card_names_a_teacher_who_cannot_reach_his_tiers_hours_any_more(qtbot, school):
    """An approved plan asking more 学时 than the sessions left can give: 学时难以达标 names the
    teacher (with what he can still reach) for 培训办 and the leaders, and opens 分层方案."""
    from desktop.training.cards import CARDS

    card = next(c for c in CARDS if c.key == "training.at_risk")
    assert card.read(school.tangmin)[0] == 0  # no approved plan yet: nobody is measured
    year = training.school_year_of(now().date())
    liu = school.teachers[1]
    training.assign_tier(school.tangmin, liu, Tier.YOUNG, year)
    plan = training.create_tier_plan(
        school.tangmin,
        Tier.YOUNG,
        year,
        goals="目标",
        plan="计划",
        required_hours=999,
        required_credits=9,
    )
    training.approve_tier_plan(school.leader, training.submit_tier_plan(school.tangmin, plan))
    count, [row] = card.read(school.tangmin)
    assert count == 1 and card.visible_to(school.leader)
    assert row.text.startswith("刘一（") and "青年教师" in row.text
    assert row.detail.endswith("/999 学时") and row.warn
    assert not card.visible_to(school.chen)
