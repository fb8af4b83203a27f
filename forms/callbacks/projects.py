"""项目/保单 from Excel (C1, C9): the ``projects`` kind.

Why it exists: a plan whose cadence follows the customer's age (monthly in the first year
after delivery, quarterly after, C9) generates callbacks only for customers with a project
or policy and its delivery date (交付使用/起保). An office keeps those in the sales
department's spreadsheet; without this import a real office's age-based plans would reach
nobody.

A row is one project of a customer already in the archive, by 客户编号: its number (the key,
unique), title, start and delivery dates, and optionally the seller's login (账号). Each row
is ``callbacks.add_project``, the use case the desktop's 新增项目 goes through. A project is
not changed by a file (update mode is refused): what was sold stays what was sold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from forms.kinds import Filters, Kind, Values, register_kind, within
from forms.spec import Field, FieldType, FormSpec
from models import callbacks
from models.callbacks import Customer, Project
from models.errors import RuleViolation
from models.people import User, normalize_username

PROJECTS = FormSpec(
    name="projects",
    title="项目/保单",
    title_en="Projects and policies",
    key="ref_no",
    fields=(
        Field(
            "customer_no",
            "客户编号",
            required=True,
            width=16,
            max_length=32,
            example="KH2026-000101",
            help="档案中已有的客户编号（先导入客户档案）。",
            label_en="Customer no.",
        ),
        Field("customer", "客户名称", width=16, max_length=100, label_en="Customer"),
        Field(
            "ref_no",
            "项目/保单号",
            required=True,
            width=18,
            max_length=40,
            example="BD2026-0001",
            label_en="Project no.",
        ),
        Field(
            "title", "项目名称", width=24, max_length=100, example="家用燃气安装", label_en="Title"
        ),
        Field(
            "started_on",
            "开始日期",
            FieldType.DATE,
            required=True,
            width=12,
            example="2026-03-01",
            label_en="Started on",
        ),
        Field(
            "delivered_on",
            "交付/起保日期",
            FieldType.DATE,
            required=True,
            width=14,
            example="2026-03-15",
            help="回访频次从这一天起算：第一年每月一次，以后每季度一次（C9）。",
            label_en="Delivered on",
        ),
        Field(
            "sales_person",
            "销售人员账号",
            width=14,
            max_length=64,
            example="guohao",
            help="可空；填系统中的登录账号。",
            label_en="Seller's login",
        ),
    ),
    help="每行一个项目或保单，客户须已在客户档案中；项目不能通过导入修改。",
)


def _customer(number: Any) -> Customer:
    text = str(number or "").strip().upper()
    found = Customer.get_or_none(Customer.number == text)
    if found is None:
        raise RuleViolation(
            "C1",
            f"客户档案中没有客户编号 {text}，请先导入或登记该客户",
            f"no customer {text} in the archive: import or add the customer first",
            field="customer_no",
        )
    return found


def _seller(login: Any) -> User | None:
    if not str(login or "").strip():
        return None
    found = User.get_or_none(User.username == normalize_username(str(login)))
    if found is None:
        raise RuleViolation(
            "C1",
            f"没有账号为 {login} 的用户",
            f"no user with the login {login}",
            field="sales_person",
        )
    return found


def _insert(actor: Any, v: Values) -> None:
    callbacks.add_project(
        actor,
        _customer(v["customer_no"]),
        ref_no=v["ref_no"],
        title=v.get("title") or "",
        started_on=v["started_on"],
        delivered_on=v["delivered_on"],
        sales_person=_seller(v.get("sales_person")),
    )


def _refuse_update(*_: Any) -> bool:
    raise RuleViolation(
        "C1",
        "项目/保单不能通过导入修改",
        "a project is not changed by an import",
    )


def _query(_filters: Filters) -> Any:
    return Project.select(Project, Customer).join(Customer).where(Project.voided_at.is_null())


def _rows(filters: Filters) -> Iterator[Values]:
    query = within(_query(filters), Project.delivered_on, filters)
    for p in query.order_by(Project.delivered_on, Project.id).iterator():
        yield {
            "customer_no": p.customer.number,
            "customer": p.customer.name,
            "ref_no": p.ref_no,
            "title": p.title,
            "started_on": p.started_on,
            "delivered_on": p.delivered_on,
            "sales_person": p.sales_person.username if p.sales_person_id else "",
        }


PROJECT_KIND = register_kind(
    Kind(
        spec=PROJECTS,
        find=lambda key: Project.get_or_none(Project.ref_no == str(key).strip()),
        insert=_insert,
        update=_refuse_update,
        rows=_rows,
        count=lambda f: within(_query(f), Project.delivered_on, f).count(),
        period_field="delivered_on",
    )
)
