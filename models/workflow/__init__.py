"""One approval engine for every document type in the suite (DingTalk/泛微-style).

A flow is data: ordered ``Node``s, each with approvers (by role, named user or the
applicant's department head), a mode (依次 sequential, 会签 all must agree, 或签 any one) and
an optional ``Condition`` on the document's fields (e.g. amount above a setting adds a
node). Flows are stored as numbered versions; a running document keeps the version it was
submitted with, so changing a flow never rewrites documents already under way.

Every action (submit, approve, reject, return, withdraw, transfer, force close, move) runs in
one transaction: it locks the instance row, checks the version the user saw, writes the
step (who, for whom, what, comment, when) and the new state, and bumps ``version`` with
``UPDATE ... WHERE id=? AND version=?``. When two approvers press 同意 at once, one wins and
the other gets ``Conflict`` ("已被他人处理"). CC and urge change no state and do not bump the
version, so they never make an approver's screen stale.

Other rules kept here:
- nobody approves their own request (X1): the applicant is never resolved as an approver,
  and an applicant acting as someone's delegate is refused;
- 去重: an approver who approved the node just before is approved automatically;
- delegation (代理): while a delegation is active the principal's pending tasks appear in the
  delegate's inbox (one SQL query), and the step records "delegate for principal";
- deadlines: each task is due at the end of the N-th working day on the office calendar
  (``models.calendar``: the official holidays and 调休 as data an administrator may edit).

Domain modules react to outcomes with ``on_outcome(doc_type)`` hooks, called inside the same
transaction (never peewee signals, which bulk queries skip).

The package, by concern: ``spec`` (declarations), ``tables``, ``registry`` (flows, guards,
hooks), ``engine`` (the machinery the actions share), ``submission`` (submit, resubmit and
withdraw: the applicant's moves), ``decisions`` (approve, reject, return: the approvers'),
``interventions`` (transfer, CC, urge, administrator), ``delegation`` and ``queries``. Import
from ``models.workflow``; the split is for readers.
"""

from __future__ import annotations

from models.workflow.decisions import approve, reject, return_to
from models.workflow.delegation import delegate, revoke_delegation
from models.workflow.interventions import (
    batch_approve,
    carbon_copy,
    force_close,
    move_to,
    transfer,
    urge,
)
from models.workflow.queries import (
    Available,
    available_actions,
    copied_to,
    for_document,
    inbox,
    inbox_at,
    my_requests,
    overdue,
    trail,
)
from models.workflow.registry import (
    Guard,
    Hook,
    before_approve,
    current_version,
    department_of,
    load_domains,
    on_outcome,
    publish_flow,
    register_flow,
    registered_flow,
)
from models.workflow.spec import (
    ACTION_LABELS,
    FINAL_STATES,
    STATE_LABELS,
    Approver,
    Condition,
    Flow,
    Mode,
    Node,
    State,
)
from models.workflow.submission import resubmit, submit, withdraw
from models.workflow.tables import (
    CarbonCopy,
    Delegation,
    FlowVersion,
    Instance,
    Step,
    Task,
    TaskState,
)

__all__ = [
    "ACTION_LABELS",
    "FINAL_STATES",
    "STATE_LABELS",
    "Approver",
    "Available",
    "CarbonCopy",
    "Condition",
    "Delegation",
    "Flow",
    "FlowVersion",
    "Guard",
    "Hook",
    "Instance",
    "Mode",
    "Node",
    "State",
    "Step",
    "Task",
    "TaskState",
    "approve",
    "available_actions",
    "batch_approve",
    "before_approve",
    "carbon_copy",
    "copied_to",
    "current_version",
    "delegate",
    "department_of",
    "for_document",
    "force_close",
    "inbox",
    "inbox_at",
    "load_domains",
    "move_to",
    "my_requests",
    "on_outcome",
    "overdue",
    "publish_flow",
    "register_flow",
    "registered_flow",
    "reject",
    "resubmit",
    "return_to",
    "revoke_delegation",
    "submit",
    "trail",
    "transfer",
    "urge",
    "withdraw",
]
