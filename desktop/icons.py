"""Icons are plain SVG files in ``resources/icons``, found through the ``icons:`` search
prefix (as Anki does), so nothing has to be generated or compiled."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


def register() -> None:
    QDir.addSearchPath("icons", str(ICON_DIR))


@cache
def icon(name: str) -> QIcon:
    """``icon("approvals")`` → ``resources/icons/approvals.svg``; an empty icon if missing."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
