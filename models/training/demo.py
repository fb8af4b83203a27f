"""Demo data of 培训考勤与学分: filled in a later step; the domain has none yet."""

from __future__ import annotations


def load(password: str) -> dict[str, int]:
    """Nothing yet (the demo school comes with the training pages)."""
    return {}
