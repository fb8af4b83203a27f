"""记录回访结果 by the callback's method, and 问题跟踪 to closure, on real widgets and a real
SQLite office: a 销售 records an on-site callback only with the customer's signed record
scanned (C3, C6); 客服管理 marks online answers valid or invalid with the analysis (C3); a
problem found in a call goes to its department and is fixed, checked and closed from the tab,
each button offered only to whoever may take that step (C7)."""

from __future__ import annotations

from models import attachments, callbacks
from models.callbacks import (
    Callback,
    CallbackAttempt,
    CallbackRecord,
    CallbackState,
    Method,
    Outcome,
    Problem,
    ProblemState,
)
from tests.desktop import test_callbacks_page as page_tests
from tests.desktop.test_callbacks_page import page_for, select

svc = page_tests.svc  # the fixture: 张三, his plan (phone, on-site, online) and a complaint


def to_method(svc, method: Method) -> Callback:
    """Fail the callback's methods until it reaches ``method`` (C4: 空号 ends a method)."""
    cb = Callback.get_by_id(svc.callback.id)
    while cb.method != method:
        holder = next(u for u in (svc.caller, svc.seller, svc.head) if u.id == cb.assignee_id)
        callbacks.log_attempt(holder, cb, Outcome.VACANT)
        cb = Callback.get_by_id(cb.id)
    return cb


def fill_reached(dialog) -> None:
    dialog.editors["outcome"].set_value(Outcome.REACHED.label)
    dialog.editors["reached_person"].set_value("本人")
    dialog.editors["q1"].set_value("满意")
    dialog.editors["q2"].set_value("无")
    dialog.editors["satisfaction"].set_value(4)


def test_C3_C6_a_sales_user_records_an_on_site_callback_with_the_signed_scan(qtbot, svc, tmp_path):
    cb = to_method(svc, Method.ONSITE)
    assert cb.assignee_id == svc.seller.id
    tab = page_for(qtbot, svc.seller).built["mine"]
    dialog = tab.record_dialog(cb.id)
    qtbot.addWidget(dialog)
    assert dialog.scan is not None and "valid" not in dialog.editors  # on-site: the scan
    fill_reached(dialog)
    assert not dialog.try_submit()  # no scan: refused inside the dialog, under the scan
    assert dialog.result is None
    assert dialog.scan_error.text().startswith("[C3]")
    assert CallbackRecord.select().count() == 0
    assert Callback.get_by_id(cb.id).state != CallbackState.DONE
    scan = tmp_path / "签字回访记录.pdf"
    scan.write_bytes(b"%PDF-1.4 signed record")
    dialog.scan.setText(str(scan))
    assert dialog.try_submit(), dialog.general_error.text()
    record = CallbackRecord.get(CallbackRecord.callback == cb.id)
    assert record.recorded_by_id == svc.seller.id and record.method == Method.ONSITE
    [filed] = attachments.attachments_of(record)
    assert filed.file_name == "签字回访记录.pdf"
    assert attachments.read_bytes(filed) == b"%PDF-1.4 signed record"
    assert Callback.get_by_id(cb.id).state == CallbackState.DONE
    tab.reload()
    assert tab.model.rowCount() == 0


def test_C3_an_online_callback_is_marked_valid_or_invalid_with_the_analysis(qtbot, svc):
    cb = to_method(svc, Method.ONLINE)
    assert cb.assignee_id == svc.head.id  # 客服管理
    tab = page_for(qtbot, svc.head).built["mine"]
    dialog = tab.record_dialog(cb.id)
    qtbot.addWidget(dialog)
    assert dialog.scan is None and {"valid", "analysis"} <= set(dialog.editors)
    fill_reached(dialog)
    assert not dialog.try_submit()  # neither valid nor invalid said
    assert dialog.error_text("valid").startswith("[C3]")
    dialog.editors["valid"].set_value("无效")
    assert not dialog.try_submit()  # no analysis
    assert dialog.error_text("analysis").startswith("[C3]")
    assert CallbackRecord.select().count() == 0
    dialog.editors["analysis"].set_value("答卷各题答案雷同，系随意填写")
    assert dialog.try_submit(), dialog.general_error.text()
    invalid = CallbackRecord.get(CallbackRecord.callback == cb.id)
    assert invalid.valid is False and invalid.analysis.startswith("答卷各题")
    last = CallbackAttempt.select().order_by(CallbackAttempt.id.desc()).first()
    assert last.outcome == Outcome.INVALID  # a failed try of the method (C4)
    assert Callback.get_by_id(cb.id).state != CallbackState.DONE
    again = tab.record_dialog(cb.id)
    qtbot.addWidget(again)
    fill_reached(again)
    again.editors["valid"].set_value("有效")
    again.editors["analysis"].set_value("客户对维修及时性满意")
    assert again.try_submit(), again.general_error.text()
    valid = callbacks.current_record(cb.id)
    assert valid.valid is True and valid.satisfaction == 4
    assert Callback.get_by_id(cb.id).state == CallbackState.DONE


def test_C7_a_problem_found_in_a_call_reaches_its_department_and_is_tracked(qtbot, svc):
    mine = page_for(qtbot, svc.caller).built["mine"]
    dialog = mine.record_dialog(svc.callback.id)
    qtbot.addWidget(dialog)
    assert dialog.scan is None and "valid" not in dialog.editors  # by phone: neither
    fill_reached(dialog)
    dialog.problems.add_row("上次维修后仍有异响")  # no department chosen yet
    assert not dialog.try_submit()
    assert dialog.problems_error.text().startswith("[C7]")
    assert Problem.select().count() == 0 and CallbackRecord.select().count() == 0
    dialog.problems.table.removeRow(0)
    dialog.problems.add_row("上次维修后仍有异响", svc.dept)
    dialog.problems.add_row("账单金额有误", svc.o.office)
    assert dialog.try_submit(), dialog.general_error.text()
    found = {p.description: p for p in Problem.select()}
    assert found["上次维修后仍有异响"].owner_department_id == svc.dept.id
    assert found["账单金额有误"].owner_department_id == svc.o.office.id
    assert {p.callback_id for p in found.values()} == {svc.callback.id}
    number = found["上次维修后仍有异响"].number

    def tab_of(user):
        tab = page_for(qtbot, user).open_tab("problems")
        select(tab, "number", number)
        return tab

    def offered(tab) -> set[str]:
        return {k for k, b in tab.step_buttons.items() if b.isVisibleTo(tab)}

    owner = tab_of(svc.caller2)  # 客服 in 客户服务部: the department owns it
    assert offered(owner) == {"report_fixed"}
    elsewhere = page_for(qtbot, svc.o.clerk).open_tab("problems")
    rows = [elsewhere.model.row(r) for r in range(elsewhere.model.rowCount())]
    assert [r["description"] for r in rows] == ["账单金额有误"]  # 办公室 sees its own only
    # 何敏 is in the department too, and 客服管理: no 验证 before a fix is reported
    assert offered(tab_of(svc.manager)) == {"report_fixed", "reassign"}
    fixed = owner.step_dialog("report_fixed")
    qtbot.addWidget(fixed)
    assert not fixed.try_submit()  # what was done is required
    fixed.editors["note"].set_value("已安排维修人员再次上门")
    assert fixed.try_submit(), fixed.general_error.text()
    assert Problem.get(Problem.number == number).state == ProblemState.FIXED

    assert offered(tab_of(svc.caller)) == set()  # a 客服 does not check fixes
    assert offered(tab_of(svc.caller2)) == set()  # nor does the fixer
    checker = tab_of(svc.manager)
    assert offered(checker) == {"verify"}
    verify = checker.step_dialog("verify")
    qtbot.addWidget(verify)
    verify.editors["result"].set_value(verify.editors["result"].field.choices[1])  # 不通过
    assert not verify.try_submit()  # a failed check needs its reason
    assert "[C7]" in verify.general_error.text()
    verify.editors["note"].set_value("客户反映仍有异响")
    assert verify.try_submit(), verify.general_error.text()
    assert Problem.get(Problem.number == number).state == ProblemState.OPEN  # back to it

    again = tab_of(svc.caller2).step_dialog("report_fixed")
    qtbot.addWidget(again)
    again.editors["note"].set_value("更换刹车盘")
    assert again.try_submit(), again.general_error.text()
    checker = tab_of(svc.manager)
    close = checker.step_dialog("verify")
    qtbot.addWidget(close)
    close.editors["note"].set_value("回访确认已解决")
    assert close.try_submit(), close.general_error.text()
    problem = Problem.get(Problem.number == number)
    assert problem.state == ProblemState.CLOSED and problem.verified_by_id == svc.manager.id
    checker.reload()
    select(checker, "number", number)
    assert offered(checker) == set()  # closed: nothing left to do


def test_C7_service_management_reassigns_an_open_problem_from_the_tab(qtbot, svc):
    problem = callbacks.raise_problem(
        svc.caller, svc.zhang, callbacks.ProblemInput("收费争议", svc.dept)
    )
    tab = page_for(qtbot, svc.manager).open_tab("problems")
    select(tab, "number", problem.number)
    dialog = tab.step_dialog("reassign")
    qtbot.addWidget(dialog)
    dialog.editors["department"].set_value("办公室")
    dialog.editors["person"].set_value(f"{svc.caller.name}（客户服务部）")
    dialog.editors["reason"].set_value("属办公室收费")
    assert not dialog.try_submit()  # 林晓雨 is not in 办公室
    assert "[C7]" in dialog.general_error.text()
    dialog.editors["person"].set_value(f"{svc.o.clerk.name}（办公室）")
    assert dialog.try_submit(), dialog.general_error.text()
    moved = Problem.get_by_id(problem.id)
    assert (moved.owner_department_id, moved.owner_user_id) == (svc.o.office.id, svc.o.clerk.id)


def test_C7_another_departments_owner_follows_its_problems_on_the_desktop(qtbot, svc):
    from desktop.app import build_main_window
    from desktop.callbacks import MODULE

    o = svc.o
    assert not MODULE.visible_to(o.clerk)  # no problem of 办公室 yet
    ours = callbacks.raise_problem(
        svc.caller, svc.zhang, callbacks.ProblemInput("账单金额有误", o.office)
    )
    callbacks.raise_problem(svc.caller, svc.zhang, callbacks.ProblemInput("收费争议", svc.dept))
    assert MODULE.visible_to(o.clerk) and MODULE.visible_to(o.head)
    assert not MODULE.visible_to(o.squad_head)  # 一中队 owns none
    assert [c.key for c in MODULE.cards if c.visible_to(o.head)] == []  # the staff's cards
    w = build_main_window(o.clerk, svc.url)
    qtbot.addWidget(w)
    w.show()
    page = w.open_module("callbacks")
    assert page.tab_keys() == ["problems"]  # nothing else of the customers' data
    tab = page.open_tab("problems")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)  # 办公室's own, not 客户服务部's
    assert tab.model.row(0)["number"] == ours.number
    select(tab, "number", ours.number)
    assert {k for k, b in tab.step_buttons.items() if b.isVisibleTo(tab)} == {"report_fixed"}
    fixed = tab.step_dialog("report_fixed")
    qtbot.addWidget(fixed)
    fixed.editors["note"].set_value("已重新开具账单")
    assert fixed.try_submit(), fixed.general_error.text()
    head = page_for(qtbot, o.head).open_tab("problems")  # 办公室's 科室负责人 checks it
    select(head, "number", ours.number)
    assert {k for k, b in head.step_buttons.items() if b.isVisibleTo(head)} == {"verify"}
    check = head.step_dialog("verify")
    qtbot.addWidget(check)
    assert check.try_submit(), check.general_error.text()
    assert Problem.get_by_id(ours.id).state == ProblemState.CLOSED


def people_offered(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_C7_the_recorder_names_the_person_in_charge_among_the_departments_people(qtbot, svc):
    o = svc.o
    dialog = page_for(qtbot, svc.caller).built["mine"].record_dialog(svc.callback.id)
    qtbot.addWidget(dialog)
    fill_reached(dialog)
    row = dialog.problems.add_row("账单金额有误", o.office)
    department = dialog.problems.table.cellWidget(row, 1)
    person = dialog.problems.table.cellWidget(row, 2)
    offered = people_offered(person)
    assert offered[0] == "" and o.clerk.name in offered  # none: the whole 办公室 owns it
    assert svc.caller.name not in offered  # 林晓雨 is not in 办公室
    department.setCurrentIndex(department.findData(svc.dept.id))  # the choice follows
    assert svc.caller.name in people_offered(person) and o.clerk.name not in people_offered(person)
    department.setCurrentIndex(department.findData(o.office.id))
    person.setCurrentIndex(person.findData(o.clerk.id))
    dialog.problems.add_row("上次维修后仍有异响", svc.dept)  # the department alone
    assert dialog.try_submit(), dialog.general_error.text()
    owners = {p.description: (p.owner_department_id, p.owner_user_id) for p in Problem.select()}
    assert owners == {
        "账单金额有误": (o.office.id, o.clerk.id),
        "上次维修后仍有异响": (svc.dept.id, None),
    }
    mine = page_for(qtbot, o.clerk).open_tab("problems")  # 张三 reports his own fix
    select(mine, "description", "账单金额有误")
    rows = {mine.model.row(r)["description"]: r for r in range(mine.model.rowCount())}
    assert mine.model.row(rows["账单金额有误"])["person"] == o.clerk.name
    assert {k for k, b in mine.step_buttons.items() if b.isVisibleTo(mine)} == {"report_fixed"}


def test_C7_a_problem_found_after_the_record_is_registered_from_the_tab(qtbot, svc):
    from desktop.callbacks.problem_steps import callback_search

    o = svc.o
    assert callback_search("张三") == []  # nothing recorded: nothing to raise against
    callbacks.record_callback(
        svc.caller,
        svc.callback,
        reached_person="本人",
        answers={1: "满意", 2: "无"},
        satisfaction=4,
    )
    tab = page_for(qtbot, svc.manager).open_tab("problems")
    assert tab.raise_button.isVisibleTo(tab)
    dialog = tab.raise_dialog()
    qtbot.addWidget(dialog)
    dialog.editors["description"].set_value("分析中发现：账单金额有误")
    dialog.choose_department("办公室")
    assert not dialog.try_submit()  # which callback found it?
    assert dialog.callback_error.text() and Problem.select().count() == 0
    [(shown, found)] = callback_search("zs")  # 张三 by his initials
    assert found.id == svc.callback.id and svc.zhang.number in shown
    dialog.callback.set_value(shown, found)
    dialog.choose_department("")
    assert not dialog.try_submit()  # no department: refused by the rule, under the owner
    assert dialog.owner_error.text().startswith("[C7]")
    dialog.choose_department("办公室")
    assert svc.caller.name not in people_offered(dialog.person)
    dialog.choose_person(o.clerk)
    assert dialog.try_submit(), dialog.general_error.text()
    [problem] = Problem.select()
    assert (problem.callback_id, problem.customer_id) == (svc.callback.id, svc.zhang.id)
    assert (problem.owner_department_id, problem.owner_user_id) == (o.office.id, o.clerk.id)
    assert problem.raised_by_id == svc.manager.id
    seller = page_for(qtbot, svc.seller).open_tab("problems")  # 销售 finds problems too
    assert seller.raise_button.isVisibleTo(seller)
    owner = page_for(qtbot, o.clerk).open_tab("problems")  # the owner does not raise them
    assert not owner.raise_button.isVisibleTo(owner)
