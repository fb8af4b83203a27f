"""Which repair actions a user may take now. The buttons of the repair window follow this;
the use cases check the same things again (role, node, state, the driver himself), so a
button shown by mistake would still be refused with the rule ID — never the other way."""

from __future__ import annotations

from models import workflow
from models.fleet import Repair, RepairState, Supplement
from models.people import Role, User
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
    inst = repair.instance()
    if inst is None or inst.state != State.PENDING:
        return None
    node = inst.current_node()
    return node.key if node else None


def supplement_to_decide(user: User, repair: Repair) -> Supplement | None:
    """The first pending supplement at a node this user may approve."""
    for supplement in repair.supplements.where(Supplement.state == "pending"):
        inst = supplement.instance()
        if inst is not None and workflow.available_actions(user, inst).approve:
            return supplement
    return None


def actions_for(user: User, repair: Repair) -> set[str]:
    acts: set[str] = set()
    if repair.authorisation_no:
        acts.add(PRINT_AUTHORISATION)
    state = RepairState(repair.state)
    inst = repair.instance()
    can = workflow.available_actions(user, inst) if inst is not None else None
    node = current_node_key(repair)
    if state == RepairState.APPLIED and can is not None:
        if can.approve and node == "assess":
            acts |= {ASSESS, REJECT, RETURN}
        elif can.approve and node in ("review", "consent"):
            acts |= {APPROVE, REJECT, RETURN}
            if repair.is_overhaul:
                acts.add(DECLINE_LINES)
        elif can.approve and node == "file":
            acts |= {FILE, RETURN}
        if can.withdraw:
            acts.add(WITHDRAW)
    if state == RepairState.RETURNED and user.id == repair.driver_id:
        acts.add(RESUBMIT)
        if can is not None and can.withdraw:
            acts.add(WITHDRAW)
    fleet_staff = user.has_role(Role.FLEET_MANAGER, Role.LOGISTICS)
    if state == RepairState.AUTHORISED and fleet_staff:
        acts.add(ENTER)
    if state == RepairState.IN_REPAIR:
        if user.has_role(Role.FLEET_MANAGER):
            acts.add(SUPPLEMENT)
        if fleet_staff:
            acts |= {FITTED, FINISH}
        if supplement_to_decide(user, repair) is not None:
            acts.add(SUPPLEMENT_DECIDE)
    if state == RepairState.AWAITING_ACCEPTANCE and user.id == repair.driver_id:
        acts.add(ACCEPT)
    return acts
