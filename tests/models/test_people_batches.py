"""X1 and X3 for batches of departments and users, on SQLite and MariaDB:
``people.add_departments`` and ``people.add_users`` are the one door of each register
(``add_department``/``add_user`` a batch of one). A large batch with one bad row of each
kind writes nothing and names every bad row."""

from __future__ import annotations

import pytest

from models import audit, people
from models.errors import RowsRefused, RuleViolation
from models.people import Department, Role, User, UserRole
from tests.office import PASSWORD

BATCH = 2500


def departments(n: int) -> list[dict[str, object]]:
    return [{"name": f"第{i}科", "kind": "科室"} for i in range(n)]


def test_X3_a_batch_of_departments_refuses_each_bad_row_and_writes_nothing(office):
    rows = departments(BATCH)
    rows[10]["name"] = rows[3]["name"]  # twice in the batch
    rows[700]["name"] = " 一中队 "  # in the register already (spaces trimmed)
    rows[1400]["name"] = "\u200b "  # no name: invisible characters only
    rows[1800]["kind"] = "大队"  # not a kind
    rows[2000]["sort_key"] = 2.5  # not a whole number
    rows[2200]["name"] = "科" * 101  # longer than the column
    before = (Department.select().count(), audit.AuditLog.select().count())
    with pytest.raises(RowsRefused) as err:
        people.add_departments(office.admin, rows)
    problems = {i: p.field for i, p in err.value.problems}
    assert problems == {
        10: "name",
        700: "name",
        1400: "name",
        1800: "kind",
        2000: "sort_key",
        2200: "name",
    }
    assert "已存在" in dict(err.value.problems)[700].zh
    assert (Department.select().count(), audit.AuditLog.select().count()) == before
    with pytest.raises(RuleViolation) as role:
        people.add_departments(office.clerk, departments(2))
    assert role.value.rule == "X1"


def test_X3_a_batch_of_departments_is_written_with_its_order_and_audit_rows(office):
    rows = departments(BATCH)
    rows[5] = {"name": "十二中队", "kind": "中队"}
    rows[6] = {"name": "后勤科", "sort_key": 3}
    audits = audit.AuditLog.select().count()
    ids = people.add_departments(office.admin, rows)
    assert len(ids) == BATCH and Department.select().count() == BATCH + 2
    assert Department.get_by_id(ids[5]).sort_key == people.natural_sort_key("十二中队", "中队")
    assert (Department.get_by_id(ids[6]).kind, Department.get_by_id(ids[6]).sort_key) == (
        "科室",
        3,
    )
    assert audit.AuditLog.select().count() == audits + BATCH
    created = audit.history("department", ids[-1])[0].changes_dict()
    assert created["name"] == [None, f"第{BATCH - 1}科"]


def test_X3_one_department_is_a_batch_of_one_and_refused_with_its_own_violation(office):
    with pytest.raises(RuleViolation) as err:
        people.add_department(office.admin, "一中队", "中队")
    assert err.value.field == "name" and not isinstance(err.value, RowsRefused)
    with pytest.raises(RuleViolation) as err:
        people.add_department(office.clerk, "二中队", "中队")
    assert err.value.rule == "X1"
    assert people.add_department(office.admin, "二中队", "中队").sort_key == 1002


def users(n: int) -> list[dict[str, object]]:
    return [
        {"username": f"u{i:05d}", "name": f"用户{i}", "password": PASSWORD, "roles": []}
        for i in range(n)
    ]


def test_X1_X3_a_batch_of_users_refuses_each_bad_row_and_writes_nothing(office):
    rows = users(BATCH)
    rows[10]["username"] = "U00003"  # the same account as row 3 (case folded)
    rows[700]["username"] = "ｚｈａｎｇｓａｎ"  # 张三 has it (full width folded)
    rows[1400]["username"] = " "  # no user name
    rows[1600]["name"] = ""  # no name
    rows[1800]["password"] = "short"  # too short
    rows[2000]["roles"] = ["chief"]  # not a role
    rows[2200]["phone"] = "1" * 33  # longer than the column
    before = (User.select().count(), UserRole.select().count(), audit.AuditLog.select().count())
    with pytest.raises(RowsRefused) as err:
        people.add_users(office.admin, rows)
    problems = {i: p.field for i, p in err.value.problems}
    assert problems == {
        10: "username",
        700: "username",
        1400: "username",
        1600: "name",
        1800: "password",
        2000: "roles",
        2200: "phone",
    }
    counts = (User.select().count(), UserRole.select().count(), audit.AuditLog.select().count())
    assert counts == before
    with pytest.raises(RuleViolation) as role:
        people.add_users(office.logistics, users(1))
    assert role.value.rule == "X1"


def test_X1_a_batch_of_users_is_written_with_roles_and_audit_rows_and_can_log_in(office):
    rows = users(200)
    rows[0].update(department=office.squad, roles=[Role.FLEET_MANAGER, Role.CLERK], phone="110")
    audits = audit.AuditLog.select().count()
    ids = people.add_users(office.admin, rows)
    first = User.get_by_id(ids[0])
    assert (first.department_id, first.phone, first.name_search[:4]) == (
        office.squad.id,
        "110",
        "yh0 ",
    )
    assert first.roles == {Role.FLEET_MANAGER, Role.CLERK}
    assert User.get_by_id(ids[1]).roles == frozenset()
    assert audit.AuditLog.select().count() == audits + 200 + 1  # one create each, one roles
    trail = {e.action: e.changes_dict() for e in audit.history("user", ids[0])}
    assert trail["roles"] == {"roles": [[], ["clerk", "fleet_manager"]]}
    assert trail["create"]["password_hash"] == ["***", "***"]  # never in the log
    assert people.authenticate("u00199", PASSWORD).id == ids[-1]


def test_X1_one_user_is_a_batch_of_one_and_refused_with_its_own_violation(office):
    with pytest.raises(RuleViolation) as err:
        people.add_user(office.admin, "ZhangSan", "张三", PASSWORD)
    assert err.value.field == "username" and not isinstance(err.value, RowsRefused)
    assert "已被使用" in err.value.zh
    user = people.add_user(office.admin, "lisi2", "李四", PASSWORD, office.office, [Role.CLERK])
    assert user.roles == {Role.CLERK} and user.department_id == office.office.id
