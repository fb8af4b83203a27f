"""Per-user preferences of this PC (QSettings): language, connection, window geometry, column
widths, the remembered user name.

Office-wide settings (thresholds, lockout) live in the database (``models.settings``); what
lives here only concerns how this desktop looks and which database it opens. The INI format
is used on every platform so a support person can read and reset it by hand.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

ORGANISATION = "Houqin"
APPLICATION = "Houqin"


def settings() -> QSettings:
    """The user's settings file (``%APPDATA%\\Houqin\\Houqin.ini`` on Windows)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def value(key: str, default: Any = None, kind: type | None = None) -> Any:
    """Read one key; ``kind`` converts the INI string back (``bool``, ``int``, ``str``)."""
    raw = settings().value(key, default)
    if kind is None or raw is None:
        return raw
    if kind is bool and isinstance(raw, str):
        return raw.lower() in ("true", "1", "yes")
    try:
        return kind(raw)
    except (TypeError, ValueError):
        return default


def put(key: str, data: Any) -> None:
    """Write one key; a value that did not change costs no disk write."""
    store = settings()
    if store.contains(key) and store.value(key) == data:
        return
    store.setValue(key, data)
    store.sync()


def remove(key: str) -> None:
    store = settings()
    store.remove(key)
    store.sync()
