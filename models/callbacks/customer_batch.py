"""客户档案 in batches (C1, C9): ``add_customers`` is THE way a customer enters the archive.

``add_customer`` (a dialog's one customer) is a batch of one, the importer sends thousands
through the same two halves: ``check_customers`` (every rule, reads only: the importer runs
it over the whole file before it opens the write transaction, ``seen`` carrying what the
file's earlier batches bring) and ``write_customers`` (inside the write transaction: the
indexed re-checks when another desktop may have written since, the numbers, the bulk
writes). The same checks in the same order. All or nothing: every bad row is found (its first
problem), then ``RowsRefused`` names each and nothing is written. The same name and phone as
another customer is a warning (``DUPLICATE_WARNING``) a row accepts with its ``acknowledged``
keys; in a batch it refuses its row as a ``DuplicateCustomer``, which carries the warning a
dialog asks about (``add_customer`` raises the warning itself).

Cost: ID numbers, customer numbers and name + phone pairs are looked up for the whole batch
in one IN query per chunk on their indexes (``id_no`` and ``number`` unique, the contact's
``phone``); numbers are drawn as one block of the counter; customers, contacts, addresses
and audit rows are written in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from models import audit
from models.base import bulk_insert, now, select_in
from models.callbacks.customers import (
    ARCHIVE_ROLES,
    DUPLICATE_WARNING,
    IMPORTANT_ROLES,
    Customer,
    CustomerAddress,
    CustomerContact,
    CustomerKind,
    _id_number,
    _name,
)
from models.callbacks.validation import normalize_phone, phone_tail
from models.db import db, is_mysql
from models.errors import RowsRefused, RuleViolation, RuleWarning
from models.numbering import _NUMBER, next_numbers, reserve
from models.people import Actor, User, require_role
from models.text import clean, row_checker, search_key, shorten

_TEXTS = ("number", "name", "important_reason", "note")


class DuplicateCustomer(RuleViolation):
    """C1 in a batch: a row with the same name and phone as another customer, not
    acknowledged. ``warning`` is the ``RuleWarning`` a dialog asks "add anyway?" with."""

    def __init__(self, warning: RuleWarning) -> None:
        prefix = f"[{warning.rule}] "
        super().__init__(
            warning.rule, warning.zh.removeprefix(prefix), warning.en.removeprefix(prefix)
        )
        self.field = "name"
        self.warning = warning


CustomerRow = tuple[dict[str, Any], dict[str, Any]]
"""A customer as the check half leaves it: its columns, and its first contact and address
with the acknowledged warning (``phone``, ``phone_tail``, ``person``, ``relation``,
``address``, ``valid_from``, ``ack``), written once the customer's id is known."""

_check_texts = row_checker([getattr(Customer, k) for k in _TEXTS])
# The texts of the contact and the address that can break their columns (the phone has its
# own shape by then), checked here so the write half writes them unchecked.
_check_contact = row_checker(
    [CustomerContact.relation, CustomerAddress.address, CustomerContact.person]
)


def _row(fields: Mapping[str, Any]) -> CustomerRow:
    """One customer's columns and contact, checked in ``add_customer``'s order."""
    try:
        kind = CustomerKind(fields.get("kind") or CustomerKind.INDIVIDUAL)
    except ValueError:
        raise RuleViolation(
            "C1", f"未知的客户类型：{fields.get('kind')}", "unknown customer kind", field="kind"
        ) from None
    name = _name(str(fields.get("name") or ""))
    phone = normalize_phone(str(fields.get("phone") or ""))
    id_no = _id_number(kind, fields.get("id_no"))
    important, reason = bool(fields.get("important")), clean(fields.get("important_reason"))
    if important and not reason:
        raise RuleViolation(
            "C9",
            "标记重要客户须写明原因",
            "an important customer needs a reason",
            field="important_reason",
        )
    owner = fields.get("owner")
    customer = {
        "number": clean(fields.get("number")).upper(),
        "name": name,
        "name_search": search_key(name),
        "kind": kind.value,
        "id_no": id_no,
        "important": important,
        "important_reason": reason,
        "owner": getattr(owner, "id", owner),
        "note": clean(fields.get("note")),
    }
    _check_texts([customer[k] for k in _TEXTS])
    contact = {
        "phone": phone,
        "phone_tail": phone_tail(phone),
        "person": shorten(clean(fields.get("person")), 50),
        "relation": clean(fields.get("relation")) or "本人",
        "address": clean(fields.get("address")),
        "valid_from": fields.get("valid_from"),
        "ack": DUPLICATE_WARNING in (fields.get("acknowledged") or ()),
    }
    _check_contact([contact["relation"], contact["address"], contact["person"]])
    return customer, contact


def check_customers(
    actor: Actor, customers: Sequence[Mapping[str, Any]], seen: dict[str, Any] | None = None
) -> list[CustomerRow]:
    """C1 and C9 for a batch, the checking half of ``add_customers``: every row's fields,
    then the ID numbers, customer numbers and name + phone pairs against the archive, the
    rows before and, through ``seen``, the earlier batches of the same file. Reads only (no
    number is drawn, nothing locked): an importer runs it over a whole file before it opens
    the write transaction. Every bad row is found (its first problem), then ``RowsRefused``
    names each. Returns the rows as ``write_customers`` takes them, in order."""
    require_role(actor, *ARCHIVE_ROLES)  # the actor first (X1)
    marks = actor.has_role(*IMPORTANT_ROLES)  # 重要客户 is 客服管理's call, as set_important's
    seen = {} if seen is None else seen
    problems: list[tuple[int, RuleViolation]] = []
    rows: list[tuple[int, CustomerRow]] = []
    for index, fields in enumerate(customers):
        try:
            row = _row(fields)
            if row[0]["important"] and not marks:
                raise RuleViolation(
                    "C9",
                    "只有客服管理可以标记重要客户",
                    "only service management marks a customer important",
                    field="important",
                )
            rows.append((index, row))
        except RuleViolation as exc:
            problems.append((index, exc))
    problems += _taken(rows, seen)
    if problems:
        raise RowsRefused(sorted(problems, key=lambda p: p[0]))
    return [row for _, row in rows]


def write_customers(
    actor: Actor,
    rows: Sequence[CustomerRow],
    *,
    recheck: bool = True,
    payloads: Sequence[str] | None = None,
) -> list[int]:
    """The writing half of ``add_customers`` (inside the caller's transaction): the given
    numbers reserved, the others drawn as one block of the KH counter, then customers,
    audit rows, contacts and addresses in bulk. ``recheck``: the rows were checked outside
    this transaction (an importer's first pass), so the archive is looked up again here,
    under the write lock, on its indexes: another desktop may have added one of these
    customers since. ``payloads``: the audit changes made in the check pass (used only when
    every row brought its number). Returns the new ids in order."""
    require_role(actor, *ARCHIVE_ROLES)
    if recheck:
        problems = _taken(list(enumerate(rows)), {})
        if problems:
            raise RowsRefused(problems)
    at = now()
    customers = [customer for customer, _ in rows]
    given = [c["number"] for c in customers if c["number"]]
    _reserve_highest(given)
    if len(given) < len(customers):
        drawn = iter(next_numbers("KH", at.year, len(customers) - len(given), width=6))
        for c in customers:
            c["number"] = c["number"] or next(drawn)
        payloads = None  # made before the numbers were drawn
    ids = audit.create_many(actor, Customer, "number", customers, checked=True, payloads=payloads)
    _write_contacts(actor, ids, [contact for _, contact in rows], at.date())
    return ids


def add_customers(actor: Actor, customers: Sequence[Mapping[str, Any]]) -> list[int]:
    """C1: customers with their first contact (and address). Each row holds ``name``,
    ``phone`` and optionally ``kind``, ``id_no``, ``person``, ``relation``, ``address``,
    ``important`` with ``important_reason`` (C9), ``owner``, ``note``, ``number`` (drawn
    from the KH counter unless given), ``valid_from`` (today) and ``acknowledged``.
    Refused per row: no name, a bad phone or ID (with the reason), an ID another customer
    has or another row brings, a number taken, an important customer without a reason.
    The two halves the importer runs as its check and write passes, ``check_customers``
    then ``write_customers``, in one transaction. Returns the new ids in order."""
    with db.atomic():
        return write_customers(actor, check_customers(actor, customers), recheck=False)


# The batch's lookups, each on an index (``id_no`` and ``number`` unique, the contact's
# ``phone``): one query per chunk of the batch's values.
def by_id_no(part: list[str]) -> Any:
    return Customer.select(Customer.id_no, Customer.name, Customer.number).where(
        Customer.id_no.in_(part)
    )


def by_number(part: list[str]) -> Any:
    return Customer.select(Customer.number).where(Customer.number.in_(part))


def by_phone(part: list[str]) -> Any:
    return (
        Customer.select(Customer.name, CustomerContact.phone, Customer.number)
        .join(CustomerContact)
        .where(CustomerContact.phone.in_(part) & Customer.voided_at.is_null())
    )


def _taken(
    rows: Sequence[tuple[int, CustomerRow]], seen: dict[str, Any]
) -> list[tuple[int, RuleViolation]]:
    """The rows refused for what others hold: an ID number or a customer number of the
    archive or of an earlier row (of this batch or, in ``seen``, of an earlier one), the
    same name and phone as a customer (unacknowledged)."""
    fold = str.casefold if is_mysql() else str
    ids = sorted({c["id_no"] for _, (c, _) in rows if c["id_no"]})
    by_id = {fold(i): (name, number) for i, name, number in select_in(by_id_no, ids)}
    numbers = sorted({c["number"] for _, (c, _) in rows if c["number"]})
    taken_numbers = {fold(n) for (n,) in select_in(by_number, numbers)}
    phones = sorted({contact["phone"] for _, (_, contact) in rows})
    same: dict[tuple[str, str], str] = {}
    for name, phone, number in select_in(by_phone, phones):
        same.setdefault((fold(name), phone), number)
    earlier_ids: dict[str, tuple[str, str]] = seen.setdefault("ids", {})
    earlier_numbers: set[str] = seen.setdefault("numbers", set())
    earlier_pairs: dict[tuple[str, str], str] = seen.setdefault("pairs", {})
    problems: list[tuple[int, RuleViolation]] = []
    for index, (c, contact) in rows:
        id_no, number = c["id_no"], c["number"]
        pair = (fold(c["name"]), contact["phone"])
        holder = (by_id.get(fold(id_no)) or earlier_ids.get(fold(id_no))) if id_no else None
        other = same.get(pair) or earlier_pairs.get(pair)
        if holder is not None:
            other_name, other_number = holder
            problems.append(
                (
                    index,
                    RuleViolation(
                        "C1",
                        f"证件号码 {id_no} 已属于客户「{other_name}」（{other_number}）",
                        f"ID number {id_no} already belongs to {other_number or other_name}",
                        field="id_no",
                    ),
                )
            )
        elif number and (fold(number) in taken_numbers or fold(number) in earlier_numbers):
            problems.append(
                (
                    index,
                    RuleViolation(
                        "C1",
                        f"客户编号 {number} 已存在",
                        f"customer {number} exists",
                        field="number",
                    ),
                )
            )
        elif other is not None and not contact["ack"]:
            warning = RuleWarning(
                DUPLICATE_WARNING,
                "C1",
                f"已有同名同电话的客户（{other}），仍要新建吗？",
                f"a customer of the same name and phone exists ({other}); add anyway?",
            )
            problems.append((index, DuplicateCustomer(warning)))
        if id_no:
            earlier_ids.setdefault(fold(id_no), (c["name"], number))
        if number:
            earlier_numbers.add(fold(number))
        earlier_pairs.setdefault(pair, number or f"本批第 {index + 1} 条")
    return problems


def _reserve_highest(numbers: list[str]) -> None:
    """Raise each counter the given numbers belong to once, to the highest of them (what
    ``reserve`` per number would leave)."""
    highest: dict[str, tuple[int, str]] = {}
    for number in numbers:
        match = _NUMBER.match(number)
        if match is not None:
            name, value = match.group(1) + match.group(2), int(match.group(3))
            if value > highest.get(name, (-1, ""))[0]:
                highest[name] = (value, number)
    for _, number in highest.values():
        reserve(number)


def _write_contacts(actor: Actor, ids: list[int], rows: list[dict[str, Any]], today: date) -> None:
    at = now()
    bulk_insert(
        CustomerContact,
        [
            {
                "customer": cid,
                "person": row["person"],
                "relation": row["relation"],
                "phone": row["phone"],
                "phone_tail": row["phone_tail"],
                "valid_from": row["valid_from"] or today,
            }
            for cid, row in zip(ids, rows, strict=True)
        ],
        same={"recorded_by": actor.id, "recorded_at": at},
        checked=True,  # the texts passed ``_check_contact`` in the check half
    )
    bulk_insert(
        CustomerAddress,
        [
            {"customer": cid, "address": row["address"], "valid_from": row["valid_from"] or today}
            for cid, row in zip(ids, rows, strict=True)
            if row["address"]
        ],
        same={"recorded_by": actor.id, "recorded_at": at},
        checked=True,
    )


def add_customer(
    actor: Actor,
    *,
    name: str,
    phone: str,
    kind: CustomerKind | str = CustomerKind.INDIVIDUAL,
    id_no: object = None,
    person: str = "",
    relation: str = "本人",
    address: str = "",
    important: bool = False,
    important_reason: str = "",
    owner: User | None = None,
    note: str = "",
    number: str = "",
    valid_from: date | None = None,
    acknowledged: Iterable[str] | None = None,
) -> Customer:
    """C1: one customer, ``add_customers`` with one row, refused with its own violation; the
    same name and phone as another customer is the warning itself, for the dialog to ask."""
    fields = {
        "name": name,
        "phone": phone,
        "kind": kind,
        "id_no": id_no,
        "person": person,
        "relation": relation,
        "address": address,
        "important": important,
        "important_reason": important_reason,
        "owner": owner,
        "note": note,
        "number": number,
        "valid_from": valid_from,
        "acknowledged": acknowledged,
    }
    try:
        (customer_id,) = add_customers(actor, [fields])
    except RowsRefused as refused:
        problem = refused.problems[0][1]
        raise (problem.warning if isinstance(problem, DuplicateCustomer) else problem) from None
    return Customer.get_by_id(customer_id)
