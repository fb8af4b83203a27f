"""培训管理's home cards: for 培训办 the registers still to confirm (a session held, its
register not closed, T3); for 培训办 and the leaders the year's 旷课, and the teachers who
cannot reach their tier's 应修学时 any more even if they attend every session still to come
(T1, ``training.at_risk``: told while there is time to arrange 外出培训 or 自学). The questions
are ``models.training``'s, imported when the home page first asks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.home_cards import ROWS, CardRow, HomeCard, open_tab
from models.base import now
from models.people import Role, User

OFFICE = frozenset({Role.TRAINING})


def to_close() -> Any:
    from models import training

    return training.registers_to_close(now().date())


def _close_rows(_user: User) -> list[CardRow]:
    from models.training import RegisterState

    rows = []
    for s in to_close().limit(ROWS):
        state = RegisterState(s.register_state)
        rows.append(
            CardRow(
                f"{s.group.name} {s.topic}".strip(),
                f"{s.date:%m-%d}",
                warn=state == RegisterState.NONE,
            )
        )
    return rows


def _truancies(_user: User) -> list[Any]:
    from models import training

    return training.truancies(training.school_year_of(now().date()))


def _truancy_rows(truancies: list[Any]) -> list[CardRow]:
    return [
        CardRow(f"{t.name}（{t.staff_no}）{t.topic}", f"{t.day:%m-%d}", warn=True)
        for t in truancies[:ROWS]
    ]


def _at_risk(_user: User) -> list[Any]:
    """The school year's credits of every teacher (``compute_credits``): asked once per
    refresh, the card's ``answer``."""
    from models import training

    today = now().date()
    return training.at_risk(training.school_year_of(today), today)


def _at_risk_rows(at_risk: list[Any]) -> list[CardRow]:
    from desktop import labels
    from models.training import Tier

    return [
        CardRow(
            f"{t.name}（{t.staff_no}）{labels.of(Tier, t.tier)}",
            QCoreApplication.translate("home", "%1/%2 学时")
            .replace("%1", f"{t.credited_hours + t.hours_left_to_earn:g}")
            .replace("%2", f"{t.required_hours:g}"),
            warn=True,
        )
        for t in at_risk[:ROWS]
    ]


CARDS = (
    HomeCard(
        "training.close",
        lambda: QCoreApplication.translate("home", "待确认考勤"),
        lambda _user: to_close().count(),
        _close_rows,
        open_tab("training", "register"),
        OFFICE,
        order=40,
    ),
    HomeCard(
        "training.truancies",
        lambda: QCoreApplication.translate("home", "本学年旷课"),
        len,
        _truancy_rows,
        open_tab("training", "register"),
        frozenset({Role.TRAINING, Role.LEADER}),
        order=41,
        answer=_truancies,
    ),
    HomeCard(
        "training.at_risk",
        lambda: QCoreApplication.translate("home", "学时难以达标"),
        len,
        _at_risk_rows,
        open_tab("training", "plans"),
        frozenset({Role.TRAINING, Role.LEADER}),
        order=42,
        answer=_at_risk,
    ),
)
