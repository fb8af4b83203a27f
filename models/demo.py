"""Realistic demo data for a first start: an office with every role filled.

Every demo user shares one password, generated per load and printed once, so a demo database
copied to another PC is not open to a well-known password.
"""

from __future__ import annotations

import importlib
import zlib
from dataclasses import dataclass, field

from models import domains, passwords, people
from models.db import db
from models.errors import RuleViolation
from models.people import SYSTEM, Role

DEPARTMENTS = [
    ("办公室", "科室"),
    ("财务科", "科室"),
    ("后勤保障科", "科室"),
    ("客户服务部", "科室"),
    ("教研室", "科室"),
    ("一中队", "中队"),
    ("二中队", "中队"),
    ("三中队", "中队"),
]

# username, name, department, roles
USERS = [
    ("admin", "系统管理员", "办公室", [Role.ADMIN]),
    ("wangjianguo", "王建国", "办公室", [Role.LEADER]),
    ("liuzhiqiang", "刘志强", "办公室", [Role.LEADER]),
    ("chenjing", "陈静", "办公室", [Role.DEPT_HEAD]),
    ("zhanghua", "张华", "办公室", [Role.CLERK]),
    ("liyan", "李艳", "财务科", [Role.DEPT_HEAD]),
    ("zhouli", "周丽", "财务科", [Role.CLERK]),
    ("zhaolei", "赵磊", "后勤保障科", [Role.DEPT_HEAD, Role.LOGISTICS]),
    ("sunhongmei", "孙红梅", "后勤保障科", [Role.LOGISTICS]),
    ("mayong", "马勇", "一中队", [Role.FLEET_MANAGER]),
    ("huangwei", "黄伟", "一中队", [Role.DEPT_HEAD]),
    ("wugang", "吴刚", "一中队", [Role.CLERK]),
    ("zhengpeng", "郑鹏", "二中队", [Role.CLERK]),
    ("hejun", "何军", "二中队", [Role.DEPT_HEAD]),
    ("xuqian", "徐倩", "客户服务部", [Role.DEPT_HEAD, Role.SERVICE_MANAGER]),
    ("linxiaoyu", "林晓雨", "客户服务部", [Role.SERVICE]),
    ("guohao", "郭浩", "客户服务部", [Role.SALES]),
    ("tangmin", "唐敏", "教研室", [Role.TRAINING]),
    ("songtao", "宋涛", "教研室", [Role.DEPT_HEAD]),
]


@dataclass
class DemoSummary:
    password: str
    users: list[tuple[str, str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def report(self) -> str:
        lines = [
            "演示数据已写入 / demo data loaded.",
            f"所有演示用户的密码（只显示这一次）/ password of every demo user (shown once): "
            f"{self.password}",
            "用户名 username\t姓名\t角色 roles",
        ]
        lines += [f"  {u}\t{n}\t{r}" for u, n, r in self.users]
        if self.counts:
            lines.append("另有 / also: " + "，".join(f"{k} {v}" for k, v in self.counts.items()))
        return "\n".join(lines)


def demo_phone(username: str) -> str:
    """A demo user's mobile, the same on every PC and distinct per user: whoever the office
    calls back (a driver whose repair the month-end statistics picked for 抽查回访, F8) is
    phoned on the number the user register holds, and one without a number is skipped."""
    return f"138{zlib.crc32(username.encode()) % 10**8:08d}"


def holds_other_data() -> str | None:
    """What stands in the demo's way: ``None`` when the database is empty or holds only the
    administrator that ``houqin init`` created (the order the README gives for a shared
    server), else what it holds, in words."""
    users = list(people.User.select())
    if any(u.department_id is not None or u.roles != {Role.ADMIN} for u in users):
        return f"{len(users)} 个用户"
    if people.Department.select().exists():
        return "部门"
    for module in domains.load():
        for table in getattr(module, "TABLES", ()):
            if table.select().exists():
                return f"业务数据（{table._meta.table_name}）"
    return None


def load(password: str | None = None) -> DemoSummary:
    """Fill an empty database with the demo office (one transaction). An administrator that
    ``init`` created stays as he is (his password too); a database holding anything else is
    refused, so the demo never mixes with an office's real records."""
    password = password or passwords.new_password()
    summary = DemoSummary(password)
    with db.atomic(), passwords.one_hash_per_password():
        held = holds_other_data()
        if held is not None:
            raise RuleViolation(
                None,
                f"演示数据只能写入新的数据库（至多只有 init 创建的管理员），此数据库已有{held}。"
                "请另建一个，例如：houqin --db sqlite:///houqin-demo.db demo",
                f"demo data goes only into a new database (at most the administrator made by "
                f"init); this one holds {held}. Use another, e.g. "
                "houqin --db sqlite:///houqin-demo.db demo",
            )
        existing = {u.username for u in people.User.select()}
        depts = {name: people.add_department(SYSTEM, name, kind) for name, kind in DEPARTMENTS}
        for username, name, dept, roles in USERS:
            if username in existing:  # the administrator init created keeps his password
                summary.users.append((username, "（保留 init 设置的密码）", "系统管理员"))
                continue
            people.add_user(
                SYSTEM,
                username,
                name,
                password,
                depts[dept],
                roles,
                phone=demo_phone(username),
            )
            summary.users.append((username, name, "、".join(r.label for r in roles)))
        for name in domains.packages("models"):
            summary.counts.update(importlib.import_module(f"{name}.demo").load(password))
        # The users a domain adds (fleet: the drivers, the only ones who can 报修) share the
        # password and are listed too, else nobody knows how to sign in as one of them.
        listed = {u for u, _n, _r in summary.users}
        for extra in people.User.select().order_by(people.User.id):
            if extra.username not in listed:
                roles = "、".join(r.label for r in sorted(extra.roles))
                summary.users.append((extra.username, extra.name, roles))
    return summary
