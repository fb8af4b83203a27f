"""T1 and X3 for a batch of teachers, on SQLite and MariaDB: ``training.add_teachers`` is the
one door of the roll (``add_teacher`` a batch of one), and its two halves are what the
``teachers`` import runs: ``check_teachers`` over the whole file (reads only, ``seen``
carrying the earlier batches) and ``write_teachers`` in one short write transaction, which
checks the unique numbers again on their indexes. A large batch with one bad row of each
kind writes nothing and names every bad row."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models import audit, training
from models.errors import RowsRefused, RuleViolation
from models.text import id_check_digit
from tests.models.training_school import IDS, make_school

BATCH = 2500  # more than one IN (...) chunk and more than one importer batch


@pytest.fixture
def school(database):
    return make_school()


def id_number(i: int) -> str:
    """A valid ID number of its own for each ``i``."""
    body = f"330103{date(1970, 1, 1) + timedelta(days=i // 1000):%Y%m%d}{i % 1000:03d}"
    return body + id_check_digit(body)


def roll(n: int, start: int = 0) -> list[dict[str, object]]:
    return [
        {
            "staff_no": f"{start + i:06d}",
            "name": f"教师{start + i}",
            "id_number": id_number(start + i),
            "ce_no": f"JX{start + i:08d}",
            "subject": "数学",
            "hired_on": date(2010, 9, 1),
        }
        for i in range(n)
    ]


def counts() -> tuple[int, int]:
    return training.Teacher.select().count(), audit.AuditLog.select().count()


def test_T1_X3_the_batch_refuses_one_bad_row_of_each_kind_writes_nothing_and_names_each(school):
    rows = roll(BATCH)
    rows[10]["staff_no"] = 123  # a number: its zeros are lost (X3)
    rows[200]["id_number"] = "330103197001010017"  # a wrong check digit (X3)
    rows[300]["id_number"] = 3.30103197001e17  # what Excel leaves of a number cell (X3)
    rows[400]["staff_no"] = "0002"  # 刘一's 工号 (T1)
    rows[500]["id_number"] = IDS[1]  # 刘一's ID number (T1)
    rows[600]["ce_no"] = "ce20260003"  # 黄二's 继续教育编号, in other case (T1)
    rows[700]["staff_no"] = rows[5]["staff_no"]  # the 工号 of an earlier row (T1)
    rows[800]["id_number"] = rows[6]["id_number"]  # the ID number of an earlier row (T1)
    rows[900]["name"] = "\u200b "  # no name (T1)
    rows[1000]["hired_on"] = "去年"  # not a date (T1)
    rows[1500]["subject"] = "学" * 31  # longer than the column
    rows[2499]["title"] = "职称\x07"  # a control character
    before = counts()
    with pytest.raises(RowsRefused) as err:
        training.add_teachers(school.tangmin, rows)
    problems = {i: (p.rule, p.field) for i, p in err.value.problems}
    assert problems == {
        10: ("X3", "staff_no"),
        200: ("X3", "id_number"),
        300: ("X3", "id_number"),
        400: ("T1", "staff_no"),
        500: ("T1", "id_number"),
        600: ("T1", "ce_no"),
        700: ("T1", "staff_no"),
        800: ("T1", "id_number"),
        900: ("T1", "name"),
        1000: ("T1", "hired_on"),
        1500: (None, "subject"),
        2499: (None, "title"),
    }
    assert counts() == before
    with pytest.raises(RuleViolation) as role:  # the actor first (X1)
        training.add_teachers(school.o.clerk, roll(1))
    assert role.value.rule == "X1"


def test_T1_a_batch_writes_every_teacher_with_its_audit_row(school):
    before = counts()
    ids = training.add_teachers(school.tangmin, roll(BATCH))
    assert counts() == (before[0] + BATCH, before[1] + BATCH)
    last = training.Teacher.get_by_id(ids[-1])
    assert (last.staff_no, last.ce_no, last.status) == (
        f"{BATCH - 1:06d}",
        f"JX{BATCH - 1:08d}",
        "active",
    )
    created = audit.history("teacher", ids[0])[0]
    assert created.action == "create" and created.changes_dict()["staff_no"] == [None, "000000"]


def test_T1_X3_the_check_half_writes_nothing_remembers_earlier_batches_and_the_write_rechecks(
    school,
):
    """What the import does: the file's batches checked one after the other with one
    ``seen`` (nothing written yet, so a second batch's clash with the first is found there),
    then written; a 工号 another desktop took in between is refused by the write half."""
    s = school
    seen: dict[str, object] = {}
    before = counts()
    first = training.check_teachers(s.tangmin, roll(2000), seen)
    second = roll(1000, start=2000)
    second[3]["staff_no"] = "000007"  # the first batch's
    second[4]["id_number"] = id_number(8)
    second[5]["ce_no"] = "JX00000009"
    with pytest.raises(RowsRefused) as err:
        training.check_teachers(s.tangmin, second, seen)
    assert [(i, p.rule, p.field) for i, p in err.value.problems] == [
        (3, "T1", "staff_no"),
        (4, "T1", "id_number"),
        (5, "T1", "ce_no"),
    ]
    assert counts() == before  # the check half reads only
    training.add_teacher(s.tangmin, staff_no="000100", name="别人", id_number=IDS[5])
    with pytest.raises(RowsRefused) as taken:
        training.write_teachers(s.tangmin, first, recheck=True)
    assert [(i, p.field) for i, p in taken.value.problems] == [(100, "staff_no")]
    good = [row for row in first if row["staff_no"] != "000100"]
    ids = training.write_teachers(s.tangmin, good, recheck=True)
    assert len(ids) == 1999 and counts() == (before[0] + 2000, before[1] + 2000)
