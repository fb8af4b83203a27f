"""The suite's domains, listed once. Every registry reads this list; nothing else names them.

A domain ``d`` is one package per layer, each with a fixed door:

- ``models.d`` (the domain's one door): its peewee ``TABLES``, the settings it reads (passed
  to ``settings.register``), and, on import, its approval flows and outcome hooks;
  ``models.d.demo.load(password)`` fills the demo office;
- ``forms.d``: on import, registers its import kinds, printables, reports and each
  document type's approval summary (what 审批中心 and the 申请批准单 show);
- ``desktop.d``: ``MODULE``, the navigation entry (built without importing a widget).

The schema migrations are declared here, not in the domain, so that opening a database (which
checks the schema version) costs no domain import: a domain loads with its first use. A
domain's step is ``models.d.migrate_<number>(database)``.

Adding a domain: its three packages, then one ``Domain`` line below (see docs/architecture.md).
A domain built models first declares ``layers=("models",)`` until its forms and desktop
packages exist; the registries of the other layers skip it until then.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

LAYERS = ("models", "forms", "desktop")


@dataclass(frozen=True)
class Domain:
    name: str
    migrations: tuple[tuple[int, str], ...]  # (schema version, what it creates)
    # The layers the domain has built so far: a domain is added models first, and its forms
    # and desktop packages join the registries when they exist.
    layers: tuple[str, ...] = LAYERS


DOMAINS: tuple[Domain, ...] = (
    Domain(
        "fleet",
        (
            (2, "fleet: vehicles, shops, stations, repairs, fuel, use"),
            (6, "fleet: 用车申请 versioned, with its own states"),
            (8, "fleet: exit acceptances (the driver's signature) append-only"),
            (15, "fleet: fill-ups and maintenances voided or corrected with a reason"),
            (16, "fleet: vehicle brands searchable by pinyin"),
        ),
    ),
    Domain(
        "supplies",
        (
            (3, "supplies: catalogue, ledger, plans, orders, requisitions, stocktake"),
            (9, "supplies: ledger movements append-only"),
            (10, "supplies: 退库 (returns to the store), lines append-only"),
            (11, "supplies: item name and specification indexed (S1 duplicate check)"),
        ),
    ),
    Domain(
        "callbacks",
        (
            (20, "callbacks: customers, plans, callbacks, records, problems"),
            (21, "callbacks: complaints, clocks, first receipts and handovers"),
        ),
    ),
    Domain(
        "training",
        (
            (30, "training: teachers, groups, tiers, sessions, registers, leave, credits"),
            (31, "training: bureau export profiles, exports append-only"),
            (32, "training: export profiles retired with a reason, their creator kept"),
        ),
    ),
)


def names() -> tuple[str, ...]:
    return tuple(d.name for d in DOMAINS)


def packages(layer: str) -> list[str]:
    """``["forms.fleet", "forms.supplies", ...]`` for ``layer`` ``"forms"`` (the domains that
    have that layer)."""
    return [f"{layer}.{d.name}" for d in DOMAINS if layer in d.layers]


def load() -> list[ModuleType]:
    """Import every domain's models (their flows and hooks register on import)."""
    return [importlib.import_module(name) for name in packages("models")]
