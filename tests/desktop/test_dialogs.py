"""Edit dialogs built from the forms declarations refuse bad input next to the field, with
the rule ID, and write only through the use cases."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit

from desktop.admin import AdminPage, SettingsPanel
from desktop.approvals import DelegationDialog
from desktop.form_dialog import FormDialog
from desktop.pickers import SearchPicker
from forms.people import USERS
from forms.spec import Field, FieldType
from models import settings
from models.errors import RuleViolation
from models.people import Department, User
from tests.desktop.typing import type_text


def user_dialog(qtbot, actor) -> FormDialog:
    page = AdminPage(actor)
    qtbot.addWidget(page)
    dialog = page.user_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_widgets_follow_the_declared_types(qtbot, desk):
    fields = (
        Field("day", "日期", FieldType.DATE, required=True),
        Field("kind", "类型", FieldType.CHOICE, choices=("科室", "中队")),
        Field("amount", "金额", FieldType.MONEY),
        *USERS.fields,
    )
    dialog = FormDialog("t", fields, lambda v: v)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.widget("day"), QDateEdit) and dialog.widget("day").calendarPopup()
    assert isinstance(dialog.widget("kind"), QComboBox)
    assert isinstance(dialog.widget("amount"), QLineEdit)
    assert isinstance(dialog.widget("department"), SearchPicker)
    assert len(dialog.widget("roles").findChildren(QCheckBox)) == 10


def test_required_fields_are_marked_beside_each_field(qtbot, desk):
    dialog = user_dialog(qtbot, desk.admin)
    assert not dialog.try_submit()
    assert dialog.error_text("username") == "必填"
    assert dialog.error_text("name") == "必填"
    assert dialog.error_text("phone") == ""
    assert dialog.isVisible()


def test_a_rule_naming_a_field_appears_beside_it(qtbot, desk):
    dialog = user_dialog(qtbot, desk.admin)
    qtbot.keyClicks(dialog.widget("username"), "zhangsan")  # taken
    type_text(dialog.widget("name"), "张三丰")
    assert not dialog.try_submit()
    assert "用户名「zhangsan」已被使用" in dialog.error_text("username")
    assert dialog.error_text("name") == ""
    assert User.select().where(User.name == "张三丰").count() == 0


def test_a_role_rule_without_a_field_is_shown_with_its_rule_id(qtbot, desk):
    dialog = user_dialog(qtbot, desk.clerk)  # not an administrator
    qtbot.keyClicks(dialog.widget("username"), "newbie")
    type_text(dialog.widget("name"), "新人")
    assert not dialog.try_submit()
    assert dialog.general_error.isVisible()
    assert dialog.general_error.text().startswith("[X1] ")
    assert "无权执行此操作" in dialog.general_error.text()
    assert not User.select().where(User.username == "newbie").exists()


def test_a_bad_reference_is_refused_and_a_good_one_saves(qtbot, desk):
    dialog = user_dialog(qtbot, desk.admin)
    qtbot.keyClicks(dialog.widget("username"), "chenjing")
    type_text(dialog.widget("name"), "陈静")
    type_text(dialog.widget("department"), "财务科")  # no such department
    assert not dialog.try_submit()
    assert dialog.error_text("department") == "没有部门「财务科」"
    picker = dialog.widget("department")
    picker.clear()
    picker.setText("")
    type_text(picker, "bgs")  # 办公室 by pinyin initials
    picker.refresh()
    assert picker.completer().model().stringList() == ["办公室"]
    picker._chosen("办公室")
    picker.setText("办公室")
    checks = {c.text(): c for c in dialog.widget("roles").findChildren(QCheckBox)}
    checks["办事员"].setChecked(True)
    assert dialog.try_submit(), dialog.general_error.text()
    user = User.get(User.username == "chenjing")
    assert user.department_id == desk.office.id and {r.label for r in user.roles} == {"办事员"}
    assert isinstance(dialog.result, str) and len(dialog.result) >= 8  # initial password


def test_delegation_dialog_puts_the_period_error_beside_the_end(qtbot, desk):
    dialog = DelegationDialog(desk.head)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.try_submit()
    assert dialog.errors["delegate"].text() == "请从列表中选择代理人"
    from tests.office import add_deputy

    deputy = add_deputy(desk)  # a delegate holds what the delegated tasks need
    dialog.delegate.set_value("李二（lier）", deputy)
    dialog.ends.setDateTime(dialog.starts.dateTime().addDays(-1))
    assert not dialog.try_submit()
    assert dialog.errors["ends"].text() == "结束时间必须晚于开始时间"
    dialog.ends.setDateTime(dialog.starts.dateTime().addDays(3))
    assert dialog.try_submit()


def test_settings_refuse_a_bad_threshold_beside_it(qtbot, desk):
    panel = SettingsPanel(desk.admin)
    qtbot.addWidget(panel)
    editor = panel.editors["fleet.costly_part_threshold"]
    editor.widget.setText("-5")
    assert not panel.save()
    assert "不能小于 0" in editor.error.text()
    editor.widget.setText("3500")
    assert panel.save()
    assert str(settings.get("fleet.costly_part_threshold")) == "3500"


def test_dates_come_back_as_dates(qtbot, desk):
    dialog = FormDialog("t", (Field("day", "日期", FieldType.DATE),), lambda values: values)
    qtbot.addWidget(dialog)
    assert dialog.collect() == {"day": None}  # optional date left empty
    dialog.editors["day"].set_value(date(2026, 11, 3))
    assert dialog.try_submit()
    assert dialog.result == {"day": date(2026, 11, 3)}
    assert Department.select().count() == 2  # nothing was written by the dialog itself


def test_F2_the_go_live_date_is_an_optional_date_on_the_settings_page(qtbot, desk):
    from models import fleet

    panel = SettingsPanel(desk.admin)
    qtbot.addWidget(panel)
    editor = panel.editors[fleet.GO_LIVE]
    assert isinstance(editor.widget, QDateEdit)
    assert panel.save()  # left empty: not 必填, nothing stored
    assert settings.get(fleet.GO_LIVE) is None
    editor.set_value(date(2026, 10, 1))
    assert panel.save()
    assert settings.get(fleet.GO_LIVE) == date(2026, 10, 1)
    fleet.apply_repair(desk.driver, _car(desk), "刹车异响")  # live since today
    editor.widget.setDate(editor.widget.minimumDate())  # emptied again
    assert not panel.save()
    assert editor.error.text().startswith("[F2] ") and "不能清空" in editor.error.text()
    assert settings.get(fleet.GO_LIVE) == date(2026, 10, 1)


def _car(desk):
    from models import fleet

    return fleet.add_vehicle(desk.fleet, "京A12345", desk.squad, drivers=[desk.driver])


def _fully_inside(dialog: FormDialog, label) -> bool:
    """The label's whole wrapped text is inside the dialog, not clipped by its edge."""
    top_left = label.mapTo(dialog, label.rect().topLeft())
    bottom_right = label.mapTo(dialog, label.rect().bottomRight())
    inside = dialog.rect().contains(top_left) and dialog.rect().contains(bottom_right)
    return inside and label.height() >= label.heightForWidth(label.width())


LONG = "；".join(["这一条规则的说明很长，需要换行才能完整显示在对话框里"] * 3)
THREE_LINES = "\n".join([LONG, "第二行：请改正后再保存。", "第三行：如有疑问请联系管理员。"])


def test_a_long_refusal_beside_a_field_is_shown_whole_at_once(qtbot, desk):
    def submit(_values):
        raise RuleViolation("X1", THREE_LINES, "a long refusal", field="note")

    fields = (Field("note", "说明", FieldType.TEXT), Field("other", "其他", FieldType.TEXT))
    dialog = FormDialog("t", fields, submit)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.size()
    assert not dialog.try_submit()  # no events processed after it
    label = dialog.editors["note"].error
    assert label.isVisible() and _fully_inside(dialog, label)
    assert dialog.width() >= before.width() and dialog.height() > before.height()


def test_a_long_refusal_at_the_top_is_shown_whole_at_once(qtbot, desk):
    def submit(_values):
        raise RuleViolation("X1", THREE_LINES, "a long refusal")

    dialog = FormDialog("t", (Field("note", "说明", FieldType.TEXT),), submit)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.try_submit()
    assert dialog.general_error.isVisible() and _fully_inside(dialog, dialog.general_error)
