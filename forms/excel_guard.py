"""What the cell reader cannot tell, checked on the file itself before and beside it.

- **Size.** An .xlsx is a zip: a 5 MB file may unpack to gigabytes (one 300 MB string, or
  20 million shared strings), and the reader holds the parts it unpacks. The members' sizes
  are summed from the zip directory, before anything is read, and a workbook over the
  ``import.max_unzipped_mb`` setting is refused. The directory is written by whoever made the
  file, so it is then proved: each part is unpacked once, in chunks, and Python's reader
  stops at the declared size and checks the part's CRC, so a part that unpacks to more than
  it declares fails here, before the cell reader (which would trust it) sees it.
- **Cells without a value.** python-calamine returns ``''`` for an error cell (``#N/A``,
  ``#DIV/0!``) and for a formula whose result the file does not hold (written by a program
  that does not calculate, e.g. openpyxl): the importer would take it as empty. The sheet XML
  is searched for both (a byte scan first, in the same unpacking that proves the sizes: the
  common file has neither, and no part is unpacked twice), and each is reported with what
  it holds and what to do.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Collection, Iterator
from pathlib import Path
from xml.etree.ElementTree import iterparse

from models.errors import HouqinError

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# What a formula's or an error cell's XML cannot lack: a tag ``<f …>`` / ``<x:f …/>``
# (closed by ``f>`` or followed by a space) or ``t="e"``. Plain byte searches (memchr speed,
# three times a regex's); text that happens to hold them only costs the exact scan.
_HINTS = (b"f>", b"f ", b't="e"')
_SHEETS = "xl/worksheets/"
_CHUNK = 1 << 20

# (Excel row, 0-based column) -> what the cell holds, in words
CellProblems = dict[tuple[int, int], str]


def max_unzipped_bytes() -> int:
    from models import settings

    return int(settings.get("import.max_unzipped_mb")) * 1024 * 1024


def check_size(path: Path, limit: int | None = None) -> frozenset[str]:
    """Refuse a workbook whose parts unpack to more than ``limit`` bytes (the setting).
    Returns the sheet parts whose bytes hint at an error cell or a formula (``_HINTS``),
    seen while unpacking them, for ``cell_problems``."""
    if not zipfile.is_zipfile(path):
        return frozenset()  # .xls / .ods-less formats: the reader's own limits apply
    limit = max_unzipped_bytes() if limit is None else limit
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        total = sum(info.file_size for info in members)
        if total > limit:
            mb, cap = total / 1024 / 1024, limit / 1024 / 1024
            raise HouqinError(
                f"文件 {path.name} 解压后有 {mb:,.0f} MB，超过导入上限 {cap:,.0f} MB，未读取。"
                "请把数据分成几个文件导入，或请管理员在系统设置中调高「导入文件解压后上限」",
                f"{path.name} unpacks to {mb:,.0f} MB, over the import limit of {cap:,.0f} MB;"
                " not read. Split the data, or ask the administrator to raise the limit",
            )
        return frozenset(info.filename for info in members if _prove_size(archive, info, path))


def _prove_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bool:
    """Unpack one part, discarding it: the reader yields no more than the declared size and
    then compares the CRC, so a lying directory raises ``BadZipFile`` here. True for a
    sheet part whose bytes hint at an error cell or a formula."""
    sheet = info.filename.startswith(_SHEETS)
    hinted = False
    tail = b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                if sheet and not hinted:
                    window = tail + chunk
                    hinted = any(hint in window for hint in _HINTS)
                    tail = chunk[-8:]
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise HouqinError(
            f"文件 {path.name} 已损坏或被篡改（{info.filename} 的内容与记录的大小不符），"
            "未读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入",
            f"{path.name} is damaged or forged ({info.filename} does not match its recorded "
            "size); not read. Open it in Excel or WPS and save it again as .xlsx",
        ) from exc
    return hinted


def cell_problems(path: Path, hinted: Collection[str] | None = None) -> dict[str, CellProblems]:
    """``{sheet name: {(row, column): description}}`` of error cells and formulas without a
    stored result, for an .xlsx; empty for other formats or a file without any.
    ``hinted``: the parts ``check_size`` found hints in (of those under ``_SHEETS`` only
    these are scanned); any other sheet part is searched for hints here."""
    if not zipfile.is_zipfile(path):
        return {}
    found: dict[str, CellProblems] = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in _sheet_parts(archive):
            if part not in archive.namelist():
                continue
            # a sheet where the size proof looked (the usual place) is known; one a
            # generator put elsewhere is searched here
            known = hinted is not None and part.startswith(_SHEETS)
            if part in hinted if known else _has_markers(archive, part):
                problems = dict(_scan(archive, part))
                if problems:
                    found[name] = problems
    return found


def describe(problem: str) -> tuple[str, str]:
    """The message for one problem cell: what it holds and what to do."""
    if problem.startswith("#"):
        return (
            f"单元格是错误值 {problem}（不是数据）：请改正公式或直接输入数值，保存后重新导入",
            f"the cell holds the error {problem}, not data: fix the formula or type the value",
        )
    return (
        f"单元格是公式 ={problem[:60]}，但文件里没有保存计算结果：请用 Excel 或 WPS 打开并"
        "保存该文件（让公式算出结果），或直接输入数值",
        f"the cell is a formula (={problem[:60]}) whose result the file does not hold: open "
        "and save the file in Excel, or type the value",
    )


def _sheet_parts(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return
    from xml.etree.ElementTree import fromstring

    targets = {}
    for rel in fromstring(rels):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id")] = posixpath.normpath(target)
    for sheet in fromstring(book).iter(f"{_NS}sheet"):
        part = targets.get(sheet.get(f"{_REL_NS}id"))
        if part:
            yield sheet.get("name", ""), part


def _has_markers(archive: zipfile.ZipFile, part: str) -> bool:
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            if any(hint in tail + chunk for hint in _HINTS):
                return True
            tail = chunk[-8:]
    return False


def _scan(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[tuple[int, int], str]]:
    with archive.open(part) as stream:
        for _event, cell in iterparse(stream):
            if cell.tag != f"{_NS}c":
                if cell.tag == f"{_NS}row":
                    cell.clear()
                continue
            value = cell.find(f"{_NS}v")
            formula = cell.find(f"{_NS}f")
            text = value.text if value is not None else None
            if cell.get("t") == "e":
                yield _address(cell.get("r", "")), text or "#VALUE!"
            elif formula is not None and not text:
                yield _address(cell.get("r", "")), formula.text or "(共享公式)"


def _address(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    digits = "".join(ch for ch in ref if ch.isdigit())
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return int(digits or 0), column - 1
