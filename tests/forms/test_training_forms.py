"""The training forms (T3, T4) on SQLite and MariaDB: the credit register and the county
bureau's register read back with openpyxl (工号 and ID numbers string cells with their zeros,
学时 and 学分 numeric cells), the 签到表 read back with pypdf (roster, signature columns, the
CJK font embedded)."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from forms.excel_export import export_register
from forms.printing import print_form
from forms.training import write_bureau_register, write_sign_in_sheet
from models import training
from models.errors import RuleViolation
from tests.models.test_training_credits import hold_term
from tests.models.training_school import IDS, make_school


@pytest.fixture
def school(database):
    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    present = ("出勤", None)

    def marks_for(i: int):  # 黄二 truant at the first session, 刘一 late at the second
        marks = {t: present for t in range(4)}
        if i == 0:
            marks[2] = ("缺席", None)
        if i == 1:
            marks[1] = ("迟到", 10)
        return 0, marks

    s.sessions = hold_term(s, marks_for)
    at = datetime(2027, 1, 25, 9, 0)
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1, at=at)
    reg = training.submit_credit_register(s.tangmin, reg, at=at)
    s.register = training.approve_credit_register(s.o.leader, reg, at=at)
    return s


def _table(path) -> tuple[list[str], list[list]]:
    """The header row (the row that starts with the register's first label) and the cells
    of the rows under it, up to the 合计 row."""
    ws = load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows())
    at = next(i for i, r in enumerate(rows) if r[0].value in ("登记单号", "序号"))
    header = [c.value for c in rows[at]]
    body = []
    for r in rows[at + 1 :]:
        if r[0].value == "合计":
            break
        body.append(list(r))
    return header, body


def test_T4_credit_register_in_excel_keeps_staff_no_as_text_and_credits_as_numbers(
    school, tmp_path
):
    s = school
    out = tmp_path / "credits.xlsx"
    result = export_register("credit-register", out, filters={"register": s.register.number})
    assert result.rows == 4
    header, body = _table(out)
    col = {label: i for i, label in enumerate(header)}
    first = body[0]
    assert first[col["工号"]].value == "0001" and first[col["工号"]].data_type == "s"
    assert first[col["登记单号"]].value == s.register.number
    assert first[col["状态"]].value == "已审定"
    by_no = {r[col["工号"]].value: r for r in body}
    huang = by_no["0003"]
    assert huang[col["旷课"]].value == 1 and huang[col["旷课"]].data_type == "n"
    assert by_no["0002"][col["迟到"]].value == 1
    for key in ("计入学时", "学分"):
        assert all(r[col[key]].data_type == "n" for r in body), key
    line = next(ln for ln in training.lines_of(s.register) if ln.teacher.staff_no == "0003")
    assert huang[col["学分"]].value == pytest.approx(float(line.credits))


def test_T4_an_import_of_the_credit_register_is_refused_with_the_rule(school, tmp_path):
    from forms.excel_import import import_file

    out = tmp_path / "credits.xlsx"
    export_register("credit-register", out)
    result = import_file("credit-register", out, actor=school.tangmin, mode="update")
    assert not result.committed


def test_T4_bureau_register_keeps_ids_and_staff_no_as_text_with_numeric_hours(school, tmp_path):
    out = tmp_path / "bureau.xlsx"
    result = write_bureau_register("2026-2027", out, unit="城关中学")
    assert result.rows == 4
    header, body = _table(out)
    col = {label: i for i, label in enumerate(header)}
    for label in ("工号", "继续教育编号", "身份证号", "校本研修学时", "学分"):
        assert label in col, label
    first = body[0]
    assert first[col["工号"]].value == "0001" and first[col["工号"]].data_type == "s"
    ids = [r[col["身份证号"]] for r in body]
    assert [c.value for c in ids] == IDS[:4]  # all 18 digits and the X, never 1.10105E+17
    assert all(c.data_type == "s" for c in ids)
    for label in ("校本研修学时", "自学及外出培训学时", "学分", "出勤次数"):
        assert all(r[col[label]].data_type == "n" for r in body), label
    rows = {r.staff_no: r for r in training.bureau_register("2026-2027")}
    assert first[col["学分"]].value == pytest.approx(float(rows["0001"].credits))


def test_T4_bureau_register_needs_a_school_year(school, tmp_path):
    with pytest.raises(RuleViolation):
        write_bureau_register("2026", tmp_path / "x.xlsx")


def _pdf(path) -> tuple[str, list[str]]:
    reader = PdfReader(str(path))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    embedded = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.append(str(font["/BaseFont"]))
    return text, embedded


def test_T3_sign_in_sheet_lists_the_roster_with_a_signature_column(school, tmp_path):
    s = school
    coming = next(
        x
        for x in training.sessions_of(s.group, s.term2)
        if x.state == training.SessionState.PLANNED
    )
    leave = training.request_leave(
        s.tangmin, s.teachers[3], coming.date, coming.date, "病假", "住院"
    )
    training.approve_leave(s.trainer2, leave)
    text, embedded = _pdf(write_sign_in_sheet(coming.id, tmp_path / "sign.pdf"))
    assert embedded, "no embedded TrueType font"
    assert "教研活动签到表" in text and "语文组" in text
    for word in ("签到", "签退", "教研组长", "陈组长", "刘一", "黄二", "0004"):
        assert word in text, word
    assert "马三语文请假" in text  # his approved leave written in, nobody signs for him


def test_T3_sign_in_sheet_of_a_closed_register_prints_every_mark(school, tmp_path):
    first = school.sessions[0]
    text, _ = _pdf(print_form("sign-in", first.id, tmp_path / "closed.pdf"))
    assert "旷课" in text and "考勤已确认" in text
    assert first.date.strftime("%Y-%m-%d") in text
