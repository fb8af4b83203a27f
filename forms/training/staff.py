"""What every training sheet that names a teacher shares: the 工号 column and the teacher it
names (the ``attendance`` and ``external-training`` kinds read a row's teacher the same way).

Why one declaration: a 工号 is text with its leading zeros (``as_text``: a number cell is
refused with how to fix the column), and the message for an unknown 工号 names the rule of
the sheet it came from; two copies drifted apart in their help text before.
"""

from __future__ import annotations

from forms.spec import Field
from models import training
from models.errors import RuleViolation
from models.training import Teacher

STAFF_NO_HELP = "教师工号，前导零保留。请把该列设为「文本」格式。"


def staff_no_field(help: str = STAFF_NO_HELP) -> Field:
    """The 工号 column (required, text, ``00123``)."""
    return Field(
        "staff_no",
        "工号",
        required=True,
        width=10,
        max_length=20,
        example="00123",
        help=help,
        label_en="Staff no.",
        as_text=True,
    )


def teacher_of_row(staff_no: str, rule: str) -> Teacher:
    """The teacher a row's 工号 names, or the row refused under ``rule`` on its 工号 cell."""
    found = Teacher.get_or_none(Teacher.staff_no == training.check_staff_no(staff_no))
    if found is None:
        raise RuleViolation(
            rule, f"没有工号为 {staff_no} 的教师", f"no teacher {staff_no}", field="staff_no"
        )
    return found
