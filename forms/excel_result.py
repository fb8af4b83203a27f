"""What an import did: the mode it ran in, each reason a row was rejected, the result the
dialog, the command line and the error workbook read. Apart from the run itself
(``forms.excel_import``, which re-exports these names) so both stay small."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from forms.values import REASON_MAX, echo, is_blank


class Mode(StrEnum):
    INSERT = "insert"  # new records only; an existing key is an error
    UPDATE = "update"  # existing records only; an unknown key is an error
    UPSERT = "upsert"  # update when the key exists, insert otherwise

    @property
    def label(self) -> str:
        return {"insert": "仅新增", "update": "仅更新", "upsert": "新增或更新"}[self.value]


@dataclass(frozen=True)
class RowError:
    """One reason a row (or the file) was rejected. ``row`` is the Excel row number (1-based)
    as the user sees it; ``None`` for a problem with the whole file."""

    sheet: str
    row: int | None
    column: str | None
    value: Any
    zh: str
    en: str

    def __str__(self) -> str:
        where = f"工作表「{self.sheet}」"
        where_en = f"sheet {self.sheet!r}"
        if self.row is not None:
            where += f"第 {self.row} 行"
            where_en += f" row {self.row}"
        if self.column:
            where += f"「{self.column}」列"
            where_en += f" column {self.column!r}"
        if not is_blank(self.value):
            where += f"，值「{echo(self.value)}」"
            where_en += f" value {echo(self.value)!r}"
        zh, en = echo(self.zh, REASON_MAX), echo(self.en, REASON_MAX)
        return f"{where}：{zh} / {where_en}: {en}"


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a rejected file, would have done)."""

    kind: str
    mode: Mode
    dry_run: bool
    sheet: str = ""
    header_row: int = 0
    header: list[Any] = field(default_factory=list)
    rows_read: int = 0
    inserted: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    committed: bool = False
    # Seconds the write transaction was open (the SQLite write lock held): for a staged
    # kind only the final write, for the others the whole run.
    write_seconds: float = 0.0
    # One-time secrets by business key (a new user's initial password): shown once by the
    # caller, never written to the error workbook or a log, and empty after a dry run.
    secrets: dict[str, str] = field(default_factory=dict, repr=False)
    # The input cells of rejected rows, for the error workbook.
    source_rows: dict[int, list[Any]] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors if e.row is not None})

    def summary(self) -> str:
        """Two lines, Chinese then English, for a message box or the terminal."""
        n_ins, n_upd, n_same = len(self.inserted), len(self.updated), len(self.unchanged)
        n_bad = len(self.rejected_rows)
        if self.committed:
            state_zh, state_en = "已导入", "imported"
        elif self.dry_run:
            state_zh, state_en = "试导入（未写入）", "dry run (nothing written)"
        else:
            state_zh, state_en = "有错误，未写入任何数据", "errors found, nothing written"
        return (
            f"{state_zh}：新增 {n_ins} 条，更新 {n_upd} 条，无变化 {n_same} 条，"
            f"有错误 {n_bad} 行（共 {len(self.errors)} 处）\n"
            f"{state_en}: {n_ins} inserted, {n_upd} updated, {n_same} unchanged, "
            f"{n_bad} rows rejected ({len(self.errors)} errors)"
        )


def errors_by_row(errors: Iterable[RowError]) -> dict[int | None, list[RowError]]:
    """Errors grouped by their Excel row (``None``: the file's), for the error workbook's
    错误 cell of each row."""
    grouped: dict[int | None, list[RowError]] = {}
    for e in errors:
        grouped.setdefault(e.row, []).append(e)
    return grouped
