"""Half a year of customer service for the demo office: a few hundred customers (people and
organisations, some important) with projects delivered over the last two years, so both
cadences occur; an ordinary plan and an important customers' plan, approved by 徐倩; the
callbacks they generate, most of the past ones made — reached, rescheduled, moved to the next
method, confirmed unreachable, cancelled — and the problems they found, open and closed.

Everything goes through the same use cases as the desktop (so the demo also exercises every
rule); a fixed seed makes it the same on every PC.

Why a fixed day (``DEMO_DAY``) rather than today's, as the training demo keeps its school year:
the demo, the tests that read it and the screenshots in ``docs/`` must not change with the
calendar. The customers' deliveries, the plans' window, which callbacks are generated and
which of them were made are counted from that day, so the demo's complaints (autumn 2026,
``complaints_demo``) and its callbacks stay the same half-year whenever it is loaded."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from models import base, callbacks, people
from models.callbacks import (
    Cadence,
    Callback,
    CallbackState,
    ContentType,
    CustomerKind,
    Method,
    Outcome,
    ProblemInput,
    ScheduleInput,
    Target,
    complaints_demo,
)
from models.demo import demo_phone
from models.people import SYSTEM, Department, Role, User
from models.prepared import Prepared
from models.text import id_check_digit

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宇浩凯"
ORGS = ["华通物流", "东方建材", "恒信科技", "顺达运输", "金桥置业", "宏远机械", "新世纪商贸"]
STREETS = ["东环路", "府前街", "南四环西路", "酒仙桥路", "建设大街", "人民路", "解放路"]
QUESTIONS = [
    "对我们的服务是否满意？",
    "交付后使用中有无问题？",
    "工作人员态度如何？",
    "其他意见和建议",
]
PROBLEMS = [
    ("维修后仍有异响，客户要求复查", "后勤保障科"),
    ("账单金额与合同不符", "财务科"),
    ("客服人员未按约定时间回电", "客户服务部"),
    ("交付资料缺少保修卡", "办公室"),
]
SCAN = b"%PDF-1.4\n% demo: the customer's signed callback record\n"
EXTRA_USERS = [  # a second manager writes the plans (徐倩 approves them), a second caller
    ("hemin", "何敏", [Role.SERVICE_MANAGER]),
    ("chenxiao", "陈晓", [Role.SERVICE]),
]


def _person_id(rng: random.Random) -> str:
    born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 18000))
    first = f"110105{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return first + id_check_digit(first)


def _at(day: date, rng: random.Random, now: datetime) -> datetime:
    return min(datetime.combine(day, time(9 + rng.randint(0, 7), rng.randint(0, 59))), now)


DEMO_DAY = date(2026, 11, 30)  # the demo's "today": its callbacks are made up to this day


# Read after every record: rendered once (``models.prepared``).
_PROBLEMS_OF = Prepared(
    lambda callback: callbacks.Problem.select().where(callbacks.Problem.callback_id == callback)
)


def load(password: str, today: date | None = None) -> dict[str, int]:
    """Fill the callbacks of the demo office (``models.demo`` must have run). Returns counts."""
    today = today or DEMO_DAY
    now = min(datetime.combine(today, time(8, 0)), base.now())  # no attempt in the future
    rng = random.Random(20261202)

    def user(username: str) -> User:
        return User.get(User.username == username)

    dept = Department.get(Department.name == "客户服务部")
    for username, name, roles in EXTRA_USERS:
        people.add_user(SYSTEM, username, name, password, dept, roles, phone=demo_phone(username))
    head, manager = user("xuqian"), user("hemin")
    caller, caller2, seller = user("linxiaoyu"), user("chenxiao"), user("guohao")
    staff = {u.id: u for u in (head, manager, caller, caller2, seller)}

    customers = []
    for i in range(240):
        organisation = i % 8 == 7
        name = (
            f"{rng.choice(ORGS)}{'有限公司' if i % 2 else '股份公司'}{i // 8 + 1}"
            if organisation
            else rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
        )
        important = i % 16 == 3
        c = callbacks.add_customer(
            manager if important else caller,  # 重要客户 is 客服管理's call (C9)
            name=name,
            phone=f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
            kind=CustomerKind.ORGANISATION if organisation else CustomerKind.INDIVIDUAL,
            id_no=None if organisation or i % 5 == 0 else _person_id(rng),
            address=f"{rng.choice(STREETS)}{rng.randint(1, 300)}号",
            important=important,
            important_reason="年度合同金额较大" if important else "",
            valid_from=today - timedelta(days=760),
            acknowledged={callbacks.DUPLICATE_WARNING},
        )
        delivered = today - timedelta(days=rng.randint(20, 730))
        callbacks.add_project(
            seller,
            c,
            ref_no=f"XM{delivered:%Y%m}-{i + 1:04d}",
            title=rng.choice(["物业服务合同", "设备维保", "车辆保险", "场地租赁"]),
            started_on=delivered - timedelta(days=rng.randint(0, 60)),
            delivered_on=delivered,
            sales_person=seller,
        )
        if i % 23 == 5:  # some moved or changed their number since
            callbacks.change_contact(
                caller,
                c,
                phone=f"13{rng.randint(0, 999999999):09d}",
                valid_from=today - timedelta(days=rng.randint(30, 300)),
            )
        customers.append(c)

    window_from = (today.replace(day=1) - timedelta(days=150)).replace(day=1)
    window_to = date(today.year, 12, 31)
    schedule = [
        ScheduleInput(caller, Method.PHONE),
        ScheduleInput(caller2, Method.PHONE),
        ScheduleInput(seller, Method.ONSITE),
        ScheduleInput(head, Method.ONLINE),
    ]
    made = datetime.combine(window_from - timedelta(days=10), time(10, 0))
    plans = []
    for title, cadence, target, content in (
        ("客户满意度回访计划", Cadence.AGE, Target.ORDINARY, ContentType.SATISFACTION),
        ("重要客户季度回访计划", Cadence.QUARTERLY, Target.IMPORTANT, ContentType.RISK),
    ):
        plan = callbacks.create_plan(
            manager,
            title=title,
            window_from=window_from,
            window_to=window_to,
            content_type=content,
            focus="服务态度、交付后使用情况、维修及时性",
            cadence=cadence,
            target=target,
            method_chain=[Method.PHONE, Method.ONSITE, Method.ONLINE],
            questions=QUESTIONS,
            schedule=schedule,
            at=made,
        )
        plan = callbacks.submit_plan(manager, plan, at=made)
        plans.append(callbacks.approve_plan(head, plan, "同意，按计划执行", at=made))
    for plan in plans:
        callbacks.generate_callbacks(manager, plan, through=today)

    counts = {"customers": len(customers), "callbacks": 0, "callback records": 0, "problems": 0}
    depts = {d.name: d for d in Department.select()}
    problems = []
    past = Callback.select().where(Callback.scheduled_on < today).order_by(Callback.id)
    for cb in list(past):
        roll = rng.random()
        day = min(cb.scheduled_on + timedelta(days=rng.randint(0, 12)), today)
        at = _at(day, rng, now)
        if roll < 0.04:
            continue  # overdue: still waiting
        if roll < 0.07:
            callbacks.cancel_callback(head, cb, "客户已终止合同")
            continue
        if roll < 0.12:  # reached on another day agreed on the phone
            cb = callbacks.log_attempt(
                staff[cb.assignee_id],
                cb,
                Outcome.RESCHEDULED,
                next_try_on=min(day + timedelta(days=3), today),
                at=at,
            )
        if 0.12 <= roll < 0.22:  # the phone cannot reach: on-site (a signed record) instead
            outcome = rng.choice([Outcome.VACANT, Outcome.REFUSED])
            cb = callbacks.log_attempt(staff[cb.assignee_id], cb, outcome, at=at)
        if 0.22 <= roll < 0.26:  # nothing reaches: confirmed unreachable by 何敏
            for _ in range(3):
                cb = callbacks.log_attempt(staff[cb.assignee_id], cb, Outcome.NO_ANSWER, at=at)
            cb = callbacks.log_attempt(staff[cb.assignee_id], cb, Outcome.VACANT, at=at)
            for _ in range(3):
                cb = callbacks.log_attempt(staff[cb.assignee_id], cb, Outcome.NO_ANSWER, at=at)
            if cb.state == CallbackState.EXHAUSTED and rng.random() < 0.7:
                callbacks.close_unreachable(manager, cb, "电话、上门、网上问卷均未能联系")
            continue
        if 0.26 <= roll < 0.32:
            cb = callbacks.log_attempt(staff[cb.assignee_id], cb, Outcome.NO_ANSWER, at=at)
        cb = Callback.get_by_id(cb.id)
        if cb.state not in (CallbackState.PENDING, CallbackState.IN_PROGRESS):
            continue
        method = Method(cb.method)
        score = rng.choices([5, 4, 3, 2, 1], [45, 30, 13, 8, 4])[0]
        found = []
        if score <= 2 and rng.random() < 0.6:
            text, owner = rng.choice(PROBLEMS)
            found = [ProblemInput(text, depts[owner])]
        record = callbacks.record_callback(
            staff[cb.assignee_id],
            cb,
            reached_person=callbacks.Customer.get_by_id(cb.customer_id).name,
            answers={
                1: ["满意", "基本满意", "一般", "不满意", "很不满意"][5 - score],
                2: "无",
                3: "好",
                4: "无",
            },
            satisfaction=score,
            summary="客户反映良好" if score >= 4 else "客户有意见，已记录",
            scan=("上门回访记录（客户签字）.pdf", SCAN) if method == Method.ONSITE else None,
            valid=True if method == Method.ONLINE else None,
            analysis="答卷有效，客户总体满意" if method == Method.ONLINE else "",
            problems=found,
            at=at,
        )
        counts["callback records"] += 1
        problems.extend(_PROBLEMS_OF.rows(record.callback_id))
    fixers = {d.id: people.department_heads(d.id) for d in depts.values()}
    for i, problem in enumerate(problems):
        fixer = next((u for u in fixers[problem.owner_department_id] if u.id != manager.id), None)
        if fixer is None or i % 3 == 2:
            continue  # still with its owner
        problem = callbacks.report_fixed(fixer, problem, "已整改并电话告知客户")
        if i % 3 == 0:
            verifier = manager if fixer.id != manager.id else head
            callbacks.verify_problem(verifier, problem, True, "回访确认已解决")
    counts["callbacks"] = Callback.select().count()
    counts["problems"] = len(problems)
    counts.update(complaints_demo.load([caller, caller2], manager, seller, customers[:2]))
    return counts
