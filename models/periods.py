"""Reporting periods, once for the whole suite: month, quarter, year and school term (学期).

Registers and statistics are asked for "2026年10月", "2026年第四季度", "2026年度" or a term.
Until now each module had its own small helper (the supplies quarter, the fleet month, the
chart's list of recent months); this module holds the union of their behaviour so they can
all use one:

- ``parse(text)`` reads what people type: ``2026-10``, ``2026/10``, ``2026年10月``,
  ``2026Q4``, ``2026-q4``, ``2026年第四季度``, ``2026年第4季度``, ``2026年四季度``, ``2026年``,
  ``2026年度``, ``2026``, and a term as two dates ``2026-09-01~2027-01-20`` (or ``至``);
  full-width digits and spaces are tolerated. ``kind=`` insists on one kind.
- a ``Period`` knows its ``bounds()`` (first and last day), ``half_open()`` ([first, next
  first), for SQL ``>= and <``), ``code`` (``2026-10``, ``2026Q4``, ``2026``: what is stored
  and passed around), ``label()`` in Chinese (``2026年第四季度``), ``previous()``/``next()``
  and ``contains(day)``.
- ``containing(day, kind)`` is the period a day falls in; ``series`` and ``recent`` list
  consecutive periods for charts.

Terms are office data (another module will store them); here a term is given by its first
and last day and an optional name, and ``previous``/``next``/``containing`` of terms take the
office's list of terms.

The compatibility helpers at the end keep the old helpers' exact results
(``quarter_of``, ``quarter_bounds``, ``parse_quarter``, ``month_bounds``,
``month_series``, ``recent_months``), so a module can switch over without changing its tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from models.errors import RuleViolation

QUARTER_NUMERALS = "一二三四"
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    TERM = "term"

    @property
    def label(self) -> str:
        return {"month": "月", "quarter": "季度", "year": "年度", "term": "学期"}[self.value]


@dataclass(frozen=True, order=True)
class Period:
    """A span of whole days. Ordered by its first day."""

    start: date
    end: date  # the last day, inclusive
    kind: PeriodKind
    name: str = ""  # a term's name, e.g. 2026—2027学年第一学期

    # --- constructors ------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise _bad(f"月份应为1至12：{month}", f"month must be 1-12: {month}")
        start = _first(year, month)
        return cls(start, _first(year + (month == 12), month % 12 + 1) - timedelta(days=1), _M)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise _bad(f"季度应为1至4：{quarter}", f"quarter must be 1-4: {quarter}")
        start = _first(year, 3 * quarter - 2)
        following = _first(year + 1, 1) if quarter == 4 else _first(year, 3 * quarter + 1)
        return cls(start, following - timedelta(days=1), _Q)

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls(_first(year, 1), date(year, 12, 31), _Y)

    @classmethod
    def term(cls, start: date, end: date, name: str = "") -> Period:
        if end < start:
            raise _bad(
                f"学期的结束日期 {end} 早于开始日期 {start}",
                f"the term ends ({end}) before it starts",
            )
        return cls(start, end, PeriodKind.TERM, name.strip())

    # --- what it is --------------------------------------------------------------------

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def month_number(self) -> int:
        return self.start.month

    @property
    def quarter_number(self) -> int:
        return (self.start.month - 1) // 3 + 1

    def bounds(self) -> tuple[date, date]:
        """First and last day, both inclusive."""
        return self.start, self.end

    def half_open(self) -> tuple[date, date]:
        """[first day, the day after the last): for ``>= start AND < end`` in SQL."""
        return self.start, self.end + timedelta(days=1)

    def datetime_range(self) -> tuple[datetime, datetime]:
        """[first day 00:00, the day after the last 00:00): for date-time columns."""
        start, end = self.half_open()
        return datetime.combine(start, datetime.min.time()), datetime.combine(
            end, datetime.min.time()
        )

    def contains(self, day: date | datetime) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def code(self) -> str:
        """``2026-10``, ``2026Q4``, ``2026``; a term ``2026-09-01~2027-01-20``."""
        if self.kind == _M:
            return f"{self.year:04d}-{self.month_number:02d}"
        if self.kind == _Q:
            return f"{self.year:04d}Q{self.quarter_number}"
        if self.kind == _Y:
            return f"{self.year:04d}"
        return f"{self.start.isoformat()}~{self.end.isoformat()}"

    def label(self) -> str:
        """``2026年10月``, ``2026年第四季度``, ``2026年``; a term by its name or dates."""
        if self.kind == _M:
            return f"{self.year}年{self.month_number}月"
        if self.kind == _Q:
            return f"{self.year}年第{QUARTER_NUMERALS[self.quarter_number - 1]}季度"
        if self.kind == _Y:
            return f"{self.year}年"
        return self.name or f"{self.start.isoformat()}至{self.end.isoformat()}"

    def label_en(self) -> str:
        if self.kind == _M:
            return f"{MONTHS_EN[self.month_number - 1]} {self.year}"
        if self.kind == _Q:
            return f"{self.year} Q{self.quarter_number}"
        if self.kind == _Y:
            return str(self.year)
        return self.name or f"{self.start.isoformat()} to {self.end.isoformat()}"

    def __str__(self) -> str:
        return self.label()

    # --- neighbours --------------------------------------------------------------------

    def shift(self, n: int, terms: Sequence[Period] | None = None) -> Period:
        """The period ``n`` steps later (earlier when negative)."""
        if self.kind == _M:
            index = self.year * 12 + self.month_number - 1 + n
            return Period.month(index // 12, index % 12 + 1)
        if self.kind == _Q:
            index = self.year * 4 + self.quarter_number - 1 + n
            return Period.quarter(index // 4, index % 4 + 1)
        if self.kind == _Y:
            return Period.year_of(self.year + n)
        ordered = _terms(terms)
        try:
            index = ordered.index(self)
        except ValueError:
            raise _bad(
                f"学期「{self.label()}」不在学期表中", f"term {self.label_en()} is not in the list"
            ) from None
        if not 0 <= index + n < len(ordered):
            raise _bad("学期表中没有相邻的学期", "no neighbouring term in the list")
        return ordered[index + n]

    def next(self, terms: Sequence[Period] | None = None) -> Period:
        return self.shift(1, terms)

    def previous(self, terms: Sequence[Period] | None = None) -> Period:
        return self.shift(-1, terms)

    def months(self) -> list[Period]:
        """The calendar months this period touches, in order."""
        out, month = [], containing(self.start, _M)
        while month.start <= self.end:
            out.append(month)
            month = month.next()
        return out


_M, _Q, _Y = PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR


def _first(year: int, month: int) -> date:
    try:
        return date(year, month, 1)
    except ValueError:
        raise _bad(f"年份超出范围：{year}", f"year out of range: {year}") from None


def _bad(zh: str, en: str) -> RuleViolation:
    return RuleViolation(None, zh, en, field="period")


def _terms(terms: Sequence[Period] | None) -> list[Period]:
    if not terms:
        raise _bad("需要学期表才能推算相邻学期", "the list of terms is needed for this")
    return sorted(t for t in terms if t.kind == PeriodKind.TERM)


# --- parsing ----------------------------------------------------------------------------

_NUMERAL = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH = re.compile(r"^(\d{4})(?:[-/.]|年)(\d{1,2})(?:月份?)?$")
_MONTH_COMPACT = re.compile(r"^(\d{4})(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})(?:-|年)?(?:Q([1-4])|第?([一二三四1-4])季度?)$")
_YEAR = re.compile(r"^(\d{4})(?:年度?)?$")
_DATE = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
_TERM = re.compile(rf"^{_DATE}(?:~|至|到|—|--)?{_DATE}$")

FORMS_ZH = "2026-10、2026年10月、2026Q4、2026年第四季度、2026年 或 2026-09-01~2027-01-20"
FORMS_EN = "2026-10, 2026年10月, 2026Q4, 2026年第四季度, 2026 or 2026-09-01~2027-01-20"
KIND_FORMS = {
    _M: ("2026-10 或 2026年10月", "2026-10"),
    _Q: ("2026Q4 或 2026年第四季度", "2026Q4"),
    _Y: ("2026 或 2026年", "2026"),
    PeriodKind.TERM: ("2026-09-01~2027-01-20 或学期名称", "2026-09-01~2027-01-20 or a term name"),
}


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"\s+", "", text).upper()


def _read(text: str, terms: Sequence[Period] | None) -> Period | None:
    if terms:
        for term in terms:
            if term.name and _normalize(term.name) == text:
                return term
    if m := _QUARTER.match(text):
        year, q = int(m.group(1)), m.group(2) or m.group(3)
        return Period.quarter(year, _NUMERAL[q])
    if m := _MONTH.match(text) or _MONTH_COMPACT.match(text):
        return Period.month(int(m.group(1)), int(m.group(2)))
    if m := _YEAR.match(text):
        return Period.year_of(int(m.group(1)))
    if m := _TERM.match(text):
        y1, m1, d1, y2, m2, d2 = (int(g) for g in m.groups())
        try:
            start, end = date(y1, m1, d1), date(y2, m2, d2)
        except ValueError:
            raise _bad(f"没有这一天：{text}", f"no such day: {text}") from None
        return Period.term(start, end)
    return None


def parse(
    text: str, kind: PeriodKind | str | None = None, *, terms: Sequence[Period] | None = None
) -> Period:
    """The period ``text`` names (see the module docstring for the forms). ``kind`` refuses
    any other kind; ``terms`` lets a term be named (``2026—2027学年第一学期``)."""
    wanted = PeriodKind(kind) if kind is not None else None
    zh, en = KIND_FORMS[wanted] if wanted is not None else (FORMS_ZH, FORMS_EN)
    try:
        found = _read(_normalize(text), terms)
    except RuleViolation as exc:  # the right shape, but no such month, quarter or day
        raise _bad(
            f"期间格式应为 {zh}：{text}（{exc.zh}）", f"a period looks like {en}: {exc.en}"
        ) from None
    if found is not None and (wanted is None or found.kind == wanted):
        return found
    raise _bad(f"期间格式应为 {zh}：{text}", f"a period looks like {en}: {text!r}")


def containing(
    day: date | datetime, kind: PeriodKind | str, *, terms: Sequence[Period] | None = None
) -> Period:
    """The month, quarter, year or term (of ``terms``) that ``day`` falls in."""
    if isinstance(day, datetime):
        day = day.date()
    kind = PeriodKind(kind)
    if kind == _M:
        return Period.month(day.year, day.month)
    if kind == _Q:
        return Period.quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == _Y:
        return Period.year_of(day.year)
    for term in _terms(terms):
        if term.contains(day):
            return term
    raise _bad(f"{day} 不在任何学期内", f"{day} is in no term")


def series(last: Period, count: int) -> list[Period]:
    """``count`` consecutive periods ending with ``last``, oldest first (a chart's axis)."""
    return [last.shift(n) for n in range(1 - count, 1)]


def recent(kind: PeriodKind | str, count: int, today: date | None = None) -> list[Period]:
    """The period containing ``today`` and the ``count - 1`` before it, newest first."""
    from models.base import now

    current = containing(today or now().date(), kind)
    return [current.shift(-n) for n in range(count)]


# --- the old helpers' exact results -------------------------------------------------------


def quarter_of(day: date | datetime) -> tuple[int, int]:
    """(year, quarter) of a day: 2026-10-01 → (2026, 4)."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First day of the quarter and first day of the next one: [start, end)."""
    return Period.quarter(year, quarter).half_open()


def parse_quarter(text: str) -> tuple[int, int]:
    """``"2026Q4"`` (and every other quarter form) → (2026, 4)."""
    found = parse(text, _Q)
    return found.year, found.quarter_number


def month_bounds(period: str) -> tuple[datetime, datetime]:
    """``"2026-10"`` → [2026-10-01 00:00, 2026-11-01 00:00)."""
    return parse(period, _M).datetime_range()


def month_series(last_period: str, months: int = 12) -> list[str]:
    """The codes of the ``months`` months ending with ``last_period``, oldest first."""
    return [p.code for p in series(parse(last_period, _M), months)]


def recent_months(count: int = 36, today: date | None = None) -> list[str]:
    """This month and the ``count - 1`` before it, newest first (``2026-11``)."""
    return [p.code for p in recent(_M, count, today)]
