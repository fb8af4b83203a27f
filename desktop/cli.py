"""The ``houqin`` command: no arguments start the desktop; subcommands run headless.

Subcommands never import Qt (the GUI is imported only when it starts), so the command line
works on a server or in a scheduled task. Errors print Chinese first, English after, to
stderr with a non-zero exit; a traceback only with ``--debug``.

The command line acts as the system administrator (``people.SYSTEM``): whoever can open the
database file or holds the server account already has every right over it, and the audit
log names the command line as the actor.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import HouqinError

if TYPE_CHECKING:
    import peewee

VERSION = "0.1.0"

Handler = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def wrap(fn: Handler) -> Handler:
        _COMMANDS[name] = fn
        return fn

    return wrap


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="houqin", description="后勤 Houqin：办公行政管理 / office administration"
    )
    parser.add_argument("--db", help="数据库地址 database URL (sqlite:///file.db or mysql://...)")
    parser.add_argument("--debug", action="store_true", help="出错时显示调用栈 show tracebacks")
    parser.add_argument("--version", action="version", version=f"houqin {VERSION}")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("init", help="创建或升级数据库 create or upgrade the database")
    p.add_argument("--admin", default="admin", help="首个管理员用户名 first administrator")
    p.add_argument("--password", help="管理员密码（缺省随机生成）administrator password")

    p = sub.add_parser("demo", help="写入演示数据 load demo data")
    p.add_argument("--if-empty", action="store_true", help="仅当数据库没有用户时 only when empty")

    p = sub.add_parser("user", help="用户管理 manage users")
    usub = p.add_subparsers(dest="user_command", required=True)
    q = usub.add_parser("add", help="添加用户 add a user")
    q.add_argument("username")
    q.add_argument("name", help="姓名")
    q.add_argument("--department", help="部门名称")
    q.add_argument("--role", action="append", default=[], help="角色（可多次）role, repeatable")
    q.add_argument("--password", help="初始密码（缺省随机生成）")
    q = usub.add_parser("passwd", help="重置密码 reset a password")
    q.add_argument("username")
    q.add_argument("--password", help="新密码（缺省询问）")
    for verb, text in (("lock", "锁定账户 lock"), ("unlock", "解锁账户 unlock")):
        q = usub.add_parser(verb, help=text)
        q.add_argument("username")
    usub.add_parser("list", help="列出用户 list users")

    p = sub.add_parser("backup", help="备份数据库 back up the database")
    p.add_argument("file", type=Path)
    return parser


def _open(args: argparse.Namespace) -> peewee.Database:
    from models.db import open_database

    return open_database(args.db)


@command("init")
def _init(args: argparse.Namespace) -> int:
    from models import people
    from models.db import resolve_url

    _open(args)
    print(f"数据库已就绪 / database ready: {resolve_url(args.db)}")
    if not people.has_users():
        password = args.password or people.new_password()
        people.create_first_admin(args.admin, password)
        print(f"已创建管理员 {args.admin}，密码：{password}（只显示这一次，请登录后修改）")
        print(f"administrator {args.admin} created; password shown once: {password}")
    return 0


@command("demo")
def _demo(args: argparse.Namespace) -> int:
    from models import demo, people

    _open(args)
    if args.if_empty and people.has_users():
        print("数据库已有数据，未写入演示数据 / database not empty, demo data skipped")
        return 0
    summary = demo.load()
    print(summary.report())
    return 0


@command("user")
def _user(args: argparse.Namespace) -> int:
    from models import people
    from models.people import SYSTEM, Department

    _open(args)
    verb = args.user_command
    if verb == "list":
        for user in people.User.select().order_by(people.User.username):
            roles = "、".join(sorted(r.label for r in user.roles))
            state = "（已作废）" if user.is_voided else ""
            dept = user.department.name if user.department_id else ""
            print(f"{user.username}\t{user.name}\t{dept}\t{roles}{state}")
        return 0
    if verb == "add":
        dept = None
        if args.department:
            dept = Department.get_or_none(Department.name == args.department)
            if dept is None:
                dept = people.add_department(SYSTEM, args.department)
        password = args.password or people.new_password()
        roles = [people.role_from_label(r) for r in args.role]
        people.add_user(SYSTEM, args.username, args.name, password, dept, roles)
        print(f"已添加用户 {args.username}，初始密码：{password}")
        print(f"user {args.username} added; initial password: {password}")
        return 0
    user = people.get_user(args.username)
    if verb == "passwd":
        password = args.password or _ask_password()
        people.change_password(SYSTEM, user, password)
        print(f"已重置 {user.username} 的密码 / password reset")
    elif verb == "lock":
        people.lock_user(SYSTEM, user)
        print(f"已锁定 {user.username} / locked")
    elif verb == "unlock":
        people.unlock_user(SYSTEM, user)
        print(f"已解锁 {user.username} / unlocked")
    return 0


def _ask_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("新密码 new password: ")
    if first != getpass.getpass("再输入一次 again: "):
        raise HouqinError("两次输入的密码不一致", "the passwords differ")
    return first


@command("backup")
def _backup(args: argparse.Namespace) -> int:
    import peewee

    from models.schema import backup_sqlite

    database = _open(args)
    if not isinstance(database, peewee.SqliteDatabase):
        print(
            "MySQL/MariaDB 请在服务器上用 mariadb-dump 备份，例如：\n"
            "  mariadb-dump --single-transaction --routines --triggers "
            "--default-character-set=utf8mb4 -u USER -p houqin > houqin.sql\n"
            "For MySQL/MariaDB use mariadb-dump (or mysqldump) on the server, as above."
        )
        return 2
    target = backup_sqlite(database, args.file)
    print(f"已备份到 {target} / backed up to {target}")
    return 0


def _gui(args: argparse.Namespace) -> int:
    from desktop.app import run

    return run(db_url=args.db)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        handler = _COMMANDS.get(args.command) if args.command else _gui
        assert handler is not None
        return handler(args)
    except HouqinError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"错误：{exc.zh}\nError: {exc.en}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug or an unreachable server: say so plainly
        if args.debug:
            traceback.print_exc()
        else:
            print("（加 --debug 查看详细信息 / add --debug for details）", file=sys.stderr)
        print(f"错误：{exc}\nError: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
