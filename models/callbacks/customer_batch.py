"""客户档案 in batches (C1, C9): ``add_customers`` is THE way a customer enters the archive.

``add_customer`` (a dialog's one customer) is a batch of one, the importer sends thousands:
the same checks in the same order. All or nothing: every bad row is found (its first
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


def _row(fields: Mapping[str, Any]) -> dict[str, Any]:
    """One customer's columns, checked in ``add_customer``'s order (the contact and address
    ride along under ``_``-keys until the customer's id is known)."""
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
    return {
        "number": clean(fields.get("number")).upper(),
        "name": name,
        "name_search": search_key(name),
        "kind": kind.value,
        "id_no": id_no,
        "important": important,
        "important_reason": reason,
        "owner": getattr(owner, "id", owner),
        "note": clean(fields.get("note")),
        "_phone": phone,
        "_person": shorten(clean(fields.get("person")), 50),
        "_relation": clean(fields.get("relation")) or "本人",
        "_address": clean(fields.get("address")),
        "_valid_from": fields.get("valid_from"),
        "_ack": set(fields.get("acknowledged") or ()),
    }


def add_customers(actor: Actor, customers: Sequence[Mapping[str, Any]]) -> list[int]:
    """C1: customers with their first contact (and address). Each row holds ``name``,
    ``phone`` and optionally ``kind``, ``id_no``, ``person``, ``relation``, ``address``,
    ``important`` with ``important_reason`` (C9), ``owner``, ``note``, ``number`` (drawn
    from the KH counter unless given), ``valid_from`` (today) and ``acknowledged``.
    Refused per row: no name, a bad phone or ID (with the reason), an ID another customer
    has or another row brings, a number taken, an important customer without a reason.
    Returns the new ids in order."""
    with db.atomic():
        require_role(actor, *ARCHIVE_ROLES)  # the actor first (X1)
        check = row_checker([getattr(Customer, k) for k in _TEXTS])
        check_contact = row_checker([CustomerContact.relation, CustomerAddress.address])
        problems: list[tuple[int, RuleViolation]] = []
        rows: list[tuple[int, dict[str, Any]]] = []
        for index, fields in enumerate(customers):
            try:
                row = _row(fields)
                check([row[k] for k in _TEXTS])
                check_contact([row["_relation"], row["_address"]])
            except RuleViolation as exc:
                problems.append((index, exc))
                continue
            rows.append((index, row))
        problems += _taken(rows)
        if problems:
            raise RowsRefused(problems)
        at = now()
        given = [row["number"] for _, row in rows if row["number"]]
        _reserve_highest(given)
        drawn = iter(next_numbers("KH", at.year, len(rows) - len(given), width=6))
        for _, row in rows:
            row["number"] = row["number"] or next(drawn)
        ready = [{k: v for k, v in row.items() if not k.startswith("_")} for _, row in rows]
        ids = audit.create_many(actor, Customer, "number", ready, checked=True)
        _write_contacts(actor, ids, [row for _, row in rows], at.date())
        return ids


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


def _taken(rows: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, RuleViolation]]:
    """The rows refused for what others hold: an ID number or a customer number of the
    archive or of an earlier row, the same name and phone as a customer (unacknowledged)."""
    fold = str.casefold if is_mysql() else str
    ids = sorted({row["id_no"] for _, row in rows if row["id_no"]})
    by_id = {fold(i): (name, number) for i, name, number in select_in(by_id_no, ids)}
    numbers = sorted({row["number"] for _, row in rows if row["number"]})
    taken_numbers = {fold(n) for (n,) in select_in(by_number, numbers)}
    phones = sorted({row["_phone"] for _, row in rows})
    same: dict[tuple[str, str], str] = {}
    for name, phone, number in select_in(by_phone, phones):
        same.setdefault((fold(name), phone), number)
    problems: list[tuple[int, RuleViolation]] = []
    for index, row in rows:
        id_no, number, pair = row["id_no"], row["number"], (fold(row["name"]), row["_phone"])
        if id_no and fold(id_no) in by_id:
            other, other_number = by_id[fold(id_no)]
            problems.append(
                (
                    index,
                    RuleViolation(
                        "C1",
                        f"证件号码 {id_no} 已属于客户「{other}」（{other_number}）",
                        f"ID number {id_no} already belongs to {other_number or other}",
                        field="id_no",
                    ),
                )
            )
        elif number and fold(number) in taken_numbers:
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
        elif pair in same and DUPLICATE_WARNING not in row["_ack"]:
            warning = RuleWarning(
                DUPLICATE_WARNING,
                "C1",
                f"已有同名同电话的客户（{same[pair]}），仍要新建吗？",
                f"a customer of the same name and phone exists ({same[pair]}); add anyway?",
            )
            problems.append((index, DuplicateCustomer(warning)))
        if id_no:
            by_id.setdefault(fold(id_no), (row["name"], number))
        if number:
            taken_numbers.add(fold(number))
        same.setdefault(pair, number or f"本批第 {index + 1} 条")
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
                "person": row["_person"],
                "relation": row["_relation"],
                "phone": row["_phone"],
                "phone_tail": phone_tail(row["_phone"]),
                "valid_from": row["_valid_from"] or today,
                "recorded_at": at,
            }
            for cid, row in zip(ids, rows, strict=True)
        ],
        same={"recorded_by": actor.id},
    )
    bulk_insert(
        CustomerAddress,
        [
            {"customer": cid, "address": row["_address"], "valid_from": row["_valid_from"] or today}
            for cid, row in zip(ids, rows, strict=True)
            if row["_address"]
        ],
        same={"recorded_by": actor.id, "recorded_at": at},
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
