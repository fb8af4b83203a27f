"""季度盘点: the quarterly count of the store (S5), by concern: ``document`` (states, tables,
flow, reminder, open), ``counting``, ``decisions`` (submit, approve, post, void), ``result``.

    每季度初 the store is due for a count (``stocktake_due``)
    → logistics opens a stocktake: the book quantity of every item is snapshotted, and the
      ledger position at that moment is remembered (``mark``)
    → the count sheet (optionally blind: book quantities hidden until the count is handed in)
    → counts entered one by one or in bulk from the Excel importer (``set_counts``)
    → submitted: every line counted; variance = counted − (snapshot + movements between the
      snapshot and the moment the line was counted); every non-zero variance has a reason
    → the main leader approves on the approval engine
    → logistics posts: 盘盈 / 盘亏 movements (S8). A posted stocktake never changes.

Why the count is right while the store keeps working: opening locks every counted item row
before it reads the stock and the ledger's highest movement id, so every movement of those
items is either inside the snapshot (committed before) or after ``mark`` (its id is drawn
after the open). A clerk may issue paper at 10:30 while the shelf was counted at 10:05: the
issue is after the count, so it is not in the expected quantity; one at 9:50 is.
"""

from __future__ import annotations

from models.supplies.stocktake.counting import (
    CountSheetRow,
    VarianceRow,
    count_sheet,
    enter_count,
    set_counts,
    set_reason,
    variances,
)
from models.supplies.stocktake.decisions import (
    approve_stocktake,
    cancel_stocktake,
    post_stocktake,
    submit_stocktake,
)
from models.supplies.stocktake.document import (
    ACTIVE,
    COUNTING,
    STOCKTAKE_FLOW,
    STOCKTAKE_TABLES,
    Stocktake,
    StocktakeLine,
    StocktakeReminder,
    StocktakeState,
    open_stocktake,
    stocktake_due,
)
from models.supplies.stocktake.result import StocktakeResultRow, stocktake_result

__all__ = [
    "ACTIVE",
    "COUNTING",
    "STOCKTAKE_FLOW",
    "STOCKTAKE_TABLES",
    "CountSheetRow",
    "Stocktake",
    "StocktakeLine",
    "StocktakeReminder",
    "StocktakeResultRow",
    "StocktakeState",
    "VarianceRow",
    "approve_stocktake",
    "cancel_stocktake",
    "count_sheet",
    "enter_count",
    "open_stocktake",
    "post_stocktake",
    "set_counts",
    "set_reason",
    "stocktake_due",
    "stocktake_result",
    "submit_stocktake",
    "variances",
]
