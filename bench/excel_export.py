"""How fast is a register export of a real kind, against xlsxwriter writing the same cells?

For each kind measured (``--kinds``: ``vehicles``, ``items``, ``stock-ledger``) one SQLite
database of ``--rows`` records is built first (rows written in bulk: the set-up is not what is
measured), then two children, each a fresh process, run in the same run:

- ``houqin``: ``export_register(kind, path)``, the real register: the kind's query, typed
  and styled cells (宋体, a ruled grid), the title and heading lines, 合计 where declared,
  signature lines, page setup (A4 landscape, 第 N 页 共 M 页, the header repeated);
- ``bare``: the same rows read by ``sqlite3`` (one query with the same joins) and written by
  xlsxwriter ``constant_memory`` with one bordered format per column, each cell with the
  typed call its column needs (``write_string`` / ``write_number`` / ``write_datetime``):
  the limit of the library, with nothing derived and no heading.

    PYTHONPATH=. .venv/bin/python bench/excel_export.py [--rows 100000]
        [--kinds vehicles,items,stock-ledger] [--repeat 3] [--profile KIND]

``--profile KIND`` prints the cProfile of the houqin child of that kind (cumulative, top 25).

Target: each kind's rows/s >= 70 % of the bare rows/s beside it.
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
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("vehicles", "items", "stock-ledger")
UNITS = ("一中队", "二中队", "三中队", "办公室", "后勤保障科", "财务科")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the databases (not measured) --------------------------------------------------------


def build(kind: str, db_path: Path, n: int) -> None:
    from models import people
    from models.db import close_database, db, open_database
    from models.people import Role

    open_database(f"sqlite:///{db_path}")
    admin = people.create_first_admin("admin", "bench-secret-1")
    depts = [people.add_department(admin, name) for name in UNITS]
    drivers = [
        people.add_user(admin, f"d{i}", f"驾驶员{i}", "bench-secret-1", depts[i % 3], [Role.CLERK])
        for i in range(6)
    ]
    rnd = random.Random(5)
    with db.atomic():
        if kind == "vehicles":
            _vehicles(n, depts, drivers, rnd)
        elif kind == "items":
            _items(n, rnd)
        else:
            _ledger(n, depts, admin, rnd)
    db.execute_sql("ANALYZE")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()


def _chunks(rows: Any, size: int = 2000) -> Any:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _vehicles(n: int, depts: list[Any], drivers: list[Any], rnd: random.Random) -> None:
    from models.fleet import Vehicle, VehicleDriver

    models = ("大众帕萨特", "别克GL8", "比亚迪汉EV", "丰田凯美瑞")
    vin = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    rows = (
        {
            "plate": f"京{'ABCDEFGHJK'[r // 100000]}·{r % 100000:05d}",
            "unit": depts[r % len(depts)].id,
            "model": rnd.choice(models),
            "vin": "".join(rnd.choice(vin) for _ in range(17)),
            "purchase_date": date(2018, 1, 1) + timedelta(days=r % 3000),
            "odometer": rnd.randint(0, 300000),
        }
        for r in range(1, n + 1)
    )
    for batch in _chunks(rows):
        Vehicle.insert_many(batch).execute()
    links = ({"vehicle": r, "driver": drivers[r % len(drivers)].id} for r in range(1, n + 1, 3))
    for batch in _chunks(links):
        VehicleDriver.insert_many(batch).execute()


def _items(n: int, rnd: random.Random) -> None:
    from models.supplies import Category, Item

    cats = [c.value for c in Category]
    rows = (
        {
            "code": f"IT{r:07d}",
            "name": f"{rnd.choice(('中性', '签字', '荧光', '复印'))}{rnd.choice('笔纸夹册袋')}{r}",
            "category": cats[r % 4],
            "unit": ("支", "包", "个", "盒")[r % 4],
            "specification": f"规格{r % 50}",
            "reorder_level": r % 20,
            "gov_catalogue": r % 7 == 0,
            "price": Decimal(rnd.randint(50, 99999)) / 100,
            "on_hand": rnd.randint(0, 500),
        }
        for r in range(1, n + 1)
    )
    for batch in _chunks(rows):
        Item.insert_many(batch).execute()


def _ledger(n: int, depts: list[Any], actor: Any, rnd: random.Random) -> None:
    from models.supplies import Category, Item, Movement, Supplier

    Supplier.insert_many([{"name": f"供应商{i}"} for i in range(5)]).execute()
    Item.insert_many(
        [
            {
                "code": f"IT{i:05d}",
                "name": f"物品{i}",
                "category": list(Category)[i % 4].value,
                "unit": "个",
            }
            for i in range(1, 1001)
        ]
    ).execute()
    t0 = datetime(2026, 1, 1, 8, 0)
    balance = dict.fromkeys(range(1, 1001), 0)
    rows = []
    for r in range(n):
        item = rnd.randint(1, 1000)
        receipt = r % 3 == 0 or balance[item] < 5
        qty = rnd.randint(5, 50) if receipt else -rnd.randint(1, balance[item])
        balance[item] += qty
        rows.append(
            {
                "item": item,
                "kind": "receipt" if receipt else "issue",
                "quantity": qty,
                "balance": balance[item],
                "at": t0 + timedelta(minutes=r),
                "actor": actor.id,
                "actor_name": "管理员",
                "reason": "" if receipt else "日常领用",
                "doc_number": f"LY2026{r:06d}",
                "department": None if receipt else depts[r % len(depts)].id,
                "supplier": (r % 5) + 1 if receipt else None,
                "receiver": "" if receipt else "张三",
            }
        )
    for batch in _chunks(rows):
        Movement.insert_many(batch).execute()


# --- the work measured -------------------------------------------------------------------

BARE_SQL = {
    "vehicles": (
        "SELECT v.plate, d.name, v.model, v.vin, v.purchase_date, v.odometer, v.status, "
        "(SELECT group_concat(u.name, '、') FROM vehicle_driver vd JOIN user u "
        "ON u.id = vd.driver_id WHERE vd.vehicle_id = v.id), "
        "v.service_interval_km, v.service_interval_months "
        "FROM vehicle v JOIN department d ON d.id = v.unit_id WHERE v.voided_at IS NULL "
        "ORDER BY v.id",
        "ssssdissii",
    ),
    "items": (
        "SELECT code, name, category, unit, specification, reorder_level, gov_catalogue, "
        "price, on_hand FROM item WHERE voided_at IS NULL ORDER BY category, code",
        "sssssismi",
    ),
    "stock-ledger": (
        "SELECT m.id, m.at, i.code, i.name, i.unit, m.kind, m.doc_number, m.quantity, "
        "m.quantity, m.balance, d.name, m.receiver, s.name, m.actor_name, m.reason "
        "FROM movement m JOIN item i ON i.id = m.item_id "
        "LEFT JOIN department d ON d.id = m.department_id "
        "LEFT JOIN supplier s ON s.id = m.supplier_id ORDER BY m.id",
        "itsssssiiisssss",
    ),
}
# s text, i integer, m money, d date, t date-time


def child_bare(kind: str, db_path: Path, out: Path) -> dict[str, Any]:
    """sqlite3 + xlsxwriter constant_memory: the same rows, one bordered format a column."""
    import xlsxwriter

    sql, types = BARE_SQL[kind]
    t0, c0 = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(db_path)
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False})
    ws = book.add_worksheet()
    border = {"font_name": "宋体", "border": 1, "font_size": 10}
    fmts = {
        "s": book.add_format({**border, "num_format": "@"}),
        "i": book.add_format({**border, "num_format": "0"}),
        "m": book.add_format({**border, "num_format": "#,##0.00"}),
        "d": book.add_format({**border, "num_format": "yyyy-mm-dd"}),
        "t": book.add_format({**border, "num_format": "yyyy-mm-dd hh:mm"}),
    }
    write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
    plan = [(c, t, fmts[t]) for c, t in enumerate(types)]
    n = 0
    for n, row in enumerate(conn.execute(sql), 1):
        for c, t, fmt in plan:
            v = row[c]
            if v is None:
                ws.write_blank(n, c, None, fmt)
            elif t == "s":
                write_string(n, c, str(v), fmt)
            elif t == "i" or t == "m":
                write_number(n, c, float(v), fmt)
            elif t == "d":
                write_datetime(n, c, date.fromisoformat(v), fmt)
            else:
                write_datetime(n, c, datetime.fromisoformat(v), fmt)
    book.close()
    conn.close()
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "rows": n}


def child_houqin(kind: str, db_path: Path, out: Path) -> dict[str, Any]:
    from forms.excel_export import export_register
    from forms.kinds import get_kind
    from models.db import open_database

    open_database(f"sqlite:///{db_path}")
    k = get_kind(kind)
    t0, c0 = time.perf_counter(), time.process_time()
    result = export_register(k, out, unit="基准单位")
    return {
        "seconds": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
        "rows": result.rows,
    }


def child_profile(kind: str, db_path: Path, out: Path) -> dict[str, Any]:
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    result = child_houqin(kind, db_path, out)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(20)
    print(text.getvalue(), file=sys.stderr)
    return result


CHILDREN = {"bare": child_bare, "houqin": child_houqin, "profile": child_profile}


def run_child(name: str, kind: str, db_path: Path, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", name, kind, str(db_path), str(out)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"{name} {kind} failed:\n{done.stderr}")
    if name == "profile":
        print(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", default="")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, kind, a, b = args.child
        result = CHILDREN[name](kind, Path(a), Path(b))
        result["peak"] = rss_mb()
        print(json.dumps(result))
        return
    kinds = [k for k in args.kinds.split(",") if k]
    print(f"Register export beside xlsxwriter constant_memory; Python {sys.version.split()[0]}")
    print(
        f"{'kind':<14} {'rows':>8} {'work':<24} {'seconds':>8} {'rows/s':>9} {'ratio':>6} "
        f"{'cpu s':>8} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in kinds:
            db_path = folder / f"{kind}.db"
            t0 = time.perf_counter()
            build(kind, db_path, args.rows)
            built = time.perf_counter() - t0
            print(f"{kind:<14} {args.rows:>8} (database built in {built:.1f} s)")
            # Alternated, best of ``--repeat`` each: on a shared machine the slowest runs
            # measure the neighbours, not the work.
            runs: dict[str, list[dict[str, Any]]] = {"bare": [], "houqin": []}
            for _ in range(args.repeat):
                for name in runs:
                    runs[name].append(run_child(name, kind, db_path, folder / f"{name}.xlsx"))
            bare = min(runs["bare"], key=lambda r: r["seconds"])
            bare_cpu = min(r["cpu"] for r in runs["bare"])
            for name, work in (("bare", "bare sqlite3+xlsxwriter"), ("houqin", "houqin export")):
                r = min(runs[name], key=lambda r: r["seconds"])
                cpu = min(x["cpu"] for x in runs[name])
                rate = r["rows"] / r["seconds"]
                print(
                    f"{kind:<14} {r['rows']:>8} {work:<24} {r['seconds']:>8.2f} {rate:>9,.0f} "
                    f"{bare['seconds'] / r['seconds']:>6.0%} {cpu:>8.2f} {bare_cpu / cpu:>6.0%}"
                )
            if kind == args.profile:
                run_child("profile", kind, db_path, folder / "houqin.xlsx")
    print("seconds: wall time, best of --repeat runs alternated with the bare ones; ratio: ")
    print("rows/s over the bare rows/s of the same kind (same database, same run); cpu s and")
    print("its ratio: the same on the child's CPU time (steadier on a loaded machine).")


if __name__ == "__main__":
    main()
