"""X3: cells the reader sees as empty but are not (error values, formulas without a stored
result) are reported with what they hold; an oversized workbook is refused unread."""

from __future__ import annotations

import struct
import zipfile

import pytest
from openpyxl import Workbook

from forms.excel_import import import_file
from models import settings
from models.errors import HouqinError
from models.people import SYSTEM, User

HEADER = ["用户名", "姓名", "部门", "角色", "电话"]


def _book(path, rows):
    book = Workbook()
    ws = book.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("#"):
                cell.data_type = "e"  # an error value, as Excel stores #N/A
            elif isinstance(value, str) and not value.startswith("="):
                cell.data_type = "s"
    book.save(path)  # openpyxl stores formulas without their results
    return path


def test_X3_error_cells_and_formulas_without_a_result_are_named_not_taken_as_empty(
    office, tmp_path
):
    path = _book(
        tmp_path / "u.xlsx",
        [
            HEADER,
            ["a1", "甲一", "#N/A", None, "#DIV/0!"],  # optional columns
            ["a2", '=CONCAT("甲","二")', "办公室", None, None],  # required, no cached value
            ["a3", "甲三", "办公室", None, None],
        ],
    )
    before = User.select().count()
    result = import_file("users", path)
    assert not result.committed and User.select().count() == before
    messages = [str(e) for e in result.errors]
    assert result.rejected_rows == [2, 3], messages
    assert any("第 2 行「部门」列" in m and "错误值 #N/A" in m for m in messages), messages
    assert any("第 2 行「电话」列" in m and "#DIV/0!" in m for m in messages), messages
    formula = [m for m in messages if "第 3 行「姓名」列" in m]
    assert formula and "公式" in formula[0] and "打开并保存" in formula[0], messages
    assert not any("必填项为空" in m for m in messages), messages


def test_X3_a_formula_is_found_in_a_sheet_kept_outside_the_usual_folder(office, tmp_path):
    """A generator may keep its sheet outside ``xl/worksheets/`` (the workbook's relations
    say where): its formulas without a result are still named, not taken as empty."""
    usual = _book(tmp_path / "u.xlsx", [HEADER, ["a2", '=CONCAT("甲","二")', "办公室"]])
    moved = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(usual) as src, zipfile.ZipFile(moved, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            name = info.filename.replace("worksheets/sheet1.xml", "sheets/data.xml")
            if info.filename in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                data = data.replace(b"worksheets/sheet1.xml", b"sheets/data.xml")
            dst.writestr(name, data)
    assert "xl/sheets/data.xml" in zipfile.ZipFile(moved).namelist()
    result = import_file("users", moved)
    assert not result.committed
    assert any("第 2 行「姓名」列" in str(e) and "公式" in str(e) for e in result.errors), [
        str(e) for e in result.errors
    ]


def test_X3_a_workbook_unpacking_over_the_limit_is_refused_before_it_is_read(office, tmp_path):
    settings.put(SYSTEM, "import.max_unzipped_mb", 1)
    path = _book(tmp_path / "big.xlsx", [HEADER, ["a1", "甲一", "办公室", None, "1" * 10]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"0" * (3 * 1024 * 1024))  # 3 MB, a few kB packed
    assert path.stat().st_size < 100_000
    with pytest.raises(HouqinError) as err:
        import_file("users", path)
    assert "解压后" in err.value.zh and "超过导入上限 1 MB" in err.value.zh
    settings.put(SYSTEM, "import.max_unzipped_mb", 200)
    assert import_file("users", path).committed


def _forge_size(path, member: str, declared: int) -> None:
    """Rewrite the sizes ``member`` declares (its local header and its directory entry) to
    ``declared`` bytes, leaving the packed data as it is: a part that unpacks to more than
    the directory says, as a crafted file would."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo(member).header_offset
    struct.pack_into("<I", data, offset + 22, declared)  # local header: uncompressed size
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name:
            struct.pack_into("<I", data, at + 24, declared)  # directory: uncompressed size
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_X3_a_workbook_whose_directory_understates_a_part_is_refused_unread(office, tmp_path):
    path = _book(tmp_path / "forged.xlsx", [HEADER, ["a1", "甲一", "办公室", None, "1" * 10]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"0" * (3 * 1024 * 1024))
    _forge_size(path, "xl/padding.bin", 100)  # 3 MB of data declared as 100 bytes
    with zipfile.ZipFile(path) as archive:
        assert sum(i.file_size for i in archive.infolist()) < 1024 * 1024
    settings.put(SYSTEM, "import.max_unzipped_mb", 1)
    with pytest.raises(HouqinError) as err:
        import_file("users", path)
    assert "已损坏或被篡改" in err.value.zh and "xl/padding.bin" in err.value.zh
    assert "forged" in err.value.en
    assert User.select().where(User.username == "a1").count() == 0
