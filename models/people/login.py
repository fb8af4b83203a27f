"""Login (X1): the same message for a wrong user and a wrong password, failures counted in
SQL, an account locked after too many (both limits are settings)."""

from __future__ import annotations

from datetime import datetime, timedelta

from models import audit, settings
from models.base import now
from models.db import db
from models.errors import RuleViolation
from models.passwords import (
    dummy_hash,
    verify_password,
)
from models.people.tables import (
    LOCKED_FOREVER,
    User,
    normalize_username,
)


def authenticate(username: str, password: str, *, at: datetime | None = None) -> User:
    """Check a login. Wrong user and wrong password give the same message (no account
    probing); each failure counts, and reaching the limit locks the account."""
    at = at or now()
    user = User.get_or_none(
        (User.username == normalize_username(username)) & User.voided_at.is_null()
    )
    if user is None:
        verify_password(password, dummy_hash())  # same time as a real check
        raise _bad_login()
    if user.locked_until is not None and at < user.locked_until:
        raise _locked(user.locked_until)
    if not verify_password(password, user.password_hash):
        _count_failure(user, at)
        raise _bad_login()
    with db.atomic():
        User.update(failed_logins=0, locked_until=None, last_login_at=at).where(
            User.id == user.id
        ).execute()
        audit.record(user, "user", user.id, "login")
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, at
    return user


def _count_failure(user: User, at: datetime) -> None:
    limit = settings.get("login.max_failures")
    with db.atomic():
        # Counted in SQL so two desktops failing at once both count.
        User.update(failed_logins=User.failed_logins + 1).where(User.id == user.id).execute()
        failures = User.get_by_id(user.id).failed_logins
        note = f"第 {failures} 次失败 / failure {failures}"
        if failures >= limit:
            until = at + timedelta(minutes=settings.get("login.lock_minutes"))
            User.update(locked_until=until, failed_logins=0).where(User.id == user.id).execute()
            note += f"；锁定至 {until:%Y-%m-%d %H:%M} / locked"
        audit.record(user, "user", user.id, "login_failed", note=note)


def _bad_login() -> RuleViolation:
    return RuleViolation(None, "用户名或密码错误", "wrong user name or password", field="password")


def _locked(until: datetime) -> RuleViolation:
    if until >= LOCKED_FOREVER:
        return RuleViolation(
            None, "账户已被管理员锁定", "the account is locked by an administrator"
        )
    return RuleViolation(
        None,
        f"登录失败次数过多，账户锁定至 {until:%H:%M}",
        f"too many failed logins; the account is locked until {until:%H:%M}",
    )
