"""Suppliers and the designated dealers of each category (S2, S3): 选定二至三家经销商, a
fewer or more is a warning the administrator sees; the 政府采购目录 items never go to a
local supplier."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models import audit
from models.base import bulk_insert, now, select_in
from models.db import db, is_mysql
from models.errors import RowsRefused, RuleViolation, RuleWarning, warn_unless
from models.people import Actor, require_role
from models.supplies.stock import (
    CATALOGUE_ROLES,
    DESIGNATED_MAX,
    DESIGNATED_MIN,
    Category,
    CategorySupplier,
    Supplier,
    SupplierKind,
    category_from_label,
)
from models.text import clean, is_blank, row_checker, search_key

# --- suppliers (S2, S3) ------------------------------------------------------------------


_SUPPLIER_TEXTS = ("name", "contact", "phone", "address")


def add_suppliers(
    actor: Actor,
    suppliers: Sequence[Mapping[str, Any]],
    *,
    acknowledged: Iterable[str] | None = None,
) -> list[int]:
    """Suppliers (S2, S3): each row holds ``name`` and optionally ``kind`` (a local dealer
    unless given), ``contact``, ``phone``, ``address`` and ``categories`` (the categories it
    is a designated dealer of). THE way a supplier is added (``add_supplier`` is a batch of
    one, the importer sends thousands): every bad row is found (its first problem), then
    ``RowsRefused`` names each and nothing is written. The 政府集中采购 channel is never a
    designated dealer (S3). The designated lists as the batch leaves them must keep two or
    three dealers a category (S2): a warning for the whole batch, unless ``acknowledged``.
    Names are looked up in one IN query per chunk on their unique index, compared as the
    database compares them; suppliers, designations and audit rows are written in bulk.
    Returns the new ids in order."""
    with db.atomic():
        require_role(actor, *CATALOGUE_ROLES)  # the actor first (X1)
        check = row_checker([getattr(Supplier, k) for k in _SUPPLIER_TEXTS])
        problems: list[tuple[int, RuleViolation]] = []
        rows: list[tuple[int, dict[str, Any], list[Category]]] = []
        for index, fields in enumerate(suppliers):
            try:
                row, categories = _supplier_row(fields)
                check([row[k] for k in _SUPPLIER_TEXTS])
            except RuleViolation as exc:
                problems.append((index, exc))
                continue
            rows.append((index, row, categories))
        fold = str.casefold if is_mysql() else str
        query = lambda part: Supplier.select(Supplier.name).where(Supplier.name.in_(part))  # noqa: E731
        names = sorted({row["name"] for _, row, _ in rows})
        taken = {fold(n) for (n,) in select_in(query, names)}
        for index, row, _ in rows:
            name = fold(row["name"])
            if name in taken:
                problems.append(
                    (
                        index,
                        RuleViolation(
                            None,
                            f"供应商「{row['name']}」已存在",
                            f"supplier {row['name']} exists",
                            field="name",
                        ),
                    )
                )
            taken.add(name)
        if problems:
            raise RowsRefused(problems)
        _warn_designated_counts([c for _, _, cats in rows for c in cats], acknowledged)
        ids = audit.create_many(actor, Supplier, "name", [r for _, r, _ in rows], checked=True)
        _designate_many(actor, [(i, cats) for i, (_, _, cats) in zip(ids, rows, strict=True)])
        return ids


def _supplier_row(fields: Mapping[str, Any]) -> tuple[dict[str, Any], list[Category]]:
    """One supplier's columns and designated categories, checked in ``add_supplier``'s order."""
    name = clean(fields.get("name"))
    if not name:
        raise RuleViolation(None, "请填写供应商名称", "the supplier needs a name", field="name")
    try:
        kind = SupplierKind(fields.get("kind") or SupplierKind.LOCAL)
    except ValueError:
        raise RuleViolation(
            None, f"未知的供应商类型：{fields.get('kind')}", "unknown supplier kind", field="kind"
        ) from None
    try:
        categories = list(
            dict.fromkeys(category_from_label(str(c)) for c in fields.get("categories") or ())
        )
    except RuleViolation as exc:
        exc.field = "categories"  # the column of the row that names them
        raise
    if categories and kind != SupplierKind.LOCAL:
        raise RuleViolation(
            "S3",
            "政府集中采购渠道不作为定点供应商",
            "the central procurement channel is not a designated dealer",
            field="categories",
        )
    row = {
        "name": name,
        "name_search": search_key(name),
        "kind": kind.value,
        **{k: clean(fields.get(k)) for k in ("contact", "phone", "address")},
    }
    return row, categories


def _warn_designated_counts(added: list[Category], acknowledged: Iterable[str] | None) -> None:
    """S2 for the lists as a batch leaves them: one warning per category outside two to
    three (the first one found; accepting it asks about the next)."""
    if not added:
        return
    current = Counter(
        Category(c)
        for (c,) in CategorySupplier.select(CategorySupplier.category)
        .join(Supplier)
        .where(
            CategorySupplier.category.in_(sorted({c.value for c in added}))
            & CategorySupplier.removed_at.is_null()
            & Supplier.voided_at.is_null()
        )
        .tuples()
    )
    current.update(added)
    for category in Category:
        if category in current:
            warning = _count_warning(category, current[category])
            if warning is not None:
                warn_unless(frozenset(acknowledged or ()), warning)


def _designate_many(actor: Actor, designations: list[tuple[int, list[Category]]]) -> None:
    """The designated-list rows of new suppliers in bulk, each audited as
    ``designate_supplier`` audits it (its id read back by supplier, one IN query a chunk)."""
    at = now()
    rows = [
        {"category": c.value, "supplier": sid, "designated_at": at}
        for sid, categories in designations
        for c in categories
    ]
    if not rows:
        return
    bulk_insert(CategorySupplier, rows)
    names = {
        sid: name
        for sid, name in select_in(
            lambda p: Supplier.select(Supplier.id, Supplier.name).where(Supplier.id.in_(p)),
            [sid for sid, cats in designations if cats],
        )
    }
    made = select_in(
        lambda p: CategorySupplier.select(
            CategorySupplier.id, CategorySupplier.category, CategorySupplier.supplier
        ).where(CategorySupplier.supplier.in_(p)),
        list(names),
    )
    audit.record_many(
        actor,
        "category_supplier",
        [
            (row_id, "designate", {"category": (None, c), "supplier": (None, names[sid])})
            for row_id, c, sid in sorted(made)
        ],
    )


def add_supplier(
    actor: Actor,
    *,
    name: str,
    kind: SupplierKind | str = SupplierKind.LOCAL,
    contact: str = "",
    phone: str = "",
    address: str = "",
) -> Supplier:
    """A supplier: a local dealer, or the 政府集中采购 channel (S3); ``add_suppliers`` with
    one row, refused with its own violation."""
    fields = {"name": name, "kind": kind, "contact": contact, "phone": phone, "address": address}
    try:
        (supplier_id,) = add_suppliers(actor, [fields])
    except RowsRefused as refused:
        raise refused.problems[0][1] from None
    return Supplier.get_by_id(supplier_id)


def update_supplier(actor: Actor, supplier: Supplier, **changes: Any) -> dict[str, Any]:
    with db.atomic():
        require_role(actor, *CATALOGUE_ROLES)
        allowed = {"name", "kind", "contact", "phone", "address"}
        unknown = set(changes) - allowed
        if unknown:
            raise RuleViolation(None, f"不能修改：{sorted(unknown)}", f"cannot change {unknown}")
        if "kind" in changes:
            changes["kind"] = SupplierKind(changes["kind"]).value
        if "name" in changes:
            changes["name"] = clean(changes["name"])
            if not changes["name"]:
                raise RuleViolation(
                    None, "请填写供应商名称", "the supplier needs a name", field="name"
                )
            changes["name_search"] = search_key(changes["name"])
        if (
            "name" in changes
            and Supplier.select()
            .where((Supplier.name == changes["name"]) & (Supplier.id != supplier.id))
            .exists()
        ):
            raise RuleViolation(
                None,
                f"供应商「{changes['name']}」已存在",
                f"supplier {changes['name']} exists",
                field="name",
            )
        return audit.update(actor, Supplier.get_by_id(supplier.id), **changes)


def void_supplier(actor: Actor, supplier: Supplier, reason: str) -> None:
    """Void a supplier; it also leaves every designated list (history stays)."""
    with db.atomic():
        require_role(actor, *CATALOGUE_ROLES)
        supplier = Supplier.get_by_id(supplier.id)
        audit.void(actor, supplier, reason)
        CategorySupplier.update(removed_at=now()).where(
            (CategorySupplier.supplier == supplier.id) & CategorySupplier.removed_at.is_null()
        ).execute()


def designated_suppliers(category: Category | str) -> list[Supplier]:
    """The designated suppliers (定点供应商) of a category now, by name."""
    return list(
        Supplier.select()
        .join(CategorySupplier)
        .where(
            (CategorySupplier.category == Category(category).value)
            & CategorySupplier.removed_at.is_null()
            & Supplier.voided_at.is_null()
        )
        .order_by(Supplier.name_search)
    )


def is_designated(category: Category | str, supplier: Supplier | int) -> bool:
    supplier_id = supplier if isinstance(supplier, int) else supplier.id
    return any(s.id == supplier_id for s in designated_suppliers(category))


def _count_warning(category: Category, count: int) -> RuleWarning | None:
    if DESIGNATED_MIN <= count <= DESIGNATED_MAX:
        return None
    return RuleWarning(
        f"supplies.designated.{category.value}",
        "S2",
        f"「{category.label}」类定点供应商将为 {count} 家，制度要求二至三家"
        "（不足时请以竞争方式采购）",
        f"{category.label} would have {count} designated suppliers; the rule keeps 2-3",
    )


def designate_supplier(
    actor: Actor,
    *,
    category: Category | str,
    supplier: Supplier,
    acknowledged: frozenset[str] | set[str] | None = None,
    at: datetime | None = None,
) -> CategorySupplier:
    """S2: put a local dealer on a category's designated list. The rule keeps two or three:
    a fourth (or a list still short of two) is a warning the officer may accept."""
    with db.atomic():
        require_role(actor, *CATALOGUE_ROLES)
        category = Category(category)
        supplier = Supplier.get_by_id(supplier.id)
        if supplier.is_voided:
            raise RuleViolation(None, f"供应商「{supplier.name}」已作废", "the supplier is voided")
        if supplier.kind != SupplierKind.LOCAL:
            raise RuleViolation(
                "S3",
                "政府集中采购渠道不作为定点供应商",
                "the central procurement channel is not a designated dealer",
                field="supplier",
            )
        current = designated_suppliers(category)
        if any(s.id == supplier.id for s in current):
            raise RuleViolation(
                "S2",
                f"「{supplier.name}」已是{category.label}类定点供应商",
                f"{supplier.name} is designated for {category.label} already",
            )
        warning = _count_warning(category, len(current) + 1)
        if warning is not None:
            warn_unless(acknowledged, warning)
        row = CategorySupplier.create(
            category=category.value, supplier=supplier, designated_at=at or now()
        )
        audit.record(
            actor,
            "category_supplier",
            row.id,
            "designate",
            {"category": (None, category.value), "supplier": (None, supplier.name)},
        )
        return row


def undesignate_supplier(
    actor: Actor,
    *,
    category: Category | str,
    supplier: Supplier,
    reason: str,
    acknowledged: frozenset[str] | set[str] | None = None,
) -> None:
    """Take a dealer off a category's designated list (its orders keep their history);
    leaving fewer than two is a warning (S2)."""
    with db.atomic():
        require_role(actor, *CATALOGUE_ROLES)
        category = Category(category)
        if is_blank(reason):
            raise RuleViolation("X2", "请填写取消原因", "give a reason", field="reason")
        row = (
            CategorySupplier.select()
            .where(
                (CategorySupplier.category == category.value)
                & (CategorySupplier.supplier == supplier.id)
                & CategorySupplier.removed_at.is_null()
            )
            .first()
        )
        if row is None:
            raise RuleViolation(
                "S2", f"「{supplier.name}」不是{category.label}类定点供应商", "not designated"
            )
        warning = _count_warning(category, len(designated_suppliers(category)) - 1)
        if warning is not None:
            warn_unless(acknowledged, warning)
        CategorySupplier.update(removed_at=now()).where(CategorySupplier.id == row.id).execute()
        audit.record(actor, "category_supplier", row.id, "undesignate", note=clean(reason))


@dataclass(frozen=True)
class DesignationCheck:
    """One category whose designated list is outside two to three (S2), for a dashboard."""

    category: str
    category_label: str
    count: int
    message: str


def designation_warnings() -> list[DesignationCheck]:
    """Categories with fewer than two or more than three designated suppliers (S2)."""
    result = []
    for category in Category:
        count = len(designated_suppliers(category))
        warning = _count_warning(category, count)
        if warning is not None:
            result.append(
                DesignationCheck(
                    category.value,
                    category.label,
                    count,
                    f"「{category.label}」类定点供应商 {count} 家，制度要求二至三家",
                )
            )
    return result
