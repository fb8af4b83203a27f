"""Does marking a 60-person register pause on a key (T3, the 考勤 tab)?

A fresh SQLite school: one 教研组 of ``--teachers`` members, one held session with its topic,
its register opened through the use cases. Then, offscreen, the real 培训管理 page's 考勤 tab
as 培训办: the register selected, and one key per row (``1`` = 出勤, which moves to the next
row), each key timed from the key press to the repaint of the table; then 保存 (one
``mark_many`` of every row) timed. Printed: the median and the slowest key, and the save.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/register_keys.py [--teachers 60]

Target: no visible pause, i.e. every key well under 50 ms (a frame at 20 Hz).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "bench-pass-123"


def _id_number(serial: int) -> str:
    """A valid 18-digit ID number (GB 11643 check digit) for teacher ``serial``."""
    body = f"330103{1980 + serial % 20:04d}0101{serial % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def fill(teachers: int):
    """The school, through the use cases; returns (培训办 user, the session)."""
    from models import people, training
    from models.people import Role
    from models.training import SessionState

    admin = people.create_first_admin("admin", PASSWORD)
    office = people.add_department(admin, "教研室")
    clerk = people.add_user(admin, "tangmin", "唐敏", PASSWORD, office, [Role.TRAINING])
    today = date.today()
    year = training.school_year_of(today)
    anchor = today - timedelta(days=35 + today.weekday())
    training.define_term(clerk, year, 1, anchor - timedelta(days=3), today + timedelta(days=60))
    members = [
        training.add_teacher(
            clerk, staff_no=f"{i + 1:04d}", name=f"教师{i + 1}", id_number=_id_number(i)
        )
        for i in range(teachers)
    ]
    joined = anchor - timedelta(days=7)
    group = training.add_group(
        clerk, "语文组", subject="语文", leader=members[0], leader_from=joined
    )
    for t in members[1:]:
        training.move_to_group(clerk, t, group, joined)
    series = training.define_series(clerk, group, year, anchor, "pm")
    training.generate_sessions(clerk, series)
    held = next(
        s
        for s in training.sessions_of(group)
        if s.state == SessionState.PLANNED and s.date <= today
    )
    session = training.set_topic(clerk, held, "大单元教学", members[1])
    training.open_register(clerk, session, at=datetime.combine(session.date, datetime.min.time()))
    return clerk, session


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=60)
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from models.db import open_database

    folder = Path(tempfile.mkdtemp())
    open_database(f"sqlite:///{folder / 'bench.db'}")
    clerk, session = fill(args.teachers)

    app = QApplication.instance() or QApplication([])
    from desktop.training.page import TrainingPage

    page = TrainingPage(clerk)
    page.resize(1280, 900)
    page.show()
    tab = page.open_tab("register")
    tab.select_session(session.id)
    app.processEvents()
    table = tab.table
    table.setCurrentCell(0, 2)
    keys = []
    for _ in range(table.rowCount()):
        t0 = time.perf_counter()
        QTest.keyClick(table, Qt.Key.Key_1)
        table.viewport().repaint()
        app.processEvents()
        keys.append((time.perf_counter() - t0) * 1000)
    marked = sum(tab.status_text(r) == "出勤" for r in range(table.rowCount()))
    t0 = time.perf_counter()
    saved = tab.save()
    save_ms = (time.perf_counter() - t0) * 1000
    print(f"register of {table.rowCount()} teachers, {marked} marked 出勤 by key")
    print(
        f"per key (press to repaint): median {statistics.median(keys):.1f} ms, "
        f"slowest {max(keys):.1f} ms  (target: well under 50 ms)"
    )
    print(f"保存 (one mark_many of every row): {save_ms:.0f} ms, saved={saved}")
    page.close()


if __name__ == "__main__":
    main()
