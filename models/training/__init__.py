"""培训考勤与学分: teachers, tiers, sessions, registers, credits, spot checks, claims (T1–T7).

This module is the one door the desktop, the forms and the command line use; the work is split
by concern, each module small enough to read in one sitting:

- ``teachers``: 教师名册 (工号 as text, 继续教育编号, ID number with its check digit), 教研组,
  group and tier memberships as dated history (T1, T2);
- ``teacher_batch``: ``add_teachers``, the one door of the roll, in its check and write halves
  (``check_teachers``, ``write_teachers``: the import's two passes) (T1, X3);
- ``tiers``: each tier's yearly goals and plan, approved by the main leader (T1);
- ``schedule``: terms and closures, the biweekly half-day series and their sessions on the
  office calendar (T2);
- ``calendar_edits``: correcting and deleting terms, closures and series after sessions were
  generated, the sessions re-placed and reported, those with records left alone (T2);
- ``leave``: 请假 on the engine, approved by 教研处, a returned one resubmitted (T3);
- ``office_requests``: the lifecycle 请假 and 学分申请 share (one 教研处 node, the
  applicant's resubmission): their states, outcomes, transitions and flow;
- ``registers``: the 考勤登记表, marks, truancy derived at close, excuses, corrections (T3);
- ``credit_tables``, ``credits``, ``credit_register``: quality grades, the deterministic
  computation, the credit register on the engine and its freeze (T4);
- ``bureau``: the year's figures for the county bureau, from approved registers only (T4);
- ``bureau_export``: the bureau's export profiles and the record of each export, which
  marks the registers 已上报 (T4);
- ``checks``: 过程督查, spot checks and the headcount against the register (T5);
- ``external``: 自学 and external training claims with their certificate, a returned one
  resubmitted (T7);
- ``queries``: the truancy list and the teachers at risk of missing their tier's 学时;
- ``archive``: session materials and growth records as attachments, a teacher's year (T6).
"""

from __future__ import annotations

from decimal import Decimal

import peewee

from models import numbering, settings
from models.training.archive import (
    ARCHIVE_TABLES,
    GROWTH_KINDS,
    MATERIAL_KINDS,
    GrowthRecord,
    TeacherYear,
    add_growth_record,
    add_session_material,
    archive_of,
    may_read_archive,
    require_archive_reader,
    teacher_year,
    void_growth_record,
)
from models.training.bureau import BureauRow, approved_registers, bureau_register
from models.training.bureau_export import (
    BUREAU_TABLES,
    DEFAULT_PROFILE,
    EXPORTERS,
    REPLACE_PROFILE,
    BureauExport,
    BureauExportRegister,
    BureauProfile,
    Profile,
    check_layout,
    exports_of,
    last_report,
    layout_from_text,
    record_export,
    registers_to_report,
    reinstate_profile,
    retire_profile,
    save_profile,
    stored_profile,
    stored_profiles,
)
from models.training.calendar_edits import (
    Rescheduled,
    add_closure,
    delete_series,
    delete_term,
    has_records,
    remove_closure,
    update_series,
    update_term,
)
from models.training.checks import (
    CHECK_TABLES,
    INSPECTORS,
    QUALITIES,
    SpotCheck,
    SpotCheckFlag,
    explain_spot_check,
    present_count,
    record_spot_check,
    spot_check_flags,
)
from models.training.credit_register import (
    amend_credit_register,
    amendable,
    approve_credit_register,
    draft_credit_register,
    lines_of,
    recompute_credit_register,
    submit_credit_register,
)
from models.training.credit_tables import (
    CREDIT_FLOW,
    CREDIT_TABLES,
    GRADES,
    CreditLine,
    CreditRegister,
    QualityGrade,
    RegisterDocState,
    register_covering,
)
from models.training.credits import CreditRow, Rules, claim_window, compute_credits, grade_quality
from models.training.external import (
    CLAIM_FLOW,
    CLAIM_KINDS,
    EXTERNAL_TABLES,
    LEVELS,
    ClaimState,
    ExternalTraining,
    approve_claim,
    claim_external,
    reject_claim,
    resubmit_claim,
)
from models.training.leave import (
    LEAVE_FLOW,
    LEAVE_KINDS,
    LeaveState,
    TrainingLeave,
    approve_leave,
    approved_leave,
    reject_leave,
    request_leave,
    resubmit_leave,
)
from models.training.queries import (
    AtRisk,
    AttendanceRate,
    CreditTarget,
    Truancy,
    at_risk,
    attendance_by_group_and_month,
    credits_against_target,
    registers_to_close,
    truancies,
)
from models.training.registers import (
    MARK_LABELS,
    REGISTER_TABLES,
    AttendanceMark,
    Mark,
    MarkCorrection,
    MarkInput,
    close_register,
    correct_mark,
    excuse_absence,
    mark,
    mark_from,
    mark_many,
    open_register,
    roster_of,
)
from models.training.schedule import (
    SCHEDULE_TABLES,
    Generated,
    Half,
    HolidayPolicy,
    RegisterState,
    SessionSeries,
    SessionState,
    Term,
    TermClosure,
    TrainingSession,
    define_series,
    define_term,
    generate_sessions,
    session_hours,
    sessions_of,
    set_topic,
    term_of,
)
from models.training.teacher_batch import (
    add_teacher,
    add_teachers,
    check_teachers,
    write_teachers,
)
from models.training.teachers import (
    APPEND_ONLY,
    LATEST,
    MANAGERS,
    TEACHER_TABLES,
    GroupMembership,
    Teacher,
    TeacherStatus,
    TeachingGroup,
    Tier,
    TierMembership,
    add_group,
    assign_tier,
    check_staff_no,
    group_of,
    leads_a_group,
    members_on,
    move_to_group,
    school_year,
    school_year_of,
    set_group_leader,
    teacher_of_user,
    tier_from,
    tier_of,
    update_teacher,
)
from models.training.tiers import (
    TIER_PLAN_FLOW,
    PlanState,
    TierPlan,
    approve_tier_plan,
    approved_plan,
    create_tier_plan,
    submit_tier_plan,
    update_tier_plan,
)


def _decimal(key: str, default: str, zh: str, en: str) -> settings.SettingSpec:
    return settings.SettingSpec(key, Decimal(default), Decimal, zh, en, Decimal("0"))


def _whole(key: str, default: int, zh: str, en: str, minimum: int = 1) -> settings.SettingSpec:
    return settings.SettingSpec(key, default, int, zh, en, minimum)


settings.register(
    _whole("training.interval_weeks", 2, "教研组活动间隔（周）", "weeks between group sessions"),
    _whole("training.minutes_per_hour", 45, "每学时分钟数", "minutes per 学时"),
    _whole("training.max_hours_per_day", 8, "每天最多计学时", "most 学时 a day"),
    _whole("training.halfday_hours", 4, "半天活动最多学时", "most 学时 of a half-day session"),
    _whole(
        "training.excuse_grace_working_days",
        3,
        "考勤确认后认定有故缺席的期限（工作日）",
        "working days after close to excuse an absence",
        0,
    ),
    _decimal(
        "training.credits_per_hour",
        "0.125",
        "每学时折合学分（4学时=0.5学分）",
        "credits per 学时 (4 学时 = 0.5 credit)",
    ),
    _decimal("training.speaker_factor", "2", "主讲人学时倍数", "the main speaker's factor"),
    _decimal(
        "training.late_deduct_hours", "0.5", "迟到、早退每次扣学时", "学时 off per late/early"
    ),
    _decimal("training.truancy_deduct_hours", "1", "旷课每次扣学时", "学时 off per truancy"),
    _whole(
        "training.disqualify_truancies",
        3,
        "累计旷课达到几次不得学时",
        "truancies in a period that forfeit its 学时",
    ),
    _whole("training.disqualify_leaves", 5, "累计请假达到几次不得学时", "leaves that forfeit them"),
    _decimal(
        "training.yearly_cap_credits",
        "3",
        "校本研修每学年最多学分（0为不限）",
        "most school-based credits a school year (0: none)",
    ),
    settings.SettingSpec(
        "training.credit_quantum",
        Decimal("0.1"),
        Decimal,
        "学分保留精度（四舍五入，每人每期一次）",
        "credit rounding step (half up, once per line)",
        Decimal("0.01"),
    ),
    _decimal("training.quality_excellent", "1.2", "质量等级“优”的系数", "factor of 优"),
    _decimal("training.quality_good", "1.0", "质量等级“良”的系数", "factor of 良"),
    _decimal("training.quality_pass", "0.8", "质量等级“合格”的系数", "factor of 合格"),
    _decimal("training.quality_fail", "0", "质量等级“不合格”的系数", "factor of 不合格"),
)

# Every training table, in creation order (schema version 30, declared in ``models.domains``).
TABLES = [
    *TEACHER_TABLES,
    TierPlan,
    *SCHEDULE_TABLES,
    TrainingLeave,
    *REGISTER_TABLES,
    *CREDIT_TABLES,
    *CHECK_TABLES,
    *EXTERNAL_TABLES,
    *ARCHIVE_TABLES,
]


def migrate_30(database: peewee.Database) -> None:
    """The training tables. Group and tier memberships and mark corrections are history:
    the database refuses to change or delete them, from any client. ``create_tables`` is
    safe to run again (MariaDB commits each DDL statement)."""
    from models.schema import _append_only

    database.create_tables([numbering.Counter, *TABLES])
    for model in (*APPEND_ONLY, MarkCorrection):
        _append_only(database, model._meta.table_name)


def migrate_31(database: peewee.Database) -> None:
    """上报教育局: the export profiles, and the exports with the registers each was made
    from, both history the database refuses to change or delete."""
    from models.schema import _append_only

    database.create_tables(BUREAU_TABLES)
    for model in (BureauExport, BureauExportRegister):
        _append_only(database, model._meta.table_name)


def migrate_32(database: peewee.Database) -> None:
    """An export profile is retired with a reason, never deleted (its exports name it), and
    keeps who first added it: ``created_*`` and ``retired_*`` on ``bureau_profile``, the
    creation filled from the last save for the profiles already there (a database whose
    migration 31 made the table in its newest shape only gets the fill)."""
    from playhouse.migrate import SchemaMigrator, migrate

    table = BureauProfile._meta.table_name
    columns = {c.name for c in database.get_columns(table)}
    migrator = SchemaMigrator.from_database(database)
    steps = [
        migrator.add_column(table, name, getattr(BureauProfile, name))
        for name in ("created_by", "created_at", "retired_at", "retired_by", "retire_reason")
        if name not in columns
    ]
    if steps:
        migrate(*steps)
    with database.bind_ctx([BureauProfile]):
        BureauProfile.update(
            created_by=BureauProfile.saved_by, created_at=BureauProfile.saved_at
        ).where(BureauProfile.created_at.is_null()).execute()


__all__ = [
    "BUREAU_TABLES",
    "CLAIM_FLOW",
    "CLAIM_KINDS",
    "CREDIT_FLOW",
    "DEFAULT_PROFILE",
    "EXPORTERS",
    "GRADES",
    "GROWTH_KINDS",
    "INSPECTORS",
    "LATEST",
    "LEAVE_FLOW",
    "LEAVE_KINDS",
    "LEVELS",
    "MANAGERS",
    "MARK_LABELS",
    "MATERIAL_KINDS",
    "QUALITIES",
    "REPLACE_PROFILE",
    "TABLES",
    "TIER_PLAN_FLOW",
    "AtRisk",
    "AttendanceMark",
    "AttendanceRate",
    "BureauExport",
    "BureauExportRegister",
    "BureauProfile",
    "BureauRow",
    "ClaimState",
    "CreditLine",
    "CreditRegister",
    "CreditRow",
    "CreditTarget",
    "ExternalTraining",
    "Generated",
    "GroupMembership",
    "GrowthRecord",
    "Half",
    "HolidayPolicy",
    "LeaveState",
    "Mark",
    "MarkCorrection",
    "MarkInput",
    "PlanState",
    "Profile",
    "QualityGrade",
    "RegisterDocState",
    "RegisterState",
    "Rescheduled",
    "Rules",
    "SessionSeries",
    "SessionState",
    "SpotCheck",
    "SpotCheckFlag",
    "Teacher",
    "TeacherStatus",
    "TeacherYear",
    "TeachingGroup",
    "Term",
    "TermClosure",
    "Tier",
    "TierMembership",
    "TierPlan",
    "TrainingLeave",
    "TrainingSession",
    "Truancy",
    "add_closure",
    "add_group",
    "add_growth_record",
    "add_session_material",
    "add_teacher",
    "add_teachers",
    "amend_credit_register",
    "amendable",
    "approve_claim",
    "approve_credit_register",
    "approve_leave",
    "approve_tier_plan",
    "approved_leave",
    "approved_plan",
    "approved_registers",
    "archive_of",
    "assign_tier",
    "at_risk",
    "attendance_by_group_and_month",
    "bureau_register",
    "check_layout",
    "check_staff_no",
    "check_teachers",
    "claim_external",
    "claim_window",
    "close_register",
    "compute_credits",
    "correct_mark",
    "create_tier_plan",
    "credits_against_target",
    "define_series",
    "define_term",
    "delete_series",
    "delete_term",
    "draft_credit_register",
    "excuse_absence",
    "explain_spot_check",
    "exports_of",
    "generate_sessions",
    "grade_quality",
    "group_of",
    "has_records",
    "last_report",
    "layout_from_text",
    "leads_a_group",
    "lines_of",
    "mark",
    "mark_from",
    "mark_many",
    "may_read_archive",
    "members_on",
    "move_to_group",
    "open_register",
    "present_count",
    "recompute_credit_register",
    "record_export",
    "record_spot_check",
    "register_covering",
    "registers_to_close",
    "registers_to_report",
    "reinstate_profile",
    "reject_claim",
    "reject_leave",
    "remove_closure",
    "request_leave",
    "require_archive_reader",
    "resubmit_claim",
    "resubmit_leave",
    "retire_profile",
    "roster_of",
    "save_profile",
    "school_year",
    "school_year_of",
    "session_hours",
    "sessions_of",
    "set_group_leader",
    "set_topic",
    "spot_check_flags",
    "stored_profile",
    "stored_profiles",
    "submit_credit_register",
    "submit_tier_plan",
    "teacher_of_user",
    "teacher_year",
    "term_of",
    "tier_from",
    "tier_of",
    "truancies",
    "update_series",
    "update_teacher",
    "update_term",
    "update_tier_plan",
    "void_growth_record",
    "write_teachers",
]
