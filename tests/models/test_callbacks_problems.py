"""C7 problems found in callbacks go to their owner and are closed only after someone other
than the fixer verified; C8 the per-person figures; F8 a closed repair picked for a spot
check becomes a callback of this module. On SQLite and MariaDB."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models import callbacks, fleet, people
from models.callbacks import (
    Callback,
    CallbackState,
    ContentType,
    CustomerKind,
    Method,
    Outcome,
    ProblemInput,
    ProblemState,
)
from models.errors import RuleViolation
from models.periods import Period
from tests.models.callbacks_office import Service, build_service, customer, plan, with_project
from tests.models.test_fleet import Fleet, close, in_repair

ANSWERS = {1: "不满意", 2: "维修后仍异响"}
AT = datetime(2026, 1, 12, 10, 0)


@pytest.fixture
def s(office) -> Service:
    return build_service(office)


def january(s: Service, n: int = 1) -> list[Callback]:
    for i in range(n):
        c = customer(s, f"客户{i}", f"1381234{i:04d}")
        with_project(s, c, date(2025, 12, 10))
    p = plan(s)
    callbacks.generate_callbacks(s.manager, p, through=date(2026, 1, 31))
    return list(Callback.select().order_by(Callback.id))


def holder(s: Service, cb: Callback):
    return next(u for u in (s.caller, s.caller2) if u.id == cb.assignee_id)


def test_C7_a_problem_found_goes_to_its_owner_and_is_verified_by_someone_else(s):
    [cb] = january(s)
    office = s.o.office
    caller = holder(s, cb)
    with pytest.raises(RuleViolation) as err:  # a 客服 is not in 办公室
        callbacks.record_callback(
            caller,
            cb,
            reached_person="客户0",
            answers=ANSWERS,
            satisfaction=2,
            problems=[ProblemInput("维修后仍异响", office, caller)],
        )
    assert err.value.rule == "C7"
    callbacks.record_callback(
        caller,
        cb,
        reached_person="客户0",
        answers=ANSWERS,
        satisfaction=2,
        problems=[ProblemInput("维修后仍异响", office, s.o.clerk)],
        at=AT,
    )
    [problem] = callbacks.open_problems(office)
    assert (problem.owner_user_id, problem.state, problem.callback_id) == (
        s.o.clerk.id,
        ProblemState.OPEN,
        cb.id,
    )
    with pytest.raises(RuleViolation, match="报告整改完成"):
        callbacks.verify_problem(s.manager, problem, True)  # not fixed yet: cannot close
    with pytest.raises(RuleViolation, match="责任人"):
        callbacks.report_fixed(s.o.head, problem, "已返修")  # the owner is 张三
    problem = callbacks.report_fixed(s.o.clerk, problem, "已联系修理厂返修")
    assert problem.state == ProblemState.FIXED
    with pytest.raises(RuleViolation) as err:
        callbacks.verify_problem(s.manager, problem, False)
    assert "写明原因" in err.value.zh
    problem = callbacks.verify_problem(s.manager, problem, False, "客户说仍有异响")
    assert problem.state == ProblemState.OPEN and problem.fixed_by_id is None
    problem = callbacks.report_fixed(s.o.clerk, problem, "更换刹车盘")
    problem = callbacks.verify_problem(s.o.head, problem, True, "回访确认已解决")
    assert problem.state == ProblemState.CLOSED and problem.verified_by_id == s.o.head.id
    assert callbacks.open_problems(office) == []


def test_C7_the_fixer_cannot_verify_his_own_fix(s):
    c = customer(s, "张三", "13812345678")
    problem = callbacks.raise_problem(
        s.caller,
        c,
        ProblemInput("账单有误", s.dept),  # the whole department owns it
    )
    problem = callbacks.report_fixed(s.head, problem, "已更正账单")  # 许倩 is in 客户服务部
    with pytest.raises(RuleViolation) as err:
        callbacks.verify_problem(s.head, problem, True)
    assert err.value.rule == "C7" and "不能验证自己的整改" in err.value.zh
    assert callbacks.verify_problem(s.manager, problem, True).state == ProblemState.CLOSED


def test_C7_a_problem_is_reassigned_with_a_reason_while_open(s):
    c = customer(s, "张三", "13812345678")
    problem = callbacks.raise_problem(s.caller, c, ProblemInput("收费争议", s.dept))
    with pytest.raises(RuleViolation, match="原因"):
        callbacks.reassign_problem(s.manager, problem, ProblemInput("", s.o.office), " ")
    problem = callbacks.reassign_problem(
        s.manager, problem, ProblemInput("", s.o.office, s.o.clerk), "属办公室收费"
    )
    assert (problem.owner_department_id, problem.owner_user_id) == (s.o.office.id, s.o.clerk.id)


def test_C7_the_person_named_is_one_of_the_departments_people_still_in_the_register(s):
    office = s.o.office
    names = [u.name for u in callbacks.owner_candidates(office)]
    assert s.o.clerk.name in names and s.caller.name not in names  # 办公室's, nobody else's
    assert all(u.department_id == office.id for u in callbacks.owner_candidates(office))
    c = customer(s, "张三", "13812345678")
    people.void_user(s.o.admin, s.o.clerk, "调离")
    assert s.o.clerk.id not in {u.id for u in callbacks.owner_candidates(office)}
    with pytest.raises(RuleViolation) as err:  # the object the dialog holds is stale
        callbacks.raise_problem(s.caller, c, ProblemInput("账单有误", office, s.o.clerk))
    assert (err.value.rule, err.value.field) == ("C7", "owner_user") and "调离" in err.value.zh
    assert callbacks.Problem.select().count() == 0


def test_C7_a_problem_registered_after_the_record_names_a_recorded_callback_of_its_customer(s):
    [cb] = january(s)
    mine = callbacks.Customer.get_by_id(cb.customer_id)
    other = customer(s, "李四", "13912345678")
    item = ProblemInput("维修后仍异响", s.o.office, s.o.clerk)
    with pytest.raises(RuleViolation, match="尚未记录结果") as err:  # no record yet
        callbacks.raise_problem(s.manager, mine, item, callback_id=cb.id)
    assert (err.value.rule, err.value.field) == ("C7", "callback")
    assert callbacks.recorded_callbacks_matching("") == []
    callbacks.record_callback(
        holder(s, cb), cb, reached_person="客户0", answers=ANSWERS, satisfaction=3, at=AT
    )
    with pytest.raises(RuleViolation, match="不是客户 李四 的回访"):
        callbacks.raise_problem(s.manager, other, item, callback_id=cb.id)
    with pytest.raises(RuleViolation) as err:  # a 科室负责人 finds no problems in calls
        callbacks.raise_problem(s.o.head, mine, item, callback_id=cb.id)
    assert err.value.rule == "X1"
    assert callbacks.recorded_callbacks_matching("ls") == []  # 李四 has none recorded
    assert [c.id for c in callbacks.recorded_callbacks_matching("kh")] == [cb.id]  # pinyin
    assert [c.id for c in callbacks.recorded_callbacks_matching(mine.number)] == [cb.id]
    assert [c.id for c in callbacks.recorded_callbacks_matching(mine.number[:-1].lower())] == [
        cb.id
    ]  # the first characters of its number, as typed
    assert [c.id for c in callbacks.recorded_callbacks_matching("客户0")] == [cb.id]
    problem = callbacks.raise_problem(s.manager, mine, item, callback_id=cb.id)
    assert (problem.callback_id, problem.customer_id, problem.owner_user_id) == (
        cb.id,
        mine.id,
        s.o.clerk.id,
    )
    assert problem.raised_by_id == s.manager.id and problem.state == ProblemState.OPEN


def test_C8_staff_figures_per_person_and_period(s):
    cbs = january(s, 4)
    mine = [cb for cb in cbs if cb.assignee_id == s.caller.id]
    theirs = [cb for cb in cbs if cb.assignee_id == s.caller2.id]
    assert len(mine) == 2 and len(theirs) == 2
    callbacks.record_callback(
        s.caller,
        mine[0],
        reached_person="客户",
        answers=ANSWERS,
        satisfaction=5,
        at=AT,
        problems=[ProblemInput("异响", s.o.office)],
    )
    callbacks.record_callback(
        s.caller,
        mine[1],
        reached_person="客户",
        answers=ANSWERS,
        satisfaction=2,
        at=datetime(2026, 2, 3, 9, 0),  # after the due day (31 January)
    )
    callbacks.log_attempt(s.caller2, theirs[0], Outcome.VACANT, at=AT)  # moves to 郭浩
    figures = {f.name: f for f in callbacks.staff_figures(Period.month(2026, 1))}
    me = figures["林晓雨"]
    assert (me.assigned, me.done, me.on_time, me.reached) == (2, 2, 1, 2)
    assert (me.satisfaction, me.problems_raised, me.on_time_rate) == (3.5, 1, 0.5)
    other = figures["陈静"]
    assert (other.assigned, other.done, other.reached, other.satisfaction) == (1, 0, 0, None)
    assert figures["郭浩"].assigned == 1
    assert callbacks.staff_figures(Period.month(2026, 3)) == []


def test_F8_a_closed_repair_picked_for_a_spot_check_becomes_a_callback(s, office):
    car = fleet.add_vehicle(
        office.fleet, "京A12345", office.squad, model="大众帕萨特", drivers=[office.driver]
    )
    fl = Fleet(office, car, fleet.add_shop(office.logistics, "城东汽修厂", "东环路8号"), None)
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))
    [repair] = fleet.monthly_report("2026-10").spot_checks
    due = date(2026, 11, 15)
    with pytest.raises(RuleViolation, match="电话号码不能为空"):  # 吴十 left no phone
        callbacks.spot_check_callback(
            s.manager, repair_id=repair.id, person=repair.driver, due_on=due
        )
    cb = callbacks.spot_check_callback(
        s.manager,
        repair_id=repair.id,
        person=repair.driver,
        due_on=due,
        assignee=s.caller,
        phone="13900001111",
    )
    assert (cb.source_type, cb.source_id, cb.content_type) == (
        callbacks.FLEET_REPAIR,
        repair.id,
        ContentType.SPOT_CHECK,
    )
    assert (cb.method, cb.assignee_id, cb.due_on) == (Method.PHONE, s.caller.id, due)
    internal = callbacks.Customer.get_by_id(cb.customer_id)
    assert (internal.kind, internal.user_id, internal.name) == (
        CustomerKind.INTERNAL,
        office.driver.id,
        office.driver.name,
    )
    again = callbacks.spot_check_callback(
        s.manager, repair_id=repair.id, person=repair.driver, due_on=due
    )
    assert again.id == cb.id and Callback.select().count() == 1
    with pytest.raises(RuleViolation) as err:
        callbacks.spot_check_callback(
            s.manager,
            repair_id=repair.id + 1,
            person=repair.driver,
            due_on=due,
            assignee=s.seller,
        )
    assert err.value.rule == "C3"
    record = callbacks.record_callback(
        s.caller, cb, reached_person=office.driver.name, answers={1: "已修好"}, satisfaction=5
    )
    assert record.content_type == ContentType.SPOT_CHECK
    assert Callback.get_by_id(cb.id).state == CallbackState.DONE


def test_F8_a_months_picked_repairs_become_callbacks_once(s, office):
    car = fleet.add_vehicle(
        office.fleet, "京A12345", office.squad, model="大众帕萨特", drivers=[office.driver]
    )
    fl = Fleet(office, car, fleet.add_shop(office.logistics, "城东汽修厂", "东环路8号"), None)
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))
    picks = [
        callbacks.SpotPick(r.id, r.number, r.driver_id)
        for r in fleet.monthly_report("2026-10").spot_checks
    ]
    due = date(2026, 11, 30)
    left = callbacks.spot_check_callbacks(s.manager, picks, due_on=due)  # 吴十 left no phone
    assert (left.created, left.existing, left.no_phone) == ([], [], picks)
    assert Callback.select().count() == 0
    with pytest.raises(RuleViolation) as err:
        callbacks.spot_check_callbacks(s.manager, [], due_on=due)
    assert err.value.rule == "F8"
    people.update_user(office.admin, office.driver, phone="13900001111")
    with pytest.raises(RuleViolation, match=picks[0].number) as err:  # a 销售 does not phone
        callbacks.spot_check_callbacks(s.manager, picks, due_on=due, assignee=s.seller)
    assert err.value.rule == "C3"
    run = callbacks.spot_check_callbacks(s.manager, picks, due_on=due, assignee=s.caller)
    assert (len(run.created), run.existing) == (1, [])
    again = callbacks.spot_check_callbacks(s.manager, picks, due_on=due)
    assert (again.created, [c.id for c in again.existing]) == ([], [run.created[0].id])
    assert Callback.select().count() == 1


def test_F8_a_malformed_phone_refuses_the_run_where_a_missing_one_is_skipped(s, office):
    car = fleet.add_vehicle(
        office.fleet, "京A12345", office.squad, model="大众帕萨特", drivers=[office.driver]
    )
    fl = Fleet(office, car, fleet.add_shop(office.logistics, "城东汽修厂", "东环路8号"), None)
    close(fl, in_repair(fl), datetime(2026, 10, 15, 10, 0))
    picks = [
        callbacks.SpotPick(r.id, r.number, r.driver_id)
        for r in fleet.monthly_report("2026-10").spot_checks
    ]
    due = date(2026, 11, 30)
    people.update_user(office.admin, office.driver, phone="  ")  # blank is no phone
    left = callbacks.spot_check_callbacks(s.manager, picks, due_on=due)
    assert (left.created, left.no_phone) == ([], picks)
    people.update_user(office.admin, office.driver, phone="分机801")  # there, but not a number
    with pytest.raises(RuleViolation) as err:
        callbacks.spot_check_callbacks(s.manager, picks, due_on=due, assignee=s.caller)
    assert err.value.rule == "C1" and picks[0].number in err.value.zh
    assert "格式不正确" in err.value.zh and office.driver.name in err.value.zh
    assert Callback.select().count() == 0 and callbacks.Customer.select().count() == 0
