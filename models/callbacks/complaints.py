"""投诉 (C10): a complaint on its clocks, decided on the approval engine.

Seed 001 (保险公司客户服务管理规定 第十二、十五、十六条) and seed 002 (客户服务部管理制度):

- a complaint is registered with the complainant's name, phone and content (its ``ServiceReceipt``,
  so 首问负责制 applies: the first receiver owns it until a handover is accepted, C11);
- its deadlines are stored clocks (``models.clocks``), each started when its event happens
  and computed on the office calendar then: incomplete materials → the complainant is told
  within 5 working days of receipt; complete materials → accepted or refused within 10
  working days (a refusal states its reasons); accepted → decided within 30 calendar days
  (a last day on a rest day rolls on, 民法典 第二百零三条). The 服务台 variant of seed 002:
  first feedback within 48 and done within 72 natural hours. All amounts are settings.
  A stopped clock records met or breached and is never rewritten; a clock that has run out
  stays breached when it is cancelled or restarted (``_end``);
- the decision (处理决定) goes on the engine, like a repair's cost tiers: the head of the
  handling department, and the main leader when the compensation is above
  ``complaint.leader_compensation_threshold`` (¥5,000), a ``Condition`` on the setting;
- the person complained about (``respondent``) never handles nor decides it: every step
  refuses him, the engine guard refuses his approval (also as a delegate), and he cannot be
  handed the complaint (C10, 回避 as X1);
- a repeat of an earlier complaint (``repeats.merge_complaint``) without new facts is refused
  and recorded; with new facts it is merged and the earlier one's deadline restarts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

import peewee

from models import audit, clocks, documents, settings, workflow
from models.base import BaseModel, now
from models.callbacks import receipts
from models.callbacks.customers import Customer
from models.callbacks.receipts import Channel, RequestKind, ServiceReceipt
from models.callbacks.validation import normalize_phone
from models.clocks import ClockSpec, Outcome
from models.db import db, retry_document
from models.documents import Document, transition
from models.errors import RuleViolation
from models.numbering import next_number
from models.people import Actor, Role, User, require_person, require_role
from models.text import clean, is_blank
from models.workflow import Approver, Condition, Flow, Instance, Node, State

MONEY = {"max_digits": 12, "decimal_places": 2}
THRESHOLD = "complaint.leader_compensation_threshold"

COMPLAINT_SETTINGS = (
    settings.SettingSpec(
        "complaint.notice_days",
        5,
        int,
        "投诉材料不全时告知投诉人的时限（工作日）",
        "days to tell a complainant what is missing (working days)",
        1,
    ),
    settings.SettingSpec(
        "complaint.acceptance_days",
        10,
        int,
        "投诉受理或不予受理的时限（工作日，自材料齐全）",
        "days to accept or refuse a complaint (working days, from complete materials)",
        1,
    ),
    settings.SettingSpec(
        "complaint.decision_days",
        30,
        int,
        "投诉处理决定的时限（日，自受理；最后一日遇休息日顺延）",
        "days to decide a complaint (calendar days from acceptance, rolled past rest days)",
        1,
    ),
    settings.SettingSpec(
        "complaint.desk_feedback_hours",
        48,
        int,
        "服务台投诉初步反馈时限（小时）",
        "service desk: hours to the first feedback",
        1,
    ),
    settings.SettingSpec(
        "complaint.desk_resolve_hours",
        72,
        int,
        "服务台投诉处理完毕时限（小时）",
        "service desk: hours to resolution",
        1,
    ),
    settings.SettingSpec(
        "complaint.desk_roll",
        0,
        int,
        "服务台时限遇休息日顺延至下一工作日下班（1=顺延，0=节假日值班不顺延）",
        "service desk: a due time on a rest day rolls to close of business (1) or not (0)",
        0,
    ),
    settings.SettingSpec(
        THRESHOLD,
        Decimal("5000"),
        Decimal,
        "投诉赔偿金额超过此数（元）须主要领导审批",
        "a complaint's compensation above this (yuan) needs the main leader",
        Decimal("0"),
    ),
    settings.SettingSpec(
        "complaint.repeat_window_days",
        180,
        int,
        "重复投诉的查找范围（天）",
        "look for repeat complaints this many days back",
        1,
    ),
)
settings.register(*COMPLAINT_SETTINGS)


class Variant(StrEnum):
    REGULATORY = "regulatory"  # 5 / 10 working days, 30 days (seed 001)
    DESK = "desk"  # 48 / 72 hours (seed 002)

    @property
    def label(self) -> str:
        return {"regulatory": "投诉处理程序", "desk": "服务台"}[self.value]


class ComplaintState(StrEnum):
    INCOMPLETE = "incomplete"
    REVIEWING = "reviewing"
    ACCEPTED = "accepted"
    DECIDING = "deciding"
    DECIDED = "decided"
    CLOSED = "closed"
    REFUSED = "refused"
    MERGED = "merged"
    DESK_OPEN = "desk_open"

    @property
    def label(self) -> str:
        return {
            "incomplete": "材料待补正",
            "reviewing": "待受理",
            "accepted": "已受理",
            "deciding": "决定审批中",
            "decided": "已决定",
            "closed": "已办结",
            "refused": "不予受理",
            "merged": "已合并",
            "desk_open": "服务台处理中",
        }[self.value]


S = ComplaintState
OPEN_STATES = (S.INCOMPLETE, S.REVIEWING, S.ACCEPTED, S.DECIDING, S.DESK_OPEN)
SUBJECT = "complaint"  # the clocks' subject


class Clocks:
    """The clocks' keys."""

    NOTICE = "incomplete_notice"
    ACCEPTANCE = "acceptance"
    DECISION = "decision"
    DESK_FEEDBACK = "desk_feedback"
    DESK_RESOLVE = "desk_resolve"


def spec(key: str) -> ClockSpec:
    """A clock's spec as the settings say now (a running clock keeps what it started with)."""
    if key == Clocks.NOTICE:
        return ClockSpec.working_days(settings.get("complaint.notice_days"))
    if key == Clocks.ACCEPTANCE:
        return ClockSpec.working_days(settings.get("complaint.acceptance_days"))
    if key == Clocks.DECISION:
        return ClockSpec.calendar_days(settings.get("complaint.decision_days"))
    roll = bool(settings.get("complaint.desk_roll"))
    if key == Clocks.DESK_FEEDBACK:
        return ClockSpec.hours(settings.get("complaint.desk_feedback_hours"), roll=roll)
    if key == Clocks.DESK_RESOLVE:
        return ClockSpec.hours(settings.get("complaint.desk_resolve_hours"), roll=roll)
    raise KeyError(key)


def _owns(user: User, complaint: Complaint) -> bool:
    return complaint.receipt.owner_id == user.id


def _step(action: str, sources: list[ComplaintState], zh: str, en: str) -> Any:
    """An owner's step: offered to the owner only (the verb refuses anyone else, naming C11,
    in ``complaint_steps.begin_step``)."""
    return transition(
        action,
        sources,
        rule="C10",
        zh=f"投诉{{state}}，不能{zh}",
        en=f"the complaint is {{state}}; it cannot be {en}",
        roles=receipts.HANDOVER_ROLES,
        guard=_owns,
    )


class Complaint(Document):
    """投诉登记: what the complaint is about and where it stands; who made it, when and how
    are its ``receipt``'s."""

    DOC_TYPE = "complaint_decision"

    def approval_title(self) -> tuple[str, str]:
        return (
            f"投诉处理决定 {self.number} {self.complainant}",
            f"Complaint decision {self.number} {self.complainant}",
        )

    STATES = ComplaintState
    OUTCOMES: ClassVar[Mapping[State, str]] = {
        State.APPROVED: S.DECIDED,
        State.REJECTED: S.ACCEPTED,
        State.RETURNED: S.ACCEPTED,
        State.WITHDRAWN: S.ACCEPTED,
        State.CLOSED: S.ACCEPTED,
    }
    TRANSITIONS = (
        _step("notify_incomplete", [S.INCOMPLETE], "告知补正", "told what is missing"),
        _step("complete_materials", [S.INCOMPLETE], "登记材料齐全", "completed"),
        _step("accept", [S.REVIEWING], "受理", "accepted"),
        _step("refuse", [S.INCOMPLETE, S.REVIEWING], "不予受理", "refused"),
        _step("propose_decision", [S.ACCEPTED], "提出处理决定", "given a proposed decision"),
        _step("close", [S.DECIDED], "办结", "closed"),
        _step("desk_feedback", [S.DESK_OPEN], "初步反馈", "given a first feedback"),
        _step("desk_resolve", [S.DESK_OPEN], "办结", "resolved"),
        _step("merge", [S.INCOMPLETE, S.REVIEWING, S.DESK_OPEN], "合并", "merged"),
        # 移交 (C11): offered to the owner of an open complaint; ``receipts.offer_handover``
        # checks the owner, the receiver and the pending handover again.
        _step("handover", list(OPEN_STATES), "移交", "handed over"),
        transition("approve", [S.DECIDING], nodes=["head", "leader"]),
        transition("reject", [S.DECIDING], nodes=["head", "leader"]),
        transition("return", [S.DECIDING], nodes=["head", "leader"]),
        transition("withdraw", [S.DECIDING], engine="withdraw"),
    )

    number = peewee.CharField(max_length=20, unique=True)  # TS2026-0001
    receipt = peewee.ForeignKeyField(ServiceReceipt, unique=True, backref="complaints")
    variant = peewee.CharField(max_length=12, default=Variant.REGULATORY)
    state = peewee.CharField(max_length=16, index=True)
    customer = peewee.ForeignKeyField(Customer, null=True, backref="complaints")
    respondent = peewee.ForeignKeyField(User, null=True, backref="complaints_against")
    respondent_name = peewee.CharField(max_length=50, default="", verbose_name="被投诉人")
    claim = peewee.TextField(default="", verbose_name="投诉请求")
    missing = peewee.TextField(default="", verbose_name="需补正的材料")
    notified_incomplete_at = peewee.DateTimeField(null=True)
    materials_complete_at = peewee.DateTimeField(null=True)
    accepted_at = peewee.DateTimeField(null=True)
    refused_at = peewee.DateTimeField(null=True)
    refuse_reason = peewee.TextField(default="", verbose_name="不予受理理由")
    first_feedback_at = peewee.DateTimeField(null=True, index=True)  # C12 response time
    decision = peewee.TextField(default="", verbose_name="处理决定")
    compensation = peewee.DecimalField(**MONEY, default=Decimal("0"))
    decided_at = peewee.DateTimeField(null=True)
    closed_at = peewee.DateTimeField(null=True)
    result = peewee.TextField(default="", verbose_name="处理结果")
    satisfaction = peewee.IntegerField(null=True)  # 1–5, told by the complainant
    merged_into = peewee.ForeignKeyField("self", null=True, backref="merged")
    repeat_of = peewee.ForeignKeyField("self", null=True, backref="repeats")

    @property
    def received_at(self) -> datetime:
        return self.receipt.received_at

    @property
    def complainant(self) -> str:
        return self.receipt.caller_name

    @property
    def phone(self) -> str:
        return self.receipt.phone

    @property
    def content(self) -> str:
        return self.receipt.content

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def clocks(self) -> list[clocks.Clock]:
        """Every clock this complaint started, oldest first (a restarted one stays)."""
        return list(
            clocks.Clock.select()
            .where((clocks.Clock.subject == SUBJECT) & (clocks.Clock.record_id == self.id))
            .order_by(clocks.Clock.id)
        )

    def clock(self, key: str) -> clocks.Clock | None:
        """The newest clock of ``key`` (running or stopped)."""
        return (
            clocks.Clock.select()
            .where(
                (clocks.Clock.subject == SUBJECT)
                & (clocks.Clock.record_id == self.id)
                & (clocks.Clock.key == key)
            )
            .order_by(clocks.Clock.id.desc())
            .first()
        )

    def outcome_changes(self, inst: Instance, state: State, actor: Actor) -> dict[str, Any]:
        """The engine's approval is the decision: it stops the decision clock then."""
        if state != State.APPROVED:
            return {}
        at = inst.finished_at or now()
        clocks.stop(SUBJECT, self.id, Clocks.DECISION, at)
        return {"decided_at": at}


class ComplaintSubmission(BaseModel):
    """A repeat of a complaint, recorded on the earlier one (append-only, ``migrate_21``):
    merged when it brought new facts, refused when it did not (C10)."""

    complaint = peewee.ForeignKeyField(Complaint, backref="submissions")
    repeat = peewee.ForeignKeyField(Complaint, backref="submitted_as")
    received_at = peewee.DateTimeField()
    content = peewee.TextField()
    new_facts = peewee.BooleanField()
    outcome = peewee.CharField(max_length=12)  # merged / refused
    note = peewee.TextField(default="")
    by = peewee.ForeignKeyField(User)
    at = peewee.DateTimeField()


COMPLAINT_TABLES = [Complaint, ComplaintSubmission]

DECISION_FLOW = workflow.register_flow(
    Flow(
        Complaint.DOC_TYPE,
        "投诉处理决定",
        (
            Node(
                "head",
                "科室负责人审核",
                (Approver.dept_head(),),
                skip_if_applicant=True,
                name_en="Department head's review",
            ),
            Node(
                "leader",
                "主要领导审批（赔偿金额较大）",
                (Approver.role(Role.LEADER),),
                condition=Condition("compensation", ">", setting=THRESHOLD),
                name_en="Main leader's approval (large compensation)",
            ),
        ),
        rule="C10",
        name_en="Complaint decision",
    )
)
documents.register(Complaint)


def refuse_respondent(actor: Actor, complaint: Complaint) -> None:
    """C10 (回避, as X1): the person complained about never handles or decides it."""
    if complaint.respondent_id is not None and actor.id == complaint.respondent_id:
        raise RuleViolation(
            "C10",
            "被投诉人不能办理或决定对自己的投诉（回避，X1），请移交他人",
            "the person complained about may not handle or decide the complaint (X1); hand it over",
        )


@workflow.before_approve(Complaint.DOC_TYPE)
def _respondent_never_decides(inst: Instance, node: Node, actor: Actor) -> None:
    refuse_respondent(actor, Complaint.get_by_id(inst.doc_id))


@receipts.owner_guard
def _respondent_never_owns(receipt: ServiceReceipt, user: User) -> None:
    complaint = Complaint.get_or_none(Complaint.receipt == receipt.id)
    if complaint is not None:
        refuse_respondent(user, complaint)


# --- clocks --------------------------------------------------------------------------------


def start_clock(
    complaint: Complaint, key: str, at: datetime, *, judged_at: datetime | None = None
) -> clocks.Clock:
    """Start (or restart) a clock at ``at``. A running clock of the key that had already run
    out by ``judged_at`` (the moment of the restart, ``at`` by default) is stopped as breached
    first: a restart never hides a breach."""
    _end(complaint, key, judged_at or at, Outcome.RESTARTED)
    return clocks.start(SUBJECT, complaint.id, key, spec(key), at)


def _end(complaint: Complaint, key: str, at: datetime, outcome: Outcome) -> None:
    """Stop a running clock as ``outcome`` (cancelled, restarted), or as breached when its
    deadline had passed by ``at``."""
    running = clocks.running(SUBJECT, complaint.id, key)
    if running is None:
        return
    clocks.stop(SUBJECT, complaint.id, key, at, None if at > running.due_at else outcome)


def stop_clock(complaint: Complaint, key: str, at: datetime) -> clocks.Clock | None:
    """Stop a clock that was met (on time) or breached (late)."""
    return clocks.stop(SUBJECT, complaint.id, key, at)


def end_all(complaint: Complaint, at: datetime, outcome: Outcome = Outcome.CANCELLED) -> None:
    for key in (
        Clocks.NOTICE,
        Clocks.ACCEPTANCE,
        Clocks.DECISION,
        Clocks.DESK_FEEDBACK,
        Clocks.DESK_RESOLVE,
    ):
        _end(complaint, key, at, outcome)


# --- registering ---------------------------------------------------------------------------


@retry_document
def register_complaint(
    actor: Actor,
    *,
    complainant: str,
    phone: str,
    content: str,
    channel: Channel | str = Channel.CALL,
    received_at: datetime | None = None,
    variant: Variant | str = Variant.REGULATORY,
    materials_complete: bool = True,
    missing: str = "",
    respondent: User | None = None,
    respondent_name: str = "",
    claim: str = "",
    customer: Customer | None = None,
) -> Complaint:
    """C10: register a complaint (name, phone and content required) and start its clocks at
    ``received_at``: the 5-working-day notice when materials are incomplete, else the
    10-working-day acceptance; the 48/72-hour pair for the 服务台 variant. Whoever registers it
    is its first receiver and owner (C11)."""
    person = require_person(actor, "投诉登记", "registering a complaint")
    received_at = received_at or now()
    with db.atomic():
        require_role(person, *receipts.RECEIVER_ROLES)
        try:
            variant = Variant(variant)
        except ValueError:
            raise RuleViolation(
                None, f"投诉类别无效：{variant}", f"bad variant {variant}"
            ) from None
        if is_blank(phone):
            raise RuleViolation(
                "C10", "请填写投诉人联系电话", "the phone is required", field="phone"
            )
        receipt = receipts.create_receipt(
            person,
            kind=RequestKind.COMPLAINT,
            channel=channel,
            caller_name=complainant,
            phone=_phone(phone),
            content=content,
            received_at=received_at,
            rule="C10",
        )
        if not materials_complete and is_blank(missing) and variant == Variant.REGULATORY:
            raise RuleViolation(
                "C10", "材料不全时请写明需补正的材料", "say what is missing", field="missing"
            )
        if variant == Variant.DESK:
            state = S.DESK_OPEN
        else:
            state = S.REVIEWING if materials_complete else S.INCOMPLETE
        complaint = audit.create(
            person,
            Complaint,
            number=next_number("TS", received_at.year),
            receipt=receipt,
            variant=variant.value,
            state=state.value,
            customer=customer.id if customer is not None else None,
            respondent=respondent.id if respondent is not None else None,
            respondent_name=clean(respondent_name or (respondent.name if respondent else "")),
            claim=clean(claim),
            missing=clean(missing) if not materials_complete else "",
            materials_complete_at=received_at if state == S.REVIEWING else None,
        )
        if variant == Variant.DESK:
            start_clock(complaint, Clocks.DESK_FEEDBACK, received_at)
            start_clock(complaint, Clocks.DESK_RESOLVE, received_at)
        elif materials_complete:
            start_clock(complaint, Clocks.ACCEPTANCE, received_at)
        else:
            start_clock(complaint, Clocks.NOTICE, received_at)
        return complaint


def _phone(text: str) -> str:
    """The complainant's phone as the customer archive checks it (mobile, or landline with
    its area code and extension), refused naming C10."""
    try:
        return normalize_phone(text)
    except RuleViolation as exc:
        prefix = f"[{exc.rule}] " if exc.rule else ""
        zh, en = exc.zh.removeprefix(prefix), exc.en.removeprefix(prefix)
        raise RuleViolation("C10", zh, en, field="phone") from None


def complaints_near_deadline(
    at: datetime | None = None, within_hours: int = 48
) -> peewee.ModelSelect:
    """Running complaint clocks due within ``within_hours`` or overdue, soonest first (one
    indexed condition on the stored deadlines)."""
    at = at or now()
    return (
        clocks.Clock.select()
        .where(
            (clocks.Clock.subject == SUBJECT)
            & clocks.Clock.stopped_at.is_null()
            & (clocks.Clock.due_at <= at + timedelta(hours=within_hours))
        )
        .order_by(clocks.Clock.due_at)
    )


def archive_lines(customer_id: int) -> list[Any]:
    """The customer's complaints for his archive (C1), each as received with where it stands
    (a refused or merged repeat included), as ``queries.ArchiveLine`` rows. Imported here:
    ``queries`` imports this module."""
    from models.callbacks.queries import ArchiveLine

    lines = []
    rows = (
        Complaint.select(Complaint, ServiceReceipt)
        .join(ServiceReceipt)
        .where(Complaint.customer == customer_id)
    )
    for c in rows:
        detail = f"{c.number} {c.receipt.content}（{ComplaintState(c.state).label}）"
        lines.append(ArchiveLine(c.receipt.received_at, "投诉", detail, "complaint", c.id))
    return lines
