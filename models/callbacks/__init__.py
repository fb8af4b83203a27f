"""客户回访与投诉: the customer archive, callback plans and their cadence, callbacks and their
records, the problems they find, complaints and 首问负责制 (C1–C12).

This module is the one door the desktop, the forms and the command line use; the work is split
by concern, each module small enough to read in one sitting:

- ``customers``: the archive, contacts and addresses as dated history, projects (C1), with
  ``validation`` for phone and ID numbers, and ``customer_batch``: ``add_customers``, the one
  door of the archive, in its check and write halves (the import's two passes);
- ``plans``: 回访计划 with its outline and schedule, approved on the engine (C2, C3, C5);
- ``generation``: the cadence and the idempotent, chunked generator (C9);
- ``callbacks``: attempts, the fallback chain, unreachable, rescheduling, F8 spot checks
  (C3, C4);
- ``records``: the written record, amended never edited (C6);
- ``problems``: problems found, to their owners, verified by someone else (C7);
- ``performance``: the per-person figures (C8);
- ``queries``: the customer's archive as one timeline (C1, C6);
- ``receipts``: 来电来访登记 and 首问负责制 — the first receiver for ever, handovers (C11);
- ``complaints``: complaints on their clocks, the decision on the engine (C10);
- ``complaint_steps``: what the complaint's owner does next, step by step (C10);
- ``repeats``: the same complaint again, refused or merged (C10);
- ``follow_ups``: the 投诉处理回访 a closed complaint gets (C5);
- ``quality``: the quarterly service-quality evaluation (C12).
"""

from __future__ import annotations

import peewee

from models import numbering, settings
from models.callbacks.callbacks import (
    CALLBACK_TABLES,
    FLEET_REPAIR,
    Callback,
    CallbackAttempt,
    CallbackState,
    Outcome,
    cancel_callback,
    close_unreachable,
    log_attempt,
    may_confirm_unreachable,
    my_callbacks,
    my_callbacks_count,
    my_callbacks_query,
    reassign_callback,
    reschedule,
    sourced_callback,
    spot_check_callback,
)
from models.callbacks.complaint_steps import (
    accept_complaint,
    close_complaint,
    complete_materials,
    desk_feedback,
    desk_resolve,
    notify_incomplete,
    propose_decision,
    refuse_complaint,
)
from models.callbacks.complaints import (
    COMPLAINT_TABLES,
    DECISION_FLOW,
    Complaint,
    ComplaintState,
    ComplaintSubmission,
    Variant,
    complaints_near_deadline,
    register_complaint,
)
from models.callbacks.customer_batch import (
    DuplicateCustomer,
    add_customer,
    add_customers,
    check_customers,
    write_customers,
)
from models.callbacks.customers import (
    ARCHIVE_ROLES,
    CUSTOMER_TABLES,
    DUPLICATE_WARNING,
    IMPORTANT_ROLES,
    PROJECT_ROLES,
    Customer,
    CustomerAddress,
    CustomerContact,
    CustomerKind,
    Project,
    add_project,
    address_history,
    change_address,
    change_contact,
    contact_history,
    current_address,
    current_contact,
    internal_customer,
    latest_delivery,
    search_customers,
    set_important,
)
from models.callbacks.follow_ups import complaint_follow_up
from models.callbacks.generation import GenerationResult, age_periods, generate_callbacks
from models.callbacks.performance import StaffFigures, staff_figures
from models.callbacks.plans import (
    METHOD_ROLES,
    PLAN_FLOW,
    PLAN_TABLES,
    Cadence,
    CallbackPlan,
    ContentType,
    Method,
    PlanQuestion,
    PlanSchedule,
    PlanState,
    PlanTarget,
    ScheduleInput,
    Target,
    approve_plan,
    create_plan,
    plan_lines,
    reject_plan,
    return_plan,
    submit_plan,
    update_plan,
)
from models.callbacks.problems import (
    PROBLEM_TABLES,
    Problem,
    ProblemInput,
    ProblemState,
    may_raise,
    open_problems,
    owned_by,
    owner_candidates,
    owns_problems,
    problem_actions,
    raise_problem,
    reassign_problem,
    report_fixed,
    verify_problem,
)
from models.callbacks.quality import (
    Evaluation,
    OwnerClocks,
    clocks_by_owner,
    quarterly_evaluation,
    quarterly_series,
)
from models.callbacks.queries import ArchiveLine, customer_archive, recorded_callbacks_matching
from models.callbacks.receipts import (
    RECEIPT_TABLES,
    Channel,
    Handover,
    HandoverState,
    RequestKind,
    ServiceReceipt,
    accept_handover,
    close_receipt,
    decline_handover,
    offer_handover,
    pending_handover_of,
    pending_handovers,
    register_receipt,
    withdraw_handover,
)
from models.callbacks.records import (
    RECORD_TABLES,
    CallbackRecord,
    amend_record,
    current_record,
    record_callback,
    records_of_customer,
)
from models.callbacks.repeats import merge_complaint, possible_repeats, repeats_of
from models.callbacks.spot_checks import SpotCheckRun, SpotPick, spot_check_callbacks
from models.callbacks.validation import normalize_credit_code, normalize_id_number, normalize_phone

settings.register(
    settings.SettingSpec(
        "callbacks.young_months",
        12,
        int,
        "按月回访的月数（交付后，之后按季度）",
        "months of monthly callbacks after delivery (then quarterly)",
        1,
    ),
    settings.SettingSpec(
        "callbacks.attempts_per_method",
        3,
        int,
        "每种回访方式未接通/关机的尝试次数（之后改用下一种方式）",
        "tries per method before the next method of the chain",
        1,
    ),
)

# The tables of schema version 20 (customers, plans, callbacks, records, problems), in
# creation order; migration 21 (complaints, receipts) adds its own.
TABLES_20 = [*CUSTOMER_TABLES, *PLAN_TABLES, *CALLBACK_TABLES, *RECORD_TABLES, *PROBLEM_TABLES]

# Schema version 21 (C10–C12): receipts and handovers, complaints and their repeats.
TABLES_21 = [*RECEIPT_TABLES, *COMPLAINT_TABLES]

TABLES = [*TABLES_20, *TABLES_21]


def migrate_20(database: peewee.Database) -> None:
    """The archive, plans, callbacks, records, problems. Attempts and records are the proof
    of what was done (C4, C6): the database refuses to change or delete one, from any
    client; a record is corrected by a new row that amends it. ``create_tables`` and the
    triggers are safe to run again (MariaDB commits each DDL statement)."""
    from models.schema import _append_only

    database.create_tables([numbering.Counter, *TABLES_20])
    _append_only(database, CallbackAttempt._meta.table_name)
    _append_only(database, CallbackRecord._meta.table_name)


def migrate_21(database: peewee.Database) -> None:
    """Receipts, handovers, complaints and their repeats (C10, C11). The database itself keeps
    the first receiver of a receipt for ever and the repeats recorded on a complaint."""
    from models.callbacks.receipts import first_receiver_fixed
    from models.schema import _append_only

    database.create_tables(TABLES_21)
    first_receiver_fixed(database)
    _append_only(database, ComplaintSubmission._meta.table_name)


__all__ = [
    "ARCHIVE_ROLES",
    "COMPLAINT_TABLES",
    "DECISION_FLOW",
    "DUPLICATE_WARNING",
    "FLEET_REPAIR",
    "IMPORTANT_ROLES",
    "METHOD_ROLES",
    "PLAN_FLOW",
    "PROJECT_ROLES",
    "RECEIPT_TABLES",
    "TABLES",
    "ArchiveLine",
    "Cadence",
    "Callback",
    "CallbackAttempt",
    "CallbackPlan",
    "CallbackRecord",
    "CallbackState",
    "Channel",
    "Complaint",
    "ComplaintState",
    "ComplaintSubmission",
    "ContentType",
    "Customer",
    "CustomerAddress",
    "CustomerContact",
    "CustomerKind",
    "DuplicateCustomer",
    "Evaluation",
    "GenerationResult",
    "Handover",
    "HandoverState",
    "Method",
    "Outcome",
    "OwnerClocks",
    "PlanQuestion",
    "PlanSchedule",
    "PlanState",
    "PlanTarget",
    "Problem",
    "ProblemInput",
    "ProblemState",
    "Project",
    "RequestKind",
    "ScheduleInput",
    "ServiceReceipt",
    "SpotCheckRun",
    "SpotPick",
    "StaffFigures",
    "Target",
    "Variant",
    "accept_complaint",
    "accept_handover",
    "add_customer",
    "add_customers",
    "add_project",
    "address_history",
    "age_periods",
    "amend_record",
    "approve_plan",
    "cancel_callback",
    "change_address",
    "change_contact",
    "check_customers",
    "clocks_by_owner",
    "close_complaint",
    "close_receipt",
    "close_unreachable",
    "complaint_follow_up",
    "complaints_near_deadline",
    "complete_materials",
    "contact_history",
    "create_plan",
    "current_address",
    "current_contact",
    "current_record",
    "customer_archive",
    "decline_handover",
    "desk_feedback",
    "desk_resolve",
    "generate_callbacks",
    "internal_customer",
    "latest_delivery",
    "log_attempt",
    "may_confirm_unreachable",
    "may_raise",
    "merge_complaint",
    "my_callbacks",
    "my_callbacks_count",
    "my_callbacks_query",
    "normalize_credit_code",
    "normalize_id_number",
    "normalize_phone",
    "notify_incomplete",
    "offer_handover",
    "open_problems",
    "owned_by",
    "owner_candidates",
    "owns_problems",
    "pending_handover_of",
    "pending_handovers",
    "plan_lines",
    "possible_repeats",
    "problem_actions",
    "propose_decision",
    "quarterly_evaluation",
    "quarterly_series",
    "raise_problem",
    "reassign_callback",
    "reassign_problem",
    "record_callback",
    "recorded_callbacks_matching",
    "records_of_customer",
    "refuse_complaint",
    "register_complaint",
    "register_receipt",
    "reject_plan",
    "repeats_of",
    "report_fixed",
    "reschedule",
    "return_plan",
    "search_customers",
    "set_important",
    "sourced_callback",
    "spot_check_callback",
    "spot_check_callbacks",
    "staff_figures",
    "submit_plan",
    "update_plan",
    "verify_problem",
    "withdraw_handover",
    "write_customers",
]
