"""客户档案 (C1): customers, their contacts and addresses as dated history, their projects or
policies. Customers are master data, not login users. A changed phone number or address is a
new row with its ``valid_from`` (the current one is the latest), never an overwrite, so the
archive shows what was true when each callback was made. A customer enters the archive
through ``customer_batch.add_customers`` (``add_customer`` a batch of one)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import peewee

from models import audit
from models.base import BaseModel, VoidableModel, guarded_update, now
from models.callbacks.validation import (
    normalize_credit_code,
    normalize_id_number,
    normalize_phone,
    phone_tail,
)
from models.db import db
from models.errors import RuleViolation
from models.people import Actor, Role, User, require_role
from models.text import clean, shorten

# Who keeps the archive: the callers (客服), the sellers (销售), their managers (客服管理).
ARCHIVE_ROLES = (Role.SERVICE, Role.SALES, Role.SERVICE_MANAGER, Role.ADMIN)
PROJECT_ROLES = (Role.SALES, Role.SERVICE_MANAGER, Role.ADMIN)  # who records what was sold
# Who marks a customer 重要 (C9): the managers, whose plans call important customers.
IMPORTANT_ROLES = (Role.SERVICE_MANAGER, Role.ADMIN)
DUPLICATE_WARNING = "callbacks.customer_duplicate"


class CustomerKind(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"
    INTERNAL = "internal"  # a colleague called back on a service (F8 抽查回访)

    @property
    def label(self) -> str:
        return {"individual": "个人", "organisation": "单位", "internal": "内部"}[self.value]


class Customer(VoidableModel):
    number = peewee.CharField(max_length=32, unique=True, verbose_name="客户编号")
    name = peewee.CharField(max_length=100, verbose_name="客户名称")
    # the name's pinyin (``models.text.search_key``): "zs" finds 张三 in the archive
    name_search = peewee.CharField(max_length=255, default="", index=True)
    kind = peewee.CharField(max_length=16, default=CustomerKind.INDIVIDUAL)
    # 18-digit 居民身份证 (checksum) or 统一社会信用代码; NULL (never "") when unknown, so the
    # unique index allows many customers without one on both backends
    id_no = peewee.CharField(max_length=18, null=True, unique=True, verbose_name="证件号码")
    important = peewee.BooleanField(default=False)  # 重要客户: called on their own plan (C9)
    important_reason = peewee.CharField(max_length=200, default="")
    owner = peewee.ForeignKeyField(User, null=True, backref="customers")  # 客户经理
    user = peewee.ForeignKeyField(User, null=True, unique=True, backref="as_customer")  # internal
    note = peewee.CharField(max_length=500, default="")
    version = peewee.IntegerField(default=1)

    def __str__(self) -> str:
        return self.name


class CustomerContact(BaseModel):
    """One row per phone number a customer had: a change is a new row, the current one is the
    latest ``valid_from`` (ties: the higher id). Never updated."""

    customer = peewee.ForeignKeyField(Customer, backref="contacts")
    person = peewee.CharField(max_length=50, default="")  # who answers: 本人, 经办人 …
    relation = peewee.CharField(max_length=20, default="本人")
    phone = peewee.CharField(max_length=32)  # normalised (``validation.normalize_phone``)
    phone_tail = peewee.CharField(max_length=4, index=True)  # 尾号, what staff type
    valid_from = peewee.DateField()
    recorded_by = peewee.ForeignKeyField(User, null=True)
    recorded_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("customer", "valid_from"), False), (("phone",), False))


class CustomerAddress(BaseModel):
    """One row per address a customer had, as contacts: a change is a new row."""

    customer = peewee.ForeignKeyField(Customer, backref="addresses")
    address = peewee.CharField(max_length=200)
    valid_from = peewee.DateField()
    recorded_by = peewee.ForeignKeyField(User, null=True)
    recorded_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("customer", "valid_from"), False),)


class Project(VoidableModel):
    """项目/保单: what the customer bought. ``delivered_on`` (交付使用/起保) starts the C9
    cadence: monthly in its first year, quarterly after."""

    customer = peewee.ForeignKeyField(Customer, backref="projects")
    ref_no = peewee.CharField(max_length=40, unique=True, verbose_name="项目/保单号")
    title = peewee.CharField(max_length=100, default="")
    started_on = peewee.DateField()
    delivered_on = peewee.DateField()
    sales_person = peewee.ForeignKeyField(User, null=True, backref="sold_projects")

    class Meta:
        indexes = ((("customer", "delivered_on"), False),)


CUSTOMER_TABLES = [Customer, CustomerContact, CustomerAddress, Project]


# --- reading the archive -----------------------------------------------------------------


def current_contact(customer: Customer | int) -> CustomerContact | None:
    """The contact in force: the latest ``valid_from`` (ties: the later row)."""
    return (
        CustomerContact.select()
        .where(CustomerContact.customer == customer)
        .order_by(CustomerContact.valid_from.desc(), CustomerContact.id.desc())
        .first()
    )


def current_address(customer: Customer | int) -> CustomerAddress | None:
    return (
        CustomerAddress.select()
        .where(CustomerAddress.customer == customer)
        .order_by(CustomerAddress.valid_from.desc(), CustomerAddress.id.desc())
        .first()
    )


def contact_history(customer: Customer | int) -> list[CustomerContact]:
    """Every number the customer had, newest first: the archive's proof of what was dialled."""
    return list(
        CustomerContact.select()
        .where(CustomerContact.customer == customer)
        .order_by(CustomerContact.valid_from.desc(), CustomerContact.id.desc())
    )


def address_history(customer: Customer | int) -> list[CustomerAddress]:
    return list(
        CustomerAddress.select()
        .where(CustomerAddress.customer == customer)
        .order_by(CustomerAddress.valid_from.desc(), CustomerAddress.id.desc())
    )


def search_customers(text: str, limit: int = 50) -> list[Customer]:
    """Customers whose name, pinyin ("zs" for 张三), number or phone tail (尾号) match."""
    words = clean(text).lower()
    query = Customer.select().where(Customer.voided_at.is_null())
    if words:
        tails = CustomerContact.select(CustomerContact.customer).where(
            CustomerContact.phone_tail == words[-4:]
        )
        condition = Customer.name_search.contains(words) | (Customer.number == words.upper())
        if words.isdigit() and len(words) == 4:
            condition |= Customer.id.in_(tails)
        query = query.where(condition)
    return list(query.order_by(Customer.name_search).limit(limit))


def latest_delivery(customer: Customer | int) -> date | None:
    """The C9 clock: the delivery (交付使用/起保) of the customer's newest project."""
    row = (
        Project.select(Project.delivered_on)
        .where((Project.customer == customer) & Project.voided_at.is_null())
        .order_by(Project.delivered_on.desc())
        .first()
    )
    return row.delivered_on if row is not None else None


# --- writing it --------------------------------------------------------------------------


def _name(name: str) -> str:
    name = clean(name)
    if not name:
        raise RuleViolation("C1", "客户名称不能为空", "a customer needs a name", field="name")
    return name


def _id_number(kind: str, id_no: object) -> str | None:
    if kind == CustomerKind.ORGANISATION:
        text = str(id_no or "").strip()
        return normalize_credit_code(text) if text else None
    return normalize_id_number(id_no)


def _contact_row(
    actor: Actor, customer: Customer, phone: str, person: str, relation: str, valid_from: date
) -> dict[str, object]:
    return {
        "customer": customer.id,
        "person": shorten(clean(person), 50),
        "relation": clean(relation) or "本人",
        "phone": phone,
        "phone_tail": phone_tail(phone),
        "valid_from": valid_from,
        "recorded_by": actor.id,
        "recorded_at": now(),
    }


def _live(customer: Customer) -> Customer:
    fresh = Customer.get_by_id(customer.id)
    if fresh.is_voided:
        raise RuleViolation(
            "X2", f"客户「{fresh.name}」已作废", f"customer {fresh.number} is voided"
        )
    return fresh


def change_contact(
    actor: Actor,
    customer: Customer,
    *,
    phone: str,
    valid_from: date,
    person: str = "",
    relation: str = "本人",
) -> CustomerContact:
    """C1: a new number is a new dated row; the old one stays in the history, unchanged."""
    with db.atomic():
        require_role(actor, *ARCHIVE_ROLES)
        customer = _live(customer)
        phone = normalize_phone(phone)
        current = current_contact(customer)
        if current is not None and valid_from < current.valid_from:
            raise RuleViolation(
                "C1",
                f"新号码的启用日期不能早于现用号码的（{current.valid_from}）",
                f"a new number cannot start before the current one ({current.valid_from})",
                field="valid_from",
            )
        row = CustomerContact.create(
            **_contact_row(actor, customer, phone, person, relation, valid_from)
        )
        old = current.phone if current is not None else None
        audit.record(actor, "customer", customer.id, "contact", {"phone": (old, phone)})
        return row


def change_address(
    actor: Actor, customer: Customer, *, address: str, valid_from: date
) -> CustomerAddress:
    """C1: a new address is a new dated row; the old one stays."""
    with db.atomic():
        require_role(actor, *ARCHIVE_ROLES)
        customer = _live(customer)
        address = clean(address)
        if not address:
            raise RuleViolation("C1", "地址不能为空", "an address is required", field="address")
        current = current_address(customer)
        if current is not None and valid_from < current.valid_from:
            raise RuleViolation(
                "C1",
                f"新地址的启用日期不能早于现用地址的（{current.valid_from}）",
                f"a new address cannot start before the current one ({current.valid_from})",
                field="valid_from",
            )
        row = CustomerAddress.create(
            customer=customer,
            address=address,
            valid_from=valid_from,
            recorded_by=actor.id,
            recorded_at=now(),
        )
        old = current.address if current is not None else None
        audit.record(actor, "customer", customer.id, "address", {"address": (old, address)})
        return row


def add_project(
    actor: Actor,
    customer: Customer,
    *,
    ref_no: str,
    started_on: date,
    delivered_on: date,
    title: str = "",
    sales_person: User | None = None,
) -> Project:
    """C1/C9: a project or policy; its delivery date starts the callback cadence."""
    with db.atomic():
        require_role(actor, *PROJECT_ROLES)
        customer = _live(customer)
        ref_no = clean(ref_no)
        if not ref_no:
            raise RuleViolation(
                "C1", "项目/保单号不能为空", "a project needs its number", field="ref_no"
            )
        if delivered_on < started_on:
            raise RuleViolation(
                "C1",
                "交付日期不能早于开始日期",
                "delivery cannot precede the start",
                field="delivered_on",
            )
        if Project.select().where(Project.ref_no == ref_no).exists():
            raise RuleViolation(
                "C1", f"项目/保单号 {ref_no} 已存在", f"project {ref_no} exists", field="ref_no"
            )
        return audit.create(
            actor,
            Project,
            customer=customer,
            ref_no=ref_no,
            title=clean(title),
            started_on=started_on,
            delivered_on=delivered_on,
            sales_person=sales_person,
        )


def set_important(actor: Actor, customer: Customer, important: bool, reason: str) -> Customer:
    """C9: 重要客户 are called on their own plan; the flag changes only with a reason."""
    with db.atomic():
        require_role(actor, *IMPORTANT_ROLES)
        reason = clean(reason)
        if not reason:
            raise RuleViolation(
                "C9",
                "更改重要客户标记须写明原因",
                "changing the important flag needs a reason",
                field="reason",
            )
        customer = _live(customer)
        changes = {"important": bool(important), "important_reason": reason if important else ""}
        diff = {k: (getattr(customer, k), v) for k, v in changes.items()}
        guarded_update(customer, customer.version, **changes)
        audit.record(actor, "customer", customer.id, "important", diff, note=reason)
        return customer


class NoPhone(RuleViolation):
    """C1: a colleague to be entered in the archive has no phone, neither given nor in the
    user register. Its own class, so a batch that skips such colleagues (抽查回访) tells
    "no phone" apart from a phone that is there but malformed, which it must not swallow."""

    def __init__(self, user: User) -> None:
        super().__init__(
            "C1",
            f"{user.name} 在用户登记中没有电话：电话号码不能为空",
            f"{user.name} has no phone in the user register: a phone number is required",
            field="phone",
        )
        self.user = user


def internal_customer(actor: Actor, user: User, phone: str = "") -> Customer:
    """The archive entry of a colleague called back on a service (F8 抽查回访): made on first
    use, with his phone from the user register (``NoPhone`` when there is none; a malformed
    one is refused as any customer's phone is)."""
    from models.callbacks.customer_batch import add_customer  # the batch builds on this module

    with db.atomic():
        require_role(actor, *ARCHIVE_ROLES)
        found = Customer.get_or_none(Customer.user == user.id)
        if found is not None:
            return found
        phone = clean(phone) or clean(user.phone)
        if not phone:
            raise NoPhone(user)
        customer = add_customer(
            actor,
            name=user.name,
            phone=phone,
            kind=CustomerKind.INTERNAL,
            acknowledged={DUPLICATE_WARNING},
        )
        Customer.update(user=user.id).where(Customer.id == customer.id).execute()
        return Customer.get_by_id(customer.id)
