"""The registry of printable FORMs: what ``houqin print FORM ID OUT.pdf`` can print.

A printable joins a ``FormSpec`` to a loader that reads one record and builds the
``PrintDoc`` (the renderer never queries the database). Each domain's ``forms`` package
registers its own (``repair`` for the 车辆维修保修单 ...); ``BUILTIN_MODULES`` reads the
domain list.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from forms.printdoc import PrintDoc
from forms.spec import FormSpec
from models import domains
from models.errors import HouqinError

BUILTIN_MODULES: list[str] = ["forms.approval", *domains.packages("forms")]


@dataclass(frozen=True)
class Printable:
    """A form ``houqin print`` and the desktop can print. Most forms are a ``PrintDoc`` laid
    out by ``forms.pdf``; a form whose body is a long table of lines (the 盘点表) brings its
    own ``render(record_id, out, copies)`` instead of ``load``. ``options`` names the keyword
    arguments its ``render`` takes besides (the 教师培训档案's ``year``): ``houqin print``
    refuses any other."""

    spec: FormSpec
    load: Callable[[int], PrintDoc] | None = None
    render: Callable[..., Path] | None = None
    options: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.spec.name


_PRINTABLES: dict[str, Printable] = {}
_loaded = False


def register_printable(printable: Printable) -> Printable:
    _PRINTABLES[printable.name] = printable
    return printable


def load_builtins() -> None:
    """Import the form modules of every domain (they register their printables)."""
    global _loaded
    if not _loaded:
        for module in BUILTIN_MODULES:
            importlib.import_module(module)
        _loaded = True


def get_printable(name: str) -> Printable:
    load_builtins()
    try:
        return _PRINTABLES[name]
    except KeyError:
        known = "、".join(sorted(_PRINTABLES))
        raise HouqinError(
            f"未知的表单：{name}（可打印：{known}）",
            f"unknown form {name} (printable: {', '.join(sorted(_PRINTABLES))})",
        ) from None


def print_form(
    name: str, record_id: int, out: str | Path, *, copies: int | None = None, **options: str
) -> Path:
    """Load record ``record_id`` of form ``name`` and render it to ``out``; ``options`` are
    the ones the printable declares (``year`` of ``teacher-archive``)."""
    printable = get_printable(name)
    unknown = sorted(set(options) - set(printable.options))
    if unknown:
        raise HouqinError(
            f"表单 {name} 没有选项：{'、'.join(unknown)}",
            f"form {name} takes no option {', '.join(unknown)}",
        )
    if printable.render is not None:
        return printable.render(record_id, Path(out), copies, **options)
    assert printable.load is not None, f"printable {name} has neither load nor render"
    from forms.pdf import render  # reportlab loads when something is printed, not before

    return render(printable.load(record_id), out, copies=copies)
