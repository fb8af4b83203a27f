"""The repair window's action keys. Which of them a user may take now is the repair's own
declaration (``models.fleet.Repair.TRANSITIONS``, read by ``models.documents``); the buttons
render that answer and never re-check a rule."""

from __future__ import annotations

from models import documents
from models.fleet import Repair, Supplement, supplement_to_decide
from models.people import User
from models.workflow import State

ASSESS = "assess"
APPROVE = "approve"
DECLINE_LINES = "decline_lines"
REJECT = "reject"
RETURN = "return"
FILE = "file"
WITHDRAW = "withdraw"
RESUBMIT = "resubmit"
ENTER = "enter_shop"
SUPPLEMENT = "supplement"
SUPPLEMENT_DECIDE = "supplement_decide"
FITTED = "fitted"
FINISH = "finish"
ACCEPT = "accept"
PRINT_AUTHORISATION = "print_authorisation"


def current_node_key(repair: Repair) -> str | None:
    """The approval node the repair waits at (for the window's 当前环节), if any."""
    inst = repair.instance()
    if inst is None or inst.state != State.PENDING:
        return None
    node = inst.current_node()
    return node.key if node else None


def actions_for(user: User, repair: Repair) -> set[str]:
    return set(documents.available_actions(user, repair).actions)


__all__ = ["Supplement", "actions_for", "supplement_to_decide"]
