"""投诉处理回访 (C5): a complaint that was handled and closed is called back.

C5 names complaint follow-up (投诉处理回访) among the content types of a callback; seed 004
says the service desk calls back every event it handled (对每个处理事件进行客户回访) and that a
major complaint is analysed, handled and called back (对重大投诉进行原因分析、处理和回访).
Hence, in one place, ``follow_up_in``, which the closing steps (办结, 服务台办结) call inside
their own transaction:

- a closed complaint gets one phone callback of content 投诉处理回访 to the complainant, due
  ``complaint.follow_up_days`` (7) calendar days after the closing; a refused or merged
  complaint was not handled here and gets none;
- it is keyed (``complaint``, the complaint's id, 投诉处理回访) like every sourced callback, so
  asking again returns the one there is (``complaint_follow_up`` re-runs it for a complaint
  closed before this rule, and makes nothing twice);
- the complainant is the complaint's customer; a complaint registered without one finds him
  in the archive by the phone he gave (the newest contact with that number), or enters him
  there (C1: name and phone as he gave them, noted as the complainant of the complaint), and
  the complaint is linked to him (audited), so the follow-up and the complaint are in his
  archive;
- it goes to the complaint's owner when he holds the phone post (客服, C3), else to the first
  客服 who is not the person complained about (C10); with no 客服 at all it waits unassigned.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from models import audit, settings
from models.base import guarded_update
from models.callbacks.callbacks import Callback, make_sourced
from models.callbacks.complaints import Complaint, ComplaintState
from models.callbacks.customer_batch import add_customer
from models.callbacks.customers import (
    ARCHIVE_ROLES,
    DUPLICATE_WARNING,
    Customer,
    CustomerContact,
)
from models.callbacks.plans import ContentType, Method
from models.db import db
from models.errors import RuleViolation
from models.people import SYSTEM, Actor, Role, User, require_role, users_with_role

SOURCE = "complaint"

settings.register(
    settings.SettingSpec(
        "complaint.follow_up_days",
        7,
        int,
        "投诉办结后回访的期限（日）",
        "days after a complaint is closed to call the complainant back",
        1,
    ),
)


def _by_phone(phone: str) -> Customer | None:
    """The customer whose newest contact with ``phone`` is the latest recorded."""
    row = (
        CustomerContact.select(CustomerContact.customer)
        .join(Customer, on=CustomerContact.customer == Customer.id)
        .where((CustomerContact.phone == phone) & Customer.voided_at.is_null())
        .order_by(CustomerContact.valid_from.desc(), CustomerContact.id.desc())
        .first()
    )
    return None if row is None else Customer.get_by_id(row.customer_id)


def complainant(actor: Actor, complaint: Complaint) -> Customer:
    """The complaint's customer: linked, found by phone, or entered in the archive (C1). An
    actor without an archive post (a head who took the complaint over) enters him as the
    system does."""
    if complaint.customer_id is not None:
        return Customer.get_by_id(complaint.customer_id)
    found = _by_phone(complaint.phone)
    if found is not None:
        return found
    archivist = actor if actor.has_role(*ARCHIVE_ROLES) else SYSTEM
    return add_customer(
        archivist,
        name=complaint.complainant,
        phone=complaint.phone,
        note=f"投诉人（{complaint.number}）",
        acknowledged={DUPLICATE_WARNING},
    )


def link_in(actor: Actor, complaint: Complaint, customer: Customer) -> None:
    """The complaint goes into the complainant's archive (C1), as a change the audit keeps."""
    guarded_update(complaint, complaint.version, customer=customer.id)
    audit.record(
        actor, "complaint", complaint.id, "link_customer", {"customer": (None, customer.id)}
    )


def _caller(complaint: Complaint, owner_id: int) -> User | None:
    """Who makes the follow-up call: the owner when he is 客服, else the first 客服 who is not
    the person complained about."""
    callers = [u for u in users_with_role(Role.SERVICE) if u.id != complaint.respondent_id]
    for u in callers:
        if u.id == owner_id:
            return u
    return callers[0] if callers else None


def follow_up_in(actor: Actor, complaint: Complaint, closed_at: datetime) -> Callback:
    """C5, inside the closing step's transaction (the step checked the owner): the complaint's
    投诉处理回访, made once."""
    found = Callback.get_or_none(
        (Callback.source_type == SOURCE)
        & (Callback.source_id == complaint.id)
        & (Callback.content_type == ContentType.COMPLAINT)
    )
    if found is not None:
        return found
    customer = complainant(actor, complaint)
    if complaint.customer_id is None:
        link_in(actor, complaint, customer)
    day: date = closed_at.date()
    return make_sourced(
        actor,
        customer=customer,
        source_type=SOURCE,
        source_id=complaint.id,
        content_type=ContentType.COMPLAINT,
        due_on=day + timedelta(days=settings.get("complaint.follow_up_days")),
        method_chain=(Method.PHONE,),
        assignee=_caller(complaint, complaint.receipt.owner_id),
        scheduled_on=day,
    )


def complaint_follow_up(actor: Actor, complaint: Complaint) -> Callback:
    """C5 for a complaint closed before its follow-up was made (客服管理 or the
    administrator): the one there is, or a new one."""
    with db.atomic():
        require_role(actor, Role.SERVICE_MANAGER, Role.ADMIN)
        fresh = Complaint.get_by_id(complaint.id)
        if fresh.state != ComplaintState.CLOSED or fresh.closed_at is None:
            raise RuleViolation(
                "C5",
                f"投诉{ComplaintState(fresh.state).label}，办结后才做投诉处理回访",
                "a complaint is followed up once it is closed",
            )
        return follow_up_in(actor, fresh, fresh.closed_at)
