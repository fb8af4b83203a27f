"""What a printed form holds, already looked up: the ``PrintDoc`` a loader builds and
``forms.pdf`` lays out, and ``trail_entries``, the approval history of a document as printed.

Kept apart from ``forms.pdf`` so that building one (and every module that declares printable
forms) does not import reportlab: the desktop loads it only when someone prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from forms.spec import FormSpec
from forms.summary import Label, Lines, english
from models import workflow
from models.base import now
from models.errors import RuleViolation


@dataclass(frozen=True)
class TrailEntry:
    """One step of the approval history as printed."""

    node: str
    who: str
    decision: str
    comment: str = ""
    at: datetime | None = None
    action: str = ""  # the engine's code (``approve`` …), for the desktop's English
    node_en: str = ""  # ``node`` in English (its flow declares it beside the Chinese)


def _english_node(instance: workflow.Instance, name: str) -> str:
    """The English of the node ``name`` of ``instance``'s flow: as its stored version holds
    it, else as the code declares it now (a version stored before nodes had English)."""
    node = instance.flow.flow().node_named(name)
    if node is None or not node.name_en:
        try:
            node = workflow.registered_flow(instance.doc_type).node_named(name)
        except RuleViolation:
            node = None
    return node.name_en if node is not None and node.name_en else name


def trail_entries(
    instance: workflow.Instance | None,
    first: str = Label("提交", "Submitted"),
    *,
    prefix: str = "",
    comment: str = "",
) -> list[TrailEntry]:
    """The steps of ``instance`` (oldest first) as printed; none without an instance.

    - ``first``: the name of the step that belongs to no node, the submission (报修, 申请),
      a ``forms.summary.Label`` for its English.
    - ``prefix``: put before every step's name (``追加2·`` for a supplement's own approval),
      a ``Label`` too.
    - ``comment``: printed where a step has none (the supplement's reason).
    """
    if instance is None:
        return []
    return [
        TrailEntry(
            f"{prefix}{s.node_name or first}",
            s.who,
            s.action_label,
            s.comment or comment,
            s.at,
            s.action,
            english(prefix)
            + (_english_node(instance, s.node_name) if s.node_name else english(first)),
        )
        for s in workflow.trail(instance.id)
    ]


@dataclass
class PrintDoc:
    """Everything printed on one form, already looked up.

    - ``values``: typed values by field key of ``spec`` (formatted with ``forms.values``).
    - ``extra``: (label, text) pairs beyond the declaration (a document's free fields).
    - ``lines`` and ``total``: a table of lines under the grid, and its (label, amount)
      printed under it (a document's approval summary).
    - ``signatures``: overrides ``spec.signatures`` (e.g. one line per approval step).
    - ``show_trail``: False for a letter that is no approval's record (a 告知书 the office
      sends): no 审批记录 section at all rather than an empty one.
    """

    spec: FormSpec
    number: str
    values: dict[str, Any]
    extra: list[tuple[str, str]] = field(default_factory=list)
    lines: Lines | None = None
    total: tuple[str, str] | None = None
    trail: list[TrailEntry] = field(default_factory=list)
    signatures: Sequence[str] | None = None
    show_trail: bool = True
    printed_at: datetime = field(default_factory=now)  # the office clock, as the records'
    footer: str = "后勤 Houqin"
