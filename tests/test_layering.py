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


def imported_names(path: Path) -> set[str]:
    """Modules imported by ``path``, with ``from models import fleet`` read as
    ``models.fleet`` (a package's attribute may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = imported_modules(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_domain_imports_another_domains_internals():
    """A domain stands on the suite-wide pieces only (people, workflow, documents, audit,
    the forms engine, the desktop shell), never on another domain: adding or removing one
    touches nothing of the others."""
    from models import domains

    names = domains.names()
    offences = []
    for layer in ("models", "forms", "desktop"):
        for domain in names:
            for path in sorted((ROOT / layer / domain).rglob("*.py")):
                for name in imported_names(path):
                    parts = name.split(".")
                    if len(parts) > 1 and parts[0] in FORBIDDEN | {"desktop": ()}:
                        other = parts[1]
                        if other in names and other != domain:
                            offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []


def test_every_domain_has_its_three_packages_and_their_doors():
    import importlib

    from models import domains

    for d in domains.DOMAINS:
        domain = d.name
        assert "models" in d.layers, domain
        for layer in d.layers:
            assert (ROOT / layer / domain / "__init__.py").is_file(), f"{layer}.{domain}"
        for layer in set(domains.LAYERS) - set(d.layers):  # declared, so it must be absent
            assert not (ROOT / layer / domain).exists(), f"{layer}.{domain} is not declared"
        model = importlib.import_module(f"models.{domain}")
        assert model.TABLES, domain
        for version, _ in next(d for d in domains.DOMAINS if d.name == domain).migrations:
            assert callable(getattr(model, f"migrate_{version}")), (domain, version)
        assert callable(importlib.import_module(f"models.{domain}.demo").load), domain


def test_every_name_a_package_exports_exists():
    import importlib
    import pkgutil

    import forms
    import models

    missing = []
    for package in (models, forms):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            missing += [
                f"{info.name}.{n}" for n in getattr(module, "__all__", ()) if not hasattr(module, n)
            ]
    assert missing == []
