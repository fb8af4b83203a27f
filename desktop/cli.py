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

from models.errors import HouqinError, RuleViolation

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

    p = sub.add_parser(
        "migrate-to",
        help="把本机数据文件迁移到空的服务器数据库 move the SQLite file to an empty server",
    )
    p.add_argument("target", help="目标服务器 mysql://用户:密码@主机:3306/库名 / target URL")
    _add_forms_commands(sub)
    return parser


# --- paper forms and Excel -------------------------------------------------------------


def _add_forms_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="生成 Excel 导入模板 write an Excel import template")
    p.add_argument("kind", help="数据类型，如 departments、users / kind")
    p.add_argument("file", type=Path)

    p = sub.add_parser("import", help="从 Excel 导入 import from Excel (all or nothing)")
    p.add_argument("kind", help="数据类型，如 departments、users / kind")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--mode",
        choices=["insert", "update", "upsert"],
        default="insert",
        help="仅新增 / 仅更新 / 新增或更新 (default insert)",
    )
    p.add_argument("--dry-run", action="store_true", help="试导入，不写入 check only")
    p.add_argument("--errors", type=Path, help="出错时写出错误文件 write rejected rows here")

    p = sub.add_parser("export", help="导出登记表到 Excel export a register to Excel")
    p.add_argument("kind", help="数据类型，如 departments、users / kind")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="筛选条件（可多次），如 部门=办公室 / filter, repeatable",
    )
    p.add_argument("--unit", default="", help="填报单位 reporting unit")
    p.add_argument(
        "--period",
        default="",
        help="统计期间，按登记表的日期选取：2026年11月、2026年第四季度、2026年 / a period "
        "selecting rows by the register's date",
    )
    p.add_argument("--from", dest="date_from", default="", help="起始日期 first day, 2026-10-01")
    p.add_argument("--to", dest="date_to", default="", help="截止日期（含）last day, inclusive")
    p.add_argument(
        "--profile",
        default=None,
        help="上报格式（学分登记表报县教育局，--period 为学年，如 2026-2027；default 为通用格式）"
        " / the bureau's export profile of credit-register",
    )
    p.add_argument(
        "--fields",
        action="store_true",
        help="列出这一登记表可筛选的字段和日期 list what --where and --period accept",
    )

    p = sub.add_parser(
        "export-profile",
        help="上报教育局的格式 the bureau's export profiles (list, add, retire, reinstate)",
    )
    psub = p.add_subparsers(dest="action", required=True)
    psub.add_parser("list", help="列出上报格式 list the profiles")
    q = psub.add_parser("add", help="新增或替换上报格式 add or replace a profile")
    q.add_argument("name", help="格式名称，如 城关县 / profile name")
    q.add_argument("layout", type=Path, help="版式 JSON：title_rows、columns、footer_rows ...")
    q.add_argument("--title", default="", help="说明 title shown when choosing it")
    q.add_argument("--template", type=Path, help="教育局的模板 .xlsx（表头取自模板）")
    q = psub.add_parser("retire", help="停用上报格式（历史上报记录保留其名）retire a profile")
    q.add_argument("name", help="格式名称 / profile name")
    q.add_argument("--reason", required=True, help="停用原因 why it is retired")
    q = psub.add_parser("reinstate", help="重新启用停用的上报格式 reinstate a retired profile")
    q.add_argument("name", help="格式名称 / profile name")
    q.add_argument("--reason", required=True, help="重新启用的原因 why it is used again")

    p = sub.add_parser("report", help="生成报表 write a periodic report to Excel")
    p.add_argument("name", help="报表名称 report name, e.g. fleet-monthly")
    p.add_argument("out", type=Path, help="输出文件 OUT.xlsx")
    p.add_argument("--period", required=True, help="统计期间 period, e.g. 2026-10 or 2026Q4")
    p.add_argument("--unit", default="", help="填报单位 reporting unit")

    p = sub.add_parser("print", help="打印表单为 PDF print a form to PDF")
    p.add_argument("form", help="表单，如 approval（申请批准单）/ form")
    p.add_argument("id", type=int, help="记录编号 record id")
    p.add_argument("out", type=Path)
    p.add_argument("--copies", type=int, help="联数（缺省按表单规定）number of copies")
    p.add_argument(
        "--year",
        help="学年，如 2026-2027（teacher-archive；缺省为最近一学年）/ school year",
    )


def _open(args: argparse.Namespace) -> peewee.Database:
    from models.db import open_database

    return open_database(args.db)


@command("init")
def _init(args: argparse.Namespace) -> int:
    from models import passwords, people
    from models.db import redact_url, resolve_url

    _open(args)
    print(f"数据库已就绪 / database ready: {redact_url(resolve_url(args.db))}")
    if not people.has_users():
        password = args.password or passwords.new_password()
        try:
            people.create_first_admin(args.admin, password)
        except RuleViolation:  # another desktop created it a moment ago
            print("管理员已由另一台电脑创建 / the administrator was created by another desktop")
            return 0
        print(f"已创建管理员 {args.admin}，密码：{password}（只显示这一次，请登录后修改）")
        print(f"administrator {args.admin} created; password shown once: {password}")
    return 0


@command("demo")
def _demo(args: argparse.Namespace) -> int:
    from models import demo

    _open(args)
    if args.if_empty and demo.holds_other_data() is not None:
        print("数据库已有数据，未写入演示数据 / database not empty, demo data skipped")
        return 0
    summary = demo.load()
    print(summary.report())
    return 0


@command("user")
def _user(args: argparse.Namespace) -> int:
    from models import passwords, people
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
        password = args.password or passwords.new_password()
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


@command("migrate-to")
def _migrate_to(args: argparse.Namespace) -> int:
    from models.db import redact_url, resolve_url
    from models.migrate_to import migrate_to

    database = _open(args)  # the source, brought to this program's schema first
    shown = redact_url(args.target)
    print(f"正在把 {resolve_url(args.db)} 迁移到 {shown} / moving into {shown}")
    report = migrate_to(database, args.target)
    for line in report.lines():
        print(line)
    print("迁移完成。请在每台电脑的「数据库连接」中改为这台服务器 / done; point each desktop at it")
    return 0


@command("template")
def _template(args: argparse.Namespace) -> int:
    from forms.excel_template import write_template
    from forms.kinds import get_kind

    get_kind(args.kind)  # an unknown kind fails before the database is opened
    _open(args)  # reference dropdowns list the records in the database
    path = write_template(args.kind, args.file)
    print(f"已生成导入模板 {path} / template written")
    return 0


@command("import")
def _import(args: argparse.Namespace) -> int:
    from forms.excel_errors import write_error_workbook
    from forms.excel_import import import_file
    from forms.kinds import get_kind

    get_kind(args.kind)
    _open(args)
    result = import_file(args.kind, args.file, mode=args.mode, dry_run=args.dry_run)
    for notice in result.notices:
        print(notice)
    for error in result.errors:
        print(error, file=sys.stderr)
    print(result.summary())
    if result.secrets:
        print(
            "新用户的初始密码（只显示这一次，请转告本人并提醒修改）/ initial passwords, shown once:"
        )
        for key, secret in result.secrets.items():
            print(f"  {key}\t{secret}")
    if result.errors and args.errors:
        write_error_workbook(result, args.errors)
        print(f"错误文件已写出：{args.errors}（改正后可重新导入）/ rejected rows written")
    return 0 if result.ok else 1


@command("export")
def _export(args: argparse.Namespace) -> int:
    from forms.excel_export import export_register, filter_help, parse_filters
    from forms.kinds import get_kind

    if args.profile is not None:
        return _bureau_export(args)
    kind = get_kind(args.kind)
    if args.fields:
        print(filter_help(kind))
        return 0
    filters = parse_filters(kind, args.where)
    period = _period_of(args)
    _open(args)
    result = export_register(kind, args.file, filters=filters, unit=args.unit, period=period)
    print(result.summary())
    return 0


def _bureau_export(args: argparse.Namespace) -> int:
    """``export credit-register --period 2026-2027 --profile NAME OUT.xlsx``: 上报教育局 by a
    profile, recorded (the registers become 已上报), acting as the system administrator."""
    if args.kind != "credit-register":
        raise HouqinError(
            "--profile 只用于 credit-register（学分登记表上报教育局）",
            "--profile is for credit-register only",
        )
    if not args.period:
        raise HouqinError("请用 --period 给出学年，如 2026-2027", "give --period, e.g. 2026-2027")
    from forms.training.bureau_export import export_credit_register
    from models.people import SYSTEM

    _open(args)
    result = export_credit_register(
        SYSTEM, args.period, args.file, profile=args.profile, unit=args.unit
    )
    print(
        f"已上报 {result.rows} 人到 {result.path}（SHA-256 {result.sha256}）"
        f" / {result.rows} teachers exported and recorded"
    )
    return 0


@command("export-profile")
def _export_profile(args: argparse.Namespace) -> int:
    """The profiles of 上报教育局: ``list``, ``add NAME LAYOUT.json [--template X.xlsx]``, or
    ``retire NAME --reason TEXT``, ``reinstate NAME --reason TEXT``."""

    from forms.training.bureau_export import profile_names
    from models import training
    from models.people import SYSTEM

    _open(args)
    if args.action == "add":
        try:
            text = args.layout.read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise HouqinError(f"读不了版式文件：{exc}", f"cannot read the layout: {exc}") from exc
        layout = training.layout_from_text(text)
        row = training.save_profile(
            SYSTEM,
            args.name,
            args.title,
            layout,
            template=args.template,
            template_name=args.template.name if args.template else "template.xlsx",
            acknowledged={training.REPLACE_PROFILE},  # the command adds or replaces
        )
        print(f"已保存上报格式 {row.name}（{row.title}）/ profile saved")
        return 0
    if args.action == "retire":
        row = training.retire_profile(SYSTEM, args.name, args.reason)
        print(f"已停用上报格式 {row.name}（{row.retire_reason}）/ profile retired")
        return 0
    if args.action == "reinstate":
        row = training.reinstate_profile(SYSTEM, args.name, args.reason)
        print(f"已重新启用上报格式 {row.name} / profile reinstated")
        return 0
    for name, title in profile_names():
        print(f"{name}\t{title}")
    for row in training.stored_profiles(retired=True):
        if row.is_retired:
            print(f"{row.name}\t{row.title}\t已停用 retired {row.retired_at:%Y-%m-%d}")
    return 0


def _period_of(args: argparse.Namespace) -> object:
    """``--period`` or ``--from``/``--to`` (both days included), never both."""
    from forms.values import ValueProblem
    from forms.values import parse_date_text as parse_date
    from models.periods import Period

    if not (args.date_from or args.date_to):
        return args.period or None
    if args.period:
        raise RuleViolation(
            None, "--period 与 --from/--to 只能用一种", "give --period or --from/--to, not both"
        )
    if not (args.date_from and args.date_to):
        raise RuleViolation(None, "请同时给出 --from 和 --to", "give both --from and --to")
    days = []
    for flag, text in (("--from", args.date_from), ("--to", args.date_to)):
        try:
            days.append(parse_date(text))
        except ValueProblem as exc:
            raise RuleViolation(None, f"{flag}：{exc.zh}", f"{flag}: {exc.en}") from None
    return Period.term(days[0], days[1])


@command("print")
def _print(args: argparse.Namespace) -> int:
    from forms.printing import get_printable, print_form

    printable = get_printable(args.form)
    if args.copies is not None and args.copies < 1:
        raise HouqinError("联数至少为 1", "--copies must be at least 1")
    options = {}
    if args.year is not None:
        if "year" not in printable.options:
            raise HouqinError(
                f"--year 只用于按学年打印的表单，{args.form} 没有学年",
                f"--year is for forms printed by school year; {args.form} has none",
            )
        from models.training import school_year

        try:  # refused before the database is opened, naming the option
            options["year"] = school_year(args.year)
        except RuleViolation as exc:
            raise RuleViolation(exc.rule, f"--year：{exc.zh}", f"--year: {exc.en}") from None
    _open(args)
    path = print_form(args.form, args.id, args.out, copies=args.copies, **options)
    print(f"已生成 {path} / PDF written")
    return 0


@command("report")
def _report(args: argparse.Namespace) -> int:
    from forms.reports import get_report

    report = get_report(args.name)
    _open(args)
    report.write(args.period, args.out, args.unit)
    print(f"已生成{report.title}：{args.out} / report written")
    return 0


def _gui(args: argparse.Namespace) -> int:
    from desktop.app import run

    return run(db_url=args.db)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from forms.scratch import clean_stale

    clean_stale()  # the temporary files of an export that was killed
    try:
        handler = _COMMANDS.get(args.command) if args.command else _gui
        assert handler is not None
        return handler(args)
    except HouqinError as exc:
        if args.debug:
            traceback.print_exc()
        _say(args, f"错误：{exc.zh}\nError: {exc.en}")
        return 1
    except Exception as exc:  # a bug or an unreachable server: say so plainly
        if args.debug:
            traceback.print_exc()
        else:
            print("（加 --debug 查看详细信息 / add --debug for details）", file=sys.stderr)
        _say(args, f"错误：{exc}\nError: {type(exc).__name__}: {exc}")
        return 1


def _say(args: argparse.Namespace, text: str) -> None:
    """An error to stderr, never with the database password in it (a driver message may
    quote the URL it was given)."""
    from models.db import redact_url

    password = _password_of(args.db or "")
    if password:
        text = text.replace(password, "***")
    print(redact_url(text), file=sys.stderr)


def _password_of(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    try:
        secret = urlsplit(url).password
    except ValueError:
        return ""
    return unquote(secret) if secret and len(secret) > 2 else ""


if __name__ == "__main__":
    sys.exit(main())
