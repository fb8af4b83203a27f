"""Pickers that find a record by typing part of its name, its pinyin or its pinyin initials
(张三 by "zs"), as Chinese office staff expect from every name field."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from models.text import search_key

Search = Callable[[str], list[tuple[str, Any]]]  # text → [(shown text, value)]


class SearchPicker(QLineEdit):
    """A line edit with a popup of matches; ``value()`` is the picked record (or ``None``
    while the text names nothing). ``search`` runs on each pause in typing."""

    picked = Signal(object)

    def __init__(
        self, search: Search, placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._choices: dict[str, Any] = {}
        self._value: Any = None
        self.setPlaceholderText(placeholder or self.tr("输入姓名、拼音或首字母"))
        self.setClearButtonEnabled(True)
        self._list = QStringListModel(self)
        completer = QCompleter(self._list, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._chosen)
        self.setCompleter(completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.textChanged.connect(self._text_changed)

    @Slot()
    def refresh(self) -> None:
        """Run the search for the current text and offer the matches."""
        found = self._search(self.text())
        self._choices = dict(found)
        self._list.setStringList([shown for shown, _ in found])
        if found and self.hasFocus():
            self.completer().complete()

    @Slot(str)
    def _chosen(self, shown: str) -> None:
        self._value = self._choices.get(shown)
        self.picked.emit(self._value)

    @Slot(str)
    def _text_changed(self, text: str) -> None:
        if text in self._choices:
            self._value = self._choices[text]
        elif not text:
            self._value = None
        else:
            self._value = None
            # Typing a full name that is one of the matches picks it too.
            found = dict(self._search(text))
            if text in found:
                self._choices.update(found)
                self._value = found[text]

    def value(self) -> Any:
        return self._value

    def set_value(self, shown: str, value: Any) -> None:
        self._choices[shown] = value
        self.setText(shown)
        self._value = value


def key_search(keys: Callable[[], Iterable[str]], limit: int = 30) -> Search:
    """A search over a short list of business keys (departments), by pinyin as well."""

    def search(text: str) -> list[tuple[str, Any]]:
        text = text.strip().lower()
        found = []
        for key in keys():
            if not text or text in search_key(key):
                found.append((key, key))
            if len(found) >= limit:
                break
        return found

    return search


def user_search(limit: int = 20) -> Search:
    """Active users by name, pinyin, initials or user name, searched in the database."""
    from models.queries import users_matching

    def search(text: str) -> list[tuple[str, Any]]:
        users = users_matching(text, limit)
        return [(f"{u.name}（{u.username}）", u) for u in users]

    return search


class UserPicker(SearchPicker):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(user_search(), parent=parent)
