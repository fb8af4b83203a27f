"""Icons are plain SVG files in ``resources/icons``, found through the ``icons:`` search
prefix (as Anki does), so nothing has to be generated or compiled; ``button`` is a push
button with one."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLayout, QPushButton

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


def register() -> None:
    QDir.addSearchPath("icons", str(ICON_DIR))


@cache
def icon(name: str) -> QIcon:
    """``icon("approvals")`` → ``resources/icons/approvals.svg``; an empty icon if missing."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def button(
    name: str,
    text: str,
    slot: Callable[[], Any],
    *,
    visible: bool = True,
    tip: str = "",
    bar: QLayout | None = None,
) -> QPushButton:
    """A push button with icon ``name`` that calls ``slot()`` (never with Qt's ``checked``),
    added to ``bar`` when given."""
    b = QPushButton(icon(name), text)
    b.setProperty("iconName", name)  # what the list's keys press (desktop.shortcuts)
    b.clicked.connect(lambda _checked=False: slot())
    b.setVisible(visible)
    if tip:
        b.setToolTip(tip)
    if bar is not None:
        bar.addWidget(b)
    return b
