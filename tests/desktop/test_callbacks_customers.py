"""客户档案's buttons (C1, C9): 新增客户, 修改电话, 修改地址 and 重要客户 through their use
cases, on real widgets and a real SQLite office (the office of ``test_callbacks_page``)."""

from __future__ import annotations

from datetime import date, timedelta

from models.base import now
from models.callbacks import Customer, CustomerAddress, CustomerContact
from tests.desktop import test_callbacks_page as page_tests

svc = page_tests.svc  # the fixture: 张三 with his phone, address and project
page_for, select, click = page_tests.page_for, page_tests.select, page_tests.click
when_dialog_opens = page_tests.when_dialog_opens


def shown(tab) -> set[str]:
    names = ("new_button", "phone_button", "address_button", "important_button")
    return {n for n in names if getattr(tab, n).isVisibleTo(tab)}


def test_C1_a_new_customer_is_added_from_the_tab_and_found(qtbot, svc):
    tab = page_for(qtbot, svc.caller).open_tab("customers")

    def fill(dialog):
        dialog.editors["name"].set_value("李四")
        dialog.editors["phone"].set_value("0571-88886666")
        dialog.editors["address"].set_value("杭州市西湖区文三路1号")
        return dialog.try_submit(), dialog.general_error.text(), dialog.result

    seen = when_dialog_opens(fill)
    click(qtbot, tab.new_button)
    ok, message, made = seen[0]
    assert ok, message
    assert made.number.startswith("KH")  # drawn from the counter when not typed
    tab.model.set_search("ls")
    assert [tab.model.row(r)["name"] for r in range(tab.model.rowCount())] == ["李四"]
    assert tab.model.row(0)["phone"] == "0571-88886666"


def test_C1_the_same_name_and_phone_is_asked_about_then_added(qtbot, svc, boxes):
    tab = page_for(qtbot, svc.caller).open_tab("customers")

    def fill(dialog):
        dialog.editors["name"].set_value("张三")
        dialog.editors["phone"].set_value("13812345678")
        return dialog.try_submit()

    boxes.answer = False  # 不是同一客户? no: nothing is added
    seen = when_dialog_opens(fill)
    click(qtbot, tab.new_button)
    assert seen == [False] and Customer.select().where(Customer.name == "张三").count() == 1
    assert any("同名同电话" in t for t in boxes.texts()), boxes.texts()
    boxes.answer = True  # yes, another customer of that name: added, acknowledged
    seen = when_dialog_opens(fill)
    click(qtbot, tab.new_button)
    assert seen == [True] and Customer.select().where(Customer.name == "张三").count() == 2


def test_C1_a_changed_phone_is_a_new_row_and_the_old_one_stays_in_the_timeline(qtbot, svc):
    tab = page_for(qtbot, svc.caller).open_tab("customers")
    select(tab, "name", "张三")
    assert tab.phone_button.isVisibleTo(tab)

    def fill(dialog):
        dialog.editors["phone"].set_value("13900009999")
        dialog.editors["valid_from"].set_value(now().date() + timedelta(days=1))
        return dialog.try_submit(), dialog.general_error.text()

    seen = when_dialog_opens(fill)
    click(qtbot, tab.phone_button)
    assert seen[0][0], seen[0][1]
    phones = [
        c.phone for c in CustomerContact.select().where(CustomerContact.customer == svc.zhang.id)
    ]
    assert sorted(phones) == ["13812345678", "13900009999"]  # the old row kept, unchanged
    select(tab, "name", "张三")
    assert tab.model.row(0)["phone"] == "13900009999"
    dialog = tab.open_customer(svc.zhang.id)
    qtbot.addWidget(dialog)
    details = [detail for _at, what, detail in dialog.rows if what == "联系电话"]
    assert any("13812345678" in d for d in details) and any("13900009999" in d for d in details)

    def move(dialog):
        dialog.editors["address"].set_value("北京市朝阳区望京2号")
        dialog.editors["valid_from"].set_value(now().date() + timedelta(days=1))
        return dialog.try_submit()

    select(tab, "name", "张三")
    seen = when_dialog_opens(move)
    click(qtbot, tab.address_button)
    assert seen == [True]
    addresses = CustomerAddress.select().where(CustomerAddress.customer == svc.zhang.id)
    assert sorted(a.address for a in addresses) == ["北京市东城区和平里1号", "北京市朝阳区望京2号"]


def test_C1_a_bad_phone_is_refused_inside_the_dialog_and_nothing_is_written(qtbot, svc):
    tab = page_for(qtbot, svc.caller).open_tab("customers")
    select(tab, "name", "张三")

    def fill(dialog):
        dialog.editors["phone"].set_value("12345")
        return dialog.try_submit(), dialog.error_text("phone"), dialog.isVisible()

    seen = when_dialog_opens(fill)
    click(qtbot, tab.phone_button)
    ok, message, still_open = seen[0]
    assert not ok and still_open and message.startswith("[C1]") and "格式不正确" in message
    assert CustomerContact.select().where(CustomerContact.customer == svc.zhang.id).count() == 1

    def add(dialog):
        dialog.editors["name"].set_value("王五")
        dialog.editors["phone"].set_value("12345")
        return dialog.try_submit(), dialog.error_text("phone")

    before = Customer.select().count()
    seen = when_dialog_opens(add)
    click(qtbot, tab.new_button)
    assert not seen[0][0] and seen[0][1].startswith("[C1]")
    assert Customer.select().count() == before


def test_C1_C9_only_the_roles_the_use_cases_accept_are_offered_the_buttons(qtbot, svc):
    leader = page_for(qtbot, svc.o.leader).open_tab("customers")
    select(leader, "name", "张三")
    assert shown(leader) == set()  # sees the archive, keeps none of it
    caller = page_for(qtbot, svc.caller).open_tab("customers")
    assert shown(caller) == {"new_button"}  # nothing selected: nothing to change
    select(caller, "name", "张三")
    assert shown(caller) == {"new_button", "phone_button", "address_button"}
    manager = page_for(qtbot, svc.manager).open_tab("customers")
    select(manager, "name", "张三")
    assert shown(manager) == {"new_button", "phone_button", "address_button", "important_button"}
    assert manager.important_button.text() == "标记重要客户…"

    def mark(dialog):
        empty = dialog.try_submit()
        dialog.editors["reason"].set_value("年度大客户")
        return empty, dialog.error_text("reason"), dialog.try_submit()

    seen = when_dialog_opens(mark)
    click(qtbot, manager.important_button)
    empty, message, done = seen[0]
    assert not empty and message and done
    zhang = Customer.get_by_id(svc.zhang.id)
    assert zhang.important and zhang.important_reason == "年度大客户"
    select(manager, "name", "张三")
    assert manager.important_button.text() == "取消重要客户…"


def test_C1_C9_projects_are_imported_from_the_tab_by_who_records_what_was_sold(
    qtbot, svc, boxes, monkeypatch, tmp_path
):
    """导入项目/保单… for 销售 and 客服管理: the file is checked, confirmed and written; its
    delivery date is what an age-based plan counts from. A 客服 is not offered it."""
    from desktop import exporting
    from models.callbacks import Project
    from tests.forms.helpers import write_xlsx

    caller = page_for(qtbot, svc.caller).open_tab("customers")
    assert "导入项目/保单…" not in [b.text() for b in caller.view.buttons()]
    tab = page_for(qtbot, svc.manager).open_tab("customers")
    assert "导入项目/保单…" in [b.text() for b in tab.view.buttons() if b.isVisibleTo(tab)]
    header = ["客户编号", "项目/保单号", "项目名称", "开始日期", "交付/起保日期"]
    row = [svc.zhang.number, "BD2026-0201", "燃气表更换", "2026-05-01", "2026-05-10"]
    sheet = write_xlsx(tmp_path / "projects.xlsx", [header, row])
    monkeypatch.setattr(exporting, "choose_import_file", lambda _parent: str(sheet))
    tab.import_projects()
    qtbot.waitUntil(lambda: Project.select().where(Project.ref_no == "BD2026-0201").exists())
    project = Project.get(Project.ref_no == "BD2026-0201")
    assert (project.customer_id, project.delivered_on) == (svc.zhang.id, date(2026, 5, 10))
    assert any("确认导入" in t for t in boxes.texts())
