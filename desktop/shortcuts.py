"""The desktop's keys, declared once: what each does is the same on every page.

- F5 刷新, Ctrl+F 查找 (the list's search box), Ctrl+N 新建, Ctrl+O / Enter 打开, Ctrl+P 打印:
  the main window's 操作 menu, acting on the list the user is in (``ListView``'s buttons
  marked with ``mark``, or found by their icon: ``add`` is new, ``open`` open, ``print``
  print);
- Ctrl+S 保存 in a form (its OK button);
- Ctrl+Enter 同意 and Ctrl+Shift+R 驳回 in the approval dialog;
- Enter in an entry table moves to the same column of the next row (``LineEditor``).

A button a key presses says so in its tooltip (``tip``), so the keys are discoverable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

REFRESH = QKeySequence(Qt.Key.Key_F5)
FIND = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_F)
NEW = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_N)
OPEN = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_O)
PRINT = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_P)
SAVE = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_S)
APPROVE = (
    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter),  # the keypad's Enter
)
REJECT = QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_R)

# What a list's key presses, by the role a button is marked with or its icon's name.
ROLE_ICONS = {"new": "add", "open": "open", "print": "print"}
ROLE_PROPERTY = "shortcutRole"


def text(keys: QKeySequence) -> str:
    """``Ctrl+N`` as this platform writes it."""
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def tip(button: QAbstractButton, keys: QKeySequence) -> None:
    """Name ``keys`` in ``button``'s tooltip, once."""
    shown = text(keys)
    current = button.toolTip()
    if shown in current:
        return
    button.setToolTip(f"{current}（{shown}）" if current else shown)


def mark(button: QAbstractButton, role: str) -> QAbstractButton:
    """Make ``button`` the one a list's key for ``role`` (new, open, print) presses."""
    button.setProperty(ROLE_PROPERTY, role)
    return button


def role_of(button: QAbstractButton) -> str | None:
    marked = button.property(ROLE_PROPERTY)
    if marked:
        return str(marked)
    name = button.property("iconName")
    return next((role for role, icon in ROLE_ICONS.items() if icon == name), None)


def press(button: QAbstractButton | None) -> bool:
    """Click ``button`` if the user could (shown and enabled); whether it did."""
    if button is None or not button.isVisibleTo(button.window()) or not button.isEnabled():
        return False
    button.click()
    return True


def bind(
    widget: QWidget,
    keys: QKeySequence | tuple[QKeySequence, ...],
    slot: Callable[[], Any],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> list[QShortcut]:
    """``slot()`` on ``keys`` while ``widget``'s window is active."""
    made = []
    for sequence in keys if isinstance(keys, tuple) else (keys,):
        shortcut = QShortcut(sequence, widget)
        shortcut.setContext(context)
        shortcut.activated.connect(lambda: slot())
        made.append(shortcut)
    return made
