"""Spot checks (T5), 自学 and external training claims (T7) and the bureau's yearly register
(T4), on both backends."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import peewee
import pytest

from models import attachments, people, training
from models.db import db
from models.errors import RuleViolation
from models.people import Role
from tests.models.training_school import make_school

DAY = datetime(2026, 9, 7, 14, 30)
SCAN = ("结业证书.pdf", b"%PDF-1.4 certificate")


@pytest.fixture
def school(database):
    return make_school()


def a_session(s):
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    first = training.sessions_of(s.group).first()
    return training.set_topic(s.tangmin, first, "作文评改", s.teachers[1])


def test_T5_spot_check_recorded_and_headcount_mismatch_flagged(school):
    s = school
    session = a_session(s)
    training.open_register(s.tangmin, session, at=DAY)
    check = training.record_spot_check(s.o.leader, session, 4, "良", "讨论充分，记录完整", at=DAY)
    assert (check.observed, check.quality, check.inspector_id) == (4, "良", s.o.leader.id)
    training.mark_many(
        s.tangmin,
        session,
        [training.MarkInput(t, "出勤") for t in s.teachers[:3]]
        + [training.MarkInput(s.teachers[3], "缺席")],
        at=DAY,
    )
    training.close_register(s.tangmin, session, at=DAY)
    # The inspector saw 4, the register says 3 present: flagged until the leader explains.
    [flag] = training.spot_check_flags()
    assert (flag.check_id, flag.observed, flag.registered) == (check.id, 4, 3)
    with pytest.raises(RuleViolation) as err:  # only the group's leader explains
        training.explain_spot_check(s.tangmin, check, "马三中途离开")
    assert err.value.rule == "T5"
    training.explain_spot_check(s.leader_user, check, "马三到场后被叫去处理学生纠纷", at=DAY)
    assert training.spot_check_flags() == []


def test_T5_group_leader_cannot_inspect_own_session(school):
    s = school
    session = a_session(s)
    people.set_roles(s.o.admin, s.leader_user, [Role.TRAINING])  # also in 培训办
    with pytest.raises(RuleViolation) as err:
        training.record_spot_check(s.leader_user, session, 4, "优", at=DAY)
    assert err.value.rule == "T5" and "本组" in err.value.zh
    with pytest.raises(RuleViolation) as err:  # neither 培训办 nor 主要领导
        training.record_spot_check(s.o.clerk, session, 4, "优", at=DAY)
    assert err.value.rule == "X1"
    with pytest.raises(RuleViolation) as err:
        training.record_spot_check(s.tangmin, session, "4.5", "优", at=DAY)
    assert err.value.rule == "T5"
    assert training.SpotCheck.select().count() == 0


def claim(s, teacher, certificate_no="JX-2026-0001", hours="8", actor=None, **over):
    values = dict(
        kind="非学历",
        provider="县教师进修学校",
        level="县级",
        from_date=date(2026, 10, 12),
        to_date=date(2026, 10, 13),
        hours=hours,
        certificate_no=certificate_no,
        certificate=SCAN,
    )
    values.update(over)
    return training.claim_external(actor or s.tangmin, teacher, **values)


def test_T7_same_certificate_twice_refused(school):
    s = school
    first = claim(s, s.teachers[2])
    assert [a.file_name for a in attachments.attachments_of(first)] == ["结业证书.pdf"]
    for number in ("JX-2026-0001", " jx-2026-0001 "):  # the same number, as typed again
        with pytest.raises(RuleViolation) as err:
            claim(s, s.teachers[3], number)
        assert err.value.rule == "T7" and "只认定一次" in err.value.zh
    with pytest.raises(peewee.IntegrityError), db.atomic():  # the database holds it too
        training.ExternalTraining.create(
            teacher=s.teachers[3].id,
            kind="自学",
            provider="x",
            level="校级",
            from_date=date(2026, 10, 1),
            to_date=date(2026, 10, 1),
            hours=1,
            certificate_no="JX-2026-0001",
            applicant=s.tangmin.id,
            submitted_at=DAY,
        )
    with pytest.raises(RuleViolation) as err:  # no scan
        claim(s, s.teachers[3], "JX-2026-0002", certificate=("证书.pdf", b""))
    assert err.value.rule == "T7"
    with pytest.raises(RuleViolation) as err:  # only the teacher himself or 培训办
        claim(s, s.teachers[3], "JX-2026-0003", actor=s.leader_user)
    assert err.value.rule == "X1"
    own = claim(s, s.leader, "JX-2026-0004", actor=s.leader_user)
    assert own.applicant_id == s.leader_user.id
    assert training.ExternalTraining.select().count() == 2


def test_T7_X1_a_claim_takes_evidence_from_its_applicant_until_it_is_decided(school):
    """A teacher adds to his own claim while it waits; once 教研处 has decided, what was
    judged stays what it was: he is refused, by the files panel's door too, while 教研处
    may still file a paper to it. Anyone else never may."""
    s = school
    own = claim(s, s.leader, "JX-2026-0101", actor=s.leader_user)
    attachments.attach(s.leader_user, own, "培训日程.pdf", b"%PDF-1.4 programme")
    assert not attachments.may_attach(s.o.clerk, own)
    with pytest.raises(RuleViolation) as err:
        attachments.attach(s.o.clerk, own, "x.pdf", b"x")
    assert err.value.rule == "T7" and "申请人" in err.value.zh
    training.approve_claim(s.tangmin, own)
    assert not attachments.may_attach(s.leader_user, own)
    with pytest.raises(RuleViolation):
        attachments.attach(s.leader_user, attachments.Owner.of(own), "补充.pdf", b"more")
    attachments.attach(s.tangmin, own, "认定意见.pdf", b"%PDF-1.4 opinion")
    assert attachments.count_of(own) == 3


def test_T7_approved_external_training_earns_credits_by_rule(school):
    s = school
    huang, ma = s.teachers[2], s.teachers[3]
    approved = claim(s, huang, "JX-2026-0001", hours="8")
    refused = claim(s, ma, "JX-2026-0002", hours="12")
    pending = claim(s, ma, "JX-2026-0003", hours="6", to_date=date(2026, 10, 14))
    with pytest.raises(RuleViolation) as err:  # nobody approves his own claim
        training.approve_claim(s.tangmin, approved)
    assert err.value.rule == "X1"
    training.approve_claim(s.trainer2, approved)
    training.reject_claim(s.trainer2, refused, "证书与培训不符")
    with pytest.raises(RuleViolation) as err:  # a claim still waiting holds the register
        training.draft_credit_register(s.tangmin, "2026-2027", 1)
    assert err.value.rule == "T7"
    training.reject_claim(s.trainer2, pending, "学时不实")
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1)
    [line] = training.lines_of(reg)
    # 8 学时 × 0.125 = 1.0 学分; the refused claim earns nothing.
    assert (line.teacher_id, line.external_hours, line.credits) == (
        huang.id,
        Decimal("8.0"),
        Decimal("1.00"),
    )


def test_T4_the_bureau_gets_the_approved_registers_only(school):
    s = school
    huang = s.teachers[2]
    training.assign_tier(s.tangmin, huang, "青年教师", "2026-2027")
    training.approve_claim(s.trainer2, claim(s, huang, "JX-2026-0001", hours="8"))
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1)
    with pytest.raises(RuleViolation) as err:
        training.bureau_register("2026-2027")
    assert err.value.rule == "T4"
    reg = training.submit_credit_register(s.tangmin, reg)
    training.approve_credit_register(s.o.leader, reg)
    [row] = training.bureau_register("2026—2027学年")
    assert (row.staff_no, row.ce_no, row.id_number, row.tier) == (
        "0003",
        "CE20260003",
        huang.id_number,
        "青年教师",
    )
    assert (row.external_hours, row.credits) == (Decimal("8.0"), Decimal("1.00"))


def test_T4_approved_register_frozen_amendment_refers_to_it(school):
    s = school
    huang = s.teachers[2]
    training.approve_claim(s.trainer2, claim(s, huang, "JX-2026-0001", hours="8"))
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1)
    with pytest.raises(RuleViolation) as err:  # only an approved register is amended
        training.amend_credit_register(s.tangmin, reg, "补登")
    assert err.value.rule == "T4"
    reg = training.approve_credit_register(
        s.o.leader, training.submit_credit_register(s.tangmin, reg)
    )
    # A claim of the first term approved after the register: an amendment, never an edit.
    late = claim(s, huang, "JX-2026-0009", hours="4", to_date=date(2026, 11, 20))
    training.approve_claim(s.trainer2, late)
    with pytest.raises(RuleViolation) as err:
        training.amend_credit_register(s.tangmin, reg, " ")
    assert err.value.rule == "X2"
    amendment = training.amend_credit_register(s.tangmin, reg, "补登县级培训证书")
    assert (amendment.amends_id, amendment.amendment_no, amendment.rules) == (reg.id, 1, reg.rules)
    assert [ln.credits for ln in training.lines_of(amendment)] == [Decimal("1.50")]
    assert [ln.credits for ln in training.lines_of(reg)] == [Decimal("1.00")]
    with pytest.raises(RuleViolation):  # the original is no longer the latest
        training.amend_credit_register(s.tangmin, reg, "再补")
    amendment = training.approve_credit_register(
        s.o.leader, training.submit_credit_register(s.tangmin, amendment)
    )
    [row] = training.bureau_register("2026-2027")
    assert (row.external_hours, row.credits) == (Decimal("12.0"), Decimal("1.50"))


def test_T7_a_returned_claim_is_corrected_and_resubmitted_on_the_same_approval(school):
    from models import documents, workflow

    s = school
    own = claim(s, s.leader, "JX-2026-0009", hours="80", actor=s.leader_user)
    with pytest.raises(RuleViolation) as err:  # only a returned claim goes again
        training.resubmit_claim(s.leader_user, own, hours="8")
    assert err.value.rule == "T7"
    own = documents.return_to_applicant(s.tangmin, own, "学时应为 8，请核对证书")
    assert own.state == training.ClaimState.RETURNED
    with pytest.raises(RuleViolation) as err:  # the applicant himself, nobody else
        training.resubmit_claim(s.tangmin, own, hours="8")
    assert err.value.rule == "T7" and "申请人本人" in err.value.zh
    with pytest.raises(RuleViolation) as err:  # the same checks as the first claim
        training.resubmit_claim(s.leader_user, own, hours="0")
    assert err.value.rule == "T7"
    again = training.resubmit_claim(s.leader_user, own, hours="8")
    assert (again.state, again.hours) == (training.ClaimState.PENDING, Decimal("8.0"))
    inst = again.instance()
    assert inst.state == workflow.State.PENDING and inst.id == own.instance().id
    assert [i.id for i in workflow.Instance.select()] == [inst.id]  # one trail
    # The certificate is still the claim's: claimed again elsewhere it is refused.
    with pytest.raises(RuleViolation) as err:
        claim(s, s.teachers[2], "JX-2026-0009")
    assert "只认定一次" in err.value.zh
    done = training.approve_claim(s.tangmin, again)
    assert done.state == training.ClaimState.APPROVED
