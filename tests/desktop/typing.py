"""Typing into widgets in tests. ``qtbot.keyClicks`` aborts the process on any non-ASCII
character (DESIGN.md, Known traps), so Chinese goes in as an input-method commit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)
