"""统计 on the 培训管理 page (T3, T4): real widgets on a real office. The attendance chart has
a bar set per 教研组 over the months of the confirmed registers; the credits chart the tier's
target beside its teachers' mean, the table with how many reach it. 培训办 and the leaders
read it; a 教研组长 does not see the tab."""

from __future__ import annotations

from datetime import datetime, time

from desktop.training.page import TrainingPage
from models import training
from tests.desktop.test_training_page import school  # noqa: F401  (the fixture)


def _cells(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_T3_T4_the_stats_tab_charts_attendance_by_group_and_month_and_credits_against_target(
    qtbot,
    school,  # noqa: F811
):
    o = school
    s = o.session
    at = datetime.combine(s.date, time(18, 0))
    training.open_register(o.tangmin, s, at=at)
    marks = [("出勤", None), ("迟到", 5), ("缺席", None), ("出勤", None)]
    training.mark_many(
        o.tangmin,
        s,
        [training.MarkInput(t, m, n) for t, (m, n) in zip(o.teachers, marks, strict=True)],
        at=at,
    )
    training.close_register(o.tangmin, s, at=at)
    year = training.school_year_of(s.date)
    for t in o.teachers:
        training.assign_tier(o.tangmin, t, "青年教师", year)
    plan = training.create_tier_plan(
        o.tangmin,
        "青年教师",
        year,
        goals="站稳讲台",
        plan="每两周教研",
        required_hours=4,
        required_credits=1,
    )
    training.approve_tier_plan(o.leader, training.submit_tier_plan(o.tangmin, plan))

    assert "stats" not in TrainingPage(o.chen).tab_keys()  # the figures are the office's
    page = TrainingPage(o.tangmin)
    qtbot.addWidget(page)
    tab = page.open_tab("stats")
    assert tab.year.currentData() == year
    [bars] = tab.attendance_chart.series()
    [group] = bars.barSets()
    assert group.label() == "语文组" and group.at(0) == 75.0  # 3 of 4 there
    [months] = [a for a in tab.attendance_chart.axes() if hasattr(a, "categories")]
    assert months.categories() == [f"{s.date:%Y-%m}"]
    [credit_bars] = tab.credits_chart.series()
    assert [b.label() for b in credit_bars.barSets()] == ["应得学分", "平均学分"]
    [figure] = training.credits_against_target(year)  # exact figures: the model tests
    assert _cells(tab.credits_table) == [["青年教师", "4", "1.0", str(figure.mean), "0"]]
    assert figure.mean < 1 and credit_bars.barSets()[1].at(0) == float(figure.mean)
