"""Suppliers and the designated dealers of each category (S2, S3): 选定二至三家经销商, a
fewer or more is a warning the administrator sees; the 政府采购目录 items never go to a
local supplier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models import audit
from models.base import now
from models.db import db
from models.errors import RuleViolation, RuleWarning, warn_unless
from models.people import Actor, require_role
from models.supplies.stock import (
    CATALOGUE_ROLES,
    DESIGNATED_MAX,
    DESIGNATED_MIN,
    Category,
    CategorySupplier,
    Supplier,
    SupplierKind,
)
from models.text import clean, is_blank, search_key

# --- suppliers (S2, S3) ------------------------------------------------------------------


def add_supplier(
    actor: Actor,
    *,
    name: str,
    kind: SupplierKind | str = SupplierKind.LOCAL,
    contact: str = "",
    phone: str = "",
    address: str = "",
) -> Supplier:
    """A supplier: a local dealer, or the 政府集中采购 channel (S3)."""
    with db.atomic():
        require_role(actor, *CATALOGUE_ROLES)
        name = clean(name)
        if not name:
            raise RuleViolation(None, "请填写供应商名称", "the supplier needs a name", field="name")
        kind = SupplierKind(kind)
        if Supplier.select().where(Supplier.name == name).exists():
            raise RuleViolation(
                None, f"供应商「{name}」已存在", f"supplier {name} exists", field="name"
            )
        return audit.create(
            actor,
            Supplier,
            name=name,
            name_search=search_key(name),
            kind=kind.value,
            contact=clean(contact),
            phone=clean(phone),
            address=clean(address),
        )


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
