"""Import a register from .xlsx (Excel, WPS, LibreOffice): typed, checked, all-or-nothing.

How a file is read:

- The sheet: the one whose header row matches the form best (the 说明 and 选项 sheets of a
  template never do). The header row is found among the first 30 rows, so an exported
  register with its title, 填报单位 and filter rows imports as it is.
- Columns are matched by label, tolerating spaces, full-width characters, the ``*`` required
  mark, （必填）, any order, and the English label or field key. Unknown columns are ignored
  with a notice; an 错误 column (from an error workbook) is ignored silently.
- Reading stops at a footer row whose first cell is 合计 or 负责人 (an exported register);
  blank rows are skipped; the template's example row (key ending in （示例）) is skipped.

How it is written (update, upsert, and kinds without a staged batch): one transaction for
the whole file. Each row runs the kind's domain use case in its own savepoint, so a rule
broken by row 7 is reported and rows 8 … n are still checked; at the end, any error (or a
dry run) rolls everything back. Nothing is ever half imported, and a dry run reports exactly
what a real run would do, because it *is* a real run that is rolled back (for a staged kind,
below, a dry run is its check pass).

A kind with ``staged`` (items, opening balances, vehicles, shops, stations, customers,
teachers) is imported, in insert mode, validate-first: the whole file is read and checked
before anything is written,
``BULK_BATCH`` rows per call of the check half of its domain's batch use case
(``supplies.check_items``: ``add_items``, the function a dialog's single record goes through
as a batch of one, is that check and the write half in one transaction). The checks that
read the database are indexed IN (...) reads outside any write transaction; what earlier
batches of the file bring is kept by the use case in one ``seen`` dict. Every bad row of the
file is reported. The checked rows, as they will be written, wait for the write pass
(``forms.excel_spool``: the first batches in memory, the rest in a temporary file, so
memory stays bounded). Only a file without a bad row is then written, in one transaction
that runs the write half for each checked batch: the indexed re-checks (another desktop
may have written since) and the bulk inserts with their audit rows, nothing else.

A kind with only ``insert_batch`` (the bench's reference kind) is written a batch per call in
the one transaction of the whole run, also after a batch was refused (rolled back at the
end), so the report names every bad row.

The write lock: the transaction is ``BEGIN IMMEDIATE`` on SQLite. For a staged kind it is
held only for the write pass (bounded by the number of rows at bulk speed: no parsing, no
type checks, no pinyin; a refused file never takes it; ``ImportResult.write_seconds`` and
``bench/excel_io.py`` print it); for the others (update and upsert modes) for the whole run.
Readers go on (WAL). While it holds the lock the import leaves a marker beside the file
(``models.db.long_write``): a writer on another desktop waits the busy timeout
(``models.db.BUSY_TIMEOUT_S``) and then is told 「正在等待其他用户完成导入…」 with who imports
what (``models.db.WriteBusy``), never ``database is locked``. On MariaDB only the rows written
stay locked until the commit.

Readers: python-calamine, ~95,000 rows/s against openpyxl read-only's ~16,000 (10 columns,
``bench/excel_io.py``); its quirks (integers as floats, empty cells as ``''``) are handled in
``forms.values``. Memory: calamine keeps the sheet's cells in its compact Rust storage (it has
no lazier reader) while rows reach Python one at a time (``iter_rows``); Python keeps the keys
(duplicate check) and the rejected rows. The cycle collector is paced (``forms.bulk``).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import peewee

from forms.bulk import fewer_collections
from forms.excel_guard import CellProblems, describe
from forms.excel_result import ImportResult, Mode, RowError
from forms.excel_sheets import Sheet, find_header, header_key, label_index, read_workbook
from forms.excel_spool import CheckedBatches
from forms.kinds import Kind, Values, get_kind
from forms.spec import Field, FieldType
from forms.values import ValueProblem, _text, echo, nonblank_parser_for
from models.db import data_version, db, long_write
from models.errors import Cancelled, HouqinError, RowsRefused, RuleViolation
from models.people import SYSTEM

__all__ = ["ImportResult", "Mode", "RowError", "import_file", "import_rows"]

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

CHECK_EVERY = 256  # rows between progress reports and cancellation checks
BULK_BATCH = 2000  # rows per existence query and batch use case call in bulk insert mode
REF_CACHE = 4096  # records kept by reference text: a unit repeats, an item of 期初 does not
ERROR_COLUMN = "错误"
FOOTER_MARKS = ("合计", "负责人")


EXAMPLE_MARK = "（示例）"
_FOOTER_FIRST = frozenset(mark[0] for mark in FOOTER_MARKS)


def _first(row: list[Any]) -> Any:
    """The first cell of ``row`` holding something (``None`` for a blank row)."""
    return next((v for v in row if v is not None and v != ""), None)


def is_example(key_cell: Any) -> bool:
    """The template's example row carries ``（示例）`` after its business key, so it can be
    skipped without ever mistaking a real record that happens to equal the example."""
    return (
        isinstance(key_cell, str) and "示例" in key_cell and header_key(key_cell).endswith("(示例)")
    )


class _Run:
    """One import: the column map, the caches, the counters."""

    def __init__(
        self,
        kind: Kind,
        result: ImportResult,
        actor: Any,
        progress: ProgressFn | None,
        cancelled: CancelledFn | None,
    ) -> None:
        self.kind = kind
        self.spec = kind.spec
        self.result = result
        self.actor = actor
        self.progress = progress
        self.cancelled = cancelled
        self.columns: list[tuple[int, Field]] = []
        self.ref_cache: dict[tuple[str, str], Any] = {}
        self.seen_keys: dict[str, int] = {}
        self.problems: CellProblems = {}
        self.pending: dict[int, list[Any]] = {}  # the cells of the batch not yet written
        self.required = self.spec.required_fields  # read once, not once a row
        self.staged = kind.staged
        self.seen: dict[str, Any] = {}  # the staged check's memory of earlier batches
        self.checked = CheckedBatches()  # the checked batches, waiting for the write
        self.version: int | None = None  # ``data_version`` before the check pass

    def error(self, row: int | None, f: Field | None, value: Any, zh: str, en: str) -> None:
        self.result.errors.append(
            RowError(self.result.sheet, row, f.label if f else None, value, zh, en)
        )

    def tick(self, done: int, total: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.progress is not None:
            self.progress(done, total)

    # -- header -------------------------------------------------------------------------

    def map_columns(self, header: list[Any], mode: Mode) -> bool:
        index = label_index(self.spec)
        taken: dict[str, int] = {}
        for c, cell in enumerate(header):
            k = header_key(cell)
            if not k or k == ERROR_COLUMN:
                continue
            f = index.get(k)
            if f is None:
                self.result.notices.append(
                    f"忽略未知的列「{echo(cell)}」 / ignored unknown column {echo(cell)!r}"
                )
                continue
            if f.key in taken:
                self.error(None, f, cell, "该列出现了两次", "this column appears twice")
                continue
            taken[f.key] = c
            self.columns.append((c, f))
        key_field = self.spec.key_field
        missing = [key_field] if key_field.key not in taken else []
        if mode != Mode.UPDATE:
            missing += [
                f
                for f in self.spec.required_fields
                if f.key not in taken and f.key != key_field.key
            ]
        for f in missing:
            self.error(None, f, None, "缺少必填列", "a required column is missing")
        return not self.result.errors

    # -- rows ---------------------------------------------------------------------------

    def run(self, rows: Iterator[list[Any]], first_row: int, total: int, mode: Mode) -> None:
        """One pass over the data rows: parse, check, write. Memory stays flat: a row is
        dropped once written (only rejected rows are kept, for the error workbook)."""
        key = self.spec.key
        assert key is not None
        key_col = next((c for c, f in self.columns if f.key == key), None)
        parsers = [(c, f, nonblank_parser_for(f)) for c, f in self.columns]
        width = max((c for c, _ in self.columns), default=0) + 1
        bulk = mode == Mode.INSERT and (
            self.kind.insert_batch is not None or self.staged is not None
        )
        batch: list[tuple[int, Values]] = []
        total = max(total - first_row + 1, 0)
        for i, row in enumerate(rows):
            if i % CHECK_EVERY == 0:
                self.tick(i, max(total, i))
            if len(row) < width:
                row = list(row) + [""] * (width - len(row))
            first = row[0] if row and row[0] != "" and row[0] is not None else _first(row)
            if type(first) is str and (first[:1] in _FOOTER_FIRST or first[:1].isspace()):
                # a footer (合计, 负责人) or a row of spaces; rare: tested only then
                if not first.strip():
                    continue
                if first.strip().startswith(FOOTER_MARKS):
                    break
            elif first is None:
                continue
            excel_row = first_row + i
            if key_col is not None and is_example(row[key_col]):
                self.result.notices.append(
                    f"跳过第 {excel_row} 行（模板示例） / skipped row {excel_row} (example)"
                )
                continue
            self.result.rows_read += 1
            errors_before = len(self.result.errors)
            values = self._parse_row(excel_row, row, parsers, key)
            if values is not None:
                if bulk:
                    batch.append((excel_row, values))
                    self.pending[excel_row] = row
                    if len(batch) >= BULK_BATCH:
                        self._write_batch(batch, key)
                        batch = []
                        self.pending.clear()
                else:
                    self._write_row(excel_row, values, mode, key)
            if len(self.result.errors) > errors_before:
                self.result.source_rows[excel_row] = list(row)
        if batch:
            self._write_batch(batch, key)
        self.tick(max(total, self.result.rows_read), max(total, self.result.rows_read))

    def _parse_row(
        self, excel_row: int, row: list[Any], parsers: list[tuple[int, Field, Any]], key: str
    ) -> Values | None:
        """Typed values of one row, or None (with errors recorded)."""
        values: Values = {}
        bad = False
        for c, f, parse in parsers:
            raw = row[c]
            if raw == "" or raw is None:
                problem = self.problems.get((excel_row, c))
                if problem is not None:
                    self.error(excel_row, f, None, *describe(problem))
                    bad = True
                continue
            try:
                value = parse(raw)
            except ValueProblem as exc:
                self.error(excel_row, f, raw, exc.zh, exc.en)
                bad = True
                continue
            if value is not None:
                values[f.key] = value
        key_value = values.get(key)
        if key_value is None:
            if not bad:
                kf = self.spec.key_field
                self.error(excel_row, kf, None, f"缺少{kf.label}", f"{kf.key} is empty")
            return None
        first_seen = self.seen_keys.setdefault(key_value, excel_row)
        if first_seen != excel_row:
            self.error(
                excel_row,
                self.spec.key_field,
                key_value,
                f"与第 {first_seen} 行重复",
                f"duplicates row {first_seen}",
            )
            return None
        return None if bad else values

    def resolve(self, excel_row: int, values: Values) -> bool:
        """Replace reference keys by records; False (with errors) when one does not exist."""
        ok = True
        for _, f in self.columns:
            if f.type != FieldType.REFERENCE or f.key not in values:
                continue
            assert f.reference is not None
            text = values[f.key]
            cache_key = (f.key, text)
            if cache_key not in self.ref_cache:
                if len(self.ref_cache) >= REF_CACHE:
                    self.ref_cache.clear()
                self.ref_cache[cache_key] = f.reference.lookup(text)
            record = self.ref_cache[cache_key]
            if record is None:
                self.error(excel_row, f, text, f"没有这个{f.reference.target}", f"no such {f.key}")
                ok = False
            else:
                values[f.key] = record
        return ok

    def missing_required(self, excel_row: int, values: Values) -> bool:
        missing = [f for f in self.required if values.get(f.key) is None]
        for f in missing:
            self.error(excel_row, f, None, "必填项为空", "required but empty")
        return bool(missing)

    def _write_batch(self, batch: list[tuple[int, Values]], key: str) -> None:
        """Bulk insert mode: one existence query and one call of the kind's batch use case
        per batch of rows.

        The use case runs for every batch, even after an earlier one was refused (the whole
        run rolls back then), so the report names every bad row of the file, not only the
        first batch's. When it refuses some rows, the others of the batch are written again
        without them: a later row that duplicates one of them is still found."""
        keys = [values[key] for _, values in batch]
        if self.kind.existing_keys is not None:
            existing = self.kind.existing_keys(keys)
        else:
            existing = {k for k in keys if self.kind.find(k) is not None}
        good: list[tuple[int, Values]] = []
        for excel_row, values in batch:
            errors_before = len(self.result.errors)
            if values[key] in existing:
                self._exists(excel_row, values[key])
            elif self.resolve(excel_row, values) and not self.missing_required(excel_row, values):
                good.append((excel_row, values))
            if len(self.result.errors) > errors_before:
                self._keep_source(excel_row, values)
        if self.staged is not None:
            if good:
                self._check_batch(good, key)
            return
        for _attempt in range(2):
            if not good:
                return
            refused = self._insert_batch(good)
            if refused is None:
                self.result.inserted.extend(values[key] for _, values in good)
                return
            good = [row for i, row in enumerate(good) if i not in refused]

    def _check_batch(self, good: list[tuple[int, Values]], key: str) -> None:
        """A staged kind's batch checked (nothing written, nothing locked); when it passes,
        its rows as they will be written wait in ``checked`` (``forms.excel_spool``: memory
        or a temporary file, so the file's rows are never all held at once). A refused
        batch goes on being remembered in ``seen`` (the use case keeps its keys), so later
        rows are checked against it."""
        assert self.staged is not None
        try:
            prepared = self.staged.check(self.actor, [values for _, values in good], self.seen)
        except RowsRefused as exc:
            refused = {index for index, _ in exc.problems}
            for index, problem in exc.problems:
                excel_row, values = good[index]
                self._refused(excel_row, values, problem)
                self._keep_source(excel_row, values)
            self.result.inserted.extend(
                values[key] for i, (_, values) in enumerate(good) if i not in refused
            )
            return
        except HouqinError as exc:
            self._batch_error(good, exc.zh, exc.en)
            return
        self.result.inserted.extend(values[key] for _, values in good)
        if self.result.errors:  # nothing will be written: no need to keep the batch
            return
        self.checked.add([(excel_row, values[key]) for excel_row, values in good], prepared)

    def write_checked(self) -> None:
        """The checked batches through the kind's ``write`` (inside the caller's write
        transaction): the checks that read the database again, on indexes, then bulk
        writes. A refusal now (another desktop wrote a clashing row since the check) is
        reported on its row; the caller then rolls everything back."""
        assert self.staged is not None
        if not self.checked:
            return
        # Nobody wrote since the check pass (SQLite's counter did not move): the indexed
        # re-checks would find what the check found. Else (or on MySQL) they run.
        recheck = self.version is None or data_version() != self.version
        for rows, prepared in self.checked:
            if self.cancelled is not None and self.cancelled():
                raise Cancelled()
            try:
                self.staged.write(self.actor, prepared, recheck=recheck)
            except RowsRefused as exc:
                for index, problem in exc.problems:
                    excel_row, key_value = rows[index]
                    self._refused(excel_row, {self.spec.key: key_value}, problem)
                    self.result.source_rows.setdefault(excel_row, [key_value])
            except HouqinError as exc:
                self._batch_error(rows, exc.zh, exc.en)
            except peewee.IntegrityError:
                self._batch_error(rows, "与已有记录重复", "duplicate of an existing record")
            if self.result.errors:
                return

    def _batch_error(self, rows: list[tuple[int, Any]], zh: str, en: str) -> None:
        first, last = rows[0][0], rows[-1][0]
        self.error(None, None, None, f"第 {first}–{last} 行：{zh}", f"rows {first}-{last}: {en}")

    def _insert_batch(self, good: list[tuple[int, Values]]) -> set[int] | None:
        """One call of the batch use case in a savepoint: ``None`` when it wrote the rows,
        else the indexes (in ``good``) of the rows it refused, each reported on its row."""
        assert self.kind.insert_batch is not None
        first, last = good[0][0], good[-1][0]
        try:
            with db.atomic():  # a savepoint: a refused batch leaves no trace
                self.kind.insert_batch(self.actor, [values for _, values in good])
            return None
        except RowsRefused as exc:
            for index, problem in exc.problems:
                excel_row, values = good[index]
                self._refused(excel_row, values, problem)
                self._keep_source(excel_row, values)
            return {index for index, _ in exc.problems}
        except HouqinError as exc:
            # A refusal of the whole batch: the rows are not told apart, so the error
            # names the batch; nothing is written (the run rolls back).
            self.error(
                None,
                None,
                None,
                f"第 {first}–{last} 行：{exc.zh}",
                f"rows {first}-{last}: {exc.en}",
            )
        except peewee.IntegrityError:
            # Keys the existence check could not see as equal (MySQL compares text
            # without case): the database refused them as duplicates.
            self.error(
                None,
                None,
                None,
                f"第 {first}–{last} 行：与已有记录重复",
                f"rows {first}-{last}: duplicate of an existing record",
            )
        return set(range(len(good)))

    def _refused(self, excel_row: int, values: Values, exc: RuleViolation) -> None:
        """A use case's refusal of one row, on that row and the field it names."""
        f = self.spec.field(exc.field) if exc.field and self.spec.has_field(exc.field) else None
        self.error(excel_row, f, values.get(f.key) if f else None, exc.zh, exc.en)

    def _keep_source(self, excel_row: int, values: Values) -> None:
        """The input cells of a row refused after it was parsed, for the error workbook."""
        raw = self.pending.get(excel_row)
        cells = list(raw) if raw is not None else [_text(v) for v in values.values()]
        self.result.source_rows.setdefault(excel_row, cells)

    def _write_row(self, excel_row: int, values: Values, mode: Mode, key: str) -> None:
        key_value = values[key]
        record = self.kind.find(key_value)
        if record is None and mode == Mode.UPDATE:
            kf = self.spec.key_field
            self.error(excel_row, kf, key_value, "记录不存在，不能更新", "no such record to update")
            return
        if record is not None and mode == Mode.INSERT:
            self._exists(excel_row, key_value)
            return
        if not self.resolve(excel_row, values):
            return
        if record is None and self.missing_required(excel_row, values):
            return
        try:
            with db.atomic():  # a savepoint: a refused row leaves no trace
                if record is None:
                    secret = self.kind.insert(self.actor, values)
                    self.result.inserted.append(key_value)
                    if secret:
                        self.result.secrets[key_value] = secret
                elif self.kind.update(self.actor, record, values):
                    self.result.updated.append(key_value)
                else:
                    self.result.unchanged.append(key_value)
        except RuleViolation as exc:
            self._refused(excel_row, values, exc)
        except peewee.IntegrityError as exc:  # a concurrent insert of the same key
            self.error(excel_row, None, None, f"与已有记录冲突：{exc}", f"conflicts: {exc}")

    def _exists(self, excel_row: int, key_value: str) -> None:
        kf = self.spec.key_field
        self.error(
            excel_row,
            kf,
            key_value,
            "已存在（仅新增模式；要修改请选择更新或新增或更新）",
            "exists already (insert mode; choose update or upsert to change it)",
        )


def import_rows(
    kind: str | Kind,
    sheets: list[Sheet],
    *,
    actor: Any = SYSTEM,
    mode: Mode | str = Mode.INSERT,
    dry_run: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportResult:
    """Import already-opened sheets (see ``import_file``)."""
    with fewer_collections():
        kind = get_kind(kind)
        mode = Mode(mode)
        result = ImportResult(kind.name, mode, dry_run)
        run = _Run(kind, result, actor, progress, cancelled)
        found = find_header(kind.spec, sheets)
        if found is None:
            labels = "、".join(f.label for f in kind.spec.fields)
            result.sheet = sheets[0].name if sheets else ""
            run.error(
                None,
                None,
                None,
                f"找不到表头（应有这些列：{labels}）",
                "no header row naming the form's columns",
            )
            return result
        sheet, header_index = found
        result.sheet, result.header_row = sheet.name, header_index + 1
        result.header = list(sheet.head[header_index])
        if not run.map_columns(result.header, mode):
            return result
        run.problems = sheet.problems
        rows = itertools.islice(sheet.rows(), header_index + 1, None)
        who = getattr(actor, "display_name", "") or "命令行"
        title_en = getattr(kind.spec, "title_en", "") or kind.name
        if mode == Mode.INSERT and kind.staged is not None:
            _validate_then_write(run, rows, header_index + 2, sheet.height, (who, title_en))
            return result
        started = time.perf_counter()
        with db.atomic() as txn, long_write(who, kind.spec.title, title_en):
            run.run(rows, header_index + 2, sheet.height, mode)
            # Rows are checked in order, but a bulk batch reports after its rows were parsed.
            result.errors.sort(key=lambda e: -1 if e.row is None else e.row)
            if result.errors or dry_run:
                txn.rollback()
                result.secrets.clear()
            else:
                result.committed = True
        result.write_seconds = time.perf_counter() - started
        return result


def _validate_then_write(
    run: _Run, rows: Iterator[list[Any]], first_row: int, height: int, who: tuple[str, str]
) -> None:
    """A staged kind in insert mode: the whole file read and checked first, with no write
    transaction open (the database reads of the checks are plain reads: WAL readers block
    nobody), every bad row collected; only a file without any is written, in one
    transaction that runs the indexed re-checks and the bulk writes and nothing else. The
    write lock is so held for a time bounded by the number of rows at bulk speed, not by
    parsing, type checks, pinyin or a user's file; a rejected file never takes it."""
    result = run.result
    run.version = data_version()
    try:
        run.run(rows, first_row, height, result.mode)
        result.errors.sort(key=lambda e: -1 if e.row is None else e.row)
        if result.errors or result.dry_run:
            result.secrets.clear()
            return
        started = time.perf_counter()
        with db.atomic() as txn, long_write(who[0], run.spec.title, who[1]):
            run.write_checked()
            if result.errors:
                txn.rollback()
            else:
                result.committed = True
        result.write_seconds = time.perf_counter() - started
    finally:
        run.checked.close()


def import_file(
    kind: str | Kind,
    path: str | Path,
    *,
    actor: Any = SYSTEM,
    mode: Mode | str = Mode.INSERT,
    dry_run: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportResult:
    """Import a register from ``path``: all rows or none.

    - ``mode``: insert / update / upsert on the form's business key.
    - ``dry_run``: check everything (domain rules included), write nothing.
    - ``progress(done, total)``: rows done of the sheet's data rows, every few hundred rows
      (one pass: each row is read, checked and written before the next).
    - ``cancelled()``: polled as often; when it returns True, ``Cancelled`` is raised and
      everything is rolled back.

    Rejected rows do not raise: they are in ``result.errors`` and nothing is committed.
    Unreadable files raise ``HouqinError``.
    """
    return import_rows(
        kind,
        read_workbook(path),
        actor=actor,
        mode=mode,
        dry_run=dry_run,
        progress=progress,
        cancelled=cancelled,
    )
