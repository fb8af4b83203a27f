"""X2: every document type's approval summary, declared once, is what the printed 申请批准单
shows and what the inbox's 金额 column sums — on SQLite and MariaDB. PDFs read back with pypdf."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from forms.printing import print_form
from forms.summary import amount_expression, declaration, summary_of
from models import queries
from models.workflow import Instance
from tests.pending_docs import DOCUMENTS


def _text(path) -> str:
    return re.sub(r"\s+", "", PdfReader(str(path)).pages[0].extract_text())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("doc_type", sorted(DOCUMENTS))
def test_X2_every_document_type_declares_its_summary(office, doc_type):
    pending = DOCUMENTS[doc_type](office)
    assert pending.inst.doc_type == doc_type
    assert declaration(doc_type) is not None
    summary = summary_of(pending.inst)
    values = [v for _label, v in summary.fields]
    assert any(pending.field in v for v in values), values
    if pending.amount is None:
        assert summary.total is None
    else:
        assert summary.total_text == pending.amount
    if pending.line is not None:  # a type with lines shows them, with or without an amount
        assert summary.lines is not None
        assert any(pending.line in cell for row in summary.lines.rows for cell in row)
    if pending.amount is not None and pending.line is not None:  # priced lines
        headers = "".join(summary.lines.headers)
        assert "金额" in headers or "预算" in headers


@pytest.mark.parametrize("doc_type", sorted(DOCUMENTS))
def test_X2_printed_approval_form_shows_the_summary_lines_and_amount(office, doc_type, tmp_path):
    pending = DOCUMENTS[doc_type](office)
    text = _text(print_form("approval", pending.inst.id, tmp_path / "a.pdf", copies=1))
    assert "申请批准单" in text
    assert _squash(pending.field) in text
    summary = summary_of(pending.inst)
    for label, _value in summary.fields:
        assert _squash(label) in text, label
    if pending.amount is not None:
        assert f"{summary.total_label}：{pending.amount}" in text
    if pending.line is not None:
        assert _squash(pending.line) in text
        for header in summary.lines.headers:
            assert _squash(header) in text, header


def test_X2_a_repair_form_lists_every_line_with_quantity_price_amount_and_the_quote(
    office, tmp_path
):
    pending = DOCUMENTS["fleet_repair"](office)
    text = _text(print_form("approval", pending.inst.id, tmp_path / "a.pdf", copies=1))
    for value in (
        "刹车异响，制动距离变长",
        "一般维修",
        "城东汽修厂",
        "2026-10-16",
        "前刹车片配件2412.50825.00",  # name, kind, quantity, unit price, amount in a row
        "更换工时工时1275.00275.00",
        "估算金额（元）：1,100.00",
        "附件报价单.pdf",
    ):
        assert value in text, value


@pytest.mark.parametrize("doc_type", sorted(DOCUMENTS))
def test_X2_the_inbox_amount_is_the_summary_total(office, doc_type):
    pending = DOCUMENTS[doc_type](office)
    rows = list(
        queries.inbox_rows(pending.approver)
        .select(Instance.id, amount_expression().alias("amount"))
        .dicts()
    )
    assert [r["id"] for r in rows] == [pending.inst.id]
    amount = rows[0]["amount"]
    if pending.amount is None:
        assert amount is None
    else:
        assert Decimal(str(amount)).quantize(Decimal("0.01")) == summary_of(pending.inst).total


@pytest.mark.parametrize("doc_type", sorted(DOCUMENTS))
def test_X2_every_summary_label_carries_its_english_beside_the_chinese(office, doc_type):
    """The English desktop reads the same declaration: each field's label, each column's
    header, the lines' title and the total's label is a ``Label`` with its English."""
    from forms.summary import Label

    summary = summary_of(DOCUMENTS[doc_type](office).inst)
    said = [label for label, _v in summary.fields]
    if summary.lines is not None:
        said += [*summary.lines.headers, summary.lines.title]
    if summary.total is not None:
        said.append(summary.total_label)
    plain = [t for t in said if not isinstance(t, Label) or not t.en]
    assert plain == []
    chinese = [t.en for t in said if re.search(r"[\u4e00-\u9fff]", t.en)]
    assert chinese == []


def test_X2_every_node_and_flow_declares_its_english(office):
    from models import workflow

    workflow.load_domains()
    for doc_type in DOCUMENTS:
        flow = workflow.registered_flow(doc_type)
        assert flow.name_en, doc_type
        assert [n.key for n in flow.nodes if not n.name_en] == [], doc_type
        stored = workflow.current_version(doc_type).flow()  # the English is stored with it
        assert [n.name_en for n in stored.nodes] == [n.name_en for n in flow.nodes]
