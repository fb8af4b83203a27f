"""A year of customer service for the demo office: customers, plans, callbacks and the
problems they found. Everything goes through the same use cases as the desktop."""

from __future__ import annotations

from datetime import date


def load(password: str, today: date | None = None) -> dict[str, int]:
    """Fill the callbacks of the demo office (``models.demo`` must have run). Returns counts."""
    return {}
