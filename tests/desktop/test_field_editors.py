"""The edit dialog's widgets for DATETIME, DECIMAL and multi-line TEXT fields: typed values
out, the same parsers as the importer."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtWidgets import QDateTimeEdit, QLineEdit, QPlainTextEdit

from desktop.form_dialog import FormDialog
from forms.spec import Field, FieldType

FIELDS = (
    Field("received", "受理时间", FieldType.DATETIME, required=True),
    Field("closed", "办结时间", FieldType.DATETIME),
    Field("credit", "学分", FieldType.DECIMAL, places=1),
    Field("notes", "处理经过", multiline=True, max_length=50),
)


def test_datetime_decimal_and_multiline_fields_get_their_editors(qtbot, app):
    dialog = FormDialog("t", FIELDS, lambda v: v)
    qtbot.addWidget(dialog)
    received = dialog.widget("received")
    assert isinstance(received, QDateTimeEdit) and received.displayFormat() == "yyyy-MM-dd HH:mm"
    assert isinstance(dialog.widget("credit"), QLineEdit)
    assert dialog.widget("credit").placeholderText() == "0.0"
    assert isinstance(dialog.widget("notes"), QPlainTextEdit)

    dialog.editors["received"].set_value(datetime(2026, 10, 8, 14, 30))
    dialog.widget("credit").setText("0.5")
    dialog.widget("notes").setPlainText("第一行\n第二行")
    assert dialog.collect() == {
        "received": datetime(2026, 10, 8, 14, 30),
        "closed": None,  # an optional date-time left empty
        "credit": Decimal("0.5"),
        "notes": "第一行\n第二行",
    }
    dialog.widget("credit").setText("0.55")
    assert dialog.collect() is None
    assert "1 位小数" in dialog.error_text("credit")
