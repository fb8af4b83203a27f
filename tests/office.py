"""A small office to test against: two departments and one person per role."""

from __future__ import annotations

from dataclasses import dataclass

from models import people
from models.people import Department, Role, User

PASSWORD = "secret-123"


@dataclass
class Office:
    admin: User
    office: Department  # 办公室
    squad: Department  # 一中队
    clerk: User  # 张三, 办公室 办事员
    head: User  # 李四, 办公室 科室负责人
    squad_head: User  # 赵六, 一中队 科室负责人
    leader: User  # 王五, 主要领导
    leader2: User  # 钱七, 主要领导
    fleet: User  # 孙八, 车管
    logistics: User  # 周九, 后勤
    driver: User  # 吴十, 一中队 办事员


def make_office() -> Office:
    admin = people.create_first_admin("admin", PASSWORD)
    office = people.add_department(admin, "办公室", "科室")
    squad = people.add_department(admin, "一中队", "中队")

    def user(username: str, name: str, dept: Department, *roles: Role) -> User:
        return people.add_user(admin, username, name, PASSWORD, dept, roles)

    return Office(
        admin=admin,
        office=office,
        squad=squad,
        clerk=user("zhangsan", "张三", office, Role.CLERK),
        head=user("lisi", "李四", office, Role.DEPT_HEAD),
        squad_head=user("zhaoliu", "赵六", squad, Role.DEPT_HEAD),
        leader=user("wangwu", "王五", office, Role.LEADER),
        leader2=user("qianqi", "钱七", office, Role.LEADER),
        fleet=user("sunba", "孙八", squad, Role.FLEET_MANAGER),
        logistics=user("zhoujiu", "周九", office, Role.LOGISTICS),
        driver=user("wushi", "吴十", squad, Role.CLERK),
    )


def add_deputy(office: Office) -> User:
    """李二: a second 科室负责人 of 办公室 (who may stand in for 李四 there)."""
    return people.add_user(office.admin, "lier", "李二", PASSWORD, office.office, [Role.DEPT_HEAD])
