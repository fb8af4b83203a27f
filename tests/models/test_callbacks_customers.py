"""C1: the customer archive. Phone numbers and ID numbers are checked with the reason;
contacts and addresses are dated history, never overwritten; duplicates by ID are refused,
by name and phone warned. On SQLite and MariaDB."""

from __future__ import annotations

from datetime import date

import pytest

from models import audit, callbacks
from models.callbacks import CustomerKind
from models.callbacks.validation import credit_check_char
from models.errors import RuleViolation, RuleWarning
from models.text import id_check_digit
from tests.models.callbacks_office import Service, build_service, customer, with_project

ID = "11010519491231002X"


@pytest.fixture
def s(office) -> Service:
    return build_service(office)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("010-12345678", "010-12345678"),
        ("(0571)8888666转801", "0571-8888666-801"),
        ("020 8888 6666 ext 12", "020-88886666-12"),
        ("01012345678", "010-12345678"),
    ],
)
def test_C1_phone_numbers_are_stored_in_one_form(typed, stored):
    assert callbacks.normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["12812345678", "1381234567", "138123456789", "010-0123456", "12345", "电话", ""]
)
def test_C1_a_bad_phone_number_is_refused_with_the_rule(typed):
    with pytest.raises(RuleViolation) as err:
        callbacks.normalize_phone(typed)
    assert err.value.rule == "C1" and err.value.field == "phone"


def test_C1_id_numbers_are_checked_digit_by_digit():
    assert id_check_digit("11010519491231002") == "X"
    assert callbacks.normalize_id_number(ID.lower()) == ID
    assert callbacks.normalize_id_number("") is None
    cases = {
        "110105194912310021": "校验码不符（末位应为 X）",
        "110105194902300020": "出生日期不存在",
        "11010519491231": "应为 18 位",
        "1.10105E+17": "Excel",
        110105194912310020: "Excel",
        1.1010519491231002e17: "设置为「文本」",
    }
    for typed, reason in cases.items():
        with pytest.raises(RuleViolation) as err:
            callbacks.normalize_id_number(typed)
        assert reason in err.value.zh and err.value.rule == "C1", typed


def test_C1_an_organisation_has_its_credit_code_checked():
    code = "91350100M000100Y4" + credit_check_char("91350100M000100Y4")
    assert callbacks.normalize_credit_code(code) == code
    with pytest.raises(RuleViolation, match="校验位不符"):
        callbacks.normalize_credit_code(code[:-1] + ("0" if code[-1] != "0" else "1"))


def test_C1_a_customer_is_added_with_a_contact_and_found_by_pinyin_and_phone_tail(s):
    c = customer(s, "张三丰", "138 1234 5678", id_no=ID, address="东环路8号")
    assert c.number.startswith("KH") and c.name_search.startswith("zsf")
    assert callbacks.current_contact(c).phone == "13812345678"
    assert callbacks.current_address(c).address == "东环路8号"
    assert [x.id for x in callbacks.search_customers("zsf")] == [c.id]
    assert [x.id for x in callbacks.search_customers("5678")] == [c.id]
    assert callbacks.search_customers("lisi") == []
    org = callbacks.add_customer(
        s.seller, name="华通公司", phone="010-66668888", kind=CustomerKind.ORGANISATION
    )
    assert org.kind == CustomerKind.ORGANISATION and org.id_no is None


def test_C1_a_customer_needs_a_name_and_a_valid_phone_and_id(s):
    with pytest.raises(RuleViolation, match="客户名称不能为空"):
        customer(s, "  ", "13812345678")
    with pytest.raises(RuleViolation, match="电话号码"):
        customer(s, "张三", "1234")
    with pytest.raises(RuleViolation, match="校验码不符"):
        customer(s, "张三", "13812345678", id_no="110105194912310021")
    assert callbacks.Customer.select().count() == 0


def test_C1_the_same_id_is_refused_and_the_same_name_and_phone_is_a_warning(s):
    customer(s, "张三", "13812345678", id_no=ID)
    with pytest.raises(RuleViolation, match="已属于客户「张三」"):
        customer(s, "张叁", "13900001111", id_no=ID)
    with pytest.raises(RuleWarning) as warned:
        customer(s, "张三", "13812345678")
    assert warned.value.key == callbacks.DUPLICATE_WARNING
    again = customer(s, "张三", "13812345678", acknowledged={callbacks.DUPLICATE_WARNING})
    assert again.id_no is None  # NULL, not "": many customers without an ID


def test_C1_a_changed_phone_or_address_is_a_new_dated_row_never_an_overwrite(s):
    c = customer(s, "李四", "13812345678", address="东环路8号", valid_from=date(2025, 1, 1))
    first = callbacks.current_contact(c)
    callbacks.change_contact(s.caller, c, phone="13900001111", valid_from=date(2026, 3, 1))
    callbacks.change_address(s.caller, c, address="府前街2号", valid_from=date(2026, 3, 1))
    assert callbacks.current_contact(c).phone == "13900001111"
    history = callbacks.contact_history(c)
    assert [h.phone for h in history] == ["13900001111", "13812345678"]
    assert history[1].id == first.id and history[1].valid_from == date(2025, 1, 1)
    assert [a.address for a in callbacks.address_history(c)] == ["府前街2号", "东环路8号"]
    changes = [(r.action, r.changes_dict()) for r in audit.history("customer", c.id)]
    assert ("contact", {"phone": ["13812345678", "13900001111"]}) in changes
    with pytest.raises(RuleViolation, match="不能早于现用号码"):
        callbacks.change_contact(s.caller, c, phone="13700002222", valid_from=date(2026, 1, 1))


def test_C1_only_the_service_posts_keep_the_archive(s):
    with pytest.raises(RuleViolation) as err:
        callbacks.add_customer(s.o.clerk, name="王五", phone="13812345678")
    assert err.value.rule == "X1"
    c = customer(s, "王五", "13812345678")
    with pytest.raises(RuleViolation) as err:
        callbacks.add_project(
            s.caller, c, ref_no="XM1", started_on=date(2026, 1, 1), delivered_on=date(2026, 2, 1)
        )
    assert err.value.rule == "X1"


def test_C1_projects_have_unique_numbers_and_a_delivery_after_their_start(s):
    c = customer(s, "王五", "13812345678")
    p = with_project(s, c, date(2026, 2, 1), ref="BD2026-001")
    assert callbacks.latest_delivery(c) == p.delivered_on
    with pytest.raises(RuleViolation, match="已存在"):
        with_project(s, c, date(2026, 3, 1), ref="BD2026-001")
    with pytest.raises(RuleViolation, match="交付日期不能早于开始日期"):
        callbacks.add_project(
            s.seller, c, ref_no="BD2", started_on=date(2026, 3, 1), delivered_on=date(2026, 2, 1)
        )


def test_C9_the_important_flag_changes_only_with_a_reason_by_service_management(s):
    c = customer(s, "赵六", "13812345678")
    with pytest.raises(RuleViolation, match="写明原因"):
        callbacks.set_important(s.manager, c, True, " ")
    with pytest.raises(RuleViolation) as err:
        callbacks.set_important(s.caller, c, True, "大客户")
    assert err.value.rule == "X1"
    c = callbacks.set_important(s.manager, c, True, "年保费百万以上")
    assert c.important and callbacks.Customer.get_by_id(c.id).important_reason == "年保费百万以上"
