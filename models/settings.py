"""Numbers the regulations leave open ("costly", "important customer"): administrator settings
with the defaults the rulebook gives. Stored per office (in the shared database), not per PC.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import InvalidOperation
from typing import Any

import peewee

from models import audit
from models.base import BaseModel
from models.db import db
from models.errors import RuleViolation


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    kind: type  # int, Decimal or str
    label_zh: str
    label_en: str
    minimum: Any = None


# The suite-wide settings; each domain registers its own when it loads (``register``).
SPECS: dict[str, SettingSpec] = {
    s.key: s
    for s in (
        SettingSpec(
            "login.max_failures", 5, int, "连续登录失败锁定次数", "failed logins before lock", 1
        ),
        SettingSpec("login.lock_minutes", 15, int, "账户锁定分钟数", "lockout minutes", 1),
        SettingSpec(
            "workflow.urge_interval_minutes",
            30,
            int,
            "催办最短间隔（分钟）",
            "minimum minutes between urges",
            0,
        ),
        SettingSpec(
            "workflow.default_deadline_days",
            3,
            int,
            "审批节点默认时限（工作日）",
            "default node deadline (working days)",
            0,
        ),
        SettingSpec(
            "attachments.max_mb", 20, int, "附件大小上限（MB）", "attachment size limit (MB)", 1
        ),
    )
}


def register(*specs: SettingSpec) -> None:
    """Declare a domain's settings (called when the domain's models load)."""
    for spec in specs:
        SPECS[spec.key] = spec


def specs() -> dict[str, SettingSpec]:
    """Every setting of every domain (the administrator's settings page lists them all)."""
    from models import domains

    domains.load()
    return SPECS


def _spec(key: str) -> SettingSpec | None:
    spec = SPECS.get(key)
    return spec if spec is not None else specs().get(key)


class Setting(BaseModel):
    key = peewee.CharField(max_length=64, primary_key=True)
    value = peewee.TextField()


def _coerce(spec: SettingSpec, raw: Any) -> Any:
    try:
        value = spec.kind(str(raw).strip()) if spec.kind is not str else str(raw)
    except (ValueError, InvalidOperation) as exc:
        raise RuleViolation(
            None,
            f"设置「{spec.label_zh}」的值无效：{raw}",
            f"invalid value for {spec.label_en}: {raw}",
            field=spec.key,
        ) from exc
    if spec.minimum is not None and value < spec.minimum:
        raise RuleViolation(
            None,
            f"设置「{spec.label_zh}」不能小于 {spec.minimum}",
            f"{spec.label_en} must be at least {spec.minimum}",
            field=spec.key,
        )
    return value


def get(key: str) -> Any:
    """The office's value of a setting, or its default."""
    spec = _spec(key)
    if spec is None:
        raise KeyError(key)
    row = Setting.get_or_none(Setting.key == key)
    return spec.default if row is None else _coerce(spec, row.value)


def put(actor: Any, key: str, value: Any) -> Any:
    """Change a setting (administrators only), audited."""
    from models.people import Role, require_role

    require_role(actor, Role.ADMIN)
    spec = _spec(key)
    if spec is None:
        raise RuleViolation(None, f"未知设置：{key}", f"unknown setting: {key}")
    typed = _coerce(spec, value)
    old = get(key)
    if old == typed:
        return typed
    with db.atomic():
        if Setting.update(value=str(typed)).where(Setting.key == key).execute() == 0:
            Setting.create(key=key, value=str(typed))
        audit.record(actor, "setting", None, "update", {key: (old, typed)})
    return typed
