"""The PDF's frame: A4 pages (portrait for the 总览, landscape for the tables), the font,
paragraph styles, a table style with repeated headers, and `第 N 页，共 M 页` footers.

Chinese is drawn with reportlab's built-in Adobe-GB1 CID font `STSong-Light`: PDF readers
supply the glyphs, so no font file is shipped. reportlab is imported only here and in
`report.pdf`, which the CLI imports only when `--pdf` is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

from cscaudit.i18n import Lang, t

FONT = "STSong-Light"
MARGIN = 12 * mm
HEADER_FILL = colors.HexColor("#DDEBF7")
GRID = colors.HexColor("#BFBFBF")
PAGE = t("第 {page} 页，共 {pages} 页", "Page {page} of {pages}")
PORTRAIT, LANDSCAPE = "portrait", "landscape"


def font() -> str:
    """Register the CID font once; its name."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def styles() -> dict[str, ParagraphStyle]:
    name = font()
    body = ParagraphStyle("body", fontName=name, fontSize=8.5, leading=11, wordWrap="CJK")
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5),
        "head": ParagraphStyle("head", parent=body, fontSize=8.5, leading=11),
        "num": ParagraphStyle("num", parent=body, alignment=TA_RIGHT),
        "alert": ParagraphStyle("alert", parent=body, textColor=colors.HexColor("#C00000"),
                                spaceAfter=6),
        "title": ParagraphStyle("title", parent=body, fontSize=15, leading=20, spaceAfter=6),
        "section": ParagraphStyle("section", parent=body, fontSize=10.5, leading=14,
                                  spaceBefore=8, spaceAfter=3),
        # one requirement id a line, never broken inside an id
        "ids": ParagraphStyle("ids", parent=body, fontSize=7.5, leading=9.5, wordWrap=None),
    }


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A cell's text as a paragraph: escaped, line breaks kept."""
    return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)


def table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
          style: dict[str, ParagraphStyle], numeric: Sequence[int] = ()) -> Table:
    """A grid with a shaded header row repeated on every page (none when `header` is
    empty: then the first column is shaded, a list of labels and values)."""
    cells = [[para(h, style["head"]) for h in header]] if header else []
    cells += [[v if isinstance(v, Paragraph) else
               para(v, style["num"] if col in numeric else style["body"])
               for col, v in enumerate(row)] for row in rows]
    grid = Table(cells, colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    grid.setStyle(TableStyle(commands))
    return grid


class _NumberedCanvas(Canvas):
    """Keeps each page until the end, then writes `第 N 页，共 M 页` and the header."""

    def __init__(self, *args: Any, header: str = "", footer_lang: Lang = "zh",
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header, self.footer_lang = header, footer_lang
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

    def save(self) -> None:
        total = len(self._pages)
        for n, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            width, height = state["_pagesize"]
            self.setFont(FONT, 8)
            self.setFillColor(colors.grey)
            self.drawCentredString(width / 2, 7 * mm,
                                   PAGE.format(page=n, pages=total)(self.footer_lang))
            self.drawCentredString(width / 2, height - 7 * mm, self.header)
            super().showPage()
        super().save()


def document(out: IO[bytes], title: str, header: str,
             lang: Lang) -> tuple[BaseDocTemplate, Callable[..., Canvas]]:
    """The document (portrait and landscape templates) and the canvas maker to build with."""
    doc = BaseDocTemplate(out, pagesize=A4, title=title, author="cscaudit",
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 3 * mm,
                          bottomMargin=MARGIN + 2 * mm)
    templates = []
    for name, size in ((PORTRAIT, A4), (LANDSCAPE, landscape(A4))):
        frame = Frame(MARGIN, MARGIN + 2 * mm, size[0] - 2 * MARGIN,
                      size[1] - 2 * MARGIN - 5 * mm, id=name, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(id=name, frames=[frame], pagesize=size))
    doc.addPageTemplates(templates)
    font()

    def canvas(*args: Any, **kwargs: Any) -> Canvas:
        return _NumberedCanvas(*args, header=header, footer_lang=lang, **kwargs)

    return doc, canvas


def usable_width(orientation: str) -> float:
    size = A4 if orientation == PORTRAIT else landscape(A4)
    return float(size[0] - 2 * MARGIN)
