"""The 培训管理 page: 教师, 学期与活动安排 (the year's 校历 and series; 培训办 writes, the
others read), 教研活动 and 考勤 for whoever sees the module (a 教研组长 keeps his own group's
registers, the models refuse the others); 分层方案 (each tier's yearly plan, T1), 学分 and 统计
(the charts) for 培训办 and the leaders."""

from __future__ import annotations

from desktop.module_page import ModulePage, Tab
from models.people import Role

CREDIT_ROLES = frozenset({Role.TRAINING, Role.LEADER, Role.ADMIN})


class TrainingPage(ModulePage):
    TITLE = "培训管理"
    TABS = (
        Tab("teachers", "教师", "user", "desktop.training.teachers:TeachersTab"),
        Tab(
            "calendar", "学期与活动安排", "settings", "desktop.training.calendar_setup:CalendarTab"
        ),
        Tab("sessions", "教研活动", "training", "desktop.training.sessions:SessionsTab"),
        Tab("register", "考勤", "approve", "desktop.training.register:RegisterTab"),
        Tab("plans", "分层方案", "edit", "desktop.training.tier_plans:TierPlansTab", CREDIT_ROLES),
        Tab("credits", "学分", "audit", "desktop.training.credits:CreditsTab", CREDIT_ROLES),
        Tab("stats", "统计", "database", "desktop.training.stats:StatsTab", CREDIT_ROLES),
    )
