"""培训考勤与学分 on paper and in Excel (T1–T7). Importing the package registers everything:

- ``doc_fields``: the approval summary of each training document on the engine (分层培训方案,
  学分登记, 请假, 外出培训与自学学分申请), what 审批中心 and the 申请批准单 show;
- ``registers``: the credit register's lines and the county bureau's yearly register, as
  typed Excel registers (工号 and ID numbers text, 学时 and 学分 numbers);
- ``bureau_export``: 上报教育局, the bureau's register by an export profile, recorded;
- ``printables``: the 签到表 of a session (the roster with a signature column);
- ``archive``: the 教师培训档案, a teacher's school year (T6);
- ``checks``: the 过程督查记录, a session's spot checks (T5);
- ``teachers``, ``attendance``, ``external``: the import kinds ``teachers`` (the roll),
  ``attendance`` (a marked register back from Excel) and ``external-training`` (T7 claims).

Writes go through ``models.training`` only.
"""

from forms.training import (
    archive,
    attendance,
    bureau_export,
    checks,
    doc_fields,
    external,
    printables,
    registers,
    teachers,
)
from forms.training.archive import TEACHER_ARCHIVE, write_teacher_archive
from forms.training.bureau_export import export_credit_register
from forms.training.checks import SPOT_CHECK, write_spot_check_record
from forms.training.printables import SIGN_IN, write_sign_in_sheet
from forms.training.registers import BUREAU, CREDIT_LINES, write_bureau_register

__all__ = [
    "BUREAU",
    "CREDIT_LINES",
    "SIGN_IN",
    "SPOT_CHECK",
    "TEACHER_ARCHIVE",
    "archive",
    "attendance",
    "bureau_export",
    "checks",
    "doc_fields",
    "export_credit_register",
    "external",
    "printables",
    "registers",
    "teachers",
    "write_bureau_register",
    "write_sign_in_sheet",
    "write_spot_check_record",
    "write_teacher_archive",
]
