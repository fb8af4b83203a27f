"""Desktop tests: real widgets, offscreen, on a temporary SQLite file (worker threads open
their own connections), with this PC's QSettings redirected to the test's folder and every
message box captured instead of blocking; the save dialog of a refused import's error list
answers "cancelled" unless a test says otherwise."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QSettings

from desktop import errors, exporting


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    yield


@pytest.fixture(autouse=True)
def _no_error_book_dialog(monkeypatch):
    """A refused import asks whether to save its error list; a test answering yes to every
    question would meet a real save dialog next: that dialog answers "cancelled"."""
    monkeypatch.setattr(exporting, "ask_error_book_path", lambda *_a, **_k: None)


@dataclass
class Boxes:
    """Every box the error router would have shown; ``answer`` replies to questions."""

    shown: list[errors.Shown] = field(default_factory=list)
    answer: bool = True

    def texts(self) -> list[str]:
        return [s.text for s in self.shown]


@pytest.fixture(autouse=True)
def boxes(monkeypatch) -> Boxes:
    captured = Boxes()

    def present(parent, shown, ask=False):
        captured.shown.append(shown)
        return captured.answer if ask else False

    monkeypatch.setattr(errors, "present", present)
    return captured


@pytest.fixture
def app(qapp):
    from desktop.app import create_application

    return create_application()


@pytest.fixture
def desk(sqlite_database, app):
    """The test office on SQLite, and the URL of its file."""
    from tests.office import make_office

    office = make_office()
    office.url = "sqlite:///" + sqlite_database.database
    return office
