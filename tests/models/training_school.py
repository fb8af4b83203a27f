"""A small school to test training against: the test office, two 培训办 users, one 教研组 of
four teachers (its leader linked to a login), and the 2026-2027 school year's two terms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from models import people, training
from models.people import Role, User
from tests.office import PASSWORD, Office, make_office

# Valid 18-digit ID numbers (GB 11643 check digits), one per teacher.
IDS = [
    "11010519491231002X",
    "110105198001010016",
    "110105198502020036",
    "110105199003030015",
    "110105199504040019",
    "110105198506060027",
]

T0 = datetime(2026, 9, 1, 9, 0)
TERM1 = (date(2026, 9, 1), date(2027, 1, 22))
TERM2 = (date(2027, 2, 22), date(2027, 7, 2))


@dataclass
class School:
    o: Office
    tangmin: User  # 培训办 (教研处)
    trainer2: User  # a second 培训办 user
    leader_user: User  # 陈组长's login
    group: training.TeachingGroup
    leader: training.Teacher  # 陈组长, the group's leader
    teachers: list[training.Teacher]  # the leader first, then three members
    term1: training.Term
    term2: training.Term


def make_school() -> School:
    o = make_office()
    tangmin = people.add_user(o.admin, "tangmin", "唐敏", PASSWORD, o.office, [Role.TRAINING])
    trainer2 = people.add_user(o.admin, "peixun2", "许培", PASSWORD, o.office, [Role.TRAINING])
    leader_user = people.add_user(o.admin, "chenzu", "陈组长", PASSWORD, o.office, [Role.CLERK])
    names = ["陈组长", "刘一", "黄二", "马三"]
    teachers = [
        training.add_teacher(
            tangmin,
            staff_no=f"00{i + 1:02d}",
            name=name,
            id_number=IDS[i],
            ce_no=f"CE2026{i + 1:04d}",
            subject="语文",
            stage="初中",
            user=leader_user if i == 0 else None,
        )
        for i, name in enumerate(names)
    ]
    group = training.add_group(
        tangmin, "语文组", subject="语文", leader=teachers[0], leader_from=date(2026, 8, 1)
    )
    for t in teachers[1:]:
        training.move_to_group(tangmin, t, group, date(2026, 8, 1))
    term1 = training.define_term(tangmin, "2026-2027", 1, *TERM1)
    term2 = training.define_term(tangmin, "2026-2027", 2, *TERM2)
    return School(o, tangmin, trainer2, leader_user, group, teachers[0], teachers, term1, term2)
