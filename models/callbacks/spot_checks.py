"""抽查回访 of a month (F8 → C): the closed fleet repairs the month-end statistics picked become
phone callbacks, all in one transaction.

The picks come as plain data (each repair's id, number and applicant), so this domain needs
no fleet code: whoever joins the two (the desktop shell) reads ``fleet.monthly_report(...)
.spot_checks`` and passes them on. A repair already called back for its spot check keeps the
callback it has (``spot_check_callback`` is keyed (repair, 抽查回访)): a second run makes
nothing and says so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from models.callbacks.callbacks import FLEET_REPAIR, Callback, spot_check_callback
from models.callbacks.customers import NoPhone
from models.callbacks.plans import ContentType
from models.db import db
from models.errors import RuleViolation
from models.people import Role, User, require_role


@dataclass(frozen=True)
class SpotPick:
    """One repair picked for a spot check: its id, its number and who applied for it (a
    user's id: the use case reads him, and his phone, as the register holds them now)."""

    repair_id: int
    number: str
    person_id: int


@dataclass
class SpotCheckRun:
    """What a run made (``created``), found already made (``existing``) and left out for
    want of a phone to call (``no_phone``: the picks)."""

    created: list[Callback] = field(default_factory=list)
    existing: list[Callback] = field(default_factory=list)
    no_phone: list[SpotPick] = field(default_factory=list)


def existing_spot_check(repair_id: int) -> Callback | None:
    return Callback.get_or_none(
        (Callback.source_type == FLEET_REPAIR)
        & (Callback.source_id == repair_id)
        & (Callback.content_type == ContentType.SPOT_CHECK)
    )


def spot_check_callbacks(
    actor: User, picks: Sequence[SpotPick], *, due_on: date, assignee: User | None = None
) -> SpotCheckRun:
    """F8: one phone callback per picked repair, in one transaction; the repairs that have
    theirs already are counted, not made again, and an applicant without a phone
    (``NoPhone``) is left out and named. Any other refusal — a phone in the register that
    is malformed (C1), an assignee of the wrong post (C3) — refuses the run, naming the
    repair: skipping those would hide a register to correct as "no phone"."""
    with db.atomic():
        require_role(actor, Role.SERVICE_MANAGER, Role.ADMIN)
        if not picks:
            raise RuleViolation(
                "F8", "该月没有抽中的维修，没有要生成的抽查回访", "no repair was picked that month"
            )
        run = SpotCheckRun()
        for pick in picks:
            found = existing_spot_check(pick.repair_id)
            if found is not None:
                run.existing.append(found)
                continue
            person = User.get_by_id(pick.person_id)
            try:
                made = spot_check_callback(
                    actor,
                    repair_id=pick.repair_id,
                    person=person,
                    due_on=due_on,
                    assignee=assignee,
                )
            except NoPhone:  # the savepoint of the pick rolled back alone
                run.no_phone.append(pick)
                continue
            except RuleViolation as exc:  # a malformed phone too: the run is refused
                cut = len(f"[{exc.rule}] ") if exc.rule else 0
                raise RuleViolation(
                    exc.rule,
                    f"维修单 {pick.number}（{person.name}）：{exc.zh[cut:]}",
                    f"repair {pick.number} ({person.name}): {exc.en[cut:]}",
                ) from exc
            run.created.append(made)
        return run
