"""The demo office's complaints of autumn 2026 (C10, C11), through the same use cases as the
desktop: one whose 5-working-day notice falls on the 调休 Saturday after 国庆, a decision
with a compensation large enough to need the main leader, a repeat with new facts merged
(its deadline restarted) and one without refused, a handover accepted and one declined, the
服务台's 48/72-hour complaints with one late, and a refusal with its reasons; and the 来电来访
of those weeks that are not complaints, one handover of them still waiting.

``load`` runs after the callbacks demo (its staff and customers exist); it takes them as
arguments so a test can run it on its own office."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from models import callbacks, documents, people
from models.callbacks.complaints import Complaint, Variant
from models.callbacks.customers import Customer
from models.people import Role, User


def _at(*parts: int) -> datetime:
    return datetime(2026, *parts)


def load(
    callers: Sequence[User],
    manager: User,
    seller: User,
    customers: Sequence[Customer] = (),
) -> dict[str, int]:
    """Register and work the complaints; returns counts. ``callers`` are two 客服 of one
    department (its head decides), ``manager`` a 客服管理, ``seller`` a 销售."""
    caller, caller2 = callers[0], callers[1]
    head = people.department_heads(caller.department_id)[0]
    leader = people.users_with_role(Role.LEADER).first()

    def who(i: int, phone: str) -> dict[str, object]:
        """The complainant's phone, and the archive's customer when the demo has one."""
        if i >= len(customers):
            return {"phone": phone}
        contact = callbacks.current_contact(customers[i])
        return {"customer": customers[i], "phone": contact.phone if contact else phone}

    def decide(c: Complaint, decision: str, amount: int, day: int, month: int = 10) -> Complaint:
        c = callbacks.propose_decision(caller, c, decision, amount, _at(month, day, 9, 30))
        c = documents.approve(head, c, "approve", "同意", at=_at(month, day + 1, 10, 0))
        if c.node_key() == "leader":
            c = documents.approve(leader, c, "approve", "同意", at=_at(month, day + 2, 15, 0))
        return c

    # 国庆: received Monday 09-28, materials incomplete: told on the 调休 Saturday 10-10
    first = callbacks.register_complaint(
        caller,
        complainant="孙丽",
        content="车辆保险理赔款逾期未到账",
        claim="尽快支付理赔款",
        received_at=_at(9, 28, 9, 30),
        materials_complete=False,
        missing="保单复印件、银行卡信息",
        **who(0, "13812340001"),
    )
    first = callbacks.notify_incomplete(caller, first, "保单复印件、银行卡信息", _at(10, 10, 10))
    first = callbacks.complete_materials(caller, first, _at(10, 12, 9))
    first = callbacks.accept_complaint(caller, first, _at(10, 14, 9))
    first = decide(first, "核实后支付理赔款并致歉", 800, 20)
    callbacks.close_complaint(caller, first, "已电话告知处理结果", 4, _at(10, 23, 16))
    # the same complaint again after the decision, nothing new: refused and recorded
    again = callbacks.register_complaint(
        caller2,
        complainant="孙丽",
        phone=first.phone,
        content="再次反映理赔款问题",
        received_at=_at(10, 26, 14),
        customer=first.customer,
    )
    callbacks.merge_complaint(caller2, again, first, new_facts=False, at=_at(10, 26, 15))

    # a large compensation: the head, then the main leader; a repeat with new facts merged
    large = callbacks.register_complaint(
        caller,
        complainant="周建国",
        content="维修后车辆再次故障，造成误工损失",
        claim="赔偿误工损失",
        received_at=_at(10, 15, 10),
        **who(1, "13912340002"),
    )
    large = callbacks.accept_complaint(caller, large, _at(10, 16, 9))
    repeat = callbacks.register_complaint(
        caller,
        complainant="周建国",
        phone=large.phone,
        content="补充：提供维修单据与误工证明",
        received_at=_at(10, 20, 11),
        customer=large.customer,
    )
    callbacks.merge_complaint(
        caller, repeat, large, new_facts=True, note="新的证明材料", at=_at(10, 20, 14)
    )
    large = decide(Complaint.get_by_id(large.id), "赔偿误工损失6800元", 6800, 26)
    callbacks.close_complaint(caller, large, "已赔付并告知", 3, _at(10, 30, 10))

    # 首问负责制: about the seller's selling, so its receiver hands it to the manager
    selling = callbacks.register_complaint(
        caller2,
        complainant="吴敏",
        phone="13712340003",
        content="销售人员夸大保障范围",
        respondent=seller,
        received_at=_at(11, 3, 9),
    )
    offer = callbacks.offer_handover(
        caller2, selling.receipt, caller, "请协助", at=_at(11, 3, 9, 30)
    )
    callbacks.decline_handover(caller, offer, "本人另有急件，请转客服管理", _at(11, 3, 10))
    offer = callbacks.offer_handover(
        caller2, selling.receipt, manager, "涉及销售误导，转客服管理", at=_at(11, 3, 10, 30)
    )
    callbacks.accept_handover(manager, offer, _at(11, 3, 11))
    callbacks.accept_complaint(manager, Complaint.get_by_id(selling.id), _at(11, 5, 9))

    # the 服务台: first feedback in 48 h, done in 72 h (one resolved late)
    desk = 0
    for i, (late, score) in enumerate(((False, 5), (False, 4), (True, 2))):
        c = callbacks.register_complaint(
            caller,
            complainant=["郑强", "冯芳", "曹磊"][i],
            phone=f"1361234001{i}",
            content=["报修后无人上门", "热线长时间占线", "维修人员态度差"][i],
            variant=Variant.DESK,
            received_at=_at(11, 10 + i, 9),
        )
        c = callbacks.desk_feedback(caller, c, "已联系相关班组", _at(11, 10 + i, 15))
        callbacks.desk_resolve(caller, c, "已处理完毕", score, _at(11, (14 if late else 12) + i, 9))
        desk += 1

    refused = callbacks.register_complaint(
        caller2,
        complainant="韩梅",
        phone="010-62345678",
        content="对邻居装修噪音的投诉",
        received_at=_at(11, 16, 10),
    )
    callbacks.refuse_complaint(
        caller2, refused, "不属本单位受理范围，已告知向物业及街道反映", _at(11, 17, 10)
    )
    return {
        "complaints": Complaint.select().count(),
        "service desk complaints": desk,
        "receipts": _receipts(caller, caller2, manager),
    }


def _receipts(caller: User, caller2: User, manager: User) -> int:
    """来电来访 of the same weeks that are not complaints (C11): a consultation answered and
    closed, a 报修 handed to the manager and accepted, a suggestion declined and kept, and
    one waiting for ``caller`` to accept it (his 待我接收)."""

    def register(by: User, kind: str, channel: str, name: str, phone: str, content: str, day: int):
        return callbacks.register_receipt(
            by,
            kind=kind,
            channel=channel,
            caller_name=name,
            phone=phone,
            content=content,
            received_at=_at(11, day, 9, 15),
        )

    asked = register(caller, "consultation", "call", "周红", "13912340021", "咨询续保所需材料", 18)
    callbacks.close_receipt(caller, asked, "已告知所需材料及办理地点", _at(11, 18, 9, 40))
    repair = register(caller2, "repair", "visit", "钱军", "13912340022", "小区门禁刷卡失灵", 19)
    offer = callbacks.offer_handover(
        caller2, repair, manager, "报修请客服管理派单", at=_at(11, 19, 9, 30)
    )
    callbacks.accept_handover(manager, offer, _at(11, 19, 10))
    idea = register(
        caller, "suggestion", "online", "蒋丽", "13912340023", "建议周末延长服务台时间", 20
    )
    offer = callbacks.offer_handover(
        caller, idea, caller2, "请协助汇总排班意见", at=_at(11, 20, 10)
    )
    callbacks.decline_handover(caller2, offer, "排班由客服管理负责，请转客服管理", _at(11, 20, 11))
    other = register(caller2, "other", "letter", "沈涛", "13912340024", "索要服务协议复印件", 24)
    callbacks.offer_handover(caller2, other, caller, "该客户由林晓雨跟进", at=_at(11, 24, 14))
    return 4
