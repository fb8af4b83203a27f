"""What the callbacks tabs share: a clock's remaining time in words, the breach colour, and
the label of a stored code in the interface language."""

from __future__ import annotations

from typing import Any

from desktop.i18n import translator
from desktop.lazy_model import Look

BREACHED = Look("#c62828", bold=True)  # red: a deadline missed (C10); a breach stays a breach
DUE_TODAY = Look("#e65100")

CLOCK_NAMES = {
    "incomplete_notice": "告知补正",
    "acceptance": "受理",
    "decision": "决定",
    "desk_feedback": "初步反馈",
    "desk_resolve": "办结",
}


tr = translator("callbacks")  # module-level strings of the callbacks page


def clock_text(key: str, left: Any) -> str:
    """``受理：剩余 3 个工作日`` / ``决定：已超期 2天``: the clock's name and what is left."""
    return f"{tr(CLOCK_NAMES.get(key, key))}：{left.label()}"
