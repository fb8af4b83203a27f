"""The real kinds of ``bench/excel_io.py``: the generated sheet of each (as an office fills
it) and the child process that imports it through ``import_file`` on a fresh database, by
the role the kind takes. Apart from the bench's runner so both stay small."""

from __future__ import annotations

import random
import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any


def current_mb() -> float:
    """Resident memory now (before the work), in MB."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


BEFORE_IMPORT: list[Callable[[], None]] = []
"""Called just before the measured import (``bench/_import_ceiling.py`` snapshots the
database there): the set-up of a kind's child is not part of what is compared."""


def measured_import(kind: Any, xlsx: Path, actor: Any) -> dict[str, Any]:
    """``import_file`` of ``xlsx`` in insert mode by ``actor`` (``None``: the command line's
    actor), timed, with the RSS before it; the file must import without an error."""
    from forms.excel_import import import_file

    for hook in BEFORE_IMPORT:
        hook()
    base = current_mb()
    t0 = time.perf_counter()
    by = {} if actor is None else {"actor": actor}
    result = import_file(kind, xlsx, mode="insert", **by)
    seconds = time.perf_counter() - t0
    assert result.committed, [str(e) for e in result.errors[:5]]
    return {
        "seconds": seconds,
        "rows": len(result.inserted),
        "base": base,
        "lock": result.write_seconds,
    }


def warm_pinyin() -> float:
    """pypinyin's dictionaries (~40 MB, loaded once by the first name searched) belong to
    the base, so that ``grew`` is what the import itself holds; the seconds they took to
    load, returned, are added to the measured time."""
    from models.text import search_key

    t_load = time.perf_counter()
    search_key.__wrapped__("预热")
    return time.perf_counter() - t_load


ITEM_HEADER = ("物品编码", "物品名称", "类别", "计量单位", "规格型号", "库存下限")
ITEM_HEADER += ("政府采购目录", "参考单价")
# What a catalogue's names are made of: a few hundred words, combined (so a name repeats its
# words, as real ones do, and the name + specification pairs never repeat).
_WORDS = ("中性", "签字", "圆珠", "铅", "钢", "荧光", "白板", "记号", "复印", "打印", "信", "便签")
_THINGS = ("笔", "纸", "本", "夹", "册", "袋", "盒", "墨盒", "硒鼓", "胶带", "订书钉", "电池")


def make_items(path: Path, n: int) -> None:
    """An 8-column 办公用品目录 of ``n`` distinct items, as a logistics officer fills it."""
    import xlsxwriter

    rnd = random.Random(11)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("办公用品目录")
    for c, label in enumerate(ITEM_HEADER):
        ws.write_string(0, c, label)
    cats = ("书写工具", "纸本", "文具", "耗材")
    units = ("支", "包", "个", "盒", "卷")
    for r in range(1, n + 1):
        ws.write_string(r, 0, f"IT{r:07d}")
        ws.write_string(r, 1, rnd.choice(_WORDS) + rnd.choice(_THINGS) + f"{r // 50}型")
        ws.write_string(r, 2, cats[r % 4])
        ws.write_string(r, 3, units[r % 5])
        ws.write_string(r, 4, f"规格{r % 50} {rnd.choice(('黑色', '蓝色', 'A4', '0.5mm'))}")
        ws.write_number(r, 5, rnd.randint(0, 50))
        ws.write_string(r, 6, "是" if r % 7 == 0 else "否")
        ws.write_number(r, 7, rnd.randint(50, 99999) / 100)
    book.close()


OPENING_HEADER = ("物品编码", "期初数量", "单价", "期初日期")


def make_openings(path: Path, n: int) -> None:
    """A 期初结存表 of the ``n`` items of ``make_items`` (codes ``IT0000001`` …)."""
    import xlsxwriter

    rnd = random.Random(13)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("办公用品期初结存表")
    fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, label in enumerate(OPENING_HEADER):
        ws.write_string(0, c, label)
    for r in range(1, n + 1):
        ws.write_string(r, 0, f"IT{r:07d}")
        ws.write_number(r, 1, rnd.randint(1, 500))
        ws.write_number(r, 2, rnd.randint(50, 99999) / 100)
        ws.write_datetime(r, 3, date(2026, 1, 1), fmt)
    book.close()


VEHICLE_HEADER = ("车牌号", "有车单位", "品牌型号", "车架号", "购置日期", "当前里程(km)")
VEHICLE_HEADER += ("保养间隔(km)", "保养间隔(月)")
_VIN = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def make_vehicles(path: Path, n: int) -> None:
    """An 8-column 车辆登记表 of ``n`` vehicles (plates 京A·00001 …, then 京B …)."""
    import xlsxwriter

    rnd = random.Random(17)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("车辆登记表")
    fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, label in enumerate(VEHICLE_HEADER):
        ws.write_string(0, c, label)
    units = ("一中队", "二中队", "办公室")
    for r in range(1, n + 1):
        ws.write_string(r, 0, f"京{'ABCDEFGHJK'[r // 100000]}·{r % 100000:05d}")
        ws.write_string(r, 1, units[r % 3])
        ws.write_string(r, 2, rnd.choice(("大众帕萨特", "别克GL8", "比亚迪汉EV", "丰田凯美瑞")))
        ws.write_string(r, 3, "".join(rnd.choice(_VIN) for _ in range(17)))
        ws.write_datetime(r, 4, date(2020, 1, 1) + timedelta(days=r % 2000), fmt)
        ws.write_number(r, 5, rnd.randint(0, 300000))
        ws.write_number(r, 6, 5000)
        ws.write_number(r, 7, 6)
    book.close()


SHOP_HEADER = ("修理厂名称", "地址", "电话", "定点")
STATION_HEADER = ("加油站名称", "地址", "定点")


def _write_sheet(
    path: Path, sheet: str, header: tuple[str, ...], rows: Iterable[Sequence[Any]]
) -> None:
    """``rows`` under ``header`` in one sheet, streamed (``constant_memory``): text as text
    (a 工号 keeps its zeros), numbers as numbers, dates as dates, ``None`` an empty cell."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet(sheet)
    fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, label in enumerate(header):
        ws.write_string(0, c, label)
    for r, cells in enumerate(rows, 1):
        for c, value in enumerate(cells):
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif isinstance(value, date):
                ws.write_datetime(r, c, value, fmt)
            elif value is not None:
                ws.write_number(r, c, value)
    book.close()


def _make_places(path: Path, n: int, header: tuple[str, ...], sheet: str, word: str) -> None:
    phone = len(header) == 4

    def rows() -> Iterator[list[str]]:
        for r in range(1, n + 1):
            cells = [f"{word}{r:06d}", f"东环路{r % 900 + 1}号"]
            if phone:
                cells.append(f"010-{r % 10000:04d}")
            yield [*cells, "是" if r % 9 else "否"]

    _write_sheet(path, sheet, header, rows())


def make_shops(path: Path, n: int) -> None:
    """A 定点修理厂名录 of ``n`` shops (4 columns)."""
    _make_places(path, n, SHOP_HEADER, "定点修理厂名录", "汽修厂")


def make_stations(path: Path, n: int) -> None:
    """A 定点加油站名录 of ``n`` stations (3 columns)."""
    _make_places(path, n, STATION_HEADER, "定点加油站名录", "加油站")


def _child_import_places(kind_name: str, xlsx: Path, db_path: Path) -> dict[str, Any]:
    """``houqin import shops|stations`` by a 后勤 user on a fresh database."""
    from forms.kinds import get_kind
    from models import people
    from models.db import open_database
    from models.people import Role

    open_database(f"sqlite:///{db_path}")
    kind = get_kind(kind_name)
    admin = people.create_first_admin("admin", "bench-secret-1")
    office = people.add_department(admin, "办公室")
    clerk = people.add_user(admin, "houqin", "后勤", "bench-secret-1", office, [Role.LOGISTICS])
    return measured_import(kind, xlsx, clerk)


def child_import_shops(xlsx: Path, db_path: Path) -> dict[str, Any]:
    return _child_import_places("shops", xlsx, db_path)


def child_import_stations(xlsx: Path, db_path: Path) -> dict[str, Any]:
    return _child_import_places("stations", xlsx, db_path)


def child_import_vehicles(xlsx: Path, db_path: Path) -> dict[str, Any]:
    """``houqin import vehicles`` by a 车管 on a database with the units of the file."""
    from forms.kinds import get_kind
    from models import people
    from models.db import open_database
    from models.people import Role

    open_database(f"sqlite:///{db_path}")
    kind = get_kind("vehicles")
    admin = people.create_first_admin("admin", "bench-secret-1")
    for name in ("一中队", "二中队", "办公室"):
        unit = people.add_department(admin, name)
    manager = people.add_user(admin, "chegu", "车管", "bench-secret-1", unit, [Role.FLEET_MANAGER])
    return measured_import(kind, xlsx, manager)


def child_import_items(xlsx: Path, db_path: Path) -> dict[str, Any]:
    """``houqin import items`` (the command line's actor) on a fresh database."""
    from forms.kinds import get_kind
    from models.db import open_database

    open_database(f"sqlite:///{db_path}")
    kind = get_kind("items")
    load = warm_pinyin()
    measured = measured_import(kind, xlsx, None)
    measured["seconds"] += load
    return measured


def child_import_openings(xlsx: Path, db_path: Path) -> dict[str, Any]:
    """``houqin import opening-balances`` on a database holding the catalogue (made first
    through ``supplies.add_items``, not measured)."""
    from forms.kinds import get_kind
    from models import people, supplies
    from models.db import db, open_database
    from models.people import Role

    open_database(f"sqlite:///{db_path}")
    kind = get_kind("opening-balances")
    admin = people.create_first_admin("admin", "bench-secret-1")
    office = people.add_department(admin, "办公室")
    clerk = people.add_user(admin, "houqin", "后勤", "bench-secret-1", office, [Role.LOGISTICS])
    n = sum(1 for _ in range(_rows_in(xlsx)))
    cats = ("书写工具", "纸本", "文具", "耗材")
    with db.atomic():
        for start in range(0, n, 5000):
            supplies.add_items(
                clerk,
                [
                    {
                        "code": f"IT{r:07d}",
                        "name": f"物品{r}",
                        "category": cats[r % 4],
                        "unit": "个",
                    }
                    for r in range(start + 1, min(start + 5000, n) + 1)
                ],
            )
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the catalogue is on file, as in use
    return measured_import(kind, xlsx, clerk)


def _rows_in(xlsx: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(xlsx))
    sheet = book.get_sheet_by_name(book.sheet_names[0])
    return sheet.height - 1


CHILDREN = {
    "import_items": child_import_items,
    "import_opening-balances": child_import_openings,
    "import_vehicles": child_import_vehicles,
    "import_shops": child_import_shops,
    "import_stations": child_import_stations,
}
INPUTS = {
    "items": make_items,
    "opening-balances": make_openings,
    "vehicles": make_vehicles,
    "shops": make_shops,
    "stations": make_stations,
}


# The callbacks and training kinds, in their own module (this one stays small): importing it
# adds them to CHILDREN and INPUTS.
import _import_kinds_ct  # noqa: E402, F401
