"""docs/rules.md stays true: every test it names exists, and every code path it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "docs" / "rules.md"


def test_every_test_named_in_rules_md_exists():
    missing = []
    for line in RULES.read_text(encoding="utf-8").splitlines():
        current = None
        for path, name in re.findall(r"`(?:(tests/[\w/]+\.py))?::(\w+)`", line):
            current = path or current
            if current is None:
                continue
            if f"def {name}(" not in (ROOT / current).read_text(encoding="utf-8"):
                missing.append(f"{current}::{name}")
    assert missing == []


def test_every_module_named_in_rules_md_exists():
    text = RULES.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:models|forms|desktop)/[\w/]+(?:\.py|/))`", text))
    assert named, "rules.md names no module"
    assert sorted(p for p in named if not (ROOT / p).exists()) == []
