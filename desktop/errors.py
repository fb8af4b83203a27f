"""The one error router: every window shows each kind of error the same way.

- ``RuleViolation`` (a regulation, a role check, bad input): a warning with the rule ID;
- ``RuleWarning``: "continue anyway?"; yes re-runs the action with the warning acknowledged;
- ``Conflict``: "someone else changed this", and the caller reloads what it shows;
- ``Cancelled``: nothing at all (the user pressed Cancel, nothing was written);
- the database gone (``SchemaError``, peewee ``OperationalError``/``InterfaceError``);
- anything else is a bug: the traceback goes to the log and into the box's details, never
  into the message itself.

Row-level details (an import's rejected rows) travel on the exception as ``details`` (a
list of strings) and appear under "显示详细信息".

Everything ends in ``present``, one function tests replace to read what would be shown
without a modal box blocking the run.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import peewee
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import pick
from models.errors import Cancelled, Conflict, HouqinError, RuleViolation, RuleWarning, SchemaError

log = logging.getLogger("houqin.desktop")


@dataclass
class Shown:
    """What the user sees: a kind (icon), a title, the message and optional details."""

    kind: str  # "rule" / "warning" / "conflict" / "database" / "bug"
    title: str
    text: str
    details: str = ""


def message(exc: BaseException) -> str:
    """The sentence for ``exc`` in the interface language (Chinese by default)."""
    if isinstance(exc, HouqinError):
        return pick(exc.zh, exc.en)
    return str(exc)


def inline_text(exc: BaseException) -> str:
    """A refusal as a dialog shows it beside a field or at its top: rule ID first."""
    text = message(exc)
    rule = getattr(exc, "rule", None)
    if rule and not text.startswith(f"[{rule}]"):
        text = f"[{rule}] {text}"
    return text


def _details(exc: BaseException) -> str:
    rows = getattr(exc, "details", None) or getattr(exc, "errors", None)
    if isinstance(rows, str):
        return rows
    if isinstance(rows, Iterable):
        return "\n".join(str(r) for r in rows)
    return ""


def describe(exc: BaseException) -> Shown | None:
    """How ``exc`` is shown; ``None`` for a cancel, which shows nothing."""
    if isinstance(exc, Cancelled):
        return None
    if isinstance(exc, RuleWarning):
        return Shown(
            "warning",
            QCoreApplication.translate("errors", "请确认"),
            message(exc) + "\n\n" + QCoreApplication.translate("errors", "仍要继续吗？"),
        )
    if isinstance(exc, RuleViolation):
        return Shown(
            "rule", QCoreApplication.translate("errors", "无法完成"), message(exc), _details(exc)
        )
    if isinstance(exc, Conflict):
        return Shown("conflict", QCoreApplication.translate("errors", "内容已变化"), message(exc))
    if isinstance(exc, SchemaError):
        return Shown("database", QCoreApplication.translate("errors", "数据库"), message(exc))
    if isinstance(exc, peewee.OperationalError | peewee.InterfaceError):
        return Shown(
            "database",
            QCoreApplication.translate("errors", "数据库"),
            QCoreApplication.translate("errors", "数据库暂时无法访问，请检查网络或稍后再试。")
            + f"\n({exc})",
        )
    if isinstance(exc, HouqinError):
        return Shown(
            "rule", QCoreApplication.translate("errors", "无法完成"), message(exc), _details(exc)
        )
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", trace)
    return Shown(
        "bug",
        QCoreApplication.translate("errors", "程序错误"),
        QCoreApplication.translate(
            "errors", "发生了意外错误，操作未完成。请把详细信息发给系统管理员。"
        ),
        trace,
    )


def present(parent: QWidget | None, shown: Shown, ask: bool = False) -> bool:
    """Show a box (modal). Returns True when the user answered yes to a question."""
    icons = {
        "rule": QMessageBox.Icon.Warning,
        "warning": QMessageBox.Icon.Question,
        "conflict": QMessageBox.Icon.Information,
        "database": QMessageBox.Icon.Critical,
        "bug": QMessageBox.Icon.Critical,
    }
    box = QMessageBox(icons.get(shown.kind, QMessageBox.Icon.Warning), shown.title, shown.text)
    box.setParent(parent, box.windowFlags())
    if shown.details:
        box.setDetailedText(shown.details)
    if ask:
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_error(
    parent: QWidget | None,
    exc: BaseException,
    *,
    retry: Callable[[frozenset[str]], None] | None = None,
    reload: Callable[[], None] | None = None,
) -> None:
    """Show ``exc``. ``retry(acknowledged)`` re-runs after an accepted warning; ``reload``
    refreshes the caller's view after a conflict."""
    shown = describe(exc)
    if shown is None:
        return
    if isinstance(exc, RuleWarning) and retry is not None:
        if present(parent, shown, ask=True):
            retry(frozenset({exc.key}))
        return
    present(parent, shown)
    if isinstance(exc, Conflict) and reload is not None:
        reload()


def inform(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A plain notice through the same door (results of batch work, a new password)."""
    present(parent, Shown("conflict", title, text, details))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question through the same door."""
    return present(parent, Shown("warning", title, text), ask=True)
