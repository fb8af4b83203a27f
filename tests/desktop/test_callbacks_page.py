"""客户服务 page: real widgets on a real SQLite office. A 客服 records an attempt from 我的回访
through the use case and sees the list change; the archive finds a customer by pinyin and shows
his timeline; a complaint whose deadline passed is red (C10); the page is offered to the
service posts, the leaders and the head of 客户服务部, nobody else."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from desktop.app import build_main_window
from desktop.callbacks import MODULE
from desktop.callbacks.page import CallbacksPage
from models import callbacks
from models.callbacks import Callback, CallbackAttempt, CallbackState, Method, ScheduleInput
from tests.models.callbacks_office import build_service, customer, plan, with_project


@pytest.fixture
def svc(desk):
    """张三 delivered 2025-12-10: his January callback, by phone, is 林晓雨's and overdue; a
    complaint received 2026-09-28 whose 10-working-day acceptance is long past."""
    s = build_service(desk)
    zhang = customer(s, "张三", "13812345678", address="北京市东城区和平里1号")
    with_project(s, zhang, date(2025, 12, 10))
    schedule = [
        ScheduleInput(s.caller, Method.PHONE),
        ScheduleInput(s.seller, Method.ONSITE),
        ScheduleInput(s.head, Method.ONLINE),
    ]
    s.plan = plan(s, schedule=schedule)
    callbacks.generate_callbacks(s.manager, s.plan, through=date(2026, 1, 31))
    s.callback = Callback.get(Callback.customer == zhang.id)
    s.zhang = zhang
    s.complaint = callbacks.register_complaint(
        s.caller,
        complainant="王女士",
        phone="13900001111",
        content="维修人员未按约定时间上门",
        received_at=datetime(2026, 9, 28, 9, 0),
        customer=zhang,
    )
    s.url = desk.url
    return s


def page_for(qtbot, user) -> CallbacksPage:
    page = CallbacksPage(user)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    return page


def column(model, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def test_the_page_is_offered_to_the_service_posts_leaders_and_the_service_head(qtbot, svc):
    o = svc.o
    for user in (svc.caller, svc.seller, svc.manager, svc.head, o.leader):
        assert MODULE.visible_to(user), user.name
    for user in (o.clerk, o.fleet, o.squad_head):
        assert not MODULE.visible_to(user), user.name
    w = build_main_window(svc.caller, svc.url)
    qtbot.addWidget(w)
    assert "callbacks" in w.module_keys()
    page = w.open_module("callbacks")
    assert page.tab_keys() == ["mine", "customers", "plans", "receipts", "complaints", "problems"]
    assert list(page.built) == ["mine"]


def test_C4_a_caller_records_an_attempt_and_my_callbacks_updates(qtbot, svc):
    tab = page_for(qtbot, svc.caller).built["mine"]
    model = tab.model
    assert model.rowCount() == 1 and model.row(0)["customer"] == "张三"
    period = model.index(0, column(model, "period"))
    assert model.data(period) == "2026年1月"  # the period in words, not its key 2026-01
    due = model.index(0, column(model, "due_on"))
    assert model.data(due, Qt.ItemDataRole.ForegroundRole).name() == "#c62828"  # overdue
    dialog = tab.record_dialog(svc.callback.id)
    qtbot.addWidget(dialog)
    dialog.editors["outcome"].set_value(callbacks.Outcome.VACANT.label)
    assert dialog.try_submit(), dialog.general_error.text()
    attempt = CallbackAttempt.get(CallbackAttempt.callback == svc.callback.id)
    assert attempt.outcome == callbacks.Outcome.VACANT and attempt.actor_id == svc.caller.id
    cb = Callback.get_by_id(svc.callback.id)
    assert cb.method == Method.ONSITE and cb.assignee_id == svc.seller.id  # the next method, C4
    tab.reload()
    assert model.rowCount() == 0
    visit = page_for(qtbot, svc.seller).built["mine"]
    assert visit.model.rowCount() == 1


def test_C6_a_reached_callback_is_recorded_with_the_outline_answers(qtbot, svc):
    tab = page_for(qtbot, svc.caller).built["mine"]
    dialog = tab.record_dialog(svc.callback.id)
    qtbot.addWidget(dialog)
    dialog.editors["outcome"].set_value(callbacks.Outcome.REACHED.label)
    dialog.editors["reached_person"].set_value("本人")
    dialog.editors["q1"].set_value("满意")
    assert not dialog.try_submit()  # the satisfaction is refused by the use case, C6
    assert "[C6]" in dialog.general_error.text() + dialog.error_text("satisfaction")
    dialog.editors["q2"].set_value("无")
    dialog.editors["satisfaction"].set_value(5)
    assert dialog.try_submit(), dialog.general_error.text()
    assert Callback.get_by_id(svc.callback.id).state == CallbackState.DONE
    tab.reload()
    assert tab.model.rowCount() == 0


def test_C1_the_archive_finds_by_pinyin_and_shows_the_timeline(qtbot, svc):
    tab = page_for(qtbot, svc.caller).open_tab("customers")
    tab.model.set_search("zs")
    assert [tab.model.row(r)["name"] for r in range(tab.model.rowCount())] == ["张三"]
    assert tab.model.row(0)["phone"] == "13812345678"
    dialog = tab.open_customer(svc.zhang.id)
    qtbot.addWidget(dialog)
    whats = [what for _at, what, _detail in dialog.rows]
    assert "联系电话" in whats and "项目/保单交付" in whats and "投诉" in whats
    times = [at for at, _what, _detail in dialog.rows]
    assert times == sorted(times, reverse=True)  # newest first
    assert dialog.table.rowCount() == len(dialog.rows)


def test_C10_a_complaint_past_its_deadline_is_red_with_its_clock(qtbot, svc):
    tab = page_for(qtbot, svc.manager).open_tab("complaints")
    model = tab.model
    assert model.rowCount() == 1
    cell = model.index(0, column(model, "due"))
    assert model.data(cell).startswith("受理：已超期")
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole).name() == "#c62828"


def test_home_cards_show_my_callbacks_and_complaints_near_their_deadline(qtbot, svc):
    cards = {card.key: card for card in MODULE.cards}
    mine = cards["callbacks.mine"]
    assert mine.visible_to(svc.caller) and mine.count(svc.caller) == 1
    assert mine.rows(svc.caller)[0].warn
    near = cards["callbacks.complaints"]
    assert near.count(svc.manager) == 1 and near.rows(svc.manager)[0].warn


def test_X3_every_callbacks_list_exports_as_shown(qtbot, svc, tmp_path):
    import openpyxl

    from desktop import exporting

    page = page_for(qtbot, svc.manager)
    for key in ("customers", "plans", "receipts", "complaints", "problems"):
        tab = page.open_tab(key)
        out = tmp_path / f"{key}.xlsx"
        task = exporting.export_view(tab.view, out, key)
        qtbot.waitUntil(lambda task=task: task.finished, timeout=10_000)
        assert task.exception is None, (key, task.exception)
    rows = list(
        openpyxl.load_workbook(tmp_path / "complaints.xlsx").active.iter_rows(values_only=True)
    )
    body = next(r for r in rows if r and r[0] == svc.complaint.number)
    assert any(str(v).startswith("受理：已超期") for v in body)


def test_C10_C11_a_caller_registers_a_complaint_and_owns_it(qtbot, svc):
    from tests.desktop.typing import type_text

    tab = page_for(qtbot, svc.caller2).open_tab("complaints")
    assert tab.model.rowCount() == 1
    dialog = tab.register_dialog()
    qtbot.addWidget(dialog)
    type_text(dialog.widget("complainant"), "刘先生")
    type_text(dialog.widget("phone"), "12345")
    dialog.editors["content"].set_value("回访电话太频繁")
    assert not dialog.try_submit()
    assert "[C10]" in dialog.error_text("phone") + dialog.general_error.text()
    dialog.editors["phone"].set_value("13900002222")
    assert dialog.try_submit(), dialog.general_error.text()
    complaint = dialog.result
    assert complaint.receipt.first_receiver_id == svc.caller2.id  # 首问负责制, C11
    tab.reload()
    assert tab.model.rowCount() == 2
    cell = tab.model.index(0, column(tab.model, "due"))
    assert tab.model.data(cell).startswith("受理：")  # the 10-working-day clock started


# --- plans and complaint steps, driven by their buttons -------------------------------------


def select(tab, key: str, value) -> None:
    """Select the row whose column ``key`` shows ``value`` (the tab's buttons follow)."""
    from PySide6.QtCore import QItemSelectionModel

    model = tab.model
    row = next(r for r in range(model.rowCount()) if model.row(r)[key] == value)
    tab.view.table.selectionModel().select(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def click(qtbot, widget) -> None:
    assert widget.isVisible(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def when_dialog_opens(fill) -> list:
    """Fill the modal dialog a click is about to open, then let the click return: ``fill``
    submits it (or the dialog is cancelled). What ``fill`` returns is kept."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list = []

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            seen.append(fill(dialog))
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, go)
    return seen


def visible_steps(tab) -> set[str]:
    shown = {a for a, b in tab.step_buttons.items() if b.isVisibleTo(tab)}
    for name in ("accept_handover", "decline_handover", "withdraw_handover"):
        if getattr(tab, f"{name}_button").isVisibleTo(tab):
            shown.add(name)
    return shown


def test_C2_a_manager_drafts_a_plan_and_sends_it_to_the_service_head(qtbot, svc, boxes):
    from models.callbacks import CallbackPlan, PlanState

    assert not page_for(qtbot, svc.caller).open_tab("plans").new_button.isVisibleTo(None)
    tab = page_for(qtbot, svc.manager).open_tab("plans")
    phone_staff = f"{svc.caller2.name}（{svc.caller2.username}）"

    def fill(dialog):
        dialog.editors["title"].set_value("2026年投诉处理回访")
        dialog.editors["content_type"].set_value("投诉处理回访")
        dialog.editors["focus"].set_value("处理结果是否落实")
        dialog.editors["questions"].set_value("对处理结果是否满意？\n还有什么意见？")
        first = dialog.try_submit()  # nobody scheduled for the phone: refused naming C2
        refusal = dialog.general_error.text()
        dialog.editors["staff_phone"].set_value((phone_staff,))
        return first, refusal, dialog.try_submit(), dialog.result

    seen = when_dialog_opens(fill)
    click(qtbot, tab.new_button)
    first, refusal, second, made = seen[0]
    assert not first and refusal.startswith("[C2]") and "电话回访" in refusal
    assert second and made.state == PlanState.DRAFT
    assert [s.staff_id for s in made.schedule] == [svc.caller2.id]
    assert [q.text for q in made.questions.order_by(callbacks.PlanQuestion.order)] == [
        "对处理结果是否满意？",
        "还有什么意见？",
    ]
    select(tab, "number", made.number)
    assert tab.submit_button.isVisibleTo(tab) and not tab.generate_button.isVisibleTo(tab)
    click(qtbot, tab.submit_button)  # 报批
    sent = CallbackPlan.get_by_id(made.id)
    assert sent.state == PlanState.PENDING and sent.instance().doc_id == made.id
    assert sent.node_key() == "head"  # 客户服务部负责人审批, in 审批中心
    select(tab, "number", made.number)
    assert not tab.submit_button.isVisibleTo(tab) and tab.withdraw_button.isVisibleTo(tab)
    callbacks.approve_plan(svc.head, sent)
    tab.reload()
    select(tab, "number", made.number)
    assert CallbackPlan.get_by_id(made.id).state == PlanState.APPROVED
    assert tab.generate_button.isVisibleTo(tab)
    click(qtbot, tab.generate_button)
    assert any("新生成" in t for t in boxes.texts())


def test_C10_the_owner_accepts_decides_on_the_engine_and_closes(qtbot, svc):
    from models import documents
    from models.callbacks import Complaint, ComplaintState

    other = page_for(qtbot, svc.manager).open_tab("complaints")
    select(other, "number", svc.complaint.number)
    assert visible_steps(other) == set()  # not his complaint: 首问负责制, C11
    tab = page_for(qtbot, svc.caller).open_tab("complaints")
    select(tab, "number", svc.complaint.number)
    assert visible_steps(tab) == {"accept", "refuse", "handover"}
    assert tab.model.row(0)["owner"] == svc.caller.name
    click(qtbot, tab.step_buttons["accept"])
    assert Complaint.get_by_id(svc.complaint.id).state == ComplaintState.ACCEPTED
    select(tab, "number", svc.complaint.number)
    assert visible_steps(tab) == {"propose_decision", "handover"}

    def decide(dialog):
        dialog.editors["decision"].set_value("上门致歉，补偿维修费")
        dialog.editors["compensation"].set_value("200")
        return dialog.try_submit(), dialog.general_error.text()

    seen = when_dialog_opens(decide)
    click(qtbot, tab.step_buttons["propose_decision"])
    assert seen[0][0], seen[0][1]
    deciding = Complaint.get_by_id(svc.complaint.id)
    assert deciding.state == ComplaintState.DECIDING and deciding.node_key() == "head"
    documents.approve(svc.head, deciding, "approve", "同意")  # in 审批中心
    tab.reload()
    select(tab, "number", svc.complaint.number)
    assert visible_steps(tab) == {"close"}

    def close(dialog):
        dialog.editors["result"].set_value("已上门致歉并补偿")
        dialog.editors["satisfaction"].set_value(4)
        return dialog.try_submit()

    seen = when_dialog_opens(close)
    click(qtbot, tab.step_buttons["close"])
    assert seen == [True]
    closed = Complaint.get_by_id(svc.complaint.id)
    assert closed.state == ComplaintState.CLOSED and closed.satisfaction == 4


def test_C10_a_refusal_is_asked_about_first_and_needs_its_reasons(qtbot, svc, boxes):
    from models.callbacks import Complaint, ComplaintState

    tab = page_for(qtbot, svc.caller).open_tab("complaints")
    select(tab, "number", svc.complaint.number)
    boxes.answer = False
    assert not tab.take("refuse")  # 不予受理 ends the complaint: the user is asked first
    assert Complaint.get_by_id(svc.complaint.id).state == ComplaintState.REVIEWING
    boxes.answer = True

    def refuse(dialog):
        empty = dialog.try_submit()
        dialog.editors["reason"].set_value("不属于本单位受理范围")
        return empty, dialog.error_text("reason"), dialog.try_submit()

    seen = when_dialog_opens(refuse)
    click(qtbot, tab.step_buttons["refuse"])
    empty, message, done = seen[0]
    assert not empty and message and done
    refused = Complaint.get_by_id(svc.complaint.id)
    assert refused.state == ComplaintState.REFUSED
    assert refused.refuse_reason == "不属于本单位受理范围"
    select(tab, "number", svc.complaint.number)
    assert visible_steps(tab) == set()  # nothing more to do on it
    assert tab.notice_button.text() == "打印不予受理告知书"  # the letter C10 has sent
    task = tab.print_notice()
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    assert task.exception is None, task.exception


def test_C11_a_handover_declined_leaves_the_owner_accepted_moves_it(qtbot, svc):
    from models.callbacks import Complaint, HandoverState

    mine = page_for(qtbot, svc.caller).open_tab("complaints")
    select(mine, "number", svc.complaint.number)
    to = f"{svc.caller2.name}（{svc.caller2.username}）"

    def offer(dialog):
        dialog.editors["to"].set_value(to)
        dialog.editors["reason"].set_value("该客户由陈静跟进")
        return dialog.try_submit(), dialog.result

    seen = when_dialog_opens(offer)
    click(qtbot, mine.step_buttons["handover"])
    assert seen[0][0] and seen[0][1].state == HandoverState.PENDING
    select(mine, "number", svc.complaint.number)
    assert "withdraw_handover" in visible_steps(mine) and "handover" not in visible_steps(mine)

    theirs = page_for(qtbot, svc.caller2).open_tab("complaints")
    select(theirs, "number", svc.complaint.number)
    assert visible_steps(theirs) == {"accept_handover", "decline_handover"}

    def decline(dialog):
        dialog.editors["reason"].set_value("不是我的客户")
        return dialog.try_submit()

    seen = when_dialog_opens(decline)
    click(qtbot, theirs.decline_handover_button)
    assert seen == [True]
    assert Complaint.get_by_id(svc.complaint.id).receipt.owner_id == svc.caller.id

    mine.reload()  # what the other desktop did (F5)
    select(mine, "number", svc.complaint.number)
    when_dialog_opens(offer)
    click(qtbot, mine.step_buttons["handover"])
    theirs.reload()
    select(theirs, "number", svc.complaint.number)
    click(qtbot, theirs.accept_handover_button)
    receipt = Complaint.get_by_id(svc.complaint.id).receipt
    assert receipt.owner_id == svc.caller2.id and receipt.first_receiver_id == svc.caller.id
    select(theirs, "number", svc.complaint.number)
    assert visible_steps(theirs) == {"accept", "refuse", "handover"}


def test_C10_a_step_on_a_complaint_changed_meanwhile_is_refused_and_the_list_reloads(
    qtbot, svc, boxes
):
    from models.callbacks import Complaint, ComplaintState

    tab = page_for(qtbot, svc.caller).open_tab("complaints")
    select(tab, "number", svc.complaint.number)
    callbacks.accept_complaint(svc.caller, svc.complaint)  # from another desktop
    click(qtbot, tab.step_buttons["accept"])
    assert [s.kind for s in boxes.shown] == ["conflict"]
    assert Complaint.get_by_id(svc.complaint.id).state == ComplaintState.ACCEPTED
    select(tab, "number", svc.complaint.number)
    assert visible_steps(tab) == {"propose_decision", "handover"}


def test_C8_C12_the_figures_tab_charts_staff_and_quarterly_quality(qtbot, svc):
    assert "stats" not in CallbacksPage(svc.caller).tab_keys()  # the figures are management's
    callbacks.record_callback(
        svc.caller,
        svc.callback,
        reached_person="本人",
        answers={1: "满意", 2: "无"},
        satisfaction=5,
        at=datetime(2026, 1, 20, 10),
    )
    tab = page_for(qtbot, svc.manager).open_tab("stats")
    tab.quarter.setCurrentIndex(tab.quarter.findData("2026Q1"))
    rows = [
        [tab.staff_table.item(r, c).text() for c in range(tab.staff_table.columnCount())]
        for r in range(tab.staff_table.rowCount())
    ]
    assert ["林晓雨", "1", "1", "1", "1", "5.0", "0"] in rows  # due, done, on time, reached (C8)
    [bars] = tab.staff_chart.series()
    assert [s.label() for s in bars.barSets()] == ["应回访", "已完成", "按时", "接通"]
    assert tab.quality_table.rowCount() == 4  # the quarter and the three before (C12)
    assert tab.quality_table.item(3, 0).text() == "2026年第一季度"
    assert len(tab.quality_chart.series()) == 2


def test_C10_C5_the_service_desk_pair_and_incomplete_materials_from_the_tab(qtbot, svc):
    from models.callbacks import Complaint, ComplaintState, Variant

    desk = callbacks.register_complaint(
        svc.caller,
        complainant="赵先生",
        phone="13900003333",
        content="报修后无人联系",
        variant=Variant.DESK,
    )
    incomplete = callbacks.register_complaint(
        svc.caller,
        complainant="钱女士",
        phone="13900004444",
        content="维修费用有异议",
        materials_complete=False,
        missing="维修发票",
    )
    tab = page_for(qtbot, svc.caller).open_tab("complaints")
    select(tab, "number", incomplete.number)
    assert visible_steps(tab) == {"notify_incomplete", "complete_materials", "refuse", "handover"}

    def notify(dialog):
        assert dialog.editors["missing"].value() is None
        dialog.editors["missing"].set_value("维修发票原件")
        return dialog.try_submit()

    seen = when_dialog_opens(notify)
    click(qtbot, tab.step_buttons["notify_incomplete"])
    assert seen == [True]
    assert Complaint.get_by_id(incomplete.id).notified_incomplete_at is not None
    select(tab, "number", incomplete.number)
    click(qtbot, tab.step_buttons["complete_materials"])
    assert Complaint.get_by_id(incomplete.id).state == ComplaintState.REVIEWING

    select(tab, "number", desk.number)
    assert visible_steps(tab) == {"desk_feedback", "desk_resolve", "handover"}
    seen = when_dialog_opens(lambda d: (d.editors["note"].set_value("已派员联系"), d.try_submit()))
    click(qtbot, tab.step_buttons["desk_feedback"])
    assert seen[0][1] and Complaint.get_by_id(desk.id).first_feedback_at is not None

    def resolve(dialog):
        dialog.editors["result"].set_value("已上门修复")
        return dialog.try_submit()

    mine = page_for(qtbot, svc.caller).built["mine"]
    before = mine.model.rowCount()
    select(tab, "number", desk.number)
    seen = when_dialog_opens(resolve)
    click(qtbot, tab.step_buttons["desk_resolve"])
    assert seen == [True] and Complaint.get_by_id(desk.id).state == ComplaintState.CLOSED
    # C5: the 投诉处理回访 is his to make (he is 客服), in 我的回访 today
    mine.reload()
    assert mine.model.rowCount() == before + 1
    assert "赵先生" in [mine.model.row(r)["customer"] for r in range(mine.model.rowCount())]


def test_C2_a_listed_plan_names_its_customers_by_number(qtbot, svc):
    from models.callbacks import Target

    tab = page_for(qtbot, svc.manager).open_tab("plans")
    dialog = tab.plan_dialog()
    qtbot.addWidget(dialog)
    dialog.editors["focus"].set_value("回访投诉客户")
    dialog.editors["questions"].set_value("问题是否已解决？")
    dialog.editors["target"].set_value(Target.LISTED.label)
    dialog.editors["cadence"].set_value(callbacks.Cadence.ONCE.label)
    dialog.editors["staff_phone"].set_value((f"{svc.caller.name}（{svc.caller.username}）",))
    assert not dialog.try_submit()  # a listed plan with nobody listed (C2)
    assert dialog.general_error.text().startswith("[C2]")
    dialog.editors["customers"].set_value("KH-NONE")
    assert not dialog.try_submit()
    assert "KH-NONE" in dialog.error_text("customers")
    dialog.editors["customers"].set_value(svc.zhang.number)
    assert dialog.try_submit(), dialog.general_error.text()
    assert [t.customer_id for t in dialog.result.targets] == [svc.zhang.id]
