"""The reads the desktop and the registers need, each returning plain rows: the customer's
archive (C1, C6) — his contacts and addresses as they changed, his projects, his callbacks
with their attempts and records, the problems they found, and the audit trail — as one
timeline, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from models import audit
from models.callbacks.callbacks import Callback, CallbackAttempt, CallbackState, Outcome
from models.callbacks.complaints import archive_lines as complaint_lines
from models.callbacks.customers import Customer, CustomerAddress, CustomerContact, Project
from models.callbacks.plans import ContentType, Method
from models.callbacks.problems import Problem, ProblemState
from models.callbacks.records import CallbackRecord


@dataclass(frozen=True)
class ArchiveLine:
    """One event of a customer's archive: when, what (in words), and the row it comes from."""

    at: datetime
    what: str
    detail: str
    table: str
    record_id: int


def _day(d: date) -> datetime:
    return datetime.combine(d, time(0, 0))


def customer_archive(customer: Customer | int) -> list[ArchiveLine]:
    """回访档案 (C1, C6): everything the office recorded about ``customer``, newest first.
    Nothing is left out: a superseded contact, an amended record, invalid answers, a
    cancelled callback all stay in the timeline."""
    cid = customer if isinstance(customer, int) else customer.id
    lines: list[ArchiveLine] = []
    for c in CustomerContact.select().where(CustomerContact.customer == cid):
        who = f"{c.person}（{c.relation}）" if c.person else c.relation
        lines.append(
            ArchiveLine(
                _day(c.valid_from), "联系电话", f"{c.phone} {who}", "customer_contact", c.id
            )
        )
    for a in CustomerAddress.select().where(CustomerAddress.customer == cid):
        lines.append(ArchiveLine(_day(a.valid_from), "地址", a.address, "customer_address", a.id))
    for p in Project.select().where(Project.customer == cid):
        lines.append(
            ArchiveLine(
                _day(p.delivered_on), "项目/保单交付", f"{p.ref_no} {p.title}", "project", p.id
            )
        )
    callbacks = {cb.id: cb for cb in Callback.select().where(Callback.customer == cid)}
    for cb in callbacks.values():
        what = f"{ContentType(cb.content_type).label}（{cb.period_key or cb.source_type}）"
        lines.append(
            ArchiveLine(
                cb.created_at,
                "回访任务",
                f"{what} {CallbackState(cb.state).label}",
                "callback",
                cb.id,
            )
        )
    if callbacks:
        attempts = CallbackAttempt.select().where(CallbackAttempt.callback.in_(list(callbacks)))
        for t in attempts:
            detail = f"{Method(t.method).label} {Outcome(t.outcome).label} {t.note}".strip()
            lines.append(ArchiveLine(t.at, "回访尝试", detail, "callback_attempt", t.id))
    for r in CallbackRecord.select().where(CallbackRecord.customer_id == cid):
        what = "回访记录更正" if r.amends_id else "回访记录"
        score = (
            f"满意度 {r.satisfaction}"
            if r.satisfaction
            else ("问卷无效" if r.valid is False else "")
        )
        detail = f"{r.reached_person} {score} {r.summary} {r.amend_reason}".strip()
        lines.append(ArchiveLine(r.submitted_at, what, detail, "callback_record", r.id))
    for p in Problem.select().where(Problem.customer == cid):
        detail = f"{p.number} {p.description}（{ProblemState(p.state).label}）"
        lines.append(ArchiveLine(p.raised_at, "回访问题", detail, "problem", p.id))
    lines.extend(complaint_lines(cid))
    for row in audit.AuditLog.select().where(
        (audit.AuditLog.table == "customer") & (audit.AuditLog.record_id == cid)
    ):
        lines.append(
            ArchiveLine(row.at, "档案变更", f"{row.actor_name} {row.action}", "audit_log", row.id)
        )
    return sorted(lines, key=lambda line: (line.at, line.table, line.record_id), reverse=True)


def recorded_callbacks_matching(text: str, limit: int = 20) -> list[Callback]:
    """The callbacks with their record written (C6) whose customer's name, pinyin ("zs" for
    张三) or number (whole, or its first characters: "KH2026-0002") matches ``text``, newest
    first, the customer read in the same query: where 登记问题… picks the callback a problem
    was found in (C7). Any user may search; the tab offers 登记问题… only to ``may_raise``."""
    words = text.strip().lower()
    query = (
        Callback.select(Callback, Customer)
        .join(Customer, on=Callback.customer == Customer.id)
        .where(Callback.state == CallbackState.DONE)
    )
    if words:
        query = query.where(
            Customer.name_search.contains(words) | Customer.number.startswith(words.upper())
        )
    return list(query.order_by(Callback.finished_at.desc(), Callback.id.desc()).limit(limit))
