"""Flows as data: nodes, approvers, modes, conditions, and the states and actions a step can
record."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from models import settings
from models.people import Role


class Mode(StrEnum):
    SEQUENTIAL = "seq"  # 依次审批
    ALL = "all"  # 会签
    ANY = "any"  # 或签

    @property
    def label(self) -> str:
        return {"seq": "依次审批", "all": "会签", "any": "或签"}[self.value]


@dataclass(frozen=True)
class Approver:
    """Who approves at a node: ``role`` (a ``Role`` code), ``user`` (a user name) or
    ``dept_head`` (the 科室负责人 of the applicant's department)."""

    kind: str
    value: str = ""

    @classmethod
    def role(cls, role: Role) -> Approver:
        return cls("role", role.value)

    @classmethod
    def user(cls, username: str) -> Approver:
        return cls("user", username)

    @classmethod
    def dept_head(cls) -> Approver:
        return cls("dept_head")


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "in": lambda a, b: a in b,
}


def _number(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value


@dataclass(frozen=True)
class Condition:
    """``fields[field] op value``; with ``setting`` the value is read from the office's
    settings when the document is submitted (so the F4 threshold stays an admin setting)."""

    field: str
    op: str
    value: Any = None
    setting: str | None = None

    def holds(self, fields: dict[str, Any]) -> bool:
        if self.op not in _OPS:
            raise ValueError(f"unknown operator {self.op}")
        left = fields.get(self.field)
        if left is None:
            return False
        right = settings.get(self.setting) if self.setting else self.value
        if self.op == "in":
            return left in right
        return _OPS[self.op](_number(left), _number(right))


@dataclass(frozen=True)
class Node:
    """One step of a flow. ``name`` is Chinese (the trail, the printed forms);
    ``name_en`` stands beside it for the English desktop, declared together so the two
    cannot drift."""

    key: str
    name: str
    approvers: tuple[Approver, ...]
    mode: Mode = Mode.ANY
    condition: Condition | None = None
    deadline_days: int | None = None
    # When the applicant is this node's only approver (a department head filing for their
    # own department), skip the node instead of refusing the submission.
    skip_if_applicant: bool = False
    name_en: str = ""


@dataclass(frozen=True)
class Flow:
    """A document type's route. ``separate_duties`` (不相容职务分离): whoever decided one
    node of a document may not decide the next one of the same document, so 去重 never
    applies; when only he could, the step that would open the next node is refused, naming
    ``rule``. Without it, an approver of the node just before is approved again
    automatically (去重)."""

    doc_type: str
    name: str
    nodes: tuple[Node, ...]
    separate_duties: bool = False
    rule: str = ""
    name_en: str = ""

    def node_named(self, name: str) -> Node | None:
        """The node called ``name`` (as a trail step stored it), if this flow has one."""
        return next((n for n in self.nodes if n.name == name), None)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Flow:
        raw = json.loads(text)
        nodes = tuple(
            Node(
                key=n["key"],
                name=n["name"],
                approvers=tuple(Approver(**a) for a in n["approvers"]),
                mode=Mode(n["mode"]),
                condition=Condition(**n["condition"]) if n.get("condition") else None,
                deadline_days=n.get("deadline_days"),
                skip_if_applicant=n.get("skip_if_applicant", False),
                name_en=n.get("name_en", ""),
            )
            for n in raw["nodes"]
        )
        return cls(
            doc_type=raw["doc_type"],
            name=raw["name"],
            nodes=nodes,
            separate_duties=raw.get("separate_duties", False),
            rule=raw.get("rule", ""),
            name_en=raw.get("name_en", ""),
        )


class State(StrEnum):
    PENDING = "pending"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.PENDING: "审批中",
    State.RETURNED: "已退回",
    State.APPROVED: "已通过",
    State.REJECTED: "已驳回",
    State.WITHDRAWN: "已撤回",
    State.CLOSED: "已终止",
}
FINAL_STATES = frozenset({State.APPROVED, State.REJECTED, State.WITHDRAWN, State.CLOSED})

ACTION_LABELS = {
    "submit": "提交",
    "resubmit": "重新提交",
    "approve": "同意",
    "auto_approve": "自动同意（审批人去重）",
    "skip": "跳过（申请人即审批人）",
    "reject": "驳回",
    "return": "退回",
    "withdraw": "撤回",
    "transfer": "转交",
    "cc": "抄送",
    "urge": "催办",
    "force_close": "管理员终止",
    "move": "管理员调整节点",
    "reassign": "系统转交",
}
