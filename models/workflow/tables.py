"""The engine's tables: stored flow versions, instances, tasks, the step trail, CC and
delegations."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import lru_cache
from typing import Any

import peewee

from models.base import BaseModel, VersionedModel
from models.people import Department, User
from models.workflow.spec import ACTION_LABELS, Flow, Node


class FlowVersion(BaseModel):
    doc_type = peewee.CharField(max_length=64)
    version = peewee.IntegerField()
    name = peewee.CharField(max_length=100)
    spec = peewee.TextField()
    source = peewee.CharField(max_length=10, default="code")  # code / admin
    created_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("doc_type", "version"), True),)

    def flow(self) -> Flow:
        cached = self.__dict__.get("_flow")
        if cached is None:
            cached = self.__dict__["_flow"] = _parsed(self.spec)
        return cached


@lru_cache(maxsize=256)
def _parsed(spec: str) -> Flow:
    """A stored flow, parsed once per text: every step of every document reads its flow
    version again, and a ``Flow`` is immutable."""
    return Flow.from_json(spec)


class Instance(VersionedModel):
    """One document going through its flow."""

    doc_type = peewee.CharField(max_length=64, index=True)
    doc_id = peewee.IntegerField(null=True)
    title = peewee.CharField(max_length=200)
    applicant = peewee.ForeignKeyField(User, backref="requests")
    department = peewee.ForeignKeyField(Department, null=True)
    flow = peewee.ForeignKeyField(FlowVersion)
    fields = peewee.TextField(default="{}")
    route = peewee.TextField(default="[]")  # JSON list of node indexes that apply
    position = peewee.IntegerField(default=-1)  # index into route; -1 when not running
    state = peewee.CharField(max_length=16, index=True)
    submitted_at = peewee.DateTimeField()
    finished_at = peewee.DateTimeField(null=True)
    last_urged_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("doc_type", "doc_id"), False),)

    def field_values(self) -> dict[str, Any]:
        return json.loads(self.fields or "{}")

    def route_nodes(self) -> list[Node]:
        nodes = self.flow.flow().nodes
        return [nodes[i] for i in json.loads(self.route)]

    def current_node(self) -> Node | None:
        route = self.route_nodes()
        return route[self.position] if 0 <= self.position < len(route) else None


class TaskState(StrEnum):
    WAITING = "waiting"  # a later approver of a sequential node
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    RETURNED = "returned"
    CANCELLED = "cancelled"


class Task(BaseModel):
    """What one approver must do at one node."""

    instance = peewee.ForeignKeyField(Instance, backref="tasks")
    position = peewee.IntegerField()
    node_key = peewee.CharField(max_length=64)
    order = peewee.IntegerField(default=0)
    assignee = peewee.ForeignKeyField(User)
    state = peewee.CharField(max_length=16)
    created_at = peewee.DateTimeField()
    due_at = peewee.DateTimeField(null=True)
    acted_at = peewee.DateTimeField(null=True)
    urged_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = (
            (("assignee", "state", "due_at"), False),
            (("instance", "position", "state"), False),
            (("state", "due_at"), False),
        )


class Step(BaseModel):
    """The approval trail (X2): who did what, for whom, when, with which comment."""

    instance = peewee.ForeignKeyField(Instance, backref="steps")
    position = peewee.IntegerField(null=True)
    node_name = peewee.CharField(max_length=100, default="")
    actor = peewee.ForeignKeyField(User, null=True)
    actor_name = peewee.CharField(max_length=100)
    on_behalf_of = peewee.ForeignKeyField(User, null=True)
    action = peewee.CharField(max_length=20)
    comment = peewee.TextField(default="")
    at = peewee.DateTimeField()

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def who(self) -> str:
        """ "王五" or "王五（代 李四）" for a delegated step."""
        if self.on_behalf_of_id:
            return f"{self.actor_name}（代 {self.on_behalf_of.name}）"
        return self.actor_name


class CarbonCopy(BaseModel):
    """抄送: read-only access for someone outside the flow."""

    instance = peewee.ForeignKeyField(Instance, backref="ccs")
    user = peewee.ForeignKeyField(User)
    by_name = peewee.CharField(max_length=100)
    at = peewee.DateTimeField()
    read_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("instance", "user"), True),)


class Delegation(BaseModel):
    """代理: while ``starts <= t <= ends`` the delegate handles the principal's approvals
    (of one document type, or all when ``doc_type`` is empty)."""

    principal = peewee.ForeignKeyField(User, backref="delegations_given")
    delegate = peewee.ForeignKeyField(User, backref="delegations_taken")
    doc_type = peewee.CharField(max_length=64, default="")
    starts = peewee.DateTimeField()
    ends = peewee.DateTimeField()
    created_at = peewee.DateTimeField()
    revoked_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("delegate", "starts", "ends"), False), (("principal", "starts"), False))
