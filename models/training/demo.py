"""The demo school's 校本培训: eight 教研组 of fifteen teachers, 120 in all (语文组 led by
宋涛, whose login is linked to him), the three tiers with their plans approved by the main
leader, the school year's terms with an exam week, biweekly sessions generated on the office
calendar (国庆 moves one), and the registers of every session held before ``HELD_UNTIL``
marked with every status: a leave approved by 教研处, an excused absence, truancy at close, a
spot check whose headcount disagrees, an external training claim with its certificate. The
autumn term is held to its end, so its credit register is computed (with the group leaders'
quality grades), sent and approved by the main leader; a certificate handed in late then
makes one amendment (更正登记), approved too: the bureau's register (上报教育局) has rows.

Why a fixed school year and a fixed day rather than today's: the demo (and the tests that
read it) must not change with the calendar: which sessions are held, how many marks, where
国庆 moves a session and what the random marks fall on are the same on every PC and every
day. The registers are kept at their sessions' times (``at=``), so the demo loads the same
before, during or after that school year.

Everything goes through the use cases (so the demo exercises the rules), with a fixed seed.
``models.demo`` must have run first (it creates the people).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from models import people, training
from models.training import Mark, MarkInput

GROUPS = {
    "语文组": ["宋涛", "王丽", "张敏", "李娜", "赵静", "刘洋"],
    "数学组": ["陈刚", "杨帆", "周婷", "吴昊", "郑爽", "孙悦"],
}
TIERS = ["名师", "骨干教师", "骨干教师", "青年教师", "青年教师", "青年教师"]
TIERS += ["骨干教师", "青年教师", "青年教师"] * 3  # 15 a group: 1 名师, 5 骨干, 9 青年
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏"


def _fill_groups() -> None:
    """The six other 教研组 and the rest of each group's 15, named from a fixed seed."""
    for name in ("英语组", "物理组", "化学组", "生物组", "历史组", "地理组"):
        GROUPS[name] = []
    rng = random.Random(2026)
    taken = {n for names in GROUPS.values() for n in names}
    for names in GROUPS.values():
        while len(names) < len(TIERS):
            name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))
            if name not in taken:
                taken.add(name)
                names.append(name)


_fill_groups()
# the weekday of each group's series in the fortnight (the first two as they always were)
OFFSETS = [0, 2, 4, 7, 9, 11, 1, 3]
SCHOOL_YEAR = "2026-2027"
HELD_UNTIL = date(2027, 1, 21)  # the sessions before this day are held: the whole autumn term
TOPICS = ["新课标解读", "作业设计", "大单元教学", "课堂观察", "命题研究", "信息技术融合"]


def _id_number(serial: int, born: date) -> str:
    body = f"330103{born:%Y%m%d}{serial:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def load(password: str) -> dict[str, int]:
    """Fill the demo school (the office's people exist already)."""
    rng = random.Random(14)
    office = people.get_user("tangmin")
    principal = people.get_user("wangjianguo")
    songtao = people.get_user("songtao")
    year = SCHOOL_YEAR
    first = int(year[:4])
    term1 = training.define_term(office, year, 1, date(first, 9, 1), date(first + 1, 1, 20))
    training.define_term(office, year, 2, date(first + 1, 2, 22), date(first + 1, 7, 2))
    training.add_closure(
        office, term1, date(first + 1, 1, 11), date(first + 1, 1, 15), "期末考试周"
    )
    rows, serial = [], 0
    for g, (group_name, names) in enumerate(GROUPS.items()):
        for i, name in enumerate(names):
            serial += 1
            id_number = _id_number(serial, date(1965 + serial % 35, 1 + i % 12, 10 + g))
            rows.append(
                {
                    "staff_no": f"{serial:05d}",
                    "name": name,
                    "id_number": id_number,
                    # the gender the ID number's 17th digit says (odd: 男), as GB 11643 does
                    "gender": "男" if int(id_number[16]) % 2 else "女",
                    "ce_no": f"JXJY{first}{serial:04d}",
                    "subject": group_name[:2],
                    "stage": "初中",
                    "title": "高级教师" if i < 2 else "一级教师",
                    "hired_on": date(1990 + serial % 30, 9, 1),
                    "user": songtao if name == "宋涛" else None,
                }
            )
    added = training.add_teachers(office, rows)
    known = {t.id: t for t in training.Teacher.select().where(training.Teacher.id.in_(added))}
    ids = iter(added)
    teachers: dict[str, list[training.Teacher]] = {}
    for g, (group_name, names) in enumerate(GROUPS.items()):
        members = [known[next(ids)] for _ in names]
        joined = date(first, 8, 20)
        group = training.add_group(
            office, group_name, subject=group_name[:2], leader=members[0], leader_from=joined
        )
        for t, tier in zip(members, TIERS, strict=True):
            if t != members[0]:  # the leader joined with the group
                training.move_to_group(office, t, group, joined)
            training.assign_tier(office, t, tier, year)
        teachers[group_name] = members
        series = training.define_series(
            office, group, year, date(first, 9, 7) + timedelta(days=OFFSETS[g]), "pm"
        )
        training.generate_sessions(office, series)
    for tier, hours in (("青年教师", 72), ("骨干教师", 60), ("名师", 48)):
        plan = training.create_tier_plan(
            office,
            tier,
            year,
            goals=f"{tier}本学年培训目标：提升课堂教学与教研能力",
            plan="每两周参加教研组活动；每学期上一节公开课；完成一篇教学反思",
            required_hours=hours,
            required_credits=hours // 8,
        )
        plan = training.submit_tier_plan(office, plan)
        training.approve_tier_plan(principal, plan, "同意")
    counts = {"teachers": serial, "sessions": 0, "marks": 0}
    leader = teachers["语文组"][0]
    held = [
        s
        for s in training.sessions_of()
        if s.state == training.SessionState.PLANNED and s.date < HELD_UNTIL
    ]
    if held:  # 宋涛 asks leave for the third session of his group he would miss
        own = [s for s in held if s.group.name == "语文组"]
        if len(own) > 2:
            day = own[2].date
            asked = datetime.combine(day - timedelta(days=3), time(9, 0))
            leave = training.request_leave(
                songtao, leader, day, day, "公差", "参加县教研活动", at=asked
            )
            training.approve_leave(office, leave, at=asked + timedelta(hours=2))
    checked = False
    for n, session in enumerate(held):
        members = teachers[session.group.name]
        at = datetime.combine(session.date, time(17, 30))
        speaker = members[n % len(members)]
        session = training.set_topic(office, session, TOPICS[n % len(TOPICS)], speaker)
        on_leave = {
            m.teacher_id
            for m in training.open_register(office, session, at=at)
            if m.status == Mark.LEAVE
        }
        entries = []
        for t in members:
            roll = rng.random()
            if t.id in on_leave:
                entries.append(MarkInput(t, Mark.LEAVE))
            elif roll < 0.04:
                entries.append(MarkInput(t, Mark.ABSENT))
            elif roll < 0.10:
                entries.append(MarkInput(t, Mark.LATE, rng.choice([5, 10, 15])))
            elif roll < 0.13:
                entries.append(MarkInput(t, Mark.EARLY, rng.choice([20, 30])))
            else:
                entries.append(MarkInput(t, Mark.PRESENT))
        if n == 1:  # one excused absence: a member sent to invigilate elsewhere
            entries[-1] = MarkInput(members[-1], Mark.ABSENT)
        training.mark_many(office, session, entries, at=at)
        if n == 1:
            absent = training.AttendanceMark.get(session=session.id, teacher=members[-1].id)
            training.excuse_absence(office, absent, "被教育局抽调监考", at=at)
        if not checked and session.group.name == "数学组":
            present = sum(e.status in (Mark.PRESENT, Mark.LATE, Mark.EARLY) for e in entries)
            training.record_spot_check(
                principal, session, present + 1, "良", "研讨有准备，个别教师未发言", at=at
            )
            checked = True
        training.close_register(office, session, at=at)
        counts["sessions"] += 1
        counts["marks"] += len(entries)
    claim = training.claim_external(
        songtao,
        leader,
        kind="非学历",
        provider="县教师进修学校",
        level="县级",
        from_date=date(first, 10, 12),
        to_date=date(first, 10, 13),
        hours="12",
        certificate_no=f"JX{first}-0001",
        certificate=("结业证书.txt", "县教师进修学校 结业证书 宋涛 12学时".encode()),
        at=datetime(first, 10, 15, 10, 0),
    )
    training.approve_claim(office, claim, at=datetime(first, 10, 16, 9, 0))
    counts.update(_credits(office, principal, songtao, term1, teachers))
    return counts


QUALITY = ["优", "良", "良", "合格", "良", "优"] + ["良", "合格", "良"] * 3  # by member


def _credits(
    office: people.User,
    principal: people.User,
    songtao: people.User,
    term: training.Term,
    teachers: dict[str, list[training.Teacher]],
) -> dict[str, int]:
    """The autumn term's credit register: the grades (宋涛 his group's members, 教研处 the
    group leaders), the register drafted, sent and approved; then a certificate handed in
    after the approval, approved, and the amendment that credits it, approved as well. The
    other groups' leaders have no login, so their members keep no grade (which counts as 1)."""
    end = datetime.combine(term.ends, time(16, 0))
    for group_name, members in teachers.items():
        for t, grade in zip(members, QUALITY, strict=True):
            if t is members[0]:
                grader = office  # a group leader is graded by 教研处
            elif group_name == "语文组":
                grader = songtao
            else:
                continue
            training.grade_quality(grader, t, term, grade, "按出勤与研讨表现评定", at=end)
    year, at = term.school_year, end + timedelta(days=1)
    reg = training.draft_credit_register(office, year, term.number, at=at)
    reg = training.submit_credit_register(office, reg, at=at + timedelta(hours=1))
    reg = training.approve_credit_register(principal, reg, "同意", at=at + timedelta(days=1))
    first = int(year[:4])
    leader = teachers["语文组"][0]
    late = training.claim_external(
        songtao,
        leader,
        kind="非学历",
        provider="市教育学院",
        level="市级",
        from_date=date(first, 12, 19),
        to_date=date(first, 12, 20),
        hours="8",
        certificate_no=f"JX{first}-0002",
        certificate=("结业证书.txt", "市教育学院 结业证书 宋涛 8学时".encode()),
        at=datetime(first + 1, 2, 23, 9, 0),
    )
    training.approve_claim(office, late, at=datetime(first + 1, 2, 23, 14, 0))
    amended = training.amend_credit_register(
        office,
        reg,
        "补记宋涛市级培训8学时（证书于登记审定后提交）",
        at=datetime(first + 1, 2, 24, 9),
    )
    amended = training.submit_credit_register(office, amended, at=datetime(first + 1, 2, 24, 10))
    training.approve_credit_register(principal, amended, "同意", at=datetime(first + 1, 2, 25, 9))
    return {"credit registers": 2}
