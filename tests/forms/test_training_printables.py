"""The printed 教师培训档案 (T6) and 过程督查记录 (T5) on SQLite and MariaDB: real PDFs from
``houqin print``'s registry, read back with pdftotext, the CJK font embedded."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime

import pytest

from forms.printing import print_form
from forms.training import write_spot_check_record, write_teacher_archive
from models import training
from models.errors import RuleViolation
from tests.models.test_training_credits import hold_term
from tests.models.test_training_own_archive import with_own_teacher
from tests.models.training_school import make_school


def _text(path) -> str:
    """The text in reading order with every space and line break taken out, so a cell
    wrapped over two lines reads as one string."""
    out = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return re.sub(r"\s+", "", out)


def _embedded(path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return [ln for ln in out.stdout.splitlines()[2:] if "TrueType" in ln and " yes yes " in ln]


@pytest.fixture
def school(database):
    """The small school's first term held (黄二 truant once, 刘一 late once) and its credit
    register approved."""
    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    present = ("出勤", None)

    def marks_for(i: int):
        marks = {t: present for t in range(4)}
        if i == 0:
            marks[2] = ("缺席", None)
        if i == 1:
            marks[1] = ("迟到", 10)
        return 0, marks

    s.sessions = hold_term(s, marks_for)
    return s


def _approve_register(s) -> None:
    at = datetime(2027, 1, 25, 9, 0)
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1, at=at)
    reg = training.submit_credit_register(s.tangmin, reg, at=at)
    s.register = training.approve_credit_register(s.o.leader, reg, at=at)


def test_T6_teacher_archive_prints_his_year_marks_credits_growth_and_claims(school, tmp_path):
    s = school
    liu = s.teachers[1]
    training.add_growth_record(
        s.tangmin,
        liu,
        "获奖",
        "县优质课评比一等奖（初中语文《背影》整本书阅读教学设计与课堂实录）",
        date(2026, 11, 20),
        level="县级",
        file=("获奖证书.pdf", b"%PDF-1.4 certificate"),
    )
    training.add_growth_record(s.tangmin, liu, "心得", "大单元教学反思", date(2026, 10, 9))
    before = _text(print_form("teacher-archive", liu.id, tmp_path / "before.pdf"))
    assert "还没有审定的学分登记" in before  # only approved figures are filed (T4)
    _approve_register(s)
    out = print_form("teacher-archive", liu.id, tmp_path / "archive.pdf")
    assert _embedded(out), "no embedded CJK font"
    text = _text(out)
    for word in ("教师培训档案", "刘一", liu.staff_no, "2026-2027", "语文组", "迟到", "10分钟"):
        assert word in text, word
    assert s.sessions[0].date.strftime("%Y-%m-%d") in text
    assert s.register.number in text and "还没有审定" not in text
    assert "获奖" in text and "县级" in text and "获奖证书.pdf" in text
    assert "整本书阅读" in text and "课堂实录" in text  # a long title wraps, not clipped
    assert "大单元教学反思" in text
    assert "没有已认定的外出培训" in text
    assert "教师本人" in text and "培训办" in text


def test_T6_teacher_archive_of_another_year_and_unknown_teacher(school, tmp_path):
    s = school
    text = _text(write_teacher_archive(s.teachers[2].id, tmp_path / "y.pdf", year="2025-2026"))
    assert "2025-2026" in text and "没有参加教研活动的记录" in text
    with pytest.raises(RuleViolation):
        print_form("teacher-archive", 999999, tmp_path / "none.pdf")


def test_T6_a_teachers_own_archive_prints_for_him_and_not_for_another(school, tmp_path):
    s = with_own_teacher(school)
    out = write_teacher_archive(
        s.zhou.id, tmp_path / "own.pdf", year="2026-2027", actor=s.zhou_user
    )
    text = _text(out)
    for word in ("教师培训档案", "周五", "0005", "青年教师", "应得学分：12", "新教师成长心得"):
        assert word in text, word
    with pytest.raises(RuleViolation) as err:
        write_teacher_archive(s.teachers[1].id, tmp_path / "liu.pdf", actor=s.zhou_user)
    assert err.value.rule == "X1" and "只能查看本人的培训档案" in err.value.zh
    assert not (tmp_path / "liu.pdf").exists()


def test_T5_spot_check_record_prints_headcounts_findings_and_explanation(school, tmp_path):
    s = school
    session = s.sessions[2]  # held with all four present
    findings = "研讨有准备，发言充分；建议下次提前发放学习材料并明确每位教师的分工与发言要点"
    at = datetime.combine(session.date, datetime.min.time()).replace(hour=15, minute=10)
    check = training.record_spot_check(s.o.leader, session, 5, "良", findings, at=at)
    with pytest.raises(RuleViolation) as err:
        write_spot_check_record(s.sessions[3].id, tmp_path / "none.pdf")
    assert err.value.rule == "T5"  # nobody checked that one: no empty record
    flagged = _text(print_form("spot-check", session.id, tmp_path / "flagged.pdf"))
    assert "人数不符，待教研组长说明" in flagged
    training.explain_spot_check(s.leader_user, check, "外校听课教师一人在场", at=at)
    out = print_form("spot-check", session.id, tmp_path / "check.pdf")
    assert _embedded(out), "no embedded CJK font"
    text = _text(out)
    for word in ("过程督查记录", "语文组", session.date.strftime("%Y-%m-%d"), "15:10"):
        assert word in text, word
    assert "现场人数" in text and "考勤人数" in text and "良" in text
    assert "发言要点" in text  # long findings wrap, not clipped
    assert "外校听课教师一人在场" in text and "待教研组长说明" not in text
    assert s.o.leader.name in text and "督查人" in text and "教研组长" in text


def test_T6_the_command_prints_the_archive_of_the_year_asked_and_refuses_a_malformed_one(
    school, tmp_path, capsys
):
    import peewee

    from desktop.cli import main
    from models.db import db

    if not isinstance(db.obj, peewee.SqliteDatabase):
        pytest.skip("the command line is run on the office's SQLite file here")
    s = school
    url = ["--db", "sqlite:///" + db.obj.database]
    liu = s.teachers[1]
    latest = tmp_path / "latest.pdf"
    assert main([*url, "print", "teacher-archive", str(liu.id), str(latest)]) == 0
    assert "学年：2026-2027" in _text(latest) and s.sessions[0].date.isoformat() in _text(latest)
    older = tmp_path / "older.pdf"
    argv = [*url, "print", "teacher-archive", str(liu.id), str(older)]
    assert main([*argv, "--year", "2025—2026学年"]) == 0, capsys.readouterr().err
    text = _text(older)
    assert "学年：2025-2026" in text and "2026-2027" not in text
    assert "没有参加教研活动的记录" in text
    bad = tmp_path / "bad.pdf"
    for year in ("2026/27", "2026-2028"):
        code = main([*url, "print", "teacher-archive", str(liu.id), str(bad), "--year", year])
        err = capsys.readouterr().err
        assert code == 1 and not bad.exists()
        assert err.index("学年应写作 2026-2027") < err.index("a school year is written"), err
        assert "--year" in err
    sheet = ["print", "sign-in", str(s.sessions[0].id), str(bad), "--year", "2026-2027"]
    assert main([*url, *sheet]) == 1 and not bad.exists()
    assert "--year 只用于" in capsys.readouterr().err
