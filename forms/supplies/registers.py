"""办公用品 master data in Excel, imported and exported: the catalogue (S1), the suppliers
with the categories each is designated for (S2, S3) (期初结存, S8, are in
``forms/supplies/openings.py``).

Every write goes through ``models.supplies`` (``add_item``, ``update_item``,
``add_suppliers``, ``designate_supplier``, ``set_opening_balance`` ...), so an imported row
meets exactly the checks a row typed in the desktop meets. Stock never arrives by import
except as a 期初结存 on an empty ledger: a later difference is a stocktake's 盘盈/盘亏 (S5, S8).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from forms.kinds import (
    Filters,
    Kind,
    Values,
    audited,
    mapped_check,
    register_kind,
)
from forms.spec import Field, FieldType, FormSpec
from forms.supplies.fields import CATEGORY_LABELS, YES_NO, find_item, yes, yes_no
from models import supplies
from models.base import select_in
from models.errors import RowsRefused
from models.supplies import (
    CATEGORY_ORDER,
    Category,
    Item,
    Supplier,
    SupplierKind,
)
from models.supplies.stock import CategorySupplier
from models.text import clean, normalize_code

SUPPLIER_KIND_LABELS = tuple(k.label for k in SupplierKind)
# The importer loads whole designated lists at once: the 2–3 count warning (S2) would fire on
# the first dealer of every category, so the import accepts it and the desktop shows
# ``supplies.designation_warnings()`` on the final lists instead.
DESIGNATION_ACK = frozenset(f"supplies.designated.{c.value}" for c in Category)


def _category(label: str) -> Category:
    return supplies.category_from_label(label)


# --- 物品目录 (S1) -------------------------------------------------------------------------

ITEMS = FormSpec(
    name="items",
    title="办公用品目录",
    title_en="Office supplies catalogue",
    key="code",
    fields=(
        Field(
            "code",
            "物品编码",
            required=True,
            width=10,
            max_length=20,
            example="SX0101",
            help="不重复；习惯按类别前缀编号：书写工具 SX、纸本 ZB、文具 WJ、耗材 HC。",
            label_en="Code",
        ),
        Field(
            "name",
            "物品名称",
            required=True,
            width=18,
            max_length=100,
            example="中性笔",
            label_en="Name",
        ),
        Field(
            "category",
            "类别",
            FieldType.CHOICE,
            required=True,
            width=10,
            choices=CATEGORY_LABELS,
            example="书写工具",
            help="制度规定的四个系列之一。",
            label_en="Category",
        ),
        Field(
            "unit",
            "计量单位",
            required=True,
            width=8,
            max_length=10,
            example="支",
            label_en="Unit",
        ),
        Field(
            "specification",
            "规格型号",
            width=18,
            max_length=200,
            example="0.5mm 黑色",
            label_en="Specification",
        ),
        Field(
            "reorder_level",
            "库存下限",
            FieldType.INTEGER,
            width=10,
            example=20,
            help="库存低于或等于此数时提示采购（S4）。",
            label_en="Reorder level",
        ),
        Field(
            "gov_catalogue",
            "政府采购目录",
            FieldType.CHOICE,
            width=12,
            choices=YES_NO,
            example="否",
            help="是 = 只能通过政府集中采购购买（S3）。",
            label_en="Gov. catalogue",
        ),
        Field(
            "price",
            "参考单价",
            FieldType.MONEY,
            width=10,
            example="2.50",
            help="最近一次入库价；入库后自动更新。",
            label_en="Price",
        ),
        Field(
            "on_hand",
            "库存数",
            FieldType.INTEGER,
            width=8,
            help="导出用；导入时忽略。库存只随出入库变动（S8），期初数请用「期初结存」导入。",
            label_en="On hand",
        ),
    ),
    help=(
        "每行一种物品，按物品编码识别。新增模式建立目录；更新模式修改名称、类别、单位、"
        "规格、库存下限、政府采购目录和参考单价。库存数不能通过导入修改。"
    ),
)

_ITEM_KEYS = ("name", "category", "unit", "specification", "reorder_level", "price")


def _item_fields(v: Values) -> dict[str, Any]:
    """A row of the sheet as ``supplies.add_items`` takes an item (the series by its label:
    the use case reads it, and refuses an unknown one under S1)."""
    return {
        "code": v["code"],
        "name": v["name"],
        "category": v["category"],
        "unit": v["unit"],
        "specification": v.get("specification") or "",
        "reorder_level": v.get("reorder_level") or 0,
        "gov_catalogue": yes(v.get("gov_catalogue")),
        "price": v.get("price") or Decimal("0"),
    }


def _insert_item(actor: Any, v: Values) -> None:
    supplies.add_item(actor, **_item_fields(v))


def _insert_items(actor: Any, rows: list[Values]) -> None:
    supplies.add_items(actor, [_item_fields(v) for v in rows])


def _existing_codes(codes: list[str]) -> set[str]:
    """Which of ``codes`` (as typed) the catalogue holds, voided items too: one IN query per
    chunk on the unique code."""
    folded = {normalize_code(c): c for c in codes}
    query = lambda part: Item.select(Item.code).where(Item.code.in_(part))  # noqa: E731
    return {folded[c] for (c,) in select_in(query, list(folded))}


def _update_item(actor: Any, item: Item, v: Values) -> bool:
    current = {
        "name": item.name,
        "category": item.category,
        "unit": item.unit,
        "specification": item.specification,
        "reorder_level": item.reorder_level,
        "price": Decimal(item.price),
        "gov_catalogue": item.gov_catalogue,
    }
    wanted: dict[str, Any] = {k: v[k] for k in _ITEM_KEYS if k in v}
    if "category" in wanted:
        wanted["category"] = _category(wanted["category"]).value
    if "gov_catalogue" in v:
        wanted["gov_catalogue"] = yes(v["gov_catalogue"])
    changes = {k: value for k, value in wanted.items() if value != current[k]}
    if not changes:
        return False
    supplies.update_item(actor, item, **changes)
    return True


def _item_query(filters: Filters, *columns: Any) -> Any:
    query = Item.select(*columns).where(Item.voided_at.is_null())
    if filters.get("category"):
        query = query.where(Item.category == _category(filters["category"]).value)
    if filters.get("gov_catalogue"):
        query = query.where(Item.gov_catalogue == yes(filters["gov_catalogue"]))
    return query


_ITEM_COLUMNS = (
    Item.code,
    Item.name,
    Item.category,
    Item.unit,
    Item.specification,
    Item.reorder_level,
    Item.gov_catalogue,
    Item.price,
    Item.on_hand,
)


def _item_rows(filters: Filters) -> Iterator[Values]:
    # Tuples of the shown columns: a model object per item cost more than its cells.
    labels = {c.value: c.label for c in Category}
    query = _item_query(filters, *_ITEM_COLUMNS).order_by(CATEGORY_ORDER, Item.code)
    for code, name, category, unit, spec, reorder, gov, price, on_hand in query.tuples().iterator():
        yield {
            "code": code,
            "name": name,
            "category": labels[category],
            "unit": unit,
            "specification": spec,
            "reorder_level": reorder,
            "gov_catalogue": yes_no(gov),
            "price": price,
            "on_hand": on_hand,
        }


register_kind(
    Kind(
        spec=ITEMS,
        find=find_item,
        insert=_insert_item,
        update=_update_item,
        rows=_item_rows,
        count=lambda f: _item_query(f, Item.id).count(),
        filters=("category", "gov_catalogue"),
        insert_batch=_insert_items,
        existing_keys=_existing_codes,
        staged=audited(mapped_check(_item_fields, supplies.check_items), supplies.write_items),
    )
)

# --- 供应商 and 定点 lists (S2, S3) ---------------------------------------------------------

SUPPLIERS = FormSpec(
    name="suppliers",
    title="办公用品供应商名录",
    title_en="Office supplies suppliers",
    key="name",
    fields=(
        Field(
            "name",
            "供应商名称",
            required=True,
            width=24,
            max_length=100,
            example="城东文具店",
            label_en="Name",
        ),
        Field(
            "kind",
            "类型",
            FieldType.CHOICE,
            width=12,
            choices=SUPPLIER_KIND_LABELS,
            example="本地经销商",
            help="政府集中采购 = 采购中心或其协议供应商，只用于政府采购目录内物品（S3）。",
            label_en="Kind",
        ),
        Field(
            "categories",
            "定点类别",
            FieldType.CHOICE,
            width=20,
            choices=CATEGORY_LABELS,
            multiple=True,
            example="书写工具、纸本",
            help=(
                "该经销商为哪些类别的定点供应商，多个用「、」分隔；每类应有二至三家（S2），"
                "导入后请在办公用品页面查看家数提醒。留空 = 不是定点供应商。"
            ),
            label_en="Designated for",
        ),
        Field("contact", "联系人", width=10, max_length=64, label_en="Contact"),
        Field("phone", "电话", width=14, max_length=32, example="010-12345678", label_en="Phone"),
        Field("address", "地址", width=28, max_length=200, label_en="Address"),
    ),
    help="每行一家供应商，按名称识别。更新模式修改类型、联系方式，并按「定点类别」增减定点。",
)

_SUPPLIER_KEYS = ("contact", "phone", "address")


def _kind_code(label: str | None) -> SupplierKind:
    return next((k for k in SupplierKind if k.label == label), SupplierKind.LOCAL)


def _designated_labels(supplier: Supplier) -> set[str]:
    rows = CategorySupplier.select(CategorySupplier.category).where(
        (CategorySupplier.supplier == supplier.id) & CategorySupplier.removed_at.is_null()
    )
    return {Category(r.category).label for r in rows}


def _designate(actor: Any, supplier: Supplier, add: set[str], remove: set[str]) -> None:
    for label in sorted(add, key=CATEGORY_LABELS.index):
        supplies.designate_supplier(
            actor, category=_category(label), supplier=supplier, acknowledged=DESIGNATION_ACK
        )
    for label in sorted(remove, key=CATEGORY_LABELS.index):
        supplies.undesignate_supplier(
            actor,
            category=_category(label),
            supplier=supplier,
            reason="Excel 导入更新定点类别",
            acknowledged=DESIGNATION_ACK,
        )


def _supplier_fields(v: Values) -> dict[str, Any]:
    """A row of the sheet as ``supplies.add_suppliers`` takes a supplier."""
    return {
        "name": v["name"],
        "kind": _kind_code(v.get("kind")),
        "categories": [_category(label) for label in v.get("categories") or ()],
        **{k: v.get(k) or "" for k in _SUPPLIER_KEYS},
    }


def _insert_supplier(actor: Any, v: Values) -> None:
    try:
        supplies.add_suppliers(actor, [_supplier_fields(v)], acknowledged=DESIGNATION_ACK)
    except RowsRefused as refused:
        raise refused.problems[0][1] from None


def _insert_suppliers(actor: Any, rows: list[Values]) -> None:
    supplies.add_suppliers(actor, [_supplier_fields(v) for v in rows], acknowledged=DESIGNATION_ACK)


def _existing_suppliers(names: list[str]) -> set[str]:
    """Which of ``names`` (as typed) are on the register, voided ones too: one IN query per
    chunk on the unique name."""
    cleaned = {clean(n): n for n in names}
    query = lambda part: Supplier.select(Supplier.name).where(Supplier.name.in_(part))  # noqa: E731
    return {cleaned[n] for (n,) in select_in(query, list(cleaned)) if n in cleaned}


def _update_supplier(actor: Any, supplier: Supplier, v: Values) -> bool:
    wanted: dict[str, Any] = {k: v[k] for k in _SUPPLIER_KEYS if k in v}
    if "kind" in v:
        wanted["kind"] = _kind_code(v["kind"]).value
    changes = {k: value for k, value in wanted.items() if value != getattr(supplier, k)}
    if changes:
        supplies.update_supplier(actor, supplier, **changes)
    if "categories" not in v:
        return bool(changes)
    now_on, want = _designated_labels(supplier), set(v["categories"])
    if now_on == want:
        return bool(changes)
    _designate(actor, Supplier.get_by_id(supplier.id), want - now_on, now_on - want)
    return True


def _supplier_query(filters: Filters) -> Any:
    query = Supplier.select().where(Supplier.voided_at.is_null())
    if filters.get("kind"):
        query = query.where(Supplier.kind == _kind_code(filters["kind"]).value)
    if filters.get("categories"):
        wanted = [_category(label).value for label in filters["categories"]]
        designated = CategorySupplier.select(CategorySupplier.supplier).where(
            CategorySupplier.category.in_(wanted) & CategorySupplier.removed_at.is_null()
        )
        query = query.where(Supplier.id.in_(designated))
    return query


def _supplier_rows(filters: Filters) -> Iterator[Values]:
    designated: dict[int, set[str]] = {}
    for supplier_id, category in (
        CategorySupplier.select(CategorySupplier.supplier, CategorySupplier.category)
        .where(CategorySupplier.removed_at.is_null())
        .tuples()
    ):
        designated.setdefault(supplier_id, set()).add(Category(category).label)
    for s in _supplier_query(filters).order_by(Supplier.id).iterator():
        labels = designated.get(s.id, set())
        yield {
            "name": s.name,
            "kind": SupplierKind(s.kind).label,
            "categories": tuple(c for c in CATEGORY_LABELS if c in labels),
            "contact": s.contact,
            "phone": s.phone,
            "address": s.address,
        }


register_kind(
    Kind(
        spec=SUPPLIERS,
        find=lambda name: Supplier.get_or_none(Supplier.name == str(name).strip()),
        insert=_insert_supplier,
        update=_update_supplier,
        rows=_supplier_rows,
        count=lambda f: _supplier_query(f).count(),
        filters=("kind", "categories"),
        insert_batch=_insert_suppliers,
        existing_keys=_existing_suppliers,
    )
)
