"""One clock for the office (research §3.1): the server's on a shared MySQL database, the
PC's on SQLite. A PC whose clock is wrong is played by shifting ``clock_source.pc_time``."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import peewee
import pytest
from playhouse.test_utils import count_queries

from models import audit, clock_source, settings
from models.audit import AuditLog
from models.base import now


@pytest.fixture
def pc_clock(monkeypatch):
    """Set this PC's clock ``offset`` seconds off the true time."""
    clock_source.forget()

    def shift(offset: float) -> None:
        monkeypatch.setattr(clock_source, "pc_time", lambda: time.time() + offset)
        clock_source.forget()

    yield shift
    clock_source.forget()


def server_office_time(database) -> datetime:
    utc = database.execute_sql("SELECT UTC_TIMESTAMP()").fetchone()[0]
    return utc + timedelta(minutes=settings.get("clock.utc_offset_minutes"))


def test_records_take_the_office_clock_whatever_this_pc_clock_says(database, pc_clock, office):
    pc_clock(-600)  # this PC is ten minutes slow
    shared = now()
    entry = audit.record(office.admin, "t_clock", None, "probe")
    stored = AuditLog.get_by_id(entry.id).at
    if not isinstance(database, peewee.MySQLDatabase):
        # SQLite: the file is this PC's, its clock is the clock
        assert abs(shared - (datetime.now() - timedelta(minutes=10))) < timedelta(seconds=2)
        assert abs(stored - shared) < timedelta(seconds=2)
        return
    assert abs(shared - server_office_time(database)) < timedelta(seconds=2)
    assert abs(stored - server_office_time(database)) < timedelta(seconds=2)
    # The office zone comes from the server's UTC and the setting, not the PC's zone.
    true_utc = datetime.now(UTC).replace(tzinfo=None)
    assert abs(shared - timedelta(minutes=480) - true_utc) < timedelta(seconds=5)
    # The offset is cached: stamping costs no query until it is refreshed.
    with count_queries() as counted:
        for _ in range(50):
            now()
    assert counted.count == 0


def test_a_pc_clock_off_the_servers_by_more_than_the_setting_is_warned_about(
    database, pc_clock, office
):
    if isinstance(database, peewee.MySQLDatabase):
        zone_gap = datetime.now() - server_office_time(database)  # a PC in UTC: -8 h
        pc_clock(-600)
        skew = clock_source.clock_skew()
        assert abs(skew - (zone_gap - timedelta(minutes=10))) < timedelta(seconds=5)
        notice = clock_source.skew_notice()
        assert notice is not None and "本机时钟比服务器" in notice[0] and "minutes" in notice[1]
    else:
        pc_clock(-600)
        assert clock_source.clock_skew() == timedelta(0)  # nothing to be off from
        assert clock_source.skew_notice() is None
    assert clock_source.skew_notice(timedelta(minutes=4)) is None  # default threshold 5
    settings.put(office.admin, "clock.skew_warn_minutes", 1)
    assert clock_source.skew_notice(timedelta(minutes=2)) is not None
    assert "快" in clock_source.skew_notice(timedelta(minutes=3))[0]
    assert "慢" in clock_source.skew_notice(timedelta(minutes=-3))[0]
