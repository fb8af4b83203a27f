"""One way to ask for a label, each domain's words in its own package: ``desktop.labels`` is the
lookup, ``desktop/<domain>/labels.py`` registers the domain's English and audit words."""

from __future__ import annotations

import pytest

from desktop import i18n, labels
from models import domains


def test_every_desktop_domain_registers_its_own_words():
    import importlib

    for package in domains.packages("desktop"):
        module = importlib.import_module(f"{package}.labels")
        assert module.__doc__, package
    assert "vehicle" in labels.AUDIT_OBJECTS and "teacher" in labels.AUDIT_OBJECTS
    assert "user" in labels.AUDIT_OBJECTS  # the shared ground's, desktop/common_labels.py
    assert labels.code("repair_kind", "repair") == "一般维修"


def test_a_code_registered_again_with_other_words_is_refused(app):
    with pytest.raises(ValueError, match="create"):
        labels.register(actions={"create": ("建", "Made")})
    labels.register(actions={"create": ("新建", "Created")})  # the same words: no conflict
    i18n.install(app, "en")
    try:
        assert labels.audit_action("create") == "Created"
    finally:
        i18n.install(app, "zh_CN")
