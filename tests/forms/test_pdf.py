"""申请批准单 as PDF: read back with pypdf (X2 trail printed, F9-style copies)."""

from __future__ import annotations

import re
import warnings

import pytest
from pypdf import PdfReader

from forms import fonts
from forms.approval import APPROVAL, document_number
from forms.pdf import (
    Column,
    Group,
    line_table,
    render,
    render_table,
    sheet_heading,
    signature_block,
    text_width,
)
from forms.printdoc import PrintDoc, TrailEntry
from forms.printing import print_form
from forms.spec import Field, FieldType, FormSpec
from models import workflow
from models.people import Role
from models.workflow import Approver, Flow, Node

FLOW = workflow.register_flow(
    Flow(
        "t_supply_request",
        "办公用品申请",
        (
            Node("head", "科室负责人审核", (Approver.dept_head(),)),
            Node("leader", "主要领导审批", (Approver.role(Role.LEADER),)),
        ),
    )
)
LONG_TITLE = "申领办公用品：A4 复印纸 10 包、黑色签字笔 2 盒，用于第四季度档案整理和年终材料打印"


def _text(path) -> list[str]:
    """Each page's text with whitespace removed (CJK extraction inserts spaces/newlines)."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture
def approved(office):
    inst = workflow.submit(
        office.clerk,
        "t_supply_request",
        title=LONG_TITLE,
        fields={"物品": "A4 复印纸", "数量": 10, "金额": "356.50"},
    )
    workflow.approve(office.head, inst.id, "同意，请领导审批。")
    workflow.approve(office.leader, inst.id, "同意。注意节约使用，不得挪作他用。")
    return workflow.Instance.get_by_id(inst.id)


def test_X2_approval_form_prints_fields_trail_and_three_copies(approved, tmp_path):
    out = print_form("approval", approved.id, tmp_path / "a.pdf")
    pages = _text(out)
    assert len(pages) == 3
    labels = ["第一联存根", "第二联申请部门", "第三联后勤"]
    for page, label in zip(pages, labels, strict=True):
        assert label in page
        assert "申请批准单" in page
        assert document_number(approved) in page
        for field in APPROVAL.fields:
            assert field.label in page
        for value in (
            re.sub(r"\s+", "", LONG_TITLE),
            "张三",
            "办公室",
            "办公用品申请",
            "已通过",
            f"{approved.submitted_at:%Y-%m-%d%H:%M}",
            "A4复印纸",
            "356.50",
        ):
            assert value in page, value
        # the full trail: node, person, decision, comment
        for value in ("科室负责人审核", "李四", "同意，请领导审批。", "主要领导审批", "王五"):
            assert value in page, value
        assert "同意。注意节约使用，不得挪作他用。" in page
        for signer in ("申请人：", "科室负责人审核：", "主要领导审批：", "日期："):
            assert signer in page


def test_copies_option_prints_the_asked_number(approved, tmp_path):
    pages = _text(print_form("approval", approved.id, tmp_path / "a.pdf", copies=1))
    assert len(pages) == 1 and "第一联存根" in pages[0]
    pages = _text(print_form("approval", approved.id, tmp_path / "b.pdf", copies=4))
    assert len(pages) == 4 and "第四联" in pages[3]


def test_chinese_font_is_embedded_truetype(approved, tmp_path):
    out = print_form("approval", approved.id, tmp_path / "a.pdf", copies=1)
    embedded = []
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.append(str(font["/BaseFont"]))
    assert embedded, "no embedded TrueType font"
    assert fonts.cjk_font() == fonts.FONT_NAME


def test_long_values_wrap_and_money_dates_are_formatted(sqlite_database, tmp_path):
    spec = FormSpec(
        "t_repair",
        "车辆维修保修单",
        (
            Field("plate", "车牌号"),
            Field("cost", "预计费用", FieldType.MONEY),
            Field("day", "报修日期", FieldType.DATE),
            Field("fault", "故障情况", wide=True),
        ),
        copies=("存根", "维修部门", "财务"),
    )
    from datetime import date, datetime
    from decimal import Decimal

    fault = "发动机异响，怠速不稳，" * 20
    doc = PrintDoc(
        spec,
        "WX-2026-0001",
        {"plate": "京A12345", "cost": Decimal("12345.6"), "day": date(2026, 11, 3), "fault": fault},
        trail=[TrailEntry("车管鉴定", "孙八", "同意", "需更换总成", datetime(2026, 11, 3, 9, 5))],
    )
    pages = _text(render(doc, tmp_path / "r.pdf"))
    assert [p for p in pages if "第三联财务" in p]
    first = pages[0]
    assert "12,345.60" in first and "2026-11-03" in first and "京A12345" in first
    assert re.sub(r"\s+", "", fault) in first  # all of it, wrapped over several lines
    assert "2026-11-0309:05" in first and "需更换总成" in first


def test_a_table_of_lines_from_the_public_layout_spans_pages_with_its_header_and_count(tmp_path):
    """A people × sessions grid (an attendance sheet) on landscape pages, built only from the
    public pieces of ``forms.pdf``: every page repeats the header and says 共 N 页."""
    from reportlab.lib.pagesizes import A4, landscape

    page = landscape(A4)
    sessions = [f"第{i}次" for i in range(1, 13)]
    columns = [
        Column("no", "序号", 12, centred=True),
        Column("name", "姓名"),
        *(Column(f"s{i}", label, 16, centred=True) for i, label in enumerate(sessions)),
        Column("total", "出勤", 14, centred=True),
    ]
    rows: list = []
    for group in ("一中队", "二中队"):
        rows.append(Group(group))
        rows += [
            {"no": str(n), "name": f"{group}教员{n}", "s0": "√", "total": "1"} for n in range(1, 31)
        ]

    def story(st):
        return [
            *sheet_heading(
                "培训考勤登记表", ["培训：安全驾驶", "期间：2026年11月"], st, width=text_width(page)
            ),
            line_table(columns, rows, st, width=text_width(page)),
            signature_block(("授课人", "负责人"), st, width=text_width(page)),
        ]

    out = render_table(
        tmp_path / "k.pdf", story, title="培训考勤登记表", number="KQ-1", pagesize=page
    )
    reader = PdfReader(out)
    pages = _text(out)
    assert len(pages) > 1
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    for n, text in enumerate(pages, start=1):
        if "教员" in text:  # the signatures may stand alone on the last page
            assert "序号" in text and "第12次" in text and "出勤" in text
        assert f"后勤Houqin·培训考勤登记表KQ-1·共{len(pages)}页" in text
        assert f"第{n}页" in text
    everything = "".join(pages)
    assert "二中队教员30" in everything and "授课人：" in everything


def test_without_a_truetype_font_falls_back_to_stsong_with_a_warning(monkeypatch):
    monkeypatch.setattr(fonts, "candidates", lambda: [])
    fonts.cjk_font.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert fonts.cjk_font() == fonts.FALLBACK_CID
        assert any("STSong-Light" in str(w.message) and "嵌入" in str(w.message) for w in caught)
    finally:
        fonts.cjk_font.cache_clear()


def test_cff_fonts_are_never_picked(tmp_path, monkeypatch):
    otf = tmp_path / "NotoSansCJK.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 100)
    assert fonts._is_cff(otf)


def test_X2_each_copy_counts_its_own_pages_and_the_footer_names_the_office(approved, tmp_path):
    from models import settings
    from models.people import SYSTEM

    settings.put(SYSTEM, "office.name", "某某局办公室")
    pages = _text(print_form("approval", approved.id, tmp_path / "a.pdf"))
    for page, label in zip(pages, ["第一联存根", "第二联申请部门", "第三联后勤"], strict=True):
        squeezed = re.sub(r"\s+", "", page)
        assert f"{label}第1页" in squeezed, squeezed[-80:]  # never 第 2 页 for the 2nd copy
        assert "某某局办公室·" in squeezed
        # one date line per signer, no 日期 signer of its own beside them
        assert squeezed.count("日期：") == 3 and "日期：日期" not in squeezed
