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


def test_rules_md_has_one_row_per_rule_and_no_merge_leftovers():
    """A merge resolved by hand must leave each rule's row once and no conflict markers."""
    lines = RULES.read_text(encoding="utf-8").splitlines()
    markers = [n for n, line in enumerate(lines, 1) if re.match(r"(<{7}|={7}|>{7})( |$)", line)]
    assert markers == []
    # a rule may have several rows (one per aspect, X4), but never the same row twice
    rows = [line.split(" | ")[0] for line in lines if re.match(r"\| [FSCTX]\d+ ", line)]
    assert sorted(r for r in set(rows) if rows.count(r) > 1) == []
