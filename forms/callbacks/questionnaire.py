"""网上问卷答卷 (C3): the answers an online questionnaire collected, imported in one file.

客服管理 exports the online callbacks waiting for answers (one row each, the callback's 回访任务号
and customer), pastes beside each the respondent, the answers to the outline's questions and
the satisfaction the questionnaire platform gave, marks each answer sheet 有效 or 无效 and
writes the analysis, then imports the sheet. Each row is ``callbacks.record_callback`` with
``valid`` and ``analysis``: an invalid sheet is kept and counts as a failed try (C4), a valid
one is the callback's written record (C6). The file is all or nothing (``forms.excel_import``):
one refused row — an unknown 回访任务号, a customer that is not the callback's, a callback not
made by online questionnaire, a missing analysis — and nothing is written. A callback that has
its record already is found by its key, and an import never edits a record (C6: amend it with
a reason instead)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from forms.kinds import Filters, Kind, PrivateFilter, Values, refuse_import, register_kind
from forms.spec import Field, FieldType, FormSpec
from models import callbacks
from models.callbacks import Callback, Customer, Method, PlanQuestion
from models.callbacks.callbacks import OPEN
from models.errors import RuleViolation
from models.people import User

QUESTIONS = 8  # 第1题 … 第8题: an outline longer than this is answered in 回访情况
VALIDITY = ("有效", "无效")


def _question(order: int) -> Field:
    return Field(
        f"q{order}",
        f"第{order}题",
        width=16,
        max_length=500,
        label_en=f"Answer {order}",
        help="按回访提纲的顺序填写答案。" if order == 1 else "",
    )


QUESTIONNAIRE = FormSpec(
    name="questionnaire-answers",
    title="网上问卷答卷",
    title_en="Online questionnaire answers",
    key="callback",
    fields=(
        Field(
            "callback",
            "回访任务号",
            required=True,
            width=10,
            max_length=12,
            example="1024",
            help="导出的网上问卷回访任务的编号，识别该行答卷属于哪次回访。",
            label_en="Callback no.",
        ),
        Field("customer", "客户名称", width=18, max_length=100, label_en="Customer"),
        Field(
            "respondent", "答卷人", required=True, width=10, max_length=50, label_en="Respondent"
        ),
        Field(
            "valid",
            "答卷有效",
            FieldType.CHOICE,
            required=True,
            width=8,
            choices=VALIDITY,
            help="客服管理岗判定：无效答卷保留，但不算完成回访，转下一种方式或再次发放。",
            label_en="Valid",
        ),
        Field(
            "analysis",
            "分析",
            required=True,
            width=30,
            max_length=1000,
            help="客服管理岗对答卷的分析（C3）。",
            label_en="Analysis",
        ),
        Field("satisfaction", "满意度（1–5）", FieldType.INTEGER, width=8, label_en="Satisfaction"),
        *(_question(i) for i in range(1, QUESTIONS + 1)),
        Field("summary", "回访情况", width=30, max_length=500, label_en="Summary"),
    ),
    help="每行一份答卷。整个文件要么全部导入，要么一行也不写入。",
)


def _callback(key: Any) -> Callback | None:
    text = str(key).strip()
    return Callback.get_or_none(Callback.id == int(text)) if text.isdigit() else None


def _find(key: str) -> Any:
    """The callback's record in force, if it has one (then an import cannot write another)."""
    cb = _callback(key)
    return None if cb is None else callbacks.current_record(cb)


def _insert(actor: Any, v: Values) -> None:
    cb = _callback(v["callback"])
    if cb is None:
        raise RuleViolation(
            "C3",
            f"没有回访任务号 {v['callback']}",
            f"no callback {v['callback']}",
            field="callback",
        )
    name = (v.get("customer") or "").strip()
    if name and name != cb.customer.name:
        raise RuleViolation(
            "C6",
            f"客户名称「{name}」与回访任务 {cb.id} 的客户「{cb.customer.name}」不符，请核对该行",
            f"the customer {name} is not callback {cb.id}'s ({cb.customer.name})",
            field="customer",
        )
    questions = (
        PlanQuestion.select().where(PlanQuestion.plan == cb.plan_id).order_by(PlanQuestion.order)
        if cb.plan_id
        else []
    )
    answers = {q.order: v.get(f"q{q.order}") or "" for q in questions if q.order <= QUESTIONS}
    callbacks.record_callback(
        actor,
        cb,
        reached_person=v["respondent"],
        answers=answers,
        satisfaction=v.get("satisfaction"),
        summary=v.get("summary") or "",
        valid=v["valid"] == "有效",
        analysis=v["analysis"],
    )


FOR_USER = "for_user"  # a filter of the desktop's 导出待答问卷: one 客服管理's own sheet


def _for_user(user_id: int) -> str:
    """The heading's words for ``FOR_USER``: whose sheet it is."""
    name = User.get_by_id(user_id).name
    return f"回访人：{name}或未分派 / assigned to {name} or nobody"


def _waiting(filters: Filters) -> Any:
    """The online callbacks waiting for answers (what 客服管理 sends out and imports back);
    with ``FOR_USER`` only those assigned to that user or to nobody, the ones he may record
    (``record_callback`` refuses another's, and a sheet is imported all or nothing)."""
    query = (
        Callback.select(Callback, Customer)
        .join(Customer, on=Callback.customer == Customer.id)
        .where(Callback.state.in_(list(OPEN)) & (Callback.method == Method.ONLINE))
    )
    user = filters.get(FOR_USER)
    if user is not None:
        query = query.where((Callback.assignee == user) | Callback.assignee.is_null())
    return query


def _rows(filters: Filters) -> Iterator[Values]:
    for cb in _waiting(filters).order_by(Callback.id).iterator():
        yield {"callback": str(cb.id), "customer": cb.customer.name}


register_kind(
    Kind(
        spec=QUESTIONNAIRE,
        find=_find,
        insert=_insert,
        update=refuse_import(
            "C6",
            "已提交的回访记录不能通过导入修改，请在回访记录中补正并说明理由",
            "a submitted record is not changed by an import; amend it with a reason",
        ),
        rows=_rows,
        count=lambda f: _waiting(f).count(),
        private_filters=(PrivateFilter(FOR_USER, _for_user),),
    )
)

__all__ = ["FOR_USER", "QUESTIONNAIRE"]
