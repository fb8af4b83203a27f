"""Queries rendered once (models/prepared.py) give what peewee's own queries give, refuse what
they refuse, and on both backends."""

from __future__ import annotations

from datetime import datetime

import pytest

from models import people
from models.base import guarded_update
from models.db import connect_url
from models.errors import Conflict, RuleViolation
from models.people import SYSTEM, Department, Role, User
from models.prepared import Prepared
from models.workflow.tables import FlowVersion, Instance


def test_lookup_by_one_field_matches_peewee(database):
    dept = people.add_department(SYSTEM, "一中队", "中队")
    user = people.add_user(SYSTEM, "zhangsan", "张三", "Secret#2026", dept, [Role.CLERK])
    built = User.select().where(User.username == "zhangsan").get()  # peewee renders it
    for found in (
        User.get_by_id(user.id),
        User.get(User.username == "zhangsan"),
        User.get(user.id),
        User.get_for_update(User.id == user.id),
    ):
        assert found.__data__ == built.__data__
        assert not found.is_dirty()
    assert User.get_by_id(user.id).department.name == "一中队"  # a foreign key followed
    assert User.get_or_none(User.username == "nobody") is None
    with pytest.raises(User.DoesNotExist):
        User.get_by_id(10**9)
    assert User.get_for_update_or_none(User.id == 10**9) is None


def test_rows_made_directly_are_the_objects_peewee_makes(database):
    """A row of ``Model.select()`` is made without peewee's per-field ``setattr``: the same
    values in the same order, nothing dirty, a foreign key followed, as peewee's own."""
    dept = people.add_department(SYSTEM, "一中队", "中队")
    people.add_user(SYSTEM, "zhangsan", "张三", "Secret#2026", dept, [Role.CLERK])
    people.add_user(SYSTEM, "lisi", "李四", "Secret#2026", dept, [Role.CLERK])
    of_dept = Prepared(lambda d: User.select().where(User.department == d).order_by(User.id))
    for _run in range(2):  # the first run learns the columns, the next ones make rows directly
        found = of_dept.rows(dept.id)
        built = list(User.select().where(User.department == dept.id).order_by(User.id))
        assert [type(u) for u in found] == [User, User]
        for mine, peewees in zip(found, built, strict=True):
            assert list(mine.__data__.items()) == list(peewees.__data__.items())
            assert not mine.is_dirty() and mine.__rel__ == {}
            assert mine.department.name == "一中队" and mine.department_id == dept.id
    found[0].name = "张三丰"
    assert found[0].dirty_fields == [User.name]


def test_insert_of_a_new_row_refuses_a_text_too_long_on_both_backends(database):
    with pytest.raises(RuleViolation) as err:
        Department.create(name="长" * 101, kind="科室")
    assert "100" in str(err.value)
    assert not Department.select().where(Department.kind == "科室").exists()
    dept = Department.create(name="办公室", kind="科室")
    assert Department.get_by_id(dept.id).name == "办公室" and dept.id is not None


def test_prepared_select_binds_new_values_each_run(database):
    for name in ("甲", "乙"):
        Department.create(name=name, kind="中队")
    by_name = Prepared(lambda name: Department.select().where(Department.name == name))
    assert [d.name for d in by_name.rows("甲")] == ["甲"]
    assert by_name.first("乙").name == "乙"
    assert by_name.first("丙") is None
    count = Prepared(lambda kind: Department.select(Department.id).where(Department.kind == kind))
    assert len(count.rows("中队")) == 2
    with pytest.raises(ValueError):
        by_name.first(None)  # "= NULL" would match nothing: refused


def test_guarded_update_sets_null_and_refuses_a_stale_version(database):
    dept = people.add_department(SYSTEM, "办公室", "科室")
    user = people.add_user(SYSTEM, "lisi", "李四", "Secret#2026", dept, [Role.CLERK])
    flow = FlowVersion.create(
        doc_type="t", version=1, name="t", spec="{}", created_at=datetime(2026, 1, 1)
    )
    inst = Instance.create(
        doc_type="t", title="t", applicant=user, flow=flow, state="pending",
        submitted_at=datetime(2026, 1, 2), finished_at=datetime(2026, 1, 3),
    )  # fmt: skip
    guarded_update(inst, inst.version, state="approved", finished_at=None)
    fresh = Instance.get_by_id(inst.id)
    assert (fresh.state, fresh.finished_at, fresh.version) == ("approved", None, 2)
    with pytest.raises(Conflict):
        guarded_update(inst, 1, state="rejected")
    with pytest.raises(RuleViolation):
        guarded_update(inst, 2, title="长" * 201)
    assert Instance.get_by_id(inst.id).version == 2


def test_a_model_bound_to_another_database_is_read_and_written_there(sqlite_database, tmp_path):
    other = connect_url(f"sqlite:///{tmp_path / 'other.db'}")
    with other.bind_ctx([Department]):
        other.create_tables([Department])
        dept = Department.create(name="档案室", kind="科室")
        assert Department.get_by_id(dept.id).name == "档案室"
    assert Department.get_or_none(Department.name == "档案室") is None  # not in the office's
    other.close()
