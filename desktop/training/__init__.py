"""培训管理 (rules T1–T7) on the desktop.

Importing this package costs nothing: the page and its tabs are imported when the module is
first opened. ``MODULE`` is what ``desktop.modules`` registers.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop.modules import ORDER, Module, NewRequest, page
from desktop.training.cards import CARDS
from models.people import Role, User

# 培训办 (教研处) runs the training, the main leaders approve plans and credits.
ROLES = frozenset({Role.TRAINING, Role.LEADER})


def leads_a_group(user: User) -> bool:
    """A 教研组长 whose login is linked to his teacher record: he keeps his group's
    registers (T3), so the page is his too (the head of 教研室 in the demo office)."""
    from models import training

    return training.leads_a_group(user)


def files_requests(user: User) -> bool:
    """请假 and 学分申请 are filed by a teacher (his login linked to him) or by 培训办 for
    one (``training.request_leave``, ``training.claim_external``)."""
    from models.training import teacher_of_user

    return user.has_role(Role.TRAINING) or teacher_of_user(user) is not None


def is_a_teacher(user: User) -> bool:
    """我的培训档案 is offered to a login linked to a teacher record (T6: his own archive)."""
    from models.training import teacher_of_user

    return teacher_of_user(user) is not None


REQUESTS = (
    NewRequest(
        "training_leave",
        lambda: QCoreApplication.translate("modules", "申请请假…"),
        "add",
        "desktop.training.requests:new_leave_dialog",
        files_requests,
    ),
    NewRequest(
        "training_claim",
        lambda: QCoreApplication.translate("modules", "申报外出培训学分…"),
        "add",
        "desktop.training.requests:new_claim_dialog",
        files_requests,
    ),
    NewRequest(
        "training_archive",
        lambda: QCoreApplication.translate("modules", "我的培训档案…"),
        "training",
        "desktop.training.archive:own_archive",
        is_a_teacher,
    ),
)


@dataclass(frozen=True)
class TrainingModule(Module):
    """Visible to 培训办, the main leaders and the 教研组长 (a teacher, not a role)."""

    def visible_to(self, user: User) -> bool:
        return user.has_role(*self.roles) or leads_a_group(user)


MODULE = TrainingModule(
    "training",
    lambda: QCoreApplication.translate("modules", "培训管理"),
    "training",
    page("desktop.training.page:TrainingPage"),
    ORDER["training"],
    ROLES,
    windows=(
        ("training_leave", "desktop.training.requests:leave_window"),
        ("training_claim", "desktop.training.requests:claim_window"),
    ),
    cards=CARDS,
    requests=REQUESTS,
)
