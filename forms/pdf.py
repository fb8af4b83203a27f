"""A4 paper forms (reportlab platypus), in two layouts that share styles, page decorations
and signature lines.

**Forms** (``render``): a ``PrintDoc`` as a label/value grid. Each copy of a form (一式三联)
starts on a new page and carries its copy name in a box at the top right of every page it
spans (第一联 存根 / 第二联 维修部门 / 第三联 财务), so a torn-off copy still says what it is.
A copy holds:

- the title, the document number and the print time;
- the fields in a ruled grid: label | value | label | value, long (``wide``) fields on a
  row of their own; values wrap as Chinese text (reportlab ``wordWrap="CJK"``);
- the full approval trail: 环节, 审批人, 意见, 批注, 时间 (X2);
- signature lines (签字 and 日期) for the applicant and every step.

**Tables of lines** (``render_table``): a document whose body is one long ruled table, such as
the 盘点表 (items × counts) or an attendance sheet (people × sessions). Its module builds the
story from the public pieces here: ``sheet_heading`` (title and particulars), ``line_table``
(``Column``s, rows and ``Group`` headings, the header repeated on every page) and
``signature_block``, with ``para`` and ``Styles`` for anything else. Every page carries the
footer and 第 n 页; the footer also says 共 N 页.

The renderers only format: a domain-side loader (``forms.printing``) builds the ``PrintDoc`` or
the rows; nothing here queries the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
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
CONTENT_WIDTH = A4[0] - 2 * MARGIN  # the text width of an A4 portrait page, in points
GRID = colors.HexColor("#404040")
LABEL_BG = colors.HexColor("#F0F0F0")
HANDWRITING = 16 * mm  # an empty wide field's cell: two or three handwritten lines


def copy_labels(spec: FormSpec, copies: int | None) -> list[str]:
    """Copy names for ``copies`` pages: declared ones first, then 第N联."""
    n = len(spec.copies) if copies is None else copies
    if n < 1:
        raise ValueError("copies must be at least 1")
    if not spec.copies and copies is None:
        return [""]
    return [copy_label(i, spec.copies[i] if i < len(spec.copies) else "") for i in range(n)]


def text_width(pagesize: tuple[float, float] = A4) -> float:
    """The width between the margins of a page of ``pagesize`` (``landscape(A4)`` too)."""
    return pagesize[0] - 2 * MARGIN


class Styles:
    """The paragraph styles of every Houqin PDF, in the CJK font ``font`` (``cjk_font()``),
    wrapping Chinese text anywhere:

    - ``value`` and ``label``: the 10 pt cells of a form's grid (labels a shade darker);
    - ``small``: 9 pt, for table cells, particulars and notes; ``centred``: the same, centred
      (Paragraph cells ignore a table's ALIGN, so centred columns need their own style);
    - ``title``: 20 pt, centred; ``heading``: 12 pt, over a section (审批记录, 签字确认).
    """

    def __init__(self, font: str) -> None:
        base = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
        self.value = base
        self.label = ParagraphStyle("label", parent=base, textColor=colors.HexColor("#202020"))
        self.small = ParagraphStyle("small", parent=base, fontSize=9, leading=12)
        self.centred = ParagraphStyle("centred", parent=self.small, alignment=TA_CENTER)
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
        # Pages are counted within each copy: the second page of 第二联 is its 第 2 页.
        self.canv._houqin_copy_first = self.canv.getPageNumber()  # type: ignore[attr-defined]


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """``text`` as a paragraph in ``style``: escaped (a ``<`` typed by a user stays a
    character), its line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _grid(doc: PrintDoc, st: Styles) -> Table:
    """Labels and values, two pairs a row; wide fields and extras alone on a row.

    A field with nothing to print is its label beside a blank ruled cell, to be filled in by
    hand (never a label with a colon and nothing after it); a wide one (车管鉴定意见,
    出厂验收) is given the height of a few handwritten lines."""
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
            rows.append([para(pending[0], st.label), para(pending[1], st.value), "", ""])
            spans.append((len(rows) - 1, 1))  # the lone value spans to the right edge
            pending = None

    blank_wide: list[int] = []  # rows of wide fields left empty: room to write by hand
    for label, text, wide in items:
        if wide:
            flush()
            rows.append([para(label, st.label), para(text, st.value), "", ""])
            spans.append((len(rows) - 1, 1))
            if not text.strip():
                blank_wide.append(len(rows) - 1)
        elif pending is None:
            pending = (label, text)
        else:
            rows.append(
                [
                    para(pending[0], st.label),
                    para(pending[1], st.value),
                    para(label, st.label),
                    para(text, st.value),
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
    heights = [HANDWRITING if r in blank_wide else None for r in range(len(rows))]
    table = Table(
        rows, colWidths=[label_w, value_w, label_w, value_w], rowHeights=heights, repeatRows=0
    )
    table.setStyle(TableStyle(style))
    return table


def _trail(doc: PrintDoc, st: Styles) -> Table:
    widths = [12 * mm, 32 * mm, 26 * mm, 24 * mm, 0, 30 * mm]
    widths[4] = CONTENT_WIDTH - sum(widths)
    header = [para(t, st.small) for t in ("序号", "审批环节", "审批人", "意见", "批注", "时间")]
    rows: list[list[Any]] = [header]
    for i, step in enumerate(doc.trail, start=1):
        at = step.at.strftime("%Y-%m-%d %H:%M") if step.at else ""
        rows.append(
            [
                para(str(i), st.small),
                para(step.node, st.small),
                para(step.who, st.small),
                para(step.decision, st.small),
                para(step.comment, st.small),
                para(at, st.small),
            ]
        )
    if not doc.trail:
        rows.append([para("（暂无审批记录）", st.small), "", "", "", "", ""])
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


def _signatures(labels: Sequence[str], st: Styles, width: float = CONTENT_WIDTH) -> Table:
    """签字 cells, up to four a row: the step's name, a line to sign on, a date line.

    Each cell is followed by a narrow gap column so the signing lines do not run together.
    Every cell carries its own date line, so a label 日期 (the last of a register's
    负责人/经办人/日期) would only print a second one: it is left out.
    """
    labels = [label for label in labels if label != "日期"]
    per_row = min(max(len(labels), 1), 4)
    gap = 6 * mm
    cell = width / per_row - gap
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
            name_row += [para(f"{label}：" if label else "", st.small), ""]
            line_row += ["", ""]
            date_row += [Paragraph(blank_date if label else "", st.small), ""]
            if label:
                style.append(("LINEBELOW", (2 * c, top + 1), (2 * c, top + 1), 0.6, GRID))
        rows += [name_row, line_row, date_row]
        style.append(("TOPPADDING", (0, top + 1), (-1, top + 1), 16))
        style.append(("BOTTOMPADDING", (0, top + 2), (-1, top + 2), 6))
    table = Table(rows, colWidths=[cell, gap] * per_row)
    table.setStyle(TableStyle(style))
    return table


def signature_block(labels: Sequence[str], st: Styles, *, width: float = CONTENT_WIDTH) -> Flowable:
    """签字确认 and a signature cell (name, a line to sign on, 日期) for each of ``labels``,
    four to a row across ``width``, kept on one page."""
    return KeepTogether([para("签字确认", st.heading), _signatures(labels, st, width)])


def _lines(doc: PrintDoc, st: Styles) -> list[Flowable]:
    """The document's lines (quantities, prices, amounts) and the total under them."""
    story: list[Flowable] = []
    if doc.lines is not None:
        widths = doc.lines.widths or (0,) * len(doc.lines.headers)
        columns = [
            Column(str(i), h, centred=i in doc.lines.numeric, width=w)
            for i, (h, w) in enumerate(zip(doc.lines.headers, widths, strict=True))
        ]
        rows = [{str(i): t for i, t in enumerate(r)} for r in doc.lines.rows]
        story += [para(doc.lines.title, st.heading), Spacer(1, 1 * mm)]
        story.append(line_table(columns, rows, st))
    if doc.total is not None:
        label, amount = doc.total
        story += [Spacer(1, 2 * mm), para(f"{label}：{amount}", st.heading)]
    if story:
        story.append(Spacer(1, 4 * mm))
    return story


def _story(doc: PrintDoc, labels: list[str], st: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    signatures = list(doc.signatures if doc.signatures is not None else doc.spec.signatures)
    for i, label in enumerate(labels):
        if i:
            story.append(PageBreak())
        story.append(_CopyMarker(label))
        story.append(para(doc.spec.title, st.title))
        meta = Table(
            [
                [
                    para(f"编号：{doc.number}", st.small),
                    para(f"打印时间：{doc.printed_at:%Y-%m-%d %H:%M}", st.small),
                ]
            ],
            colWidths=[CONTENT_WIDTH / 2] * 2,
        )
        meta.setStyle(
            TableStyle([("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        story += [meta, Spacer(1, 2 * mm), _grid(doc, st), Spacer(1, 4 * mm)]
        story += _lines(doc, st)
        if doc.show_trail:
            story.append(para("审批记录", st.heading))
            story += [Spacer(1, 1 * mm), _trail(doc, st), Spacer(1, 5 * mm)]
        if signatures:
            story.append(signature_block(signatures, st))
    return story


def _decorate(canvas: Canvas, template: BaseDocTemplate, font: str, footer: str) -> None:
    """Copy label (top right, boxed) and page number, drawn after the page's content."""
    canvas.saveState()
    label = getattr(canvas, "_houqin_copy", "")
    if label:
        canvas.setFont(font, 11)
        w = canvas.stringWidth(label, font, 11) + 8 * mm
        x, y = template.pagesize[0] - MARGIN - w, template.pagesize[1] - MARGIN + 4 * mm
        canvas.setStrokeColor(GRID)
        canvas.rect(x, y - 2 * mm, w, 7 * mm)
        canvas.drawCentredString(x + w / 2, y, label)
    canvas.setFont(font, 8)
    canvas.setFillColor(colors.HexColor("#606060"))
    canvas.drawString(MARGIN, MARGIN / 2, footer)
    page = canvas.getPageNumber()
    if label:
        page -= getattr(canvas, "_houqin_copy_first", 1) - 1
    number = f"{label} 第 {page} 页" if label else f"第 {page} 页"
    canvas.drawRightString(template.pagesize[0] - MARGIN, MARGIN / 2, number)
    canvas.restoreState()


def with_office(footer: str) -> str:
    """The footer led by the office's name, read once per document."""
    from forms.office import office_name

    office = office_name()
    return f"{office} · {footer}" if office else footer


def render(doc: PrintDoc, out: str | Path, *, copies: int | None = None) -> Path:
    """Write ``doc`` as an A4 PDF at ``out``, one copy after another (``copies`` pages sets;
    default: the spec's declared copies, or one)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    font = cjk_font()
    st = Styles(font)
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
    footer = with_office(doc.footer)
    template.addPageTemplates(
        [
            PageTemplate(
                id="form",
                frames=[frame],
                onPageEnd=lambda c, t: _decorate(c, t, font, footer),
            )
        ]
    )
    template.build(_story(doc, labels, st))
    return out


# --- tables of lines -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a ``line_table``.

    - ``key``: where a row mapping holds the cell's text;
    - ``label``: the header;
    - ``width``: in mm; 0 shares what the fixed columns leave of the table's width;
    - ``centred``: numbers, units, tick marks.
    """

    key: str
    label: str
    width: float = 0
    centred: bool = False


@dataclass(frozen=True)
class Group:
    """A shaded row across the whole ``line_table`` that heads the rows after it (a category,
    a department)."""

    title: str


def line_table(
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, str] | Group],
    st: Styles,
    *,
    width: float = CONTENT_WIDTH,
) -> Table:
    """A ruled table ``width`` points wide: a shaded header row repeated on every page, then
    one row per mapping (text by column key, a missing key left blank) or ``Group`` heading.
    A blank cell is a box to fill in by hand (实盘数, 签到)."""
    fixed = sum(c.width * mm for c in columns if c.width)
    shared = [c for c in columns if not c.width]
    rest = (width - fixed) / len(shared) if shared else 0
    widths = [c.width * mm if c.width else rest for c in columns]
    cell_style = {c.key: st.centred if c.centred else st.small for c in columns}
    data: list[list[Any]] = [[para(c.label, st.centred) for c in columns]]
    style: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 4),
    ]
    for row in rows:
        if isinstance(row, Group):
            data.append([para(row.title, st.label)] + [""] * (len(columns) - 1))
            r = len(data) - 1
            style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), LABEL_BG)]
        else:
            data.append([para(row.get(c.key, ""), cell_style[c.key]) for c in columns])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def sheet_heading(
    title: str,
    particulars: Sequence[str],
    st: Styles,
    *,
    note: str = "",
    per_row: int = 3,
    width: float = CONTENT_WIDTH,
) -> list[Flowable]:
    """The top of a table of lines: ``title``, the document's particulars (盘点单号：…) in a
    borderless grid ``per_row`` to a line across ``width``, then ``note`` (how to fill the
    sheet in) when there is one."""
    cells: list[Any] = [para(t, st.small) for t in particulars]
    cells += [""] * (-len(cells) % per_row)
    meta = Table(
        [cells[i : i + per_row] for i in range(0, len(cells), per_row)],
        colWidths=[width / per_row] * per_row,
    )
    meta.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story: list[Flowable] = [para(title, st.title), meta, Spacer(1, 1 * mm)]
    if note:
        story.append(para(note, st.small))
    return [*story, Spacer(1, 2 * mm)]


def render_sheet(
    out: str | Path,
    spec: FormSpec,
    particulars: Sequence[str],
    body: Callable[[Styles], list[Flowable]],
    *,
    number: str,
    note: str = "",
) -> Path:
    """A printed sheet of ``spec`` at ``out`` (``render_table``): its title over the
    particulars and ``note`` (``sheet_heading``), the flowables ``body(styles)`` returns, then
    the spec's signature lines; the footer names ``spec.title`` and ``number``."""

    def story(st: Styles) -> list[Flowable]:
        return [
            *sheet_heading(spec.title, particulars, st, note=note),
            *body(st),
            signature_block(spec.signatures, st),
        ]

    return render_table(out, story, title=spec.title, number=number)


def render_table(
    out: str | Path,
    story: Callable[[Styles], list[Flowable]],
    *,
    title: str,
    number: str,
    pagesize: tuple[float, float] = A4,
) -> Path:
    """Write a table of lines at ``out``: the flowables ``story(styles)`` returns (usually
    ``sheet_heading``, a ``line_table`` and a ``signature_block``) on ``pagesize`` pages whose
    footer reads 后勤 Houqin · ``title`` ``number`` · 共 N 页, with 第 n 页 on the right.

    Laid out twice, the first time only to count the pages, so ``story`` is called twice and
    must build new flowables each time; a missing page of a long sheet is noticed when the
    sheets are handed in."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pages = _build_table(BytesIO(), story, title, number, pagesize, 0)
    _build_table(str(out), story, title, number, pagesize, pages)
    return out


def _build_table(
    target: str | BytesIO,
    story: Callable[[Styles], list[Flowable]],
    title: str,
    number: str,
    pagesize: tuple[float, float],
    pages: int,
) -> int:
    font = cjk_font()
    template = BaseDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{title} {number}",
        author="后勤 Houqin",
        creator="Houqin",
    )
    frame = Frame(MARGIN, MARGIN, text_width(pagesize), pagesize[1] - 2 * MARGIN, id="body")
    footer = with_office(f"后勤 Houqin · {title} {number}" + (f" · 共 {pages} 页" if pages else ""))
    template.addPageTemplates(
        [
            PageTemplate(
                id="sheet",
                frames=[frame],
                onPageEnd=lambda c, t: _decorate(c, t, font, footer),
            )
        ]
    )
    template.build(story(Styles(font)))
    return int(template.page)
