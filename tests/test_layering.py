"""The one-way rule: models/ and forms/ never import Qt or the desktop (Anki's split)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"models": ("PySide6", "desktop", "forms"), "forms": ("PySide6", "desktop")}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_models_and_forms_import_no_qt_and_no_desktop():
    offences = []
    for package, forbidden in FORBIDDEN.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for name in imported_modules(path):
                if name.split(".")[0] in forbidden:
                    offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []
    assert any((ROOT / "models").rglob("*.py"))
