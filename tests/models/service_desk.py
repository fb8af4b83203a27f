"""The customer-service people of the test office (C10–C12): two 客服, a 客服管理 and a 销售
in 办公室, whose 科室负责人 is 李四; the main leaders are 王五 and 钱七 (``tests.office``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models import callbacks, people
from models.callbacks import Complaint
from models.people import Role, User
from tests.office import PASSWORD, Office, make_office

MON_0928 = datetime(2026, 9, 28, 9, 0)  # a Monday before 国庆 2026
WED_0930_1600 = datetime(2026, 9, 30, 16, 0)


@dataclass
class Desk:
    office: Office
    service: User  # 陈一, 客服
    service2: User  # 林二, 客服
    manager: User  # 黄三, 客服管理
    sales: User  # 郑四, 销售


def make_desk() -> Desk:
    office = make_office()

    def user(username: str, name: str, role: Role) -> User:
        return people.add_user(office.admin, username, name, PASSWORD, office.office, [role])

    return Desk(
        office=office,
        service=user("chenyi", "陈一", Role.SERVICE),
        service2=user("liner", "林二", Role.SERVICE),
        manager=user("huangsan", "黄三", Role.SERVICE_MANAGER),
        sales=user("zhengsi", "郑四", Role.SALES),
    )


def complaint(desk: Desk, by: User | None = None, **fields) -> Complaint:
    """A complaint by 刘女士 on 13812345678, received Monday 2026-09-28 09:00."""
    values = {
        "complainant": "刘女士",
        "phone": "138 1234 5678",
        "content": "理赔款迟迟未到账",
        "received_at": MON_0928,
    }
    values.update(fields)
    return callbacks.register_complaint(by or desk.service, **values)
