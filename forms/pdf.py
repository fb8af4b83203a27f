"""A4 paper forms from a ``FormSpec`` (reportlab platypus).

Each copy of a form (一式三联) starts on a new page and carries its copy name in a box at
the top right of every page it spans (第一联 存根 / 第二联 维修部门 / 第三联 财务), so a
torn-off copy still says what it is. A copy holds:

- the title, the document number and the print time;
- the fields in a ruled grid: label | value | label | value, long (``wide``) fields on a
  row of their own; values wrap as Chinese text (reportlab ``wordWrap="CJK"``);
- the full approval trail: 环节, 审批人, 意见, 批注, 时间 (X2);
- signature lines (签字 and 日期) for the applicant and every step.

The renderer only formats: a domain-side loader (``forms.printing``) builds the
``PrintDoc``; nothing here queries the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from forms.fonts import cjk_font
from forms.printdoc import PrintDoc
from forms.spec import FormSpec, copy_label
from forms.values import display

MARGIN = 18 * mm
CONTENT_WIDTH = A4[0] - 2 * MARGIN
GRID = colors.HexColor("#404040")
LABEL_BG = colors.HexColor("#F0F0F0")


def copy_labels(spec: FormSpec, copies: int | None) -> list[str]:
    """Copy names for ``copies`` pages: declared ones first, then 第N联."""
    n = len(spec.copies) if copies is None else copies
    if n < 1:
        raise ValueError("copies must be at least 1")
    if not spec.copies and copies is None:
        return [""]
    return [copy_label(i, spec.copies[i] if i < len(spec.copies) else "") for i in range(n)]


class _Styles:
    def __init__(self, font: str) -> None:
        base = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
        self.value = base
        self.label = ParagraphStyle("label", parent=base, textColor=colors.HexColor("#202020"))
        self.small = ParagraphStyle("small", parent=base, fontSize=9, leading=12)
        self.title = ParagraphStyle(
            "title", parent=base, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=4
        )
        self.heading = ParagraphStyle("heading", parent=base, fontSize=12, leading=18)


class _CopyMarker(Flowable):
    """Zero-size flowable: tells the page decorations which copy is being laid out."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._houqin_copy = self.label  # type: ignore[attr-defined]


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _grid(doc: PrintDoc, st: _Styles) -> Table:
    """Labels and values, two pairs a row; wide fields and extras alone on a row."""
    label_w, value_w = 29 * mm, CONTENT_WIDTH / 2 - 29 * mm  # 6-character labels on one line
    items: list[tuple[str, str, bool]] = [
        (f.label, display(f, doc.values.get(f.key)), f.wide or f.multiline) for f in doc.spec.fields
    ]
    items += [(label, text, len(text) > 16) for label, text in doc.extra]
    rows: list[list[Any]] = []
    spans: list[tuple[int, int]] = []
    pending: tuple[str, str] | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            rows.append([_p(pending[0], st.label), _p(pending[1], st.value), "", ""])
            spans.append((len(rows) - 1, 1))  # the lone value spans to the right edge
            pending = None

    for label, text, wide in items:
        if wide:
            flush()
            rows.append([_p(label, st.label), _p(text, st.value), "", ""])
            spans.append((len(rows) - 1, 1))
        elif pending is None:
            pending = (label, text)
        else:
            rows.append(
                [
                    _p(pending[0], st.label),
                    _p(pending[1], st.value),
                    _p(label, st.label),
                    _p(text, st.value),
                ]
            )
            pending = None
    flush()
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in range(len(rows)):
        if (r, 1) in spans:
            style.append(("SPAN", (1, r), (3, r)))
        else:
            style.append(("BACKGROUND", (2, r), (2, r), LABEL_BG))
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w], repeatRows=0)
    table.setStyle(TableStyle(style))
    return table


def _trail(doc: PrintDoc, st: _Styles) -> Table:
    widths = [12 * mm, 32 * mm, 26 * mm, 24 * mm, 0, 30 * mm]
    widths[4] = CONTENT_WIDTH - sum(widths)
    header = [_p(t, st.small) for t in ("序号", "审批环节", "审批人", "意见", "批注", "时间")]
    rows: list[list[Any]] = [header]
    for i, step in enumerate(doc.trail, start=1):
        at = step.at.strftime("%Y-%m-%d %H:%M") if step.at else ""
        rows.append(
            [
                _p(str(i), st.small),
                _p(step.node, st.small),
                _p(step.who, st.small),
                _p(step.decision, st.small),
                _p(step.comment, st.small),
                _p(at, st.small),
            ]
        )
    if not doc.trail:
        rows.append([_p("（暂无审批记录）", st.small), "", "", "", "", ""])
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if not doc.trail:
        style.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(style))
    return table


def _signatures(labels: Sequence[str], st: _Styles) -> Table:
    """签字 cells, up to four a row: the step's name, a line to sign on, a date line.

    Each cell is followed by a narrow gap column so the signing lines do not run together.
    """
    per_row = min(max(len(labels), 1), 4)
    gap = 6 * mm
    width = CONTENT_WIDTH / per_row - gap
    blank_date = "日期：" + "&nbsp;" * 6 + "年" + "&nbsp;" * 3 + "月" + "&nbsp;" * 3 + "日"
    rows: list[list[Any]] = []
    style: list[Any] = [("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
    for start in range(0, len(labels), per_row):
        chunk = list(labels[start : start + per_row])
        top = len(rows)
        name_row: list[Any] = []
        line_row: list[Any] = []
        date_row: list[Any] = []
        for c in range(per_row):
            label = chunk[c] if c < len(chunk) else ""
            name_row += [_p(f"{label}：" if label else "", st.small), ""]
            line_row += ["", ""]
            date_row += [Paragraph(blank_date if label else "", st.small), ""]
            if label:
                style.append(("LINEBELOW", (2 * c, top + 1), (2 * c, top + 1), 0.6, GRID))
        rows += [name_row, line_row, date_row]
        style.append(("TOPPADDING", (0, top + 1), (-1, top + 1), 16))
        style.append(("BOTTOMPADDING", (0, top + 2), (-1, top + 2), 6))
    table = Table(rows, colWidths=[width, gap] * per_row)
    table.setStyle(TableStyle(style))
    return table


def _story(doc: PrintDoc, labels: list[str], st: _Styles) -> list[Flowable]:
    story: list[Flowable] = []
    signatures = list(doc.signatures if doc.signatures is not None else doc.spec.signatures)
    for i, label in enumerate(labels):
        if i:
            story.append(PageBreak())
        story.append(_CopyMarker(label))
        story.append(_p(doc.spec.title, st.title))
        meta = Table(
            [
                [
                    _p(f"编号：{doc.number}", st.small),
                    _p(f"打印时间：{doc.printed_at:%Y-%m-%d %H:%M}", st.small),
                ]
            ],
            colWidths=[CONTENT_WIDTH / 2] * 2,
        )
        meta.setStyle(
            TableStyle([("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        story += [meta, Spacer(1, 2 * mm), _grid(doc, st), Spacer(1, 4 * mm)]
        story.append(_p("审批记录", st.heading))
        story += [Spacer(1, 1 * mm), _trail(doc, st), Spacer(1, 5 * mm)]
        if signatures:
            heading = _p("签字确认", st.heading)
            story.append(KeepTogether([heading, _signatures(signatures, st)]))
    return story


def _decorate(canvas: Canvas, template: BaseDocTemplate, font: str, footer: str) -> None:
    """Copy label (top right, boxed) and page number, drawn after the page's content."""
    canvas.saveState()
    label = getattr(canvas, "_houqin_copy", "")
    if label:
        canvas.setFont(font, 11)
        w = canvas.stringWidth(label, font, 11) + 8 * mm
        x, y = A4[0] - MARGIN - w, A4[1] - MARGIN + 4 * mm
        canvas.setStrokeColor(GRID)
        canvas.rect(x, y - 2 * mm, w, 7 * mm)
        canvas.drawCentredString(x + w / 2, y, label)
    canvas.setFont(font, 8)
    canvas.setFillColor(colors.HexColor("#606060"))
    canvas.drawString(MARGIN, MARGIN / 2, footer)
    canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2, f"第 {canvas.getPageNumber()} 页")
    canvas.restoreState()


def render(doc: PrintDoc, out: str | Path, *, copies: int | None = None) -> Path:
    """Write ``doc`` as an A4 PDF at ``out``, one copy after another (``copies`` pages sets;
    default: the spec's declared copies, or one)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    font = cjk_font()
    st = _Styles(font)
    labels = copy_labels(doc.spec, copies)
    template = BaseDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 8 * mm,
        bottomMargin=MARGIN,
        title=f"{doc.spec.title} {doc.number}",
        author="后勤 Houqin",
        creator="Houqin",
    )
    frame = Frame(MARGIN, MARGIN, CONTENT_WIDTH, A4[1] - 2 * MARGIN - 8 * mm, id="body")
    template.addPageTemplates(
        [
            PageTemplate(
                id="form",
                frames=[frame],
                onPageEnd=lambda c, t: _decorate(c, t, font, doc.footer),
            )
        ]
    )
    template.build(_story(doc, labels, st))
    return out
