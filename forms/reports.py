"""The registry of periodic reports: what ``houqin report NAME --period P OUT.xlsx`` writes.

A report is a function ``(period, path, unit) -> None`` that builds one workbook for a higher
authority (the fleet's month-end statistics, the supplies' quarterly register ...). Each domain's
``forms`` package registers its own; ``BUILTIN_MODULES`` reads the domain list.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models import domains
from models.errors import HouqinError

BUILTIN_MODULES: list[str] = domains.packages("forms")


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    period_hint: str  # how a period is written, e.g. 2026-10
    write: Callable[[str, Path, str], Any]


_REPORTS: dict[str, Report] = {}


def register_report(report: Report) -> Report:
    _REPORTS[report.name] = report
    return report


def report_names() -> list[str]:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    return sorted(_REPORTS)


def get_report(name: str) -> Report:
    known = report_names()
    if name not in _REPORTS:
        raise HouqinError(
            f"未知的报表：{name}（可用：{'、'.join(known)}）",
            f"unknown report {name} (known: {', '.join(known)})",
        )
    return _REPORTS[name]
