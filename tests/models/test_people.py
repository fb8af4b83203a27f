"""People, roles and login (X1)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from models import audit, passwords, people, settings
from models.errors import RuleViolation
from models.people import SYSTEM, Role, User
from tests.office import PASSWORD

T0 = datetime(2026, 11, 3, 8, 30)


def test_passwords_are_salted_scrypt_hashes_never_clear(office):
    row = User.get_by_id(office.clerk.id)
    assert row.password_hash.startswith("scrypt$")
    assert PASSWORD not in row.password_hash
    other = User.get_by_id(office.head.id)
    assert row.password_hash != other.password_hash  # same password, different salt
    logged = " ".join(a.changes + (a.note or "") for a in audit.AuditLog.select())
    assert PASSWORD not in logged and row.password_hash not in logged


def test_the_demo_hashes_its_one_shared_password_once_and_only_inside_its_block(office):
    with passwords.one_hash_per_password():
        a = people.add_user(SYSTEM, "demo_a", "演示甲", "shared-pass-1", roles=[Role.CLERK])
        b = people.add_user(SYSTEM, "demo_b", "演示乙", "shared-pass-1", roles=[Role.CLERK])
        c = people.add_user(SYSTEM, "demo_c", "演示丙", "other-pass-1", roles=[Role.CLERK])
    d = people.add_user(SYSTEM, "demo_d", "演示丁", "shared-pass-1", roles=[Role.CLERK])
    hashes = {u: User.get_by_id(u.id).password_hash for u in (a, b, c, d)}
    assert hashes[a] == hashes[b]  # one scrypt run for the shared password
    assert hashes[c] != hashes[a] and hashes[d] != hashes[a]  # other password; after the block
    assert people.authenticate("demo_b", "shared-pass-1", at=T0).id == b.id
    assert people.authenticate("demo_d", "shared-pass-1", at=T0).id == d.id


def test_login_with_the_right_password(office):
    user = people.authenticate("zhangsan", PASSWORD, at=T0)
    assert user.id == office.clerk.id and user.last_login_at == T0


def test_wrong_user_and_wrong_password_read_the_same(office):
    with pytest.raises(RuleViolation) as a:
        people.authenticate("zhangsan", "wrong-pass", at=T0)
    with pytest.raises(RuleViolation) as b:
        people.authenticate("nobody", "wrong-pass", at=T0)
    assert str(a.value) == str(b.value) == "用户名或密码错误 / wrong user name or password"


def test_five_failures_lock_for_fifteen_minutes(office):
    for _ in range(5):
        with pytest.raises(RuleViolation) as refusal:
            people.authenticate("zhangsan", "bad-password", at=T0)
        assert refusal.value.rule is None  # a plain input check
    with pytest.raises(RuleViolation) as err:
        people.authenticate("zhangsan", PASSWORD, at=T0 + timedelta(minutes=14))
    assert "锁定" in str(err.value)
    assert people.authenticate("zhangsan", PASSWORD, at=T0 + timedelta(minutes=16))


def test_lockout_limits_are_settings(office):
    settings.put(office.admin, "login.max_failures", 2)
    settings.put(office.admin, "login.lock_minutes", 60)
    for _ in range(2):
        with pytest.raises(RuleViolation) as refusal:
            people.authenticate("zhangsan", "bad-password", at=T0)
        assert refusal.value.rule is None  # a plain input check
    with pytest.raises(RuleViolation) as refusal:
        people.authenticate("zhangsan", PASSWORD, at=T0 + timedelta(minutes=59))
    assert refusal.value.rule is None  # a plain input check
    assert people.authenticate("zhangsan", PASSWORD, at=T0 + timedelta(minutes=61))


def test_success_resets_the_failure_count(office):
    for _ in range(4):
        with pytest.raises(RuleViolation) as refusal:
            people.authenticate("zhangsan", "bad-password", at=T0)
        assert refusal.value.rule is None  # a plain input check
    people.authenticate("zhangsan", PASSWORD, at=T0)
    for _ in range(4):
        with pytest.raises(RuleViolation) as refusal:
            people.authenticate("zhangsan", "bad-password", at=T0)
        assert refusal.value.rule is None  # a plain input check
    assert people.authenticate("zhangsan", PASSWORD, at=T0)


def test_admin_lock_and_unlock(office):
    people.lock_user(office.admin, office.clerk)
    with pytest.raises(RuleViolation) as err:
        people.authenticate("zhangsan", PASSWORD, at=T0)
    assert "管理员锁定" in str(err.value)
    people.unlock_user(office.admin, User.get_by_id(office.clerk.id))
    assert people.authenticate("zhangsan", PASSWORD, at=T0)


def test_voided_user_cannot_log_in(office):
    people.void_user(office.admin, office.clerk, "离职")
    with pytest.raises(RuleViolation) as refusal:
        people.authenticate("zhangsan", PASSWORD, at=T0)
    assert refusal.value.rule is None  # a plain input check


def test_first_administrator_only_once(database):
    admin = people.create_first_admin("root", "first-pass-1")
    assert admin.roles == {Role.ADMIN}
    with pytest.raises(RuleViolation) as err:
        people.create_first_admin("root2", "first-pass-1")
    assert err.value.rule == "X1"


def test_X1_only_administrators_manage_users(office):
    with pytest.raises(RuleViolation) as err:
        people.add_user(office.leader, "x1", "某人", "password-1")
    assert err.value.rule == "X1" and "管理员" in str(err.value)
    with pytest.raises(RuleViolation) as refusal:
        people.set_roles(office.head, office.clerk, [Role.ADMIN])
    assert refusal.value.rule == "X1"
    with pytest.raises(RuleViolation) as refusal:
        settings.put(office.leader, "fleet.costly_part_threshold", 1)
    assert refusal.value.rule == "X1"


def test_a_user_may_hold_several_roles(office):
    people.set_roles(office.admin, office.clerk, [Role.CLERK, Role.LOGISTICS, Role.TRAINING])
    fresh = User.get_by_id(office.clerk.id)
    assert fresh.roles == {Role.CLERK, Role.LOGISTICS, Role.TRAINING}
    assert fresh.has_role(Role.TRAINING) and not fresh.has_role(Role.LEADER)
    assert {u.id for u in people.users_with_role(Role.LOGISTICS)} == {
        office.clerk.id,
        office.logistics.id,
    }


def test_password_rules(office):
    with pytest.raises(RuleViolation) as err:
        people.add_user(office.admin, "short", "短密码", "abc")
    assert err.value.field == "password"
    with pytest.raises(RuleViolation) as refusal:
        people.change_password(office.clerk, office.clerk, "new-password", old_password="wrong")
    assert refusal.value.rule is None  # a plain input check
    people.change_password(office.clerk, office.clerk, "new-password", old_password=PASSWORD)
    assert people.authenticate("zhangsan", "new-password", at=T0)
    with pytest.raises(RuleViolation) as refusal:
        people.change_password(office.head, office.clerk, "other-password")
    assert refusal.value.rule == "X1"
    people.change_password(office.admin, office.clerk, "reset-by-admin")
    assert people.authenticate("zhangsan", "reset-by-admin", at=T0)


def test_duplicate_names_are_refused(office):
    with pytest.raises(RuleViolation) as err:
        people.add_user(office.admin, "zhangsan", "张三二", PASSWORD)
    assert err.value.field == "username"
    with pytest.raises(RuleViolation) as refusal:
        people.add_department(office.admin, "办公室")
    assert refusal.value.rule is None  # a plain input check
    with pytest.raises(RuleViolation) as refusal:
        people.add_department(office.admin, "新部门", "处室")
    assert refusal.value.rule is None  # a plain input check


def test_department_heads_and_pinyin_search_key(office):
    assert [u.name for u in people.department_heads(office.squad.id)] == ["赵六"]
    assert User.get_by_id(office.clerk.id).name_search.startswith("zs zhangsan")
    found = User.select().where(User.name_search.contains("zs"))
    assert [u.name for u in found] == ["张三"]


def test_command_line_actor_is_an_administrator(database):
    dept = people.add_department(SYSTEM, "财务科")
    row = audit.history("department", dept.id)[0]
    assert row.actor_id is None and row.actor_name == "系统（命令行）"


def test_user_names_are_case_insensitive_on_both_backends(office):
    assert people.authenticate(" ZhangSan ", PASSWORD, at=T0).id == office.clerk.id
    with pytest.raises(RuleViolation) as err:
        people.add_user(office.admin, "ZHANGSAN", "张三三", PASSWORD)
    assert err.value.field == "username"
    assert people.add_user(office.admin, "LiMing", "李明", PASSWORD).username == "liming"
