"""Audit trail and voiding (X2)."""

from __future__ import annotations

import peewee
import pytest

from models import audit, people
from models.audit import AuditLog
from models.errors import RuleViolation
from models.people import Department


def test_X2_every_change_leaves_who_when_old_and_new(office):
    people.update_user(office.admin, office.clerk, name="张叁", phone="13800000000")
    row = audit.history("user", office.clerk.id)[-1]
    assert row.action == "update" and row.actor_name == "系统管理员"
    changes = row.changes_dict()
    assert changes["name"] == ["张三", "张叁"] and changes["phone"] == ["", "13800000000"]
    assert row.at is not None


def test_X2_unchanged_values_write_no_audit_row(office):
    before = AuditLog.select().count()
    people.update_user(office.admin, office.clerk, name="张三")
    assert AuditLog.select().count() == before


def test_X2_records_are_voided_with_a_reason_never_deleted(office):
    dept = people.add_department(office.admin, "临时组")
    with pytest.raises(RuleViolation) as err:
        audit.void(office.admin, dept, "  ")
    assert err.value.rule == "X2"
    audit.void(office.admin, dept, "机构调整")
    row = Department.get_by_id(dept.id)
    assert row.is_voided and row.void_reason == "机构调整"
    assert audit.history("department", dept.id)[-1].action == "void"
    with pytest.raises(RuleViolation) as refusal:
        audit.void(office.admin, row, "again")
    assert refusal.value.rule == "X2"


def test_X2_audit_log_is_append_only_in_the_database(office):
    with pytest.raises(peewee.DatabaseError), AuditLog._meta.database.atomic():
        AuditLog.update(actor_name="someone else").execute()
    with pytest.raises(peewee.DatabaseError), AuditLog._meta.database.atomic():
        AuditLog.delete().execute()
    assert AuditLog.select().where(AuditLog.actor_name == "someone else").count() == 0


def test_X2_a_failed_use_case_leaves_no_audit_row(office):
    before = AuditLog.select().count()
    with pytest.raises(RuleViolation) as refusal:
        people.add_user(office.admin, "newbie", "新人", "short")
    assert refusal.value.rule is None  # a plain input check
    assert AuditLog.select().count() == before


def test_X2_an_amount_written_again_in_another_notation_is_no_change(office):
    from decimal import Decimal

    from models import supplies

    item = supplies.add_item(
        office.logistics, name="订书钉", category="文具", unit="盒", price="2.5"
    )
    before = AuditLog.select().count()
    assert supplies.update_item(office.logistics, item, price=Decimal("2.50")) == {}
    assert AuditLog.select().count() == before


def test_X2_a_batch_audit_payload_is_the_text_one_record_would_get(office):
    """``create_many`` joins each row's audit JSON from per-column texts: it must be what
    the encoder writes for that row alone, character for character, for every kind of value
    a use case hands it (text needing escapes, numbers, booleans, dates, amounts, records,
    floats, a missing value)."""
    from datetime import date, datetime
    from decimal import Decimal

    dept = Department.get()
    rows = [
        {
            "text": '引号"反斜杠\\换行\n制表\t',
            "n": 7,
            "flag": True,
            "day": date(2026, 11, 30),
            "at": datetime(2026, 11, 30, 8, 5),
            "price": Decimal("12.50"),
            "dept": dept,
            "ratio": 0.1,
            "none": None,
        },
        {
            "text": "",
            "n": -3,
            "flag": False,
            "day": None,
            "at": None,
            "price": Decimal("0"),
            "dept": None,
            "ratio": float("inf"),
            "none": None,
        },
    ]
    single = [
        audit._payload({k: (None, v) for k, v in row.items() if v is not None}) for row in rows
    ]
    assert audit.created_payloads(rows) == single
