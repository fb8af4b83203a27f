"""How fast are Excel import and register export, against the bare libraries?

Import, for each kind measured (``--kinds``), the same generated .xlsx twice in one run:

- ``houqin``: ``import_file(kind, path)`` on a fresh migrated SQLite database, through the
  kind's real path: calamine streaming, typed parsing, the form's checks, the domain use case
  with every check a dialog's save makes (roles, S1 duplicates, lengths), audit rows; the
  whole file checked first, then written in one transaction (``lock s``: how long it held
  the write lock);
- ``bare``: python-calamine ``to_python`` + ``sqlite3.executemany`` of the raw cells of that
  file into a table of as many columns (the limit: nothing checked, nothing derived);
- ``ceiling`` (each real kind): calamine reading the file + ``executemany`` of the very rows
  the import wrote (its records and their audit rows, as tuples) into the real tables, with
  their indexes (``bench/_import_ceiling.py``): the most the kind could reach if checking
  cost nothing. ``of ceil`` is the kind's rate over it.

Kinds (their sheets and children in ``bench/_import_kinds.py``): ``items`` (办公用品目录,
8 columns, batch path ``supplies.check_items`` / ``write_items``),
``opening-balances`` (期初结存表, 4 columns, batch path ``supplies.set_opening_balances``, on a
catalogue of as many items made first, not measured, by a 后勤 user: the ledger takes
no other role), ``vehicles`` (车辆登记表, 8 columns, batch path ``fleet.add_vehicles``, by a
车管), ``shops`` and ``stations`` (定点修理厂名录 / 定点加油站名录, 4 and 3 columns, batch path
``fleet.add_places``, by a 后勤 user), ``customers`` (客户档案, 12 columns, batch path
``callbacks.check_customers`` / ``write_customers``, by a 客服 user) and ``teachers`` (教师名册,
10 columns, batch path ``training.check_teachers`` / ``write_teachers``, by a 培训办 user),
these two in ``bench/_import_kinds_ct.py``, and ``reference`` (a bench-only 10-column
register of plain data with a bare ``executemany`` behind it: a reference row, not a kind of
the application). Export (``reference`` only): ``export_register`` against ``sqlite3`` + xlsxwriter
``constant_memory``.

Each measurement runs in a fresh child process, so peak memory (``ru_maxrss``) belongs to that
work alone; ``base`` is the child's RSS before it starts the work (interpreter + imports),
``grew`` the peak above it: flat as rows grow means the sheet is streamed.

    .venv/bin/python bench/excel_io.py [--sizes 10000,100000]
        [--kinds items,opening-balances,vehicles,shops,stations,customers,teachers,reference]
        [--mysql]

``--mysql`` adds the items kind on MariaDB beside calamine + PyMySQL ``executemany``
(``bench/_import_mysql.py``).

Targets: each kind's import >= 30 % of the bare rate measured beside it (the ceiling line
shows how much of that the schema leaves to the checks), the rate flat from
10,000 to 100,000 rows (every existence and duplicate check reads an index), memory flat.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _import_ceiling import CHILDREN as CEILING_CHILDREN  # noqa: E402
from _import_kinds import CHILDREN as KIND_CHILDREN  # noqa: E402
from _import_kinds import INPUTS as KIND_INPUTS  # noqa: E402
from _import_kinds import current_mb, measured_import  # noqa: E402
from _import_mysql import CHILDREN as MYSQL_CHILDREN  # noqa: E402

COLUMNS = (
    "code",
    "name",
    "dept",
    "qty",
    "price",
    "amount",
    "day",
    "category",
    "note",
    "phone",
)
CREATE = (
    "CREATE TABLE IF NOT EXISTS bench_row (id INTEGER PRIMARY KEY, code VARCHAR(20) UNIQUE, "
    "name VARCHAR(50), dept VARCHAR(50), qty INTEGER, price DECIMAL(12,2), "
    "amount DECIMAL(12,2), day DATE, category VARCHAR(10), note VARCHAR(200), "
    "phone VARCHAR(32))"
)
INSERT = f"INSERT INTO bench_row ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * 10)})"


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


# --- the register, declared like any other kind ----------------------------------------


def declare_kind() -> Any:
    import peewee

    from forms.kinds import Kind, register_kind
    from forms.spec import Field, FieldType, FormSpec
    from models.base import BaseModel

    class BenchRow(BaseModel):
        code = peewee.CharField(max_length=20, unique=True)
        name = peewee.CharField(max_length=50)
        dept = peewee.CharField(max_length=50)
        qty = peewee.IntegerField(null=True)
        price = peewee.DecimalField(12, 2, null=True)
        amount = peewee.DecimalField(12, 2, null=True)
        day = peewee.DateField(null=True)
        category = peewee.CharField(max_length=10, null=True)
        note = peewee.CharField(max_length=200, null=True)
        phone = peewee.CharField(max_length=32, null=True)

    spec = FormSpec(
        name="bench_rows",
        title="基准登记表",
        key="code",
        fields=(
            Field("code", "编号", required=True, max_length=20),
            Field("name", "名称", required=True, max_length=50),
            Field("dept", "部门", max_length=50),
            Field("qty", "数量", FieldType.INTEGER),
            Field("price", "单价", FieldType.MONEY),
            Field("amount", "金额", FieldType.MONEY),
            Field("day", "日期", FieldType.DATE),
            Field(
                "category", "类别", FieldType.CHOICE, choices=("书写工具", "纸本", "文具", "耗材")
            ),
            Field("note", "备注", max_length=200),
            Field("phone", "电话", max_length=32),
        ),
    )

    def insert_many(actor: Any, rows: list[dict[str, Any]]) -> None:
        from models.db import db

        # sqlite3 adapts neither Decimal nor (from Python 3.12) date: store them as text.
        data = [
            (
                r["code"],
                r["name"],
                r.get("dept"),
                r.get("qty"),
                None if r.get("price") is None else str(r["price"]),
                None if r.get("amount") is None else str(r["amount"]),
                None if r.get("day") is None else r["day"].isoformat(),
                r.get("category"),
                r.get("note"),
                r.get("phone"),
            )
            for r in rows
        ]
        db.cursor().executemany(INSERT, data)

    def existing_keys(keys: list[str]) -> set[str]:
        from models.db import db

        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT code FROM bench_row WHERE code IN ({marks})"
            found.update(code for (code,) in db.execute_sql(sql, chunk))
        return found

    def rows(filters: Any) -> Iterator[dict[str, Any]]:
        query = BenchRow.select(*[getattr(BenchRow, c) for c in COLUMNS]).order_by(BenchRow.id)
        for values in query.tuples().iterator():
            yield dict(zip(COLUMNS, values, strict=True))

    return BenchRow, register_kind(
        Kind(
            spec=spec,
            find=lambda key: BenchRow.get_or_none(BenchRow.code == key),
            insert=lambda actor, values: BenchRow.create(**values) and None,
            update=lambda actor, record, values: False,
            rows=rows,
            count=lambda filters: BenchRow.select().count(),
            insert_batch=insert_many,
            existing_keys=existing_keys,
        )
    )


# --- the work measured, one kind per child process ---------------------------------------


def make_input(path: Path, n: int) -> None:
    import xlsxwriter

    rnd = random.Random(7)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("基准登记表")
    fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, label in enumerate(
        ("编号", "名称", "部门", "数量", "单价", "金额", "日期", "类别", "备注", "电话")
    ):
        ws.write_string(0, c, label)
    start = date(2026, 1, 1)
    cats = ("书写工具", "纸本", "文具", "耗材")
    for r in range(1, n + 1):
        qty = rnd.randint(1, 500)
        price = rnd.randint(100, 99999) / 100
        ws.write_string(r, 0, f"B{r:07d}")
        ws.write_string(r, 1, f"物品{r % 997}号 签字笔")
        ws.write_string(r, 2, ("办公室", "财务科", "一中队", "后勤保障科")[r % 4])
        ws.write_number(r, 3, qty)
        ws.write_number(r, 4, price)
        ws.write_number(r, 5, round(qty * price, 2))
        ws.write_datetime(r, 6, start + timedelta(days=r % 365), fmt)
        ws.write_string(r, 7, cats[r % 4])
        ws.write_string(r, 8, "季度盘点补充采购" if r % 3 else "")
        ws.write_string(r, 9, f"138{r:08d}")
    book.close()


def child_import_bare(xlsx: Path, db_path: Path) -> dict[str, Any]:
    """calamine + ``executemany`` of the raw cells into a table as wide as the sheet."""
    from python_calamine import CalamineWorkbook

    base = current_mb()
    t0 = time.perf_counter()
    book = CalamineWorkbook.from_path(str(xlsx))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)[1:]
    width = len(rows[0])
    columns = ", ".join(f"c{i}" for i in range(width))
    conn = sqlite3.connect(db_path)
    conn.execute(f"CREATE TABLE bare ({columns})")
    with conn:
        conn.executemany(f"INSERT INTO bare VALUES ({', '.join('?' * width)})", rows)
    conn.close()
    return {"seconds": time.perf_counter() - t0, "rows": len(rows), "base": base}


def child_import_openpyxl(xlsx: Path, db_path: Path) -> dict[str, Any]:
    from openpyxl import load_workbook

    base = current_mb()
    t0 = time.perf_counter()
    book = load_workbook(xlsx, read_only=True, data_only=True)
    n = sum(1 for _ in book.worksheets[0].iter_rows(min_row=2, values_only=True))
    book.close()
    return {"seconds": time.perf_counter() - t0, "rows": n, "base": base}


def child_import_reference(xlsx: Path, db_path: Path) -> dict[str, Any]:
    from models.db import open_database

    open_database(f"sqlite:///{db_path}")
    model, kind = declare_kind()
    model.create_table()
    return measured_import(kind, xlsx, None)


def child_export_bare(db_path: Path, out: Path) -> dict[str, Any]:
    import xlsxwriter

    base = current_mb()
    t0 = time.perf_counter()
    conn = sqlite3.connect(db_path)
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    ws = book.add_worksheet()
    n = 0
    for n, row in enumerate(conn.execute(f"SELECT {', '.join(COLUMNS)} FROM bench_row"), 1):
        ws.write_row(n, 0, row)
    book.close()
    conn.close()
    return {"seconds": time.perf_counter() - t0, "rows": n, "base": base}


def child_export_openpyxl(db_path: Path, out: Path) -> dict[str, Any]:
    from openpyxl import Workbook

    base = current_mb()
    t0 = time.perf_counter()
    conn = sqlite3.connect(db_path)
    book = Workbook(write_only=True)
    ws = book.create_sheet()
    n = 0
    for row in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM bench_row"):
        ws.append(row)
        n += 1
    book.save(out)
    conn.close()
    return {"seconds": time.perf_counter() - t0, "rows": n, "base": base}


def child_export_houqin(db_path: Path, out: Path) -> dict[str, Any]:
    from forms.excel_export import export_register
    from models.db import open_database

    open_database(f"sqlite:///{db_path}")
    _, kind = declare_kind()
    base = current_mb()
    t0 = time.perf_counter()
    result = export_register(kind, out, unit="基准单位")  # a register of things: no period
    return {"seconds": time.perf_counter() - t0, "rows": result.rows, "base": base}


CHILDREN = (
    KIND_CHILDREN
    | CEILING_CHILDREN
    | MYSQL_CHILDREN
    | {
        "import_bare": child_import_bare,
        "import_openpyxl": child_import_openpyxl,
        "import_reference": child_import_reference,
        "export_bare": child_export_bare,
        "export_openpyxl": child_export_openpyxl,
        "export_houqin": child_export_houqin,
    }
)


def run_child(name: str, a: Path, b: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", name, str(a), str(b)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


BARE_RUNS = 3


def _best_bare(xlsx: Path, db_path: Path) -> dict[str, Any]:
    """The fastest of ``BARE_RUNS`` runs of the bare limit, each on a fresh file: it lasts a
    fraction of a second, so one run on a shared machine measures the machine's load; the
    kind's run lasts seconds and averages it out. The ratio is therefore a lower bound."""
    runs = []
    for _ in range(BARE_RUNS):
        for f in db_path.parent.glob(db_path.name + "*"):
            f.unlink()
        runs.append(run_child("import_bare", xlsx, db_path))
    return min(runs, key=lambda r: r["seconds"])


INPUTS = KIND_INPUTS | {"reference": make_input}
LABELS = {k: k for k in INPUTS} | {"reference": "reference (bench-only kind)"}


def _rate(r: dict[str, Any]) -> float:
    return r["rows"] / r["seconds"]


def _line(
    n: int,
    work: str,
    r: dict[str, Any],
    limit: dict[str, Any],
    ceiling: dict[str, Any] | None = None,
) -> None:
    ratio = _rate(r) / _rate(limit)
    lock = f"{r['lock']:>7.2f}" if "lock" in r else f"{'-':>7}"
    of_ceiling = f"{_rate(r) / _rate(ceiling):>6.0%}" if ceiling else f"{'':>6}"
    print(
        f"{n:>7} {work:<34} {r['seconds']:>8.2f} {lock} {_rate(r):>9,.0f} {ratio:>6.0%} "
        f"{of_ceiling} {r['base']:>8.0f} {r['peak']:>8.0f} {r['peak'] - r['base']:>8.0f}"
    )


def _mysql_lines(folder: Path, n: int) -> None:
    """The items kind on MariaDB beside calamine + PyMySQL ``executemany`` (best of
    ``BARE_RUNS``), on the server the parent started or was given."""
    from _import_mysql import server_url

    server_url()
    xlsx = folder / f"items{n}.xlsx"
    INPUTS["items"](xlsx, n)
    runs = [run_child("import_bare_mysql", xlsx, xlsx) for _ in range(BARE_RUNS)]
    bare = min(runs, key=lambda r: r["seconds"])
    ceiling = run_child("ceiling_items_mysql", xlsx, xlsx)
    houqin = run_child("import_items_mysql", xlsx, xlsx)
    _line(n, "import bare (calamine+PyMySQL)", bare, bare)
    _line(n, "  ceiling: its rows, no checks", ceiling, bare)
    _line(n, "import items (MariaDB)", houqin, bare, ceiling)
    xlsx.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument(
        "--kinds",
        default="items,opening-balances,vehicles,shops,stations,customers,teachers,reference",
    )
    parser.add_argument(
        "--mysql",
        action="store_true",
        help="also the items kind on MariaDB (HOUQIN_TEST_MYSQL_URL or a private server)",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, a, b = args.child
        result = CHILDREN[name](Path(a), Path(b))
        result["peak"] = rss_mb()
        print(json.dumps(result))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = [k for k in args.kinds.split(",") if k]
    print(
        "Excel import/export through Houqin beside the bare libraries; "
        f"Python {sys.version.split()[0]}"
    )
    print(
        f"{'rows':>7} {'work':<34} {'seconds':>8} {'lock s':>7} {'rows/s':>9} {'ratio':>6} "
        f"{'of ceil':>6} {'base MB':>8} {'peak MB':>8} {'grew MB':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in sizes:
            for kind in kinds:
                xlsx = folder / f"{kind}{n}.xlsx"
                INPUTS[kind](xlsx, n)
                bare_db, houqin_db = folder / f"bare{n}.db", folder / f"houqin{n}.db"
                bare = _best_bare(xlsx, bare_db)
                ceiling = None
                if f"ceiling_{kind}" in CHILDREN:
                    ceiling = run_child(f"ceiling_{kind}", xlsx, folder / f"ceiling{n}.db")
                houqin = run_child(f"import_{kind}", xlsx, houqin_db)
                _line(n, "import bare (calamine+executemany)", bare, bare)
                if ceiling is not None:
                    _line(n, "  ceiling: its rows, no checks", ceiling, bare)
                _line(n, f"import {LABELS[kind]}", houqin, bare, ceiling)
                if kind == "reference":
                    opx = run_child("import_openpyxl", xlsx, bare_db)
                    _line(n, "read openpyxl read-only (info)", opx, bare)
                    ebare = run_child("export_bare", houqin_db, folder / "eb.xlsx")
                    _line(n, "export bare (sqlite3+xlsxwriter)", ebare, ebare)
                    eh = run_child("export_houqin", houqin_db, folder / "eh.xlsx")
                    _line(n, "export reference (bench-only kind)", eh, ebare)
                    eo = run_child("export_openpyxl", houqin_db, folder / "eo.xlsx")
                    _line(n, "export openpyxl write-only (info)", eo, ebare)
                for p in (bare_db, houqin_db, folder / f"ceiling{n}.db", xlsx):
                    for f in p.parent.glob(p.name + "*"):
                        f.unlink()
            if args.mysql:
                _mysql_lines(folder, n)
    print(
        "ratio: rows/s over the bare rows/s of the line above it (same file, same run; the "
        f"bare rate is the best of {BARE_RUNS} runs);"
    )
    print(
        "ceiling: calamine reading the file + executemany of the very rows the import wrote "
        "(records, audit rows) into its real tables, nothing checked (bench/_import_ceiling.py); "
        "of ceil: the kind's rate over it."
    )
    print("grew: peak RSS minus RSS before the work (interpreter and imports excluded).")
    print("lock s: seconds the import held the write transaction (SQLite's write lock).")


if __name__ == "__main__":
    main()
