"""Every domain code's label in the interface language: the one way to ask for one.

The Chinese label is the domain's own: each enum's ``.label`` in ``models`` (the printed forms
and the registers use it too). The English stands in the desktop beside it, because only the
desktop speaks English: each domain's in its own ``desktop/<domain>/labels.py``, the shared
ground's (the approval engine, deadlines, periods, roles, users and settings in the audit log)
in ``desktop/common_labels.py``; each hands its words to ``register`` (enums, bare string
codes, its tables' words in the audit log). ``Role`` brings its English from ``models.people``.

A caller asks here and never imports those modules: they are read the first time a label is
asked for, the domains' from the desktop packages ``models.domains`` names, so a domain added
later brings its words with it. ``ENGLISH``, ``LABELLED``, ``CODES`` and the ``AUDIT_*``
tables are the registers as filled by then. ``tests/desktop/test_i18n.py`` checks that every
labelled enum has its English, ``tests/desktop/test_audit_words.py`` that every table has
its words.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from functools import cache
from typing import Any

from desktop.i18n import is_english, pick
from models.errors import RuleViolation
from models.people import Role

# Per enum: members of different enums may share a value (State.PENDING == PlanState.PENDING).
_ENGLISH: dict[type[StrEnum], dict[Any, str]] = {}
# Codes the models keep as bare strings (a maintenance status, the kind of a repair):
# kind → code → (Chinese, English).
_CODES: dict[str, dict[str, tuple[str, str]]] = {}
# The audit log's object (a table) and action codes: (Chinese, English). A code missing here
# shows as it is.
_AUDIT_OBJECTS: dict[str, tuple[str, str]] = {}
_AUDIT_ACTIONS: dict[str, tuple[str, str]] = {}
# Field names the models leave without a Chinese ``verbose_name``: (Chinese, English).
_AUDIT_FIELDS: dict[str, tuple[str, str]] = {}
# The enum a table's ``state``/``status`` column holds, so a code in the log reads as a word.
_AUDIT_STATES: dict[str, type[StrEnum]] = {}

_REGISTERS: dict[str, dict[Any, Any]] = {
    "ENGLISH": _ENGLISH,
    "CODES": _CODES,
    "AUDIT_OBJECTS": _AUDIT_OBJECTS,
    "AUDIT_ACTIONS": _AUDIT_ACTIONS,
    "AUDIT_FIELDS": _AUDIT_FIELDS,
    "AUDIT_STATES": _AUDIT_STATES,
}
_loaded = False


def register(
    *,
    english: Mapping[type[StrEnum], Mapping[Any, str]] | None = None,
    codes: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
    objects: Mapping[str, tuple[str, str]] | None = None,
    actions: Mapping[str, tuple[str, str]] | None = None,
    fields: Mapping[str, tuple[str, str]] | None = None,
    states: Mapping[str, type[StrEnum]] | None = None,
) -> None:
    """Add a domain's words. A code two domains share (an audit action, a field name) may be
    registered by both with the same words; with other words it is refused, so one code never
    reads two ways depending on which domain was loaded first."""
    pairs: list[tuple[dict[Any, Any], Mapping[Any, Any]]] = [
        (_ENGLISH, {enum: dict(words) for enum, words in (english or {}).items()}),
        (_CODES, {kind: dict(words) for kind, words in (codes or {}).items()}),
        (_AUDIT_OBJECTS, objects or {}),
        (_AUDIT_ACTIONS, actions or {}),
        (_AUDIT_FIELDS, fields or {}),
        (_AUDIT_STATES, states or {}),
    ]
    for into, new in pairs:
        for key, value in new.items():
            if into.get(key, value) != value:
                raise ValueError(f"{key!r} is registered with other words already")
    for into, new in pairs:
        into.update(new)


def _load() -> None:
    """Import ``desktop/common_labels.py`` and every domain's ``desktop/<domain>/labels.py``
    once (each registers its words)."""
    global _loaded
    if _loaded:
        return
    from models import domains

    importlib.import_module("desktop.common_labels")
    for package in domains.packages("desktop"):
        if importlib.util.find_spec(f"{package}.labels") is not None:
            importlib.import_module(f"{package}.labels")
    _loaded = True


def __getattr__(name: str) -> Any:
    """The registers (``ENGLISH``, ``LABELLED``, ``CODES``, ``AUDIT_*``) with every domain's
    words in them."""
    if name == "LABELLED":
        _load()
        return tuple(_ENGLISH)
    if name in _REGISTERS:
        _load()
        return _REGISTERS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def label(member: StrEnum) -> str:
    """``member``'s label in the interface language."""
    _load()
    chinese: str = member.label  # type: ignore[attr-defined]
    return pick(chinese, _ENGLISH.get(type(member), {}).get(member, chinese))


def of(enum: type[StrEnum], value: Any) -> str:
    """The label of a raw value read from a row; what is not a member shows as it is."""
    try:
        return label(enum(value))
    except ValueError:
        return "" if value is None else str(value)


def labeller(enum: type[StrEnum]) -> Callable[[Any], str]:
    """``of`` for one enum: a list column's ``fmt``."""
    return lambda value: of(enum, value)


def choices(members: Iterable[StrEnum]) -> list[tuple[str, str]]:
    """(label, value) pairs for a combo box."""
    return [(label(m), m.value) for m in members]


def relabel(enum: type[StrEnum], chinese: str) -> str:
    """A Chinese label a query already wrote into a row (``r.category``), in the interface
    language."""
    for member in enum:
        if member.label == chinese:  # type: ignore[attr-defined]
            return label(member)
    return chinese


def choice(chinese: str) -> str:
    """A choice a form declares by its Chinese word (渠道 电话, 类别 咨询), in the interface
    language: the English of the enum member whose label it is, when exactly one English is
    registered for that word; else the word itself."""
    return pick(chinese, _choice_english().get(chinese) or chinese)


@functools.cache
def _choice_english() -> dict[str, str | None]:
    """Chinese label → its one English across the registered enums (``None``: two)."""
    _load()
    found: dict[str, str | None] = {}
    for enum, words in _ENGLISH.items():
        for member in enum:
            chinese = member.label  # type: ignore[attr-defined]
            english = words.get(member)
            if english is None:
                continue
            found[chinese] = english if found.get(chinese, english) == english else None
    return found


def code(kind: str, value: Any) -> str:
    """The label of one of the bare string codes of ``CODES``."""
    _load()
    zh, en = _CODES[kind].get(str(value), (str(value or ""), str(value or "")))
    return pick(zh, en)


# The approval trail's actions (``models.workflow.spec.ACTION_LABELS`` has the Chinese).
TRAIL_ACTIONS: dict[str, str] = {
    "submit": "Submitted",
    "resubmit": "Resubmitted",
    "approve": "Approved",
    "auto_approve": "Approved automatically (same approver)",
    "skip": "Skipped (the applicant is the approver)",
    "reject": "Rejected",
    "return": "Returned",
    "withdraw": "Withdrawn",
    "transfer": "Transferred",
    "cc": "Copied",
    "urge": "Urged",
    "force_close": "Closed by the administrator",
    "move": "Moved by the administrator",
    "reassign": "Reassigned by the system",
}


def trail_action(step: Any) -> str:
    """A trail step's action (``workflow.Step``) in the interface language."""
    return pick(step.action_label, TRAIL_ACTIONS.get(step.action, step.action_label))


def trail_row(doc_type: str, step: Any) -> tuple[Any, ...]:
    """A trail step (``workflow.Step``) as a window's trail table shows it: 时间, 环节, 处理人,
    操作, 意见, in the interface language."""
    node = node_name(doc_type, step.node_name)
    return (step.at, node, step.who, trail_action(step), step.comment)


def trail_decision(entry: Any) -> str:
    """A printed trail entry's decision (``forms.printdoc.TrailEntry``) in the interface
    language; an entry the engine did not make (an acceptance) keeps its words."""
    return pick(entry.decision, TRAIL_ACTIONS.get(entry.action, entry.decision))


def _flow(doc_type: str) -> Any:
    from models import workflow

    workflow.load_domains()
    try:
        return workflow.registered_flow(doc_type)
    except RuleViolation:
        return None


def flow_name(doc_type: str, chinese: str) -> str:
    """A flow's name (as a stored version holds it) in the interface language: the English
    its declaration carries beside the Chinese (``Flow.name_en``)."""
    if not is_english():
        return chinese
    flow = _flow(doc_type)
    return (flow.name_en if flow is not None and flow.name == chinese else "") or chinese


def node_name(doc_type: str, chinese: str) -> str:
    """A node's name (a trail step's, a stored flow version's) in the interface language:
    the English its flow declares beside the Chinese (``Node.name_en``); a node the code no
    longer declares (an administrator's own) keeps its Chinese."""
    if not is_english() or not chinese:
        return chinese
    flow = _flow(doc_type)
    node = flow.node_named(chinese) if flow is not None else None
    return (node.name_en if node is not None else "") or chinese


def node_at(doc_type: str, key: str) -> str:
    """The name of the node ``key`` of ``doc_type``'s flow (an inbox task's), in the interface
    language."""
    flow = _flow(doc_type)
    node = next((n for n in flow.nodes if n.key == key), None) if flow is not None else None
    if node is None:
        return key
    return pick(node.name, node.name_en or node.name)


def trail_node(entry: Any) -> str:
    """A printed trail entry's step (``forms.printdoc.TrailEntry``) in the interface
    language."""
    return pick(entry.node, entry.node_en or entry.node)


def approval_title(inst: Any) -> str:
    """An approval's title (``workflow.Instance``) in the interface language."""
    return title_of(inst.doc_type, inst.doc_id, inst.title)


def title_of(doc_type: str, doc_id: int | None, title: str) -> str:
    """An approval's title in the interface language: the Chinese the engine stored; in
    English, its document's own (``Document.approval_title``, where the Chinese is composed
    too), read from the document's row (one query, in English only)."""
    if not is_english() or doc_id is None:
        return str(title)
    from models import documents

    model = documents.document_model(doc_type)
    row = model.get_or_none(model.id == doc_id) if model is not None else None
    return row.approval_title()[1] if row is not None else str(title)


def said(text: str) -> str:
    """A label of an approval summary (``forms.summary.Label``: Chinese, with its English
    beside it) in the interface language; plain text stays as it is."""
    return pick(text, getattr(text, "en", text))


def audit_object(table: Any) -> str:
    """An audit row's object in words."""
    _load()
    zh, en = _AUDIT_OBJECTS.get(str(table), (str(table or ""), str(table or "")))
    return pick(zh, en)


def audit_action(action: Any) -> str:
    """An audit row's action in words."""
    _load()
    zh, en = _AUDIT_ACTIONS.get(str(action), (str(action or ""), str(action or "")))
    return pick(zh, en)


_STATE_NAMES = ("state", "status")


def _audit_value(table: str, name: str, value: Any) -> str:
    """One logged value in words: yes/no, a state's label, the name a foreign key points to."""
    if type(value) is str and value and not (name in _STATE_NAMES and table in _AUDIT_STATES):
        return value  # the commonest value (a name, a phone number) as it is, at once
    if value is None or value == "":
        return pick("空", "empty")
    if isinstance(value, bool):
        return pick("是", "yes") if value else pick("否", "no")
    if name in _STATE_NAMES and table in _AUDIT_STATES:
        return of(_AUDIT_STATES[table], value)
    if name == "roles" and isinstance(value, list):
        return "、".join(of(Role, v) for v in value)
    target = _foreign_target(table, name) if isinstance(value, int) else None
    if target is not None:
        row = target.get_or_none(target._meta.primary_key == value)
        return str(row) if row is not None else f"#{value}"
    if isinstance(value, list | dict):
        return pick(f"{len(value)} 项", f"{len(value)} entries")
    return str(value)


@cache
def _foreign_target(table: str, name: str) -> Any:
    """The model a column of ``table`` refers to, when it is a foreign key."""
    for model_field in _fields_named(table, name):
        target = getattr(model_field, "rel_model", None)
        if target is not None:
            return target
    return None


def _audit_field(table: str, name: str) -> str:
    """A logged field's name: the words above, else the model's own Chinese name."""
    if name in _AUDIT_FIELDS:
        return pick(*_AUDIT_FIELDS[name])
    if not is_english():
        return _chinese_name(table, name)
    return name


@cache
def _chinese_name(table: str, name: str) -> str:
    """The first Chinese ``verbose_name`` of the fields called ``name`` in ``table``, else
    ``name`` (asked for every field of every audit row shown: looked up once)."""
    for model_field in _fields_named(table, name):
        verbose = model_field.verbose_name or ""
        if any(ord(ch) > 127 for ch in verbose):
            return verbose
    return name


@cache
def _fields_named(table: str, name: str) -> tuple[Any, ...]:
    """The fields called ``name`` of the models stored in ``table`` (peewee's own registry is
    the class tree; a table is declared by one model, sometimes through a subclass)."""
    from models.base import BaseModel

    stack: list[type] = [BaseModel]
    found = []
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub._meta.table_name == table and name in sub._meta.fields:  # type: ignore[attr-defined]
                found.append(sub._meta.fields[name])  # type: ignore[attr-defined]
    return tuple(found)


def audit_changes(table: Any, changes: Any) -> str:
    """An audit row's ``{field: [old, new]}`` as 「field：old → new」 in words."""
    _load()
    if changes in (None, "", "{}"):
        return ""
    try:
        parsed = json.loads(changes) if isinstance(changes, str) else changes
    except ValueError:
        return str(changes)
    if not isinstance(parsed, dict):
        return str(changes)
    table = str(table)
    parts = []
    for name, pair in parsed.items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        label_ = _audit_field(table, name)
        new_text = _audit_value(table, name, new)
        if old is None:
            parts.append(f"{label_}：{new_text}")
        else:
            parts.append(f"{label_}：{_audit_value(table, name, old)} → {new_text}")
    return pick("；", "; ").join(parts)


def period(key: Any) -> str:
    """A stored period key (``2026-07``, ``2026Q3``) in words: 2026年7月, 2026年第三季度 (or the
    English), never the code; a key that is not a period is shown as it is."""
    from models import periods
    from models.errors import RuleViolation

    if not key:
        return ""
    try:
        found = periods.parse(str(key))
    except RuleViolation:
        return str(key)
    return found.label_en() if is_english() else found.label()
