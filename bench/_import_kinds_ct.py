"""The callbacks and training kinds of ``bench/excel_io.py``: ``customers`` (客户档案, 12
columns, by a 客服 user) and ``teachers`` (教师名册, 10 columns, by a 培训办 user). Their
sheets are written through ``_import_kinds._write_sheet`` and their children time the import
through ``_import_kinds.measured_import``; importing this module adds them to that module's
``CHILDREN`` and ``INPUTS`` (it imports this one at its end)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import _import_kinds
from _import_kinds import _write_sheet, measured_import, warm_pinyin

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰建国志红文斌宇浩"


def _person(rnd: random.Random) -> str:
    given = rnd.choice(_GIVEN) + (rnd.choice(_GIVEN) if rnd.random() < 0.7 else "")
    return rnd.choice(_SURNAMES) + given


def _id_number(r: int, region: str, first: date) -> str:
    """An 18-digit ID number of its own for row ``r`` (a birthday every thousand rows, the
    sequence digits the row's), with GB 11643's check digit."""
    from models.text import id_check_digit

    born = first + timedelta(days=(r // 1000) * 97 % 15000)
    body = f"{region}{born:%Y%m%d}{r % 1000:03d}"
    return body + id_check_digit(body)


CUSTOMER_HEADER = ("客户编号", "客户名称", "客户类型", "证件号码", "联系电话", "联系人")
CUSTOMER_HEADER += ("与客户关系", "地址", "重要客户", "重要原因", "备注", "仍然新建")
_STREETS = ("文三路", "教工路", "学院路", "天目山路", "莫干山路", "凤起路", "延安路", "庆春路")
_FIRMS = ("贸易", "科技", "物流", "建设", "餐饮", "医药", "教育", "印务")


def make_customers(path: Path, n: int) -> None:
    """A 客户档案 of ``n`` customers as a service desk keeps it: nine in ten people (their
    ID number, a mobile, 本人 or a relative as the contact), one in ten firms (the credit
    code, a desk phone, a contact person); an address on most, one in fifty important with
    its reason, a note on some."""
    from models.callbacks.validation import credit_check_char

    rnd = random.Random(19)

    def rows() -> Iterator[list[Any]]:
        for r in range(1, n + 1):
            firm = r % 10 == 0
            if firm:
                body = f"913301{r:011d}"
                name = f"杭州{_STREETS[r % 8][:2]}{rnd.choice(_FIRMS)}有限公司{r}"
                cells = [name, "单位", body + credit_check_char(body)]
                cells += [f"0571-8{r % 10000000:07d}", _person(rnd), "经办人"]
            else:
                name = _person(rnd)
                cells = [name, "个人", _id_number(r, "330106", date(1950, 1, 1))]
                cells += [f"13{r:09d}", "", rnd.choice(("本人", "本人", "本人", "配偶", "子女"))]
            address = f"杭州市西湖区{rnd.choice(_STREETS)}{r % 900 + 1}号" if r % 5 else ""
            important = r % 50 == 0
            yield [
                f"KH2026-{r:06d}",
                *cells,
                address,
                "是" if important else "否",
                "年度大客户" if important else "",
                "电话回访优先" if r % 7 == 0 else "",
                "",
            ]

    _write_sheet(path, "客户档案", CUSTOMER_HEADER, rows())


TEACHER_HEADER = ("工号", "姓名", "身份证号", "继续教育编号", "性别", "学科", "学段")
TEACHER_HEADER += ("职称", "入职日期", "状态")
_SUBJECTS = ("语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "道德与法治")
_TITLES = ("二级教师", "一级教师", "一级教师", "高级教师", "正高级教师")


def make_teachers(path: Path, n: int) -> None:
    """A 教师名册 of ``n`` teachers as a county's 培训办 keeps it: 工号 as text with its
    zeros, the ID number (性别 as its 17th digit says), the 继续教育编号 on most, subject,
    stage, title, hire date, and a few transferred or retired."""
    rnd = random.Random(23)

    def rows() -> Iterator[list[Any]]:
        for r in range(1, n + 1):
            id_number = _id_number(r, "330103", date(1965, 1, 1))
            yield [
                f"{r:06d}",
                _person(rnd),
                id_number,
                f"JX33{r:08d}" if r % 8 else "",
                "男" if int(id_number[16]) % 2 else "女",
                rnd.choice(_SUBJECTS),
                ("小学", "初中", "高中")[r % 3],
                rnd.choice(_TITLES),
                date(1990, 9, 1) + timedelta(days=r * 7 % 12000),
                "在职" if r % 40 else rnd.choice(("调出", "退休")),
            ]

    _write_sheet(path, "教师名册", TEACHER_HEADER, rows())


def _user_with(role: Any, username: str, name: str, unit: str) -> Any:
    from models import people

    admin = people.create_first_admin("admin", "bench-secret-1")
    office = people.add_department(admin, unit)
    return people.add_user(admin, username, name, "bench-secret-1", office, [role])


def child_import_customers(xlsx: Path, db_path: Path) -> dict[str, Any]:
    """``houqin import customers`` by a 客服 user (an archive role) on a fresh database."""
    from models.db import open_database
    from models.people import Role

    open_database(f"sqlite:///{db_path}")
    clerk = _user_with(Role.SERVICE, "kefu", "客服", "客户服务部")
    load = warm_pinyin()
    measured = measured_import("customers", xlsx, clerk)
    measured["seconds"] += load
    return measured


def child_import_teachers(xlsx: Path, db_path: Path) -> dict[str, Any]:
    """``houqin import teachers`` by a 培训办 user (the teachers' managers) on a fresh
    database."""
    from models.db import open_database
    from models.people import Role

    open_database(f"sqlite:///{db_path}")
    office = _user_with(Role.TRAINING, "peixun", "培训办", "教研处")
    load = warm_pinyin()
    measured = measured_import("teachers", xlsx, office)
    measured["seconds"] += load
    return measured


_import_kinds.CHILDREN |= {
    "import_customers": child_import_customers,
    "import_teachers": child_import_teachers,
}
_import_kinds.INPUTS |= {"customers": make_customers, "teachers": make_teachers}
