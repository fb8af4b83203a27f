"""客户回访与投诉 on paper and in Excel (C1–C12). Importing the package registers everything:

- ``registers``: the customer archive (import and export, C1);
- ``projects``: the customers' projects and policies, whose delivery starts the C9 cadence;
- ``questionnaire``: the online questionnaire's answers (import, C3);
- ``notices``: the 受理 / 不予受理 / 处理决定 告知书 sent to a complainant (C10);
- ``records``: the 回访记录, 投诉登记 and 回访问题跟踪 registers (export, by period);
- ``printables``: the 回访计划表, 回访记录表 (the on-site copy the customer signs), 投诉登记表;
- ``doc_fields``: the plan's and the complaint decision's approval summaries;
- ``report``: ``callbacks-monthly`` (C6–C8) and ``service-quarterly`` (C12).

Writes go through ``models.callbacks`` only.
"""

from forms.callbacks import (
    doc_fields,
    notices,
    printables,
    projects,
    questionnaire,
    records,
    registers,
    report,
)
from forms.callbacks.printables import COMPLAINT_FORM, PLAN_FORM, RECORD_FORM
from forms.callbacks.records import COMPLAINTS, PROBLEMS, RECORDS
from forms.callbacks.registers import CUSTOMERS
from forms.callbacks.report import write_monthly_report, write_quarterly_report

__all__ = [
    "COMPLAINTS",
    "COMPLAINT_FORM",
    "CUSTOMERS",
    "PLAN_FORM",
    "PROBLEMS",
    "RECORDS",
    "RECORD_FORM",
    "doc_fields",
    "notices",
    "printables",
    "projects",
    "questionnaire",
    "records",
    "registers",
    "report",
    "write_monthly_report",
    "write_quarterly_report",
]
