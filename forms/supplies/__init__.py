"""办公用品 on paper and in Excel (S1–S8). Importing the package registers everything:

- ``registers``: the catalogue, suppliers and opening balances as import/export kinds, the
  ledger, requisitions and orders as export-only registers, and the fields 审批中心 shows;
- ``count``: the 盘点表 (PDF and workbook) and the counts read back (S5);
- ``printables``: the 申请批准单 slip of a requisition (S6);
- ``report``: the quarterly workbook for the higher authority.
"""

from forms.supplies import count, printables, registers, report

__all__ = ["count", "printables", "registers", "report"]
