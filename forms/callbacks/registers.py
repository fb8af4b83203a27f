"""The customer archive in Excel (C1): import with the checks a dialog meets (the phone in
one of its forms, the 18-digit ID number by its checksum, an ID Excel turned into a number
refused with how to fix the column, the same ID refused, the same name and phone a warning the
file accepts in its 仍然新建 column), and export of the current contact and address.

Writes go through ``models.callbacks`` only; a changed phone or address in update mode is a new
dated row, never an overwrite (C1). Insert mode runs ``callbacks.add_customers`` in its two
halves: ``check_customers`` over the whole file outside the write transaction, then
``write_customers`` in one short one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from forms.callbacks.fields import YES_NO, yes_no
from forms.kinds import Filters, Kind, Values, audited, mapped_check, register_kind
from forms.spec import Field, FieldType, FormSpec
from models import callbacks
from models.base import now, select_in
from models.callbacks import Customer, CustomerAddress, CustomerContact, CustomerKind
from models.errors import RowsRefused, RuleViolation

KIND_LABELS = ("个人", "单位")
_KIND_CODES = {"个人": CustomerKind.INDIVIDUAL, "单位": CustomerKind.ORGANISATION}

CUSTOMERS = FormSpec(
    name="customers",
    title="客户档案",
    title_en="Customers",
    key="number",
    fields=(
        Field(
            "number",
            "客户编号",
            required=True,
            width=14,
            max_length=32,
            example="KH2026-000101",
            help="客户的档案编号，识别客户；新客户可用原系统的编号。",
            label_en="Customer no.",
        ),
        Field(
            "name",
            "客户名称",
            required=True,
            width=18,
            max_length=100,
            example="张三",
            label_en="Name",
        ),
        Field(
            "kind",
            "客户类型",
            FieldType.CHOICE,
            width=8,
            choices=KIND_LABELS,
            example="个人",
            help="个人填身份证号码，单位填统一社会信用代码。",
            label_en="Kind",
        ),
        Field(
            "id_no",
            "证件号码",
            width=22,
            max_length=18,
            example="11010519491231002X",
            help="18 位，末位为校验码。请把该列设置为「文本」格式，否则 Excel 会丢掉后三位。",
            label_en="ID number",
        ),
        Field(
            "phone",
            "联系电话",
            required=True,
            width=18,
            max_length=32,
            example="13812345678",
            help="手机 11 位，或带区号的固定电话（如 010-66881234-801）。",
            label_en="Phone",
        ),
        Field("person", "联系人", width=10, max_length=50, label_en="Contact person"),
        Field(
            "relation", "与客户关系", width=10, max_length=20, example="本人", label_en="Relation"
        ),
        Field("address", "地址", width=30, max_length=200, label_en="Address"),
        Field(
            "important",
            "重要客户",
            FieldType.CHOICE,
            width=8,
            choices=YES_NO,
            help="是 = 按重要客户计划回访（C9），须写原因。",
            label_en="Important",
        ),
        Field("important_reason", "重要原因", width=20, max_length=200, label_en="Why important"),
        Field("note", "备注", width=24, max_length=500, label_en="Note"),
        Field(
            "accept_duplicate",
            "仍然新建",
            FieldType.CHOICE,
            width=8,
            choices=YES_NO,
            help="已有同名同电话的客户时：是 = 确认不是同一客户，仍然新建。",
            label_en="Add anyway",
        ),
    ),
    help="每行一位客户。客户编号识别客户；更新模式下改电话、地址记为新的一条（原记录保留）。",
)


def _find(number: str) -> Customer | None:
    return Customer.get_or_none(Customer.number == str(number).strip().upper())


def customer_fields(v: Values) -> dict[str, Any]:
    """A row of the sheet (or of the 新增客户 dialog, built from the same fields) as
    ``callbacks.add_customers`` takes a customer."""
    return {
        "number": v["number"],
        "name": v["name"],
        "phone": v["phone"],
        "kind": _KIND_CODES.get(v.get("kind") or "个人", CustomerKind.INDIVIDUAL),
        "id_no": v.get("id_no"),
        "person": v.get("person") or "",
        "relation": v.get("relation") or "本人",
        "address": v.get("address") or "",
        "important": v.get("important") == "是",
        "important_reason": v.get("important_reason") or "",
        "note": v.get("note") or "",
        "acknowledged": {callbacks.DUPLICATE_WARNING}
        if v.get("accept_duplicate") == "是"
        else None,
    }


def _in_file_words(problem: RuleViolation) -> RuleViolation:
    """The same name and phone as another customer refuses the row with the warning and
    how to accept it (a file cannot answer a dialog): the 仍然新建 column."""
    if not isinstance(problem, callbacks.DuplicateCustomer):
        return problem
    warning = problem.warning
    prefix = f"[{warning.rule}] "
    return RuleViolation(
        warning.rule,
        f"{warning.zh.removeprefix(prefix)}确认不是同一客户时，在「仍然新建」列填 是",
        f"{warning.en.removeprefix(prefix)} Put 是 in 仍然新建 to add anyway",
        field="accept_duplicate",
    )


def _in_file(use_case: Callable[..., Any]) -> Callable[..., Any]:
    """``use_case`` with its refusals of the same name and phone in the file's words."""

    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return use_case(*args, **kwargs)
        except RowsRefused as refused:
            raise RowsRefused([(i, _in_file_words(p)) for i, p in refused.problems]) from None

    return run


def _insert_batch(actor: Any, rows: list[Values]) -> None:
    _in_file(callbacks.add_customers)(actor, [customer_fields(v) for v in rows])


def _insert(actor: Any, v: Values) -> None:
    try:
        _insert_batch(actor, [v])
    except RowsRefused as refused:
        raise refused.problems[0][1] from None


def _existing_numbers(numbers: list[str]) -> set[str]:
    """Which of ``numbers`` (as typed) are in the archive, voided ones too: one IN query
    per chunk on the unique number."""
    typed = {str(n).strip().upper(): n for n in numbers}
    query = lambda part: Customer.select(Customer.number).where(Customer.number.in_(part))  # noqa: E731
    return {typed[n] for (n,) in select_in(query, list(typed)) if n in typed}


def _update(actor: Any, customer: Customer, v: Values) -> bool:
    """Only what has a use case changes: a new phone or address (dated today, the old row
    kept), the important flag with its reason. The name and ID are the archive's identity."""
    changed = False
    today = now().date()  # the office's day (the server's clock on MySQL), as the rows have
    contact = callbacks.current_contact(customer)
    if v.get("phone") and (
        contact is None or callbacks.normalize_phone(v["phone"]) != contact.phone
    ):
        callbacks.change_contact(
            actor,
            customer,
            phone=v["phone"],
            valid_from=today,
            person=v.get("person") or "",
            relation=v.get("relation") or "本人",
        )
        changed = True
    address = callbacks.current_address(customer)
    if v.get("address") and (address is None or v["address"] != address.address):
        callbacks.change_address(actor, customer, address=v["address"], valid_from=today)
        changed = True
    if "important" in v and (v["important"] == "是") != customer.important:
        callbacks.set_important(
            actor, customer, v["important"] == "是", v.get("important_reason") or ""
        )
        changed = True
    for key in ("name", "id_no"):
        if key in v and str(v[key]).strip().upper() != (getattr(customer, key) or "").upper():
            raise RuleViolation(
                "C1",
                "客户名称和证件号码不能通过导入修改",
                "a customer's name and ID number are not changed by an import",
                field=key,
            )
    return changed


def _query(filters: Filters) -> Any:
    query = Customer.select().where(
        Customer.voided_at.is_null() & (Customer.kind != CustomerKind.INTERNAL)
    )
    if filters.get("kind"):
        query = query.where(Customer.kind == _KIND_CODES[filters["kind"]])
    if filters.get("important"):
        query = query.where(Customer.important == (filters["important"] == "是"))
    return query


def _latest(model: Any) -> dict[int, Any]:
    """Each customer's current row of ``model`` (the latest valid_from, then id): one read."""
    found: dict[int, Any] = {}
    for row in model.select().order_by(model.valid_from, model.id).iterator():
        found[row.customer_id] = row
    return found


def _rows(filters: Filters) -> Iterator[Values]:
    contacts, addresses = _latest(CustomerContact), _latest(CustomerAddress)
    for c in _query(filters).order_by(Customer.id).iterator():
        contact, address = contacts.get(c.id), addresses.get(c.id)
        yield {
            "number": c.number,
            "name": c.name,
            "kind": CustomerKind(c.kind).label,
            "id_no": c.id_no or "",
            "phone": contact.phone if contact else "",
            "person": contact.person if contact else "",
            "relation": contact.relation if contact else "",
            "address": address.address if address else "",
            "important": yes_no(c.important),
            "important_reason": c.important_reason,
            "note": c.note,
        }


register_kind(
    Kind(
        spec=CUSTOMERS,
        find=_find,
        insert=_insert,
        update=_update,
        rows=_rows,
        count=lambda f: _query(f).count(),
        filters=("kind", "important"),
        insert_batch=_insert_batch,
        existing_keys=_existing_numbers,
        staged=audited(
            mapped_check(customer_fields, _in_file(callbacks.check_customers)),
            _in_file(callbacks.write_customers),
            lambda rows: [customer for customer, _ in rows],
        ),
    )
)
