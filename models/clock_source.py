"""Where "now" comes from: one clock for the whole office.

On a shared MySQL/MariaDB database every desktop stamps its records (a complaint received,
a clock started, an approval) and judges deadlines. If each used its own PC clock, a PC
that drifts, or is set to the wrong time zone, would start a 48-hour clock at the wrong
moment and call it overdue at the wrong moment (research §3.1). So:

- MySQL: the time is the server's. ``UTC_TIMESTAMP(6)`` is read once and the offset to this
  PC's clock is cached (refreshed every ``REFRESH_SECONDS``), so ``now()`` costs no query
  in between. The server's UTC is turned into office time with the setting
  ``clock.utc_offset_minutes`` (北京时间 +480, no daylight saving), so a server that runs in
  UTC (a cloud VM) still stamps office time, and Windows needs no time-zone database. A
  change of that setting is picked up at the next refresh (or start).
- SQLite: the file belongs to one PC (or a share of a few); the local clock is the clock.

``clock_skew()`` says how far this PC's own wall clock is from the office clock (a wrong
time zone shows as whole hours); the desktop warns at login above the setting
``clock.skew_warn_minutes``.

Stored values stay naive local date-times, as everywhere in the suite.
"""

from __future__ import annotations

import threading
import time as _time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from models.db import db, is_mysql

REFRESH_SECONDS = 300.0
DEFAULT_UTC_OFFSET_MINUTES = 480

# This PC's clock as seconds since the epoch. A test plays a PC whose clock is wrong by
# replacing it; nothing else should.
pc_time = _time.time


@dataclass(frozen=True)
class _Measure:
    database: Any
    offset: float  # server UTC epoch seconds minus this PC's epoch seconds
    zone: timezone  # the office's time zone
    taken: float  # time.monotonic() of the measurement


_lock = threading.Lock()
_measure: _Measure | None = None


def _office_zone() -> timezone:
    minutes = DEFAULT_UTC_OFFSET_MINUTES
    try:
        from models import settings

        minutes = settings.get("clock.utc_offset_minutes")
    except Exception:  # the settings table does not exist yet (first migration)
        pass
    return timezone(timedelta(minutes=minutes))


def _measure_server() -> _Measure:
    before = pc_time()
    server = db.execute_sql("SELECT UTC_TIMESTAMP(6)").fetchone()[0]
    after = pc_time()
    if isinstance(server, str):  # a driver that hands back text
        server = datetime.fromisoformat(server)
    server_epoch = server.replace(tzinfo=UTC).timestamp()
    return _Measure(db.obj, server_epoch - (before + after) / 2, _office_zone(), _time.monotonic())


def _current(refresh: bool = False) -> _Measure | None:
    """The cached measurement for the open MySQL database (``None`` on SQLite)."""
    global _measure
    if not is_mysql():
        return None
    m = _measure
    fresh = m is not None and m.database is db.obj and _time.monotonic() - m.taken < REFRESH_SECONDS
    if fresh and not refresh:
        return m
    with _lock:
        try:
            m = _measure_server()
        except Exception:
            # The server did not answer: keep the last offset for this database rather
            # than switch silently to the PC's clock; without one, fall back to it.
            if _measure is not None and _measure.database is db.obj:
                return _measure
            return None
        _measure = m
    return m


def now() -> datetime:
    """The office's time, to the second (naive local)."""
    m = _current()
    if m is None:
        return datetime.fromtimestamp(pc_time()).replace(microsecond=0)
    shared = datetime.fromtimestamp(pc_time() + m.offset, tz=m.zone)
    return shared.replace(tzinfo=None, microsecond=0)


def clock_skew() -> timedelta:
    """This PC's wall clock minus the office clock (zero on SQLite). Measured afresh."""
    m = _current(refresh=True)
    if m is None:
        return timedelta(0)
    t = pc_time()
    pc_wall = datetime.fromtimestamp(t)
    shared = datetime.fromtimestamp(t + m.offset, tz=m.zone).replace(tzinfo=None)
    return pc_wall - shared


def skew_notice(skew: timedelta | None = None) -> tuple[str, str] | None:
    """The warning the desktop shows after login, or ``None`` when the PC clock is close
    enough (setting ``clock.skew_warn_minutes``)."""
    from models import settings

    skew = clock_skew() if skew is None else skew
    limit = timedelta(minutes=settings.get("clock.skew_warn_minutes"))
    if abs(skew) <= limit:
        return None
    minutes = round(abs(skew).total_seconds() / 60)
    direction_zh = "快" if skew > timedelta(0) else "慢"
    direction_en = "ahead of" if skew > timedelta(0) else "behind"
    office = now().strftime("%Y-%m-%d %H:%M")
    return (
        f"本机时钟比服务器{direction_zh} {minutes} 分钟（服务器时间 {office}）。"
        "系统记录一律使用服务器时间；请校准本机的时间和时区，以免看错期限。",
        f"This PC's clock is {minutes} minutes {direction_en} the server's (server time "
        f"{office}). Records use the server's time; please correct this PC's time and time "
        "zone so deadlines read right.",
    )


def forget() -> None:
    """Drop the cached offset (after switching databases; tests)."""
    global _measure
    _measure = None
