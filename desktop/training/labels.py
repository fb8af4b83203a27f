"""教师培训's words in English, registered into ``desktop.labels`` (ask there for a label):
its enums and its tables in the audit log."""

from __future__ import annotations

from desktop import labels
from models.training import (
    ClaimState,
    Half,
    HolidayPolicy,
    LeaveState,
    Mark,
    RegisterDocState,
    RegisterState,
    SessionState,
    TeacherStatus,
    Tier,
)

labels.register(
    english={
        TeacherStatus: {
            TeacherStatus.ACTIVE: "In service",
            TeacherStatus.TRANSFERRED: "Transferred",
            TeacherStatus.RETIRED: "Retired",
        },
        Tier: {
            Tier.YOUNG: "Young teacher",
            Tier.BACKBONE: "Backbone teacher",
            Tier.MASTER: "Master teacher",
        },
        Half: {Half.MORNING: "Morning", Half.AFTERNOON: "Afternoon"},
        HolidayPolicy: {
            HolidayPolicy.SHIFT: "Next working day of the week",
            HolidayPolicy.SKIP: "Skip",
        },
        SessionState: {SessionState.PLANNED: "Planned", SessionState.SKIPPED: "Skipped"},
        RegisterState: {
            RegisterState.NONE: "Not started",
            RegisterState.OPEN: "Being marked",
            RegisterState.CLOSED: "Confirmed",
        },
        LeaveState: {
            LeaveState.PENDING: "Under approval",
            LeaveState.RETURNED: "Returned",
            LeaveState.APPROVED: "Approved",
            LeaveState.REJECTED: "Not approved",
            LeaveState.WITHDRAWN: "Withdrawn",
        },
        Mark: {
            Mark.PENDING: "Not marked",
            Mark.PRESENT: "Present",
            Mark.LATE: "Late",
            Mark.EARLY: "Left early",
            Mark.LEAVE: "On leave",
            Mark.EXCUSED: "Excused",
            Mark.ABSENT: "Absent",
            Mark.TRUANT: "Truant",
        },
        RegisterDocState: {
            RegisterDocState.DRAFT: "Draft",
            RegisterDocState.PENDING: "Under review",
            RegisterDocState.RETURNED: "Returned",
            RegisterDocState.APPROVED: "Approved",
            RegisterDocState.REJECTED: "Not approved",
            RegisterDocState.WITHDRAWN: "Withdrawn",
        },
        ClaimState: {
            ClaimState.PENDING: "Under approval",
            ClaimState.RETURNED: "Returned",
            ClaimState.APPROVED: "Recognised",
            ClaimState.REJECTED: "Not recognised",
            ClaimState.WITHDRAWN: "Withdrawn",
        },
    },
    codes={
        # Stored as the Chinese word itself: the bureau and the import read them so.
        "growth_kind": {
            "心得": ("心得", "Reflection"),
            "公开课": ("公开课", "Open lesson"),
            "获奖": ("获奖", "Award"),
            "论文": ("论文", "Paper"),
            "课题": ("课题", "Research project"),
        },
        "training_level": {
            "国家级": ("国家级", "National"),
            "省级": ("省级", "Provincial"),
            "市级": ("市级", "City"),
            "县级": ("县级", "County"),
            "校级": ("校级", "School"),
            "境外": ("境外", "Abroad"),
        },
        "claim_kind": {
            "自学": ("自学", "Self-study"),
            "学历": ("学历", "Degree course"),
            "非学历": ("非学历", "Non-degree course"),
        },
        # models.training QUALITIES: a spot check's verdict on a session (T5).
        "spot_check_quality": {
            "优": ("优", "Excellent"),
            "良": ("良", "Good"),
            "合格": ("合格", "Satisfactory"),
            "差": ("差", "Poor"),
        },
        # models.training MATERIAL_KINDS: what a session's file is (T6).
        "material_kind": {
            "讲稿": ("讲稿", "Lecture notes"),
            "签到表扫描": ("签到表扫描", "Scanned sign-in sheet"),
            "照片": ("照片", "Photo"),
            "其他": ("其他", "Other"),
        },
    },
    objects={
        "teacher": ("教师", "Teacher"),
        "teaching_group": ("教研组", "Teaching-research group"),
        "group_membership": ("教研组成员变动", "Group membership"),
        "tier_membership": ("分层", "Tier membership"),
        "tier_plan": ("分层培训方案", "Tier plan"),
        "term": ("学期", "Term"),
        "term_closure": ("停课时段", "Term closure"),
        "session_series": ("教研活动安排", "Session series"),
        "training_session": ("教研活动", "Training session"),
        "training_leave": ("教研活动请假", "Training leave"),
        "attendance_mark": ("考勤", "Attendance mark"),
        "mark_correction": ("考勤更正", "Attendance correction"),
        "quality_grade": ("参训质量", "Quality grade"),
        "credit_register": ("学分登记", "Credit register"),
        "credit_line": ("学分明细", "Credit line"),
        "bureau_profile": ("上报格式", "Bureau export profile"),
        "bureau_export": ("上报教育局记录", "Export to the education bureau"),
        "bureau_export_register": ("上报的学分登记", "Register of an export"),
        "spot_check": ("过程督查", "Spot check"),
        "external_training": ("外出培训与自学", "External training"),
        "growth_record": ("成长档案", "Growth record"),
    },
    actions={"retire": ("停用", "Retired")},
    fields={
        "retired_at": ("停用时间", "retired at"),
        "retired_by": ("停用人", "retired by"),
        "retire_reason": ("停用原因", "reason retired"),
        "created_by": ("创建人", "created by"),
        "created_at": ("创建时间", "created at"),
    },
)
