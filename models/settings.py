"""Numbers the regulations leave open ("costly", "important customer"): administrator settings
with the defaults the rulebook gives. Stored per office (in the shared database), not per PC.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import InvalidOperation
from typing import Any

import peewee

from models import audit
from models.base import BaseModel
from models.db import db
from models.errors import RuleViolation
from models.prepared import Prepared


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    kind: type  # int, Decimal, str or date (a date may be empty: default None)
    label_zh: str
    label_en: str
    minimum: Any = None
    check: Callable[[Any], Any] | None = None  # raises ValueError with the reason
    # Called by ``put`` inside its transaction with the new value: a setting whose value
    # must agree with the office's records (the go-live date and the repairs on either
    # side of it) refuses there with the rule, raising ``RuleViolation``.
    guard: Callable[[Any], None] | None = None

    @property
    def optional(self) -> bool:
        """A setting that may be left empty (a date not set yet)."""
        return self.default is None


def _office_hours(text: str) -> Any:
    from models.clocks import parse_office_hours

    return parse_office_hours(text)


# The suite-wide settings; each domain registers its own when it loads (``register``).
SPECS: dict[str, SettingSpec] = {
    s.key: s
    for s in (
        SettingSpec(
            "office.name",
            None,
            str,
            "单位名称（登记表的填报单位、打印件页脚）",
            "the office's name (a register's reporting unit, printed footers)",
        ),
        SettingSpec(
            "login.max_failures", 5, int, "连续登录失败锁定次数", "failed logins before lock", 1
        ),
        SettingSpec("login.lock_minutes", 15, int, "账户锁定分钟数", "lockout minutes", 1),
        SettingSpec(
            "import.max_unzipped_mb",
            200,
            int,
            "导入文件解压后上限（MB）",
            "largest unpacked size of an imported workbook (MB)",
            1,
        ),
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
        SettingSpec(
            "clock.office_hours",
            "08:30-12:00,14:00-17:30",
            str,
            "办公时间（工作小时计时、顺延至下班）",
            "office hours (working-hour clocks, close of business)",
            check=_office_hours,
        ),
        SettingSpec(
            "clock.skew_warn_minutes",
            5,
            int,
            "电脑时钟与服务器相差超过（分钟）时提醒",
            "warn when this PC's clock is off the server's by more than (minutes)",
            1,
        ),
        SettingSpec(
            "clock.utc_offset_minutes",
            480,
            int,
            "办公时区（与UTC相差的分钟数，北京时间为480）",
            "office time zone (minutes from UTC; Beijing is 480)",
            -720,
        ),
        SettingSpec(
            "calendar.unknown_year_notice_days",
            60,
            int,
            "提前多少天提醒录入下一年节假日安排",
            "days ahead to remind that next year's holidays are not entered",
            0,
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


def _date(raw: Any) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if raw is None or isinstance(raw, date):
        return raw
    text = str(raw).strip()
    return date.fromisoformat(text) if text else None


def _text(value: Any) -> str:
    """How a value is stored: an empty optional setting is the empty string."""
    return "" if value is None else str(value)


def _coerce(spec: SettingSpec, raw: Any) -> Any:
    try:
        if spec.kind is date:
            value = _date(raw)
            if value is None:
                return None
        elif spec.kind is str:
            value = str(raw)
        else:
            value = spec.kind(str(raw).strip())
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
    if spec.check is not None:
        try:
            spec.check(value)
        except ValueError as exc:
            raise RuleViolation(
                None,
                f"设置「{spec.label_zh}」的值无效：{exc}",
                f"invalid value for {spec.label_en}: {exc}",
                field=spec.key,
            ) from exc
    return value


def get(key: str) -> Any:
    """The office's value of a setting, or its default."""
    spec = _spec(key)
    if spec is None:
        raise KeyError(key)
    row = Setting.get_or_none(Setting.key == key)
    if row is None or (row.value == "" and spec.optional):
        return spec.default
    return _coerce(spec, row.value)


def put(actor: Any, key: str, value: Any) -> Any:
    """Change a setting (administrators only), audited."""
    from models.people import Role, require_role

    with db.atomic():
        require_role(actor, Role.ADMIN)
        spec = _spec(key)
        if spec is None:
            raise RuleViolation(None, f"未知设置：{key}", f"unknown setting: {key}")
        typed = _coerce(spec, value)
        old = get(key)
        if old == typed:
            return typed
        if spec.guard is not None:
            # The row locked: a use case filling it in waits for this change, and the value
            # compared and audited is the one standing now, not the one read before.
            old = held(key)
            if old == typed:
                return typed
            spec.guard(typed)
        if Setting.update(value=_text(typed)).where(Setting.key == key).execute() == 0:
            Setting.create(key=key, value=_text(typed))
        audit.record(actor, "setting", None, "update", {key: (old, typed)})
    return typed


# Asked before every lock of a setting: rendered once (``models.prepared``).
_HAS_ROW = Prepared(lambda key: Setting.select(Setting.key).where(Setting.key == key).limit(1))


def _ensure_row(spec: SettingSpec) -> None:
    """Create the setting's row, holding its default (empty for an optional one), when it has
    none, so there is a row to lock; another desktop creating it at the same moment is no
    error."""
    if _HAS_ROW.first(spec.key) is not None:
        return
    try:
        with db.atomic():  # a savepoint: the duplicate key does not spoil the caller's work
            Setting.create(key=spec.key, value=_text(spec.default))
    except peewee.IntegrityError:
        pass


def held(key: str) -> Any:
    """The setting's value read under its row lock, inside the caller's transaction: a
    change of it by another desktop waits for the caller to commit, and the caller waits for
    one already under way (and then reads what it wrote)."""
    spec = _spec(key)
    if spec is None:
        raise KeyError(key)
    _ensure_row(spec)
    row = Setting.get_for_update(Setting.key == key)
    return spec.default if row.value == "" and spec.optional else _coerce(spec, row.value)


def fill_if_empty(
    key: str, value: Any, *, by: Any, note: str | None = None, earlier: bool = False
) -> Any:
    """Insert-if-absent for an optional setting, in the caller's transaction (a use case
    that sets it as a side effect, not an administrator): the row is locked first, so the
    first caller's value stands and two callers at once never store two values; with
    ``earlier`` a smaller value (an earlier date) replaces a larger one. Returns the value
    that stands."""
    spec = _spec(key)
    if spec is None:
        raise KeyError(key)
    typed = _coerce(spec, value)
    current = held(key)
    if current is not None and not (earlier and typed < current):
        return current
    Setting.update(value=_text(typed)).where(Setting.key == key).execute()
    audit.record(by, "setting", None, "update", {key: (current, typed)}, note)
    return typed
