"""The customer-service department of the test office, and a plan approved for it: shared by
the ``test_callbacks_*`` files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models import callbacks, people
from models.callbacks import Cadence, ContentType, Method, ScheduleInput, Target
from models.people import Department, Role, User
from tests.office import PASSWORD, Office


@dataclass
class Service:
    o: Office
    dept: Department  # 客户服务部
    head: User  # 许倩: its 科室负责人 and 客服管理
    manager: User  # 何敏: 客服管理
    caller: User  # 林晓雨: 客服
    caller2: User  # 陈静: 客服
    seller: User  # 郭浩: 销售


def build_service(o: Office) -> Service:
    dept = people.add_department(o.admin, "客户服务部", "科室")

    def user(username: str, name: str, *roles: Role) -> User:
        return people.add_user(o.admin, username, name, PASSWORD, dept, roles)

    return Service(
        o=o,
        dept=dept,
        head=user("xuqian", "许倩", Role.DEPT_HEAD, Role.SERVICE_MANAGER),
        manager=user("hemin", "何敏", Role.SERVICE_MANAGER),
        caller=user("linxiaoyu", "林晓雨", Role.SERVICE),
        caller2=user("chenjing", "陈静", Role.SERVICE),
        seller=user("guohao", "郭浩", Role.SALES),
    )


def customer(s: Service, name: str, phone: str, **fields) -> callbacks.Customer:
    """By a 客服, or by 客服管理 when it is marked important (C9: only they may)."""
    by = s.manager if fields.get("important") else s.caller
    return callbacks.add_customer(by, name=name, phone=phone, **fields)


def with_project(
    s: Service, c: callbacks.Customer, delivered: date, ref: str | None = None
) -> callbacks.Project:
    return callbacks.add_project(
        s.seller,
        c,
        ref_no=ref or f"XM-{c.id}-{delivered.isoformat()}",
        started_on=delivered,
        delivered_on=delivered,
        sales_person=s.seller,
    )


def plan(
    s: Service,
    *,
    cadence: Cadence = Cadence.AGE,
    target: Target = Target.ORDINARY,
    window: tuple[date, date] = (date(2026, 1, 1), date(2026, 12, 31)),
    chain: tuple[Method, ...] = (Method.PHONE, Method.ONSITE, Method.ONLINE),
    approve: bool = True,
    **extra,
) -> callbacks.CallbackPlan:
    """A plan by 何敏, approved by 许倩 (the department's head) unless ``approve`` is False."""
    schedule = [
        ScheduleInput(s.caller, Method.PHONE),
        ScheduleInput(s.caller2, Method.PHONE),
        ScheduleInput(s.seller, Method.ONSITE),
        ScheduleInput(s.head, Method.ONLINE),
    ]
    p = callbacks.create_plan(
        s.manager,
        title=extra.pop("title", "2026年客户满意度回访"),
        window_from=window[0],
        window_to=window[1],
        content_type=extra.pop("content_type", ContentType.SATISFACTION),
        focus="服务态度与维修及时性",
        cadence=cadence,
        target=target,
        method_chain=chain,
        questions=["对服务是否满意？", "有无其他意见？"],
        schedule=extra.pop("schedule", schedule),
        **extra,
    )
    if approve:
        p = callbacks.submit_plan(s.manager, p)
        p = callbacks.approve_plan(s.head, p)
    return p
