"""上报教育局 (T4): the export profiles of the county bureau's register and the record of every
export.

Why profiles are rows of the database, not a JSON file in a data folder: an office runs
several desktops on one shared server (X4), and the county's format must be the same on every
one of them; a row is audited, travels with ``houqin migrate-to`` and the backups, and the
bureau's own template file is an attachment of the profile (``models.attachments``), so no
path on one PC is involved. The built-in ``default`` profile is declared in
``forms.training.bureau_export`` and is not a row: it needs no migration to exist.

A profile's layout is JSON checked here (``check_layout``): title rows, the columns (each a
field of ``BureauRow`` or ``no``/``blank``, with its header as a path of labels: the forms
layer merges equal neighbours into multi-level headers), footer rows, signature lines, and
for a template the row and column the data starts at.

A profile is never deleted: past exports name it. It is retired (``retire_profile``: with a
reason, audited, migration 32), and a retired one is offered for no new export while the
exports made by it keep its name; the built-in ``default`` cannot be retired.

An export is recorded after the file is written (``record_export``: who, when, the profile,
the file's SHA-256, the registers it was made from), and those registers count as 已上报.
Exports are history: append-only (migration 31). Re-export is allowed and recorded again.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee

from models import attachments, audit
from models.base import BaseModel, VersionedModel, now
from models.db import db
from models.errors import Conflict, RuleViolation, RuleWarning, warn_unless
from models.people import Actor, User, require_role
from models.text import clean
from models.training.bureau import BureauRow, approved_registers
from models.training.credit_tables import CreditRegister
from models.training.teachers import MANAGERS, school_year

# Who sends the register to the bureau and keeps its formats: 培训办 (教研处), the administrator.
EXPORTERS = MANAGERS
DEFAULT_PROFILE = "default"
REASON_MAX = 200  # characters of a retirement's reason a profile keeps
FIELDS = ("no", "blank", *(f.name for f in dataclasses.fields(BureauRow)))
PLACEHOLDERS = ("year", "unit", "date")


class BureauProfile(VersionedModel):
    """One county's layout of the register, by name."""

    name = peewee.CharField(max_length=40, unique=True)
    title = peewee.CharField(max_length=100)
    layout = peewee.TextField()  # JSON, see ``check_layout``
    template = peewee.IntegerField(null=True)  # the attachment id of the bureau's .xlsx
    saved_by = peewee.CharField(max_length=64)
    saved_at = peewee.DateTimeField()
    # Migration 32: who first added it (``saved_*`` is the last replacement), and retirement.
    created_by = peewee.CharField(max_length=64, default="")
    created_at = peewee.DateTimeField(null=True)
    retired_at = peewee.DateTimeField(null=True)
    retired_by = peewee.CharField(max_length=64, default="")
    retire_reason = peewee.CharField(max_length=REASON_MAX, default="")

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def kind(self) -> str:
        """``template`` when the bureau's own workbook is filled, else ``custom``."""
        return "template" if self.template is not None else "custom"


class BureauExport(BaseModel):
    """One file sent to the bureau: never changed, never deleted."""

    school_year = peewee.CharField(max_length=9, index=True)
    profile = peewee.CharField(max_length=40)
    file_name = peewee.CharField(max_length=255)
    sha256 = peewee.CharField(max_length=64)
    rows = peewee.IntegerField()
    exported_by = peewee.ForeignKeyField(User, null=True)
    exported_by_name = peewee.CharField(max_length=64)
    exported_at = peewee.DateTimeField()


class BureauExportRegister(BaseModel):
    """The registers an export was made from: each is 已上报 from then on."""

    export = peewee.ForeignKeyField(BureauExport, backref="registers")
    register = peewee.ForeignKeyField(CreditRegister)

    class Meta:
        indexes = ((("export", "register"), True),)


BUREAU_TABLES = [BureauProfile, BureauExport, BureauExportRegister]

# A profile's file (the bureau's own template) is 培训办's, as the profile is (X1).
attachments.guard_attachments(BureauProfile, lambda actor, _row: require_role(actor, *EXPORTERS))


def _bad(zh: str, en: str) -> RuleViolation:
    return RuleViolation("T4", f"上报格式有误：{zh}", f"bad export profile: {en}", field="layout")


def _texts(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad(f"{what}应为列表", f"{what} must be a list")
    return value


def _placeholders_ok(text: str) -> None:
    try:
        text.format_map({k: "" for k in PLACEHOLDERS})
    except (KeyError, ValueError, IndexError) as exc:
        raise _bad(
            f"「{text}」中的占位符只能是 {{year}}、{{unit}}、{{date}}",
            f"{text!r}: placeholders are {{year}}, {{unit}}, {{date}}",
        ) from exc


def check_layout(layout: dict[str, Any], *, template: bool = False) -> dict[str, Any]:
    """The layout as stored, or refused (T4) naming what is wrong."""
    if not isinstance(layout, dict):
        raise _bad("应为 JSON 对象", "must be a JSON object")
    out: dict[str, Any] = {}
    rows = []
    for row in _texts(layout.get("title_rows"), "标题行"):
        parts = row if isinstance(row, list) else [row]
        if not parts or not all(isinstance(p, str) for p in parts):
            raise _bad("标题行应为文字或文字列表", "a title row is a text or a list of texts")
        for p in parts:
            _placeholders_ok(p)
        rows.append(row)
    out["title_rows"] = rows
    columns = []
    for col in _texts(layout.get("columns"), "列"):
        if not isinstance(col, dict) or col.get("field") not in FIELDS:
            got = col.get("field") if isinstance(col, dict) else col
            raise _bad(
                f"列的字段「{got}」不存在（可用：{'、'.join(FIELDS)}）",
                f"unknown field {got!r} (known: {', '.join(FIELDS)})",
            )
        header = col.get("header") or []
        header = [header] if isinstance(header, str) else header
        if not template and (not header or not all(isinstance(h, str) and h for h in header)):
            raise _bad(f"列「{col['field']}」缺少表头", f"column {col['field']} has no header")
        width = col.get("width", 10)
        if not isinstance(width, int | float) or not 2 <= width <= 80:
            raise _bad("列宽应在 2 到 80 之间", "a width is between 2 and 80")
        columns.append({"field": col["field"], "header": header, "width": width})
    if not columns:
        raise _bad("至少要有一列", "at least one column")
    out["columns"] = columns
    out["footer_rows"] = [str(t) for t in _texts(layout.get("footer_rows"), "表尾")]
    out["signatures"] = [str(t) for t in _texts(layout.get("signatures"), "签名栏")]
    out["totals"] = bool(layout.get("totals", False))
    for key, default in (("start_row", 0), ("start_column", 1)):
        value = layout.get(key, default)
        if not isinstance(value, int) or value < 0 or value > 1000:
            raise _bad(f"{key} 应为 0 到 1000 的整数", f"{key} is an integer 0..1000")
        out[key] = value
    if template and out["start_row"] < 1:
        raise _bad("套用模板时须给出数据起始行 start_row", "a template needs start_row")
    out["sheet"] = str(layout.get("sheet") or "")
    return out


def layout_from_text(text: str) -> dict[str, Any]:
    """A layout as typed or read from a file, parsed (not yet checked), or refused (T4)
    naming the line and column where the JSON goes wrong."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        where = (getattr(exc, "lineno", 0), getattr(exc, "colno", 0))
        raise _bad(
            f"不是有效的 JSON（第 {where[0]} 行第 {where[1]} 列）",
            f"not valid JSON (line {where[0]}, column {where[1]})",
        ) from None
    if not isinstance(value, dict):
        raise _bad("应为 JSON 对象", "must be a JSON object")
    return value


@dataclass(frozen=True)
class Profile:
    """A profile as the writer reads it (the built-in one has no row and no template)."""

    name: str
    title: str
    layout: dict[str, Any]
    template: int | None = None


REPLACE_PROFILE = "replace_profile"  # the warning of ``save_profile`` under a taken name


def save_profile(
    actor: Actor,
    name: str,
    title: str,
    layout: dict[str, Any],
    *,
    template: attachments.Source | None = None,
    template_name: str = "template.xlsx",
    acknowledged: frozenset[str] | set[str] | None = None,
) -> BureauProfile:
    """Add a county's profile, or replace the layout (and template) of one by its name,
    audited old → new (培训办, 系统管理员). The name ``default`` is the built-in one.
    Replacing one is a warning (``REPLACE_PROFILE``) the user accepts: a name typed again by
    mistake would otherwise overwrite another county's format without a word."""
    with db.atomic():
        require_role(actor, *EXPORTERS)
        key = clean(name)
        if not key or key == DEFAULT_PROFILE:
            raise RuleViolation(
                "T4", "上报格式须有名称，且不能叫 default", "a profile needs a name but default"
            )
        row = BureauProfile.get_for_update_or_none(BureauProfile.name == key)
        if row is not None and row.is_retired:
            raise _retired(row)
        if row is not None:
            warn_unless(
                acknowledged,
                RuleWarning(
                    REPLACE_PROFILE,
                    "T4",
                    f"已有上报格式「{key}」（{row.title}，{row.saved_by} 保存），"
                    "保存将替换它的版式",
                    f"a profile {key!r} ({row.title}) exists: saving replaces its layout",
                ),
            )
        had_template = row is not None and row.template is not None
        checked = check_layout(layout, template=template is not None or had_template)
        fields = {
            "title": clean(title) or key,
            "layout": json.dumps(checked, ensure_ascii=False),
            "saved_by": actor.display_name,
            "saved_at": now(),
        }
        if row is None:
            row = audit.create(
                actor,
                BureauProfile,
                name=key,
                created_by=actor.display_name,
                created_at=fields["saved_at"],
                **fields,
            )
        else:
            audit.update(actor, row, **fields)
        if template is not None:
            att = attachments.attach(actor, row, template_name, template)
            audit.update(actor, row, template=att.id)
        return BureauProfile.get_by_id(row.id)


def _retired(row: BureauProfile) -> RuleViolation:
    return RuleViolation(
        "T4",
        f"上报格式「{row.name}」已于 {row.retired_at:%Y-%m-%d} 停用（{row.retire_reason}），"
        "不能再用于上报或修改；如县局恢复使用，可先重新启用",
        f"export profile {row.name!r} was retired on {row.retired_at:%Y-%m-%d} "
        f"({row.retire_reason}); it is used for no new export and not changed unless it is "
        "reinstated",
    )


def _to_change(
    actor: Actor, name: str, reason: str, doing_zh: str, doing_en: str
) -> tuple[BureauProfile, str]:
    """The profile ``name`` locked for 停用 or 重新启用 by 培训办 or 系统管理员, and the reason
    given for it (required, at most ``REASON_MAX`` characters). The built-in ``default`` is
    not a row: it is neither retired nor reinstated."""
    require_role(actor, *EXPORTERS)
    key, why = clean(name), clean(reason)
    if key == DEFAULT_PROFILE:
        raise RuleViolation(
            "T4",
            f"内置的通用格式 default 不能{doing_zh}",
            f"the built-in default cannot be {doing_en}",
        )
    if not why or len(why) > REASON_MAX:
        raise RuleViolation(
            "T4",
            f"{doing_zh}上报格式须填写原因（最多 {REASON_MAX} 字）",
            f"a reason of at most {REASON_MAX} characters is needed",
            field="reason",
        )
    row = BureauProfile.get_for_update_or_none(BureauProfile.name == key)
    if row is None:
        raise RuleViolation("T4", f"没有名为「{key}」的上报格式", f"no profile {key!r}")
    return row, why


def retire_profile(actor: Actor, name: str, reason: str) -> BureauProfile:
    """停用 a county's profile with a reason, audited (培训办, 系统管理员). The row stays: the
    exports made by it keep naming it. Retiring twice is refused."""
    with db.atomic():
        row, why = _to_change(actor, name, reason, "停用", "retired")
        if row.is_retired:
            raise _retired(row)
        audit.update(
            actor,
            row,
            audit_action="retire",
            audit_note=why,
            retired_at=now(),
            retired_by=actor.display_name,
            retire_reason=why,
        )
        return BureauProfile.get_by_id(row.id)


def reinstate_profile(actor: Actor, name: str, reason: str) -> BureauProfile:
    """重新启用 a retired profile with a reason, audited (培训办, 系统管理员): a county that
    returns to a format it had left gets it back under its own name, the name its past
    exports keep. What the retirement said stays in the audit trail."""
    with db.atomic():
        row, why = _to_change(actor, name, reason, "重新启用", "reinstated")
        if not row.is_retired:
            raise RuleViolation(
                "T4", f"上报格式「{row.name}」在用，无需重新启用", f"profile {row.name!r} is in use"
            )
        audit.update(
            actor,
            row,
            audit_action="reinstate",
            audit_note=why,
            retired_at=None,
            retired_by="",
            retire_reason="",
        )
        return BureauProfile.get_by_id(row.id)


def stored_profiles(*, retired: bool = False) -> list[BureauProfile]:
    """The office's profiles by name: those in use, or with ``retired`` every one."""
    query = BureauProfile.select().order_by(BureauProfile.name)
    if not retired:
        query = query.where(BureauProfile.retired_at.is_null())
    return list(query)


def stored_profile(name: str) -> Profile | None:
    """The stored profile a new export may use, ``None`` when there is none by that name;
    a retired one is refused (T4)."""
    row = BureauProfile.get_or_none(BureauProfile.name == clean(name))
    if row is None:
        return None
    if row.is_retired:
        raise _retired(row)
    return Profile(row.name, row.title, json.loads(row.layout), row.template)


def registers_to_report(actor: Actor, year: str) -> list[CreditRegister]:
    """Before the file is written: the actor may export (X1) and the year has approved
    registers (T4). Returns the registers the file is made from."""
    with db.atomic():
        require_role(actor, *EXPORTERS)
        year = school_year(year)
        registers = approved_registers(year)
        if not registers:
            raise RuleViolation(
                "T4",
                f"{year} 学年还没有审定的学分登记，不能上报",
                f"no credit register of {year} is approved; nothing can be reported",
            )
        return registers


def record_export(
    actor: Actor,
    year: str,
    profile: str,
    registers: list[CreditRegister],
    *,
    file_name: str,
    sha256: str,
    rows: int,
    at: datetime | None = None,
) -> BureauExport:
    """Record a written file (one transaction): refused again for a role that may not export,
    and with ``Conflict`` when the year's approved registers changed while it was written
    (an amendment approved meanwhile): the file would not be what the register says."""
    with db.atomic():
        require_role(actor, *EXPORTERS)
        year = school_year(year)
        if profile != DEFAULT_PROFILE:  # retired while the file was written
            row = BureauProfile.get_for_update_or_none(BureauProfile.name == profile)
            if row is not None and row.is_retired:
                raise _retired(row)
        now_ids = [r.id for r in approved_registers(year)]
        if now_ids != [r.id for r in registers]:
            raise Conflict()
        user = actor if isinstance(actor, User) and actor.id is not None else None
        export = audit.create(
            actor,
            BureauExport,
            school_year=year,
            profile=profile,
            file_name=clean(file_name)[:255],
            sha256=sha256,
            rows=rows,
            exported_by=user,
            exported_by_name=actor.display_name,
            exported_at=at or now(),
        )
        BureauExportRegister.insert_many(
            [{"export": export.id, "register": rid} for rid in now_ids]
        ).execute()
        return export


def last_report(register: CreditRegister | int) -> BureauExport | None:
    """The latest export made from ``register`` (已上报: who, when), or ``None``."""
    rid = register if isinstance(register, int) else register.id
    return (
        BureauExport.select()
        .join(BureauExportRegister)
        .where(BureauExportRegister.register == rid)
        .order_by(BureauExport.exported_at.desc(), BureauExport.id.desc())
        .first()
    )


def exports_of(year: str) -> list[BureauExport]:
    return list(
        BureauExport.select()
        .where(BureauExport.school_year == school_year(year))
        .order_by(BureauExport.id)
    )
