"""How long does a county-sized school year of credits take to compute (T4)?

2,000 teachers in 80 教研组 of 25, 26 closed sessions a year per group (13 a term): about
52,000 marks. The rows are written straight into the tables (the use cases would spend
minutes on the fill, which is not what is measured); then ``compute_credits`` for the whole
year, timed, against the bare SQL that reads the same marks (``sqlite3`` alone).

    .venv/bin/python bench/training_credits.py [--teachers 2000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STATUSES = ["present"] * 85 + ["late"] * 5 + ["early"] * 3 + ["leave"] * 3 + ["truant"] * 4


def fill(teachers: int) -> None:
    from models import people, training
    from models.base import bulk_insert
    from models.db import db

    admin = people.create_first_admin("admin", "bench-pass-123")
    rng = random.Random(14)
    at = datetime(2026, 9, 1)
    with db.atomic():
        term1 = training.define_term(admin, "2026-2027", 1, date(2026, 9, 1), date(2027, 1, 20))
        term2 = training.define_term(admin, "2026-2027", 2, date(2027, 2, 22), date(2027, 7, 2))
        bulk_insert(
            training.Teacher,
            [
                {"staff_no": f"{i:05d}", "name": f"教师{i}", "id_number": f"{i:018d}"}
                for i in range(teachers)
            ],
        )
        ids = [t for (t,) in training.Teacher.select(training.Teacher.id).tuples()]
        groups = []
        for g in range(0, len(ids), 25):
            group = training.TeachingGroup.create(name=f"第{g // 25 + 1}组", leader=ids[g])
            groups.append((group, ids[g : g + 25]))
        marks = []
        for group, members in groups:
            for n in range(26):
                term = term1 if n < 13 else term2
                day = term.starts + timedelta(weeks=n % 13)
                session = training.TrainingSession.create(
                    group=group,
                    term=term,
                    planned_date=day,
                    date=day,
                    start_time="14:00",
                    end_time="17:30",
                    hours=4,
                    topic="教研",
                    speaker=members[n % len(members)],
                    register_state="closed",
                    register_opened_at=at,
                    register_closed_at=at,
                )
                for t in members:
                    status = rng.choice(STATUSES)
                    minutes = 10 if status in ("late", "early") else None
                    marks.append(
                        {"session": session.id, "teacher": t, "status": status, "minutes": minutes}
                    )
        bulk_insert(training.AttendanceMark, marks)
    print(f"filled: {len(ids)} teachers, {len(groups)} groups, {len(marks)} marks")


def bureau(rows: list, folder: Path) -> None:
    """上报教育局 of the year by the built-in profile (T4, target < 5 s): the computed lines
    stored as an approved register, then ``export_credit_register`` timed, write and record."""
    from forms.training.bureau_export import export_credit_register
    from models import people, training
    from models.base import bulk_insert
    from models.db import db

    admin = people.User.get(people.User.username == "admin")
    with db.atomic():
        reg = training.CreditRegister.create(
            number="XF2027-0001",
            school_year="2026-2027",
            term_no=0,
            rules="{}",
            state=training.RegisterDocState.APPROVED,
            prepared_by=admin,
            prepared_at=datetime(2027, 7, 5),
            approved_at=datetime(2027, 7, 6),
        )
        names = [
            f.name
            for f in training.CreditLine._meta.sorted_fields
            if f.name not in ("id", "register", "teacher")
        ]
        bulk_insert(
            training.CreditLine,
            [
                {"register": reg.id, "teacher": r.teacher_id, **{n: getattr(r, n) for n in names}}
                for r in rows
            ],
        )
    runs = []
    for i in range(3):
        t0 = time.perf_counter()
        result = export_credit_register(admin, "2026-2027", folder / f"bureau{i}.xlsx")
        runs.append(time.perf_counter() - t0)
    print(
        f"bureau export (default profile), recorded: {min(runs):.3f} s (best of 3), "
        f"{result.rows} teachers, {result.path.stat().st_size // 1024} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=2000)
    args = parser.parse_args()
    from models.db import close_database, open_database

    folder = Path(tempfile.mkdtemp())
    open_database(f"sqlite:///{folder / 'bench.db'}")
    from models import training

    fill(args.teachers)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        rows = training.compute_credits("2026-2027")
        runs.append(time.perf_counter() - t0)
    print(f"compute_credits, whole year: {min(runs):.3f} s (best of 3), {len(rows)} lines")
    bureau(rows, folder)
    close_database()
    con = sqlite3.connect(folder / "bench.db")
    raws = []
    for _ in range(3):
        t0 = time.perf_counter()
        con.execute(
            "SELECT m.teacher_id, m.status, s.term_id, s.hours, s.speaker_id "
            "FROM attendance_mark m JOIN training_session s ON s.id = m.session_id "
            "WHERE s.register_state = 'closed'"
        ).fetchall()
        raws.append(time.perf_counter() - t0)
    raw = min(raws)
    print(f"sqlite3 alone, the same marks: {raw:.3f} s (best of 3); ratio {min(runs) / raw:.1f}×")


if __name__ == "__main__":
    main()
