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


# --- the import kinds: teachers, attendance, external-training ------------------------------


@pytest.fixture
def roll(database):
    """The small school (four teachers in 语文组) with its first Monday session topic set."""
    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    first = training.sessions_of(s.group).first()
    s.session = training.set_topic(s.tangmin, first, "阅读教学", s.teachers[1])
    return s


TEACHER_HEADER = [
    "工号",
    "姓名",
    "身份证号",
    "继续教育编号",
    "性别",
    "学科",
    "学段",
    "职称",
    "状态",
]


def test_T1_teachers_import_keeps_staff_numbers_as_text_all_or_nothing_with_an_error_book(
    roll, tmp_path
):
    from forms.excel_errors import write_error_workbook
    from forms.excel_import import import_file
    from tests.forms.helpers import cells, write_xlsx

    s = roll
    bad = write_xlsx(
        tmp_path / "教师名册.xlsx",
        [
            TEACHER_HEADER,
            ["00105", "周五", IDS[4], "CE20260105", "男", "数学", "初中", "二级教师", "在职"],
            [105, "吴六", IDS[5], None, "女", "数学", "初中", None, None],  # lost its zeros
            ["0002", "郑七", IDS[5], None, None, None, None, None, None],  # 刘一's 工号
            ["0009", "王八", "110105198001010017", None, None, None, None, None, None],
        ],
    )
    result = import_file("teachers", bad, actor=s.tangmin)
    assert not result.committed and training.Teacher.select().count() == 4
    by_row = {e.row: e for e in result.errors}
    assert sorted(by_row) == [3, 4, 5]
    assert by_row[3].column == "工号" and "前导零" in by_row[3].zh
    assert "已存在" in by_row[4].zh
    assert by_row[5].column == "身份证号" and "校验" in by_row[5].zh
    book = write_error_workbook(result, tmp_path / "错误.xlsx")
    rows = cells(book)
    assert rows[0][-1] == "错误" and [r[0] for r in rows[1:]] == [105, "0002", "0009"]
    assert "前导零" in rows[1][-1] and "校验" in rows[3][-1]
    good = write_xlsx(
        tmp_path / "教师名册2.xlsx",
        [
            TEACHER_HEADER,
            ["00105", "周五", IDS[4], "CE20260105", "男", "数学", "初中", "二级教师", "在职"],
            ["00106", "吴六", IDS[5], None, "女", "数学", "初中", None, "调出"],
        ],
    )
    result = import_file("teachers", good, actor=s.tangmin)
    assert result.committed and result.inserted == ["00105", "00106"]
    wu = training.Teacher.get(staff_no="00106")
    assert (wu.name, wu.status, wu.ce_no) == ("吴六", "transferred", None)
    update = write_xlsx(tmp_path / "更新.xlsx", [["工号", "职称"], ["00105", "一级教师"]])
    result = import_file("teachers", update, actor=s.tangmin, mode="update")
    assert result.committed and result.updated == ["00105"]
    assert training.Teacher.get(staff_no="00105").title == "一级教师"
    out = tmp_path / "导出.xlsx"
    export_register("teachers", out)
    header, body = _table_by(out, "工号")
    col = header.index("工号")
    assert [r[col].value for r in body][:2] == ["0001", "0002"]
    assert all(r[col].data_type == "s" for r in body)


def test_T1_X3_a_large_teachers_file_is_checked_whole_then_written_in_one_short_transaction(
    roll,
):
    """The 教师名册 import runs ``training.add_teachers`` in its two halves: every batch of
    the file checked first (a clash with an earlier batch found before either is written),
    every bad row named and nothing written, the write lock never taken; the same file
    without them is written in one transaction afterwards."""
    from forms.excel_import import BULK_BATCH, import_rows
    from forms.excel_sheets import Sheet
    from models.text import id_check_digit

    def id_no(i: int) -> str:
        body = f"3301031980{i // 1000 % 12 + 1:02d}{i // 12000 + 1:02d}{i % 1000:03d}"
        return body + id_check_digit(body)

    s = roll
    n = 2 * BULK_BATCH + 500
    rows = [
        [f"{i:06d}", f"教师{i}", id_no(i), f"JX{i:08d}", "男", "数学", "初中", "一级教师", "在职"]
        for i in range(n)
    ]
    bad = [list(r) for r in rows]
    bad[100][0] = "0002"  # 刘一's 工号
    bad[BULK_BATCH + 10][2] = IDS[1]  # 刘一's ID number
    bad[BULK_BATCH + 20][2] = id_no(5)  # the first batch's row 5
    bad[BULK_BATCH + 30][3] = f"jx{7:08d}"  # the first batch's row 7
    bad[2 * BULK_BATCH + 5][2] = id_no(9)[:-1] + ("1" if id_no(9)[-1] != "1" else "2")
    bad[n - 1][8] = "休假"  # not a choice
    wrong = [100, BULK_BATCH + 10, BULK_BATCH + 20, BULK_BATCH + 30, 2 * BULK_BATCH + 5, n - 1]
    result = import_rows(
        "teachers", [Sheet.from_lists("t", [TEACHER_HEADER, *bad])], actor=s.tangmin
    )
    assert not result.committed and result.write_seconds == 0
    assert result.rejected_rows == [i + 2 for i in wrong]
    by_row = {e.row: e for e in result.errors}
    assert "已存在" in by_row[102].zh
    for i, column in ((10, "身份证号"), (20, "身份证号"), (30, "继续教育编号")):
        error = by_row[BULK_BATCH + i + 2]
        assert (error.column, "[T1]" in error.zh) == (column, True), error
    assert "校验" in by_row[2 * BULK_BATCH + 7].zh
    assert training.Teacher.select().count() == 4
    result = import_rows(
        "teachers", [Sheet.from_lists("t", [TEACHER_HEADER, *rows])], actor=s.tangmin
    )
    assert result.committed and len(result.inserted) == n and result.write_seconds > 0
    assert training.Teacher.get(staff_no=f"{n - 1:06d}").ce_no == f"JX{n - 1:08d}"


def _table_by(path, first: str) -> tuple[list[str], list[list]]:
    ws = load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows())
    at = next(i for i, r in enumerate(rows) if first in [c.value for c in r])
    return [c.value for c in rows[at]], [list(r) for r in rows[at + 1 :] if r[0].value]


ATTENDANCE_HEADER = ["教研组", "活动日期", "工号", "姓名", "考勤", "分钟", "备注"]


def test_T3_a_marked_register_imports_through_mark_many_every_bad_row_named(roll, tmp_path):
    from forms.excel_import import import_file
    from tests.forms.helpers import write_xlsx

    s = roll
    day = s.session.date
    training.open_register(s.tangmin, s.session, at=datetime(2026, 9, 7, 14, 0))
    rows = [
        ["语文组", day, "0001", "陈组长", "出勤", None, None],
        ["语文组", day, "0002", "刘一", "迟到", 10, "堵车"],
        ["语文组", day, "0003", "黄二", "请假", None, None],  # no approved leave
        ["语文组", day, 4, "马三", "出勤", None, None],  # 工号 lost its zeros
        ["数学组", day, "0004", "马三", "出勤", None, None],  # no such session
    ]
    result = import_file(
        "attendance", write_xlsx(tmp_path / "a.xlsx", [ATTENDANCE_HEADER, *rows]), actor=s.tangmin
    )
    assert not result.committed
    by_row = {e.row: e.zh for e in result.errors}
    assert sorted(by_row) == [4, 5, 6]
    assert "没有已批准的请假" in by_row[4] and "前导零" in by_row[5] and "没有教研活动" in by_row[6]
    assert {m.status for m in training.roster_of(s.session)} == {"pending"}
    rows[2][4], rows[3][2] = "缺席", "0004"
    result = import_file(
        "attendance",
        write_xlsx(tmp_path / "b.xlsx", [ATTENDANCE_HEADER, *rows[:4]]),
        actor=s.tangmin,
    )
    assert result.committed, result.errors
    marks = {m.teacher.staff_no: (m.status, m.minutes) for m in training.roster_of(s.session)}
    assert marks == {
        "0001": ("present", None),
        "0002": ("late", 10),
        "0003": ("absent", None),
        "0004": ("present", None),
    }
    training.close_register(s.tangmin, s.session)
    again = import_file(
        "attendance", write_xlsx(tmp_path / "c.xlsx", [ATTENDANCE_HEADER, rows[0]]), actor=s.tangmin
    )
    assert not again.committed and "考勤已确认" in again.errors[0].zh
    assert training.AttendanceMark.get(teacher=s.teachers[2].id).status == "truant"


def test_T3_an_open_register_imported_again_is_re_marked_a_confirmed_one_names_the_correction(
    roll, tmp_path
):
    from forms.excel_import import import_file
    from tests.forms.helpers import write_xlsx

    s = roll
    day = s.session.date
    training.open_register(s.tangmin, s.session, at=datetime(2026, 9, 7, 14, 0))
    rows = [["语文组", day, f"000{i + 1}", None, "出勤", None, None] for i in range(4)]
    first = import_file(
        "attendance", write_xlsx(tmp_path / "1.xlsx", [ATTENDANCE_HEADER, *rows]), actor=s.tangmin
    )
    assert first.committed, first.errors
    again = [
        ["语文组", day, "0002", "刘一", "迟到", 12, "补签"],
        ["语文组", day, "0003", None, "缺席"],
    ]
    again[1] += [None, None]
    second = import_file(
        "attendance", write_xlsx(tmp_path / "2.xlsx", [ATTENDANCE_HEADER, *again]), actor=s.tangmin
    )
    assert second.committed, second.errors
    marks = {m.teacher.staff_no: (m.status, m.minutes) for m in training.roster_of(s.session)}
    assert marks == {
        "0001": ("present", None),
        "0002": ("late", 12),
        "0003": ("absent", None),
        "0004": ("present", None),
    }
    training.close_register(s.tangmin, s.session)
    refused = import_file(
        "attendance", write_xlsx(tmp_path / "3.xlsx", [ATTENDANCE_HEADER, *rows]), actor=s.tangmin
    )
    assert not refused.committed and len(refused.errors) == 4
    message = refused.errors[0].zh
    assert "T3" in message and "考勤已确认" in message
    assert "语文组" in message and "更正" in message and "原因" in message
    marks = {m.teacher.staff_no: m.status for m in training.roster_of(s.session)}
    assert marks["0002"] == "late" and marks["0003"] == "truant"


EXTERNAL_HEADER = [
    "工号",
    "姓名",
    "类别",
    "培训机构",
    "级别",
    "开始日期",
    "结束日期",
    "学时",
    "证书编号",
    "证书扫描件",
]


def test_T7_external_claims_import_each_certificate_once_with_its_scan(roll, tmp_path):
    from forms.excel_import import import_file
    from models import attachments
    from tests.forms.helpers import write_xlsx

    s = roll
    scan = tmp_path / "证书.pdf"
    scan.write_bytes(b"%PDF-1.4 certificate")
    row = ["0002", "刘一", "非学历", "县教师进修学校", "县级", date(2026, 10, 8), date(2026, 10, 9)]
    first = [*row, 12, "JX2026-0001", str(scan)]
    other = ["0003", "黄二", "自学", "国家智慧教育平台", "国家级", date(2026, 11, 1)]
    other.append(date(2026, 11, 30))
    rows = [
        first,
        [*row, 6, "JX2026-0001", str(scan)],  # the same certificate twice in the file
        [*other, 20, "ZX-7", str(tmp_path / "无.pdf")],  # no scan there
    ]
    path = write_xlsx(tmp_path / "外出.xlsx", [EXTERNAL_HEADER, *rows])
    result = import_file("external-training", path, actor=s.tangmin)
    assert not result.committed and training.ExternalTraining.select().count() == 0
    by_row = {e.row: e.zh for e in result.errors}
    assert sorted(by_row) == [3, 4] and "重复" in by_row[3] and "扫描件" in by_row[4]
    path = write_xlsx(tmp_path / "外出2.xlsx", [EXTERNAL_HEADER, first])
    result = import_file("external-training", path, actor=s.tangmin)
    assert result.committed
    claim = training.ExternalTraining.get(certificate_no="JX2026-0001")
    assert (claim.teacher_id, claim.hours, claim.state) == (s.teachers[1].id, 12, "pending")
    assert [a.file_name for a in attachments.attachments_of(claim)] == ["证书.pdf"]
    result = import_file("external-training", path, actor=s.tangmin)  # credited once
    assert not result.committed and "同一证书只认定一次" in result.errors[0].zh
    assert training.ExternalTraining.select().count() == 1
