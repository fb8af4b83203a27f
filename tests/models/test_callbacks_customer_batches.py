"""C1 and C9 for a batch of customers, on SQLite and MariaDB: ``callbacks.add_customers`` is
the one door of the archive (``add_customer`` a batch of one). A large batch with one bad row
of each kind writes nothing and names every bad row; a good one writes customers, contacts,
addresses and audit rows in bulk, numbered in one block."""

from __future__ import annotations

from datetime import date

import pytest

from models import audit, callbacks
from models.callbacks import Customer, CustomerAddress, CustomerContact
from models.errors import RowsRefused, RuleViolation, RuleWarning
from tests.models.callbacks_office import Service, build_service, customer

ID = "11010519491231002X"
BATCH = 2500


@pytest.fixture
def s(office) -> Service:
    return build_service(office)


def archive(n: int) -> list[dict[str, object]]:
    return [
        {"name": f"客户{i}", "phone": f"139{i:08d}", "address": f"东环路{i}号"} for i in range(n)
    ]


def test_C1_C9_the_batch_refuses_one_bad_row_of_each_kind_writes_nothing_and_names_each(s):
    customer(s, "张三", "13812345678", id_no=ID, number="KH-OLD1")
    rows = archive(BATCH)
    rows[10]["name"] = "\u200b"  # no name
    rows[300]["phone"] = "12345"  # not a phone
    rows[500]["id_no"] = "110105194912310021"  # a wrong check digit
    rows[700]["id_no"] = ID  # 张三's
    rows[600]["id_no"] = "11010519900307001X"  # a wrong X: refused, not a crash
    rows[900]["id_no"] = "110105199003070017"
    rows[901]["id_no"] = "110105 199003070017"  # the same ID as the row before
    rows[1100]["number"] = "kh-old1"  # a number taken
    rows[1300].update(name="张三", phone="138-1234-5678")  # same name and phone: warned
    rows[1500]["important"] = True  # C9: important without a reason
    rows[1700]["note"] = "备" * 501  # longer than the column
    rows[1900]["relation"] = "关系" * 11  # longer than the column
    rows[2499]["kind"] = "robot"  # not a kind
    tables = (Customer, CustomerContact, CustomerAddress, audit.AuditLog)
    before = [t.select().count() for t in tables]
    with pytest.raises(RowsRefused) as err:
        callbacks.add_customers(s.caller, rows)
    problems = {i: (p.rule, p.field) for i, p in err.value.problems}
    assert problems == {
        10: ("C1", "name"),
        300: ("C1", "phone"),
        500: ("C1", "id_no"),
        600: ("C1", "id_no"),
        700: ("C1", "id_no"),
        901: ("C1", "id_no"),
        1100: ("C1", "number"),
        1300: ("C1", "name"),
        1500: ("C9", "important_reason"),
        1700: (None, "note"),
        1900: (None, "relation"),
        2499: ("C1", "kind"),
    }
    duplicate = dict(err.value.problems)[1300]
    assert isinstance(duplicate, callbacks.DuplicateCustomer)
    assert duplicate.warning.key == callbacks.DUPLICATE_WARNING
    assert [t.select().count() for t in tables] == before
    with pytest.raises(RuleViolation) as role:
        callbacks.add_customers(s.o.clerk, archive(1))
    assert role.value.rule == "X1"


def test_C1_a_batch_writes_customers_contacts_addresses_and_audit_rows_numbered_in_a_block(s):
    first = customer(s, "张三", "13812345678")
    year = first.number[2:6]  # the counter's year: KH2026-000001
    rows = archive(BATCH)
    rows[0].update(number=f"KH{year}-009000", id_no=ID, valid_from=date(2025, 5, 1))
    rows[1].update(name="张三", phone="13812345678", acknowledged={callbacks.DUPLICATE_WARNING})
    rows[2].update(address="", important=True, important_reason="大客户", owner=s.seller)
    audits = audit.AuditLog.select().count()
    ids = callbacks.add_customers(s.manager, rows)  # row 2 is marked important (C9)
    assert len(ids) == BATCH and Customer.select().count() == BATCH + 1
    zero, two, last = (Customer.get_by_id(ids[i]) for i in (0, 2, BATCH - 1))
    assert (zero.number, zero.id_no) == (f"KH{year}-009000", ID)
    assert callbacks.current_contact(zero).valid_from == date(2025, 5, 1)
    assert callbacks.current_address(zero).address == "东环路0号"
    assert callbacks.current_address(two) is None and two.important and two.owner_id == s.seller.id
    assert callbacks.current_contact(last).phone_tail == f"{BATCH - 1:08d}"[-4:]
    # the given number reserved, the others drawn after it as one block, in order
    drawn = [Customer.get_by_id(i).number for i in ids[1:]]
    assert drawn == [f"KH{year}-{9001 + i:06d}" for i in range(BATCH - 1)]
    assert CustomerContact.select().count() == BATCH + 1
    assert CustomerAddress.select().count() == BATCH - 1
    assert audit.AuditLog.select().count() == audits + BATCH


def test_C1_one_customer_is_a_batch_of_one_the_duplicate_a_warning_for_the_dialog(s):
    customer(s, "张三", "13812345678", id_no=ID)
    with pytest.raises(RuleViolation) as err:
        customer(s, "张叁", "13900001111", id_no=ID)
    assert "已属于客户「张三」" in err.value.zh and not isinstance(err.value, RowsRefused)
    with pytest.raises(RuleWarning) as warned:
        customer(s, "张三", "138 1234 5678")
    assert warned.value.key == callbacks.DUPLICATE_WARNING
    again = customer(s, "张三", "13812345678", acknowledged={warned.value.key})
    assert again.id_no is None


def test_C1_every_lookup_of_the_batch_reads_an_index(s, database):
    """ID numbers, customer numbers and phones are looked up on their indexes, so a batch
    costs the same in an archive of ten customers or of a million."""
    from models.callbacks import customer_batch
    from models.db import is_mysql

    wanted = {
        customer_batch.by_id_no: "id_no",
        customer_batch.by_number: "number",
        customer_batch.by_phone: "phone",
    }
    for build, column in wanted.items():
        sql, params = build(["a", "b"]).sql()
        if is_mysql():
            cursor = database.execute_sql("EXPLAIN " + sql, params)
            names = [d[0] for d in cursor.description]
            keys = " ".join(
                str(dict(zip(names, r, strict=True))["possible_keys"]) for r in cursor.fetchall()
            )
            assert column in keys, (column, keys)
        else:
            rows = database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
            plan = " ".join(str(r[-1]) for r in rows)
            assert "INDEX" in plan and f"({column}=?)" in plan, plan


def test_C1_the_check_half_writes_nothing_remembers_earlier_batches_and_the_write_rechecks(s):
    """What the import does: the file's batches checked one after the other with one
    ``seen`` (nothing written yet, so a second batch's clash with the first is found there),
    then written; a customer another desktop added in between is refused by the write half;
    numbers drawn by the write half are in the audit rows even when the payloads were made
    in the check pass."""
    seen: dict[str, object] = {}
    tables = (Customer, CustomerContact, CustomerAddress, audit.AuditLog)
    before = [t.select().count() for t in tables]
    first = archive(BATCH)
    for i, row in enumerate(first):
        row["number"] = f"KH-F{i:05d}"
    first[3]["id_no"] = ID
    checked = callbacks.check_customers(s.caller, first, seen)
    second = [
        {"name": f"新客户{i}", "phone": f"137{i:08d}", "number": f"KH-G{i:05d}"} for i in range(10)
    ]
    second[1]["id_no"] = ID  # the first batch's row 3
    second[2]["number"] = "kh-f00007"  # the first batch's number
    second[3].update(name="客户9", phone="13900000009")  # the first batch's name and phone
    with pytest.raises(RowsRefused) as err:
        callbacks.check_customers(s.caller, second, seen)
    assert [(i, p.rule, p.field) for i, p in err.value.problems] == [
        (1, "C1", "id_no"),
        (2, "C1", "number"),
        (3, "C1", "name"),
    ]
    assert [t.select().count() for t in tables] == before  # the check half reads only
    customer(s, "别人", "13700000000", number="KH-F00100")  # another desktop, meanwhile
    with pytest.raises(RowsRefused) as taken:
        callbacks.write_customers(s.caller, checked, recheck=True)
    assert [(i, p.field) for i, p in taken.value.problems] == [(100, "number")]
    rows = [row for row in checked if row[0]["number"] != "KH-F00100"]
    ids = callbacks.write_customers(s.caller, rows, recheck=True)
    assert len(ids) == BATCH - 1
    drawn = callbacks.check_customers(
        s.caller, [{"name": f"又一位{i}", "phone": f"136{i:08d}"} for i in range(2)]
    )
    payloads = audit.created_payloads([c for c, _ in drawn])
    (one, _) = callbacks.write_customers(s.caller, drawn, payloads=payloads)
    number = Customer.get_by_id(one).number
    assert number.startswith("KH") and audit.history("customer", one)[0].changes_dict()[
        "number"
    ] == [None, number]


def test_C9_only_service_management_adds_a_customer_marked_important(s):
    """重要客户 is 客服管理's call (``set_important``): a 客服 adding or importing a customer
    marked important is refused for that row and nothing is written; 客服管理 may."""
    row = {**archive(1)[0], "important": True, "important_reason": "年度大客户"}
    before = Customer.select().count()
    with pytest.raises(RowsRefused) as err:
        callbacks.add_customers(s.caller, [row])
    [(index, problem)] = err.value.problems
    assert (index, problem.rule, problem.field) == (0, "C9", "important")
    assert Customer.select().count() == before
    [added] = callbacks.add_customers(s.manager, [row])
    assert Customer.get_by_id(added).important
