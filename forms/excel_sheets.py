"""Reading a workbook for import: every sheet streamed by python-calamine, after the file
itself was checked (``forms.excel_guard``), and the header row found by the labels it names."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from forms.excel_guard import CellProblems, cell_problems, check_size
from forms.spec import Field, FormSpec
from forms.values import _text
from models.errors import HouqinError

HEADER_SCAN_ROWS = 30
_REQUIRED_MARKS = re.compile(r"[*＊]|[(（]\s*必填\s*[)）]|[(（]\s*required\s*[)）]", re.I)
_SPACES = re.compile(r"\s+")


class Sheet:
    """One worksheet: its name, its first rows (for finding the header) and a way to stream
    all its rows. ``rows()`` may be called more than once.

    Built from python-calamine (``from_calamine``) or from plain lists (tests, CSV)."""

    def __init__(self, name: str, rows: Callable[[], Iterator[list[Any]]], height: int) -> None:
        self.name = name
        self.problems: CellProblems = {}  # cells the reader returns as '' but are not empty
        self.rows = rows
        self.height = height
        self.head = list(itertools.islice(rows(), HEADER_SCAN_ROWS))

    @classmethod
    def from_lists(cls, name: str, rows: list[list[Any]]) -> Sheet:
        return cls(name, lambda: iter(rows), len(rows))

    @classmethod
    def from_calamine(cls, sheet: Any) -> Sheet:
        # ``iter_rows`` hands rows to Python one at a time (the cells stay in calamine's
        # compact Rust storage until then); ``to_python`` would build every row at once.
        # Leading blank rows/columns are kept (``skip_empty_area=False`` semantics), so row
        # numbers in messages are the ones Excel shows.
        # calamine's ``iter_rows`` yields from the sheet's first row, but its columns begin
        # at the first used column: pad them back so column letters match Excel's.
        start_col = sheet.start[1] if sheet.start else 0

        def rows() -> Iterator[list[Any]]:
            if not start_col:
                yield from sheet.iter_rows()
                return
            pad = [""] * start_col
            for row in sheet.iter_rows():
                yield pad + row

        return cls(sheet.name, rows, sheet.end[0] + 1 if sheet.end else 0)


def read_workbook(path: str | Path) -> list[Sheet]:
    """Every sheet of an .xlsx/.xls/.ods file, streamed by python-calamine."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    if not path.is_file():
        raise HouqinError(f"找不到文件：{path}", f"file not found: {path}")
    hinted = check_size(path)  # before the reader unpacks anything
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [Sheet.from_calamine(book.get_sheet_by_name(n)) for n in book.sheet_names]
        problems = cell_problems(path, hinted)
    except Exception as exc:  # calamine raises its own types for corrupt or foreign files
        raise HouqinError(
            f"无法读取 Excel 文件 {path}：{exc}", f"cannot read the Excel file {path}: {exc}"
        ) from exc
    for sheet in sheets:
        sheet.problems = problems.get(sheet.name, {})
    return sheets


def header_key(text: Any) -> str:
    """A header cell as compared: NFKC, no spaces, no required marks, lower case."""
    if not isinstance(text, str):
        text = _text(text) if text is not None else ""
    text = unicodedata.normalize("NFKC", text)
    text = _REQUIRED_MARKS.sub("", text)
    return _SPACES.sub("", text).lower()


def label_index(spec: FormSpec) -> dict[str, Field]:
    index: dict[str, Field] = {}
    for f in spec.fields:
        for name in (f.key, f.label_en, f.label):  # the label wins a clash
            if name:
                index[header_key(name)] = f
    return index


def find_header(spec: FormSpec, sheets: list[Sheet]) -> tuple[Sheet, int] | None:
    """The sheet and 0-based row whose cells name the most fields."""
    index = label_index(spec)
    best: tuple[int, Sheet, int] | None = None
    for sheet in sheets:
        for r, row in enumerate(sheet.head):
            hits = {index[k].key for k in map(header_key, row) if k in index}
            if hits and (best is None or len(hits) > best[0]):
                best = (len(hits), sheet, r)
    return (best[1], best[2]) if best else None
