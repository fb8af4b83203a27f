"""S1 and S8 for a batch, on SQLite and MariaDB: ``supplies.add_items`` is the one door of the
catalogue (``add_item`` is a batch of one), ``supplies.set_opening_balances`` the one door of
the opening balances (``set_opening_balance`` a batch of one). A large batch with one bad row
of each kind writes nothing and names every bad row; the duplicate check reads an index
(migration 11)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models import audit, supplies
from models.db import is_mysql
from models.errors import RowsRefused, RuleViolation, RuleWarning
from models.supplies import Item, Movement

BATCH = 3000  # more than one IN (...) chunk and more than one importer batch


def catalogue(n: int, start: int = 0) -> list[dict[str, object]]:
    return [
        {
            "code": f"BT{start + i:06d}",
            "name": f"物品{start + i}",
            "category": "文具",
            "unit": "个",
            "specification": f"规格{i % 7}",
            "reorder_level": i % 10,
            "price": "1.50",
        }
        for i in range(n)
    ]


def test_S1_a_batch_inserts_every_item_with_its_audit_row(office):
    lg = office.logistics
    audits = audit.AuditLog.select().count()
    made = supplies.add_items(lg, catalogue(BATCH))
    assert len(made) == BATCH and Item.select().count() == BATCH
    assert [Item.get_by_id(i).code for i in made[:2]] == ["BT000000", "BT000001"]
    stored = Item.get(Item.code == "BT000002")
    assert (stored.id, stored.name_search.split()[-1]) == (made[2], "物品2")
    assert audit.AuditLog.select().count() == audits + BATCH
    row = audit.history("item", made[1])[0]
    assert row.action == "create" and row.actor_name == lg.display_name
    assert row.changes_dict()["specification"] == [None, "规格1"]


def test_S1_X3_the_batch_refuses_one_bad_row_of_each_kind_writes_nothing_and_names_each(office):
    lg = office.logistics
    supplies.add_item(lg, code="OLD001", name="已有物品", category="纸本", unit="包")
    rows = catalogue(BATCH)
    rows[10]["name"] = rows[5]["name"]  # same name …
    rows[10]["specification"] = rows[5]["specification"]  # … and specification in the batch
    rows[700]["name"], rows[700]["specification"] = "已有物品", ""  # as one in the catalogue
    rows[1400]["code"] = "old001"  # a code the catalogue holds (codes fold to upper case)
    rows[2000]["name"] = "长" * 101  # longer than the column
    rows[2500]["reorder_level"] = "很多"  # not a number
    rows[2999]["unit"] = "  "  # required, empty
    before = (Item.select().count(), audit.AuditLog.select().count())
    with pytest.raises(RowsRefused) as err:
        supplies.add_items(lg, rows)
    problems = {i: (p.rule, p.field) for i, p in err.value.problems}
    assert problems == {
        10: ("S1", "name"),
        700: ("S1", "name"),
        1400: (None, "code"),
        2000: (None, "name"),
        2500: ("S1", "reorder_level"),
        2999: ("S1", "unit"),
    }
    assert err.value.rule == "S1"  # the first problem's rule
    assert (Item.select().count(), audit.AuditLog.select().count()) == before


def test_S1_one_item_is_a_batch_of_one_and_refused_with_its_own_violation(office):
    lg = office.logistics
    supplies.add_item(lg, name="订书机", category="文具", unit="个", specification="24/6")
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(lg, name="订书机", category="文具", unit="个", specification="24/6")
    assert not isinstance(err.value, RowsRefused)
    assert (err.value.rule, err.value.field) == ("S1", "name")
    with pytest.raises(RuleViolation) as err:
        supplies.add_item(lg, name="长" * 101, category="文具", unit="个")
    assert (err.value.rule, err.value.field) == (None, "name")
    with pytest.raises(RuleViolation) as err:
        supplies.add_items(office.clerk, catalogue(3))
    assert err.value.rule == "X1"
    assert Item.select().count() == 1


def test_S1_generated_codes_follow_the_series_and_never_take_a_code_of_the_batch(office):
    lg = office.logistics
    supplies.add_item(lg, name="中性笔", category="书写工具", unit="支")  # SX0001
    made = supplies.add_items(
        lg,
        [
            {"name": "铅笔", "category": "书写工具", "unit": "支"},
            {"name": "钢笔", "category": "书写工具", "unit": "支", "code": "sx0007"},
            {"name": "签字笔", "category": "书写工具", "unit": "支"},
            {"name": "A4纸", "category": "纸本", "unit": "包"},
        ],
    )
    assert [Item.get_by_id(i).code for i in made] == ["SX0008", "SX0007", "SX0009", "ZB0001"]


def test_S1_the_duplicate_check_reads_an_index(database):
    """Migration 11 indexes (name, specification); run again it changes nothing, and on a
    database without the index it adds it."""
    table = Item._meta.table_name

    def indexed() -> bool:
        return any(
            tuple(i.columns) == ("name", "specification") for i in database.get_indexes(table)
        )

    assert indexed()
    supplies.migrate_11(database)  # a no-op where migration 3 made the index
    database.execute_sql("DROP INDEX item_name_specification" + (" ON item" if is_mysql() else ""))
    assert not indexed()
    supplies.migrate_11(database)
    assert indexed()
    query = Item.select(Item.name, Item.specification).where(
        Item.name.in_(["a", "b"]) & Item.voided_at.is_null()
    )
    sql, params = query.sql()
    explain = "EXPLAIN " if is_mysql() else "EXPLAIN QUERY PLAN "
    plan = " ".join(str(r) for r in database.execute_sql(explain + sql, params).fetchall())
    assert "item_name_specification" in plan


def test_S8_opening_balances_in_a_batch_refuse_each_bad_row_and_write_nothing(office):
    lg = office.logistics
    ids = supplies.add_items(lg, catalogue(BATCH))
    supplies.set_opening_balance(
        lg, item=Item.get_by_id(ids[3]), quantity=5
    )  # its ledger is not empty now
    rows = [{"item": item_id, "quantity": 10 + i % 5} for i, item_id in enumerate(ids)]
    rows[3]["quantity"] = 7  # the item with a ledger already
    rows[1200] = {"item": ids[800], "quantity": 2}  # the same item twice in the batch
    rows[1500]["quantity"] = 0  # not above zero
    rows[2000]["quantity"] = "很多"  # not a number
    rows[2500]["unit_price"] = "-1"  # a negative price
    before = (Movement.select().count(), Item.get_by_id(ids[800]).on_hand)
    with pytest.raises(RowsRefused) as err:
        supplies.set_opening_balances(lg, rows)
    problems = {i: (p.rule, p.field) for i, p in err.value.problems}
    assert problems == {
        3: ("S8", None),
        1200: ("S8", None),
        1500: (None, "quantity"),
        2000: (None, "quantity"),
        2500: (None, "unit_price"),
    }
    assert err.value.rule == "S8"  # the first problem's rule
    assert (Movement.select().count(), Item.get_by_id(ids[800]).on_hand) == before


def test_S8_a_batch_of_opening_balances_lands_as_ledger_movements(office):
    lg = office.logistics
    ids = supplies.add_items(lg, catalogue(BATCH))
    rows = [
        {"item": item_id, "quantity": 1 + i % 5, "unit_price": "2.50"}
        for i, item_id in enumerate(ids)
    ]
    supplies.set_opening_balances(lg, rows)
    assert Movement.select().count() == BATCH
    stored = Item.get_by_id(ids[7])
    assert (stored.on_hand, stored.price) == (1 + 7 % 5, Decimal("2.50"))
    assert supplies.ledger_mismatches() == []
    with pytest.raises(RuleViolation) as err:  # one row: its own violation
        supplies.set_opening_balance(lg, item=Item.get_by_id(ids[0]), quantity=3)
    assert err.value.rule == "S8" and not isinstance(err.value, RowsRefused)
    with pytest.raises(RuleViolation) as err:
        supplies.set_opening_balances(office.clerk, rows[:2])
    assert err.value.rule == "X1"


def dealers(n: int) -> list[dict[str, object]]:
    return [
        {"name": f"第{i}文具店", "contact": "王", "phone": "010-1234", "address": f"东环路{i}号"}
        for i in range(n)
    ]


def test_S2_S3_X3_a_batch_of_suppliers_refuses_each_bad_row_and_writes_nothing(office):
    """``supplies.add_suppliers`` is the one door of the register (``add_supplier`` a batch
    of one): one bad row of each kind in a large batch, every one named, none written."""
    supplies.add_supplier(office.logistics, name="城东文具店")
    rows = dealers(BATCH)
    rows[10]["name"] = rows[3]["name"]  # twice in the batch
    rows[700]["name"] = " 城东文具店 "  # on the register already (spaces trimmed)
    rows[1400]["name"] = "  "  # no name
    rows[1800].update(kind="central", categories=["纸本"])  # S3: the channel is no dealer
    rows[2000]["categories"] = ["家具"]  # not a category
    rows[2200]["address"] = "路" * 201  # longer than the column
    rows[2999]["kind"] = "外地"  # not a kind
    tables = (supplies.Supplier, supplies.CategorySupplier, audit.AuditLog)
    before = [t.select().count() for t in tables]
    with pytest.raises(RowsRefused) as err:
        supplies.add_suppliers(office.logistics, rows)
    problems = {i: (p.rule, p.field) for i, p in err.value.problems}
    assert problems == {
        10: (None, "name"),
        700: (None, "name"),
        1400: (None, "name"),
        1800: ("S3", "categories"),
        2000: ("S1", "categories"),
        2200: (None, "address"),
        2999: (None, "kind"),
    }
    assert [t.select().count() for t in tables] == before
    with pytest.raises(RuleViolation) as role:
        supplies.add_suppliers(office.clerk, dealers(1))
    assert role.value.rule == "X1"


def test_S2_a_batch_designates_its_dealers_in_bulk_and_warns_on_the_lists_it_leaves(office):
    rows = dealers(BATCH)
    for row in rows[:2]:
        row["categories"] = ["书写工具", "纸本"]
    rows[2]["categories"] = ["纸本"]
    rows[3]["categories"] = ["文具"]  # alone on the 文具 list: S2 asks first
    with pytest.raises(RuleWarning) as warned:
        supplies.add_suppliers(office.logistics, rows)
    assert warned.value.rule == "S2" and supplies.Supplier.select().count() == 0
    audits = audit.AuditLog.select().count()
    ids = supplies.add_suppliers(office.logistics, rows, acknowledged={warned.value.key})
    assert len(ids) == BATCH == supplies.Supplier.select().count()
    named = [s.name for s in supplies.designated_suppliers("paper")]
    assert sorted(named) == ["第0文具店", "第1文具店", "第2文具店"]
    assert [s.name for s in supplies.designated_suppliers("writing")][:2] == named[:2]
    assert audit.AuditLog.select().count() == audits + BATCH + 6  # one create each, 6 lists
    row = supplies.CategorySupplier.get(supplies.CategorySupplier.supplier == ids[3])
    trail = audit.history("category_supplier", row.id)[0].changes_dict()
    assert trail == {"category": [None, "stationery"], "supplier": [None, "第3文具店"]}
    four = dealers(1)
    four[0].update(name="第四家", categories=["纸本"])  # a fourth dealer of 纸本: S2 asks
    with pytest.raises(RuleWarning):
        supplies.add_suppliers(office.logistics, four, acknowledged={warned.value.key})


def test_S3_one_supplier_is_a_batch_of_one_and_refused_with_its_own_violation(office):
    supplies.add_supplier(office.logistics, name="城东文具店")
    with pytest.raises(RuleViolation) as err:
        supplies.add_supplier(office.logistics, name="城东文具店")
    assert err.value.field == "name" and not isinstance(err.value, RowsRefused)
    centre = supplies.add_supplier(office.logistics, name="采购中心", kind="central")
    assert centre.kind == "central" and centre.name_search
