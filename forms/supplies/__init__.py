"""办公用品 on paper and in Excel (S1–S8). Importing the package registers everything:

- ``registers``: the catalogue and suppliers, imported and exported;
- ``openings``: the opening balances (期初结存), imported and exported;
- ``records``: the ledger, requisitions and purchase orders, exported only;
- ``count``: the 盘点表 (PDF and workbook) and the counts read back (S5);
- ``printables``: the 申请批准单 slip of a requisition (S6);
- ``doc_fields``: each supplies document's approval summary (``forms.summary``);
- ``report``: the quarterly workbook for the higher authority.

``fields`` holds what several of them share (the columns that describe an item).
"""

from forms.supplies import count, doc_fields, openings, printables, records, registers, report

__all__ = ["count", "doc_fields", "openings", "printables", "records", "registers", "report"]
