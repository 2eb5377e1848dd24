"""What ingest hands to the later stages: pages of lines of words, each with its box.

These are plain dataclasses rather than pydantic models because there are many of them
(hundreds of words per page) and they never leave the process except pickled to a parent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import BBox, PageInfo, ProcessingError, Source


@dataclass(slots=True)
class Word:
    """One word as read; ``confidence`` is 0–100 (Tesseract's scale), 100 for text layers."""

    text: str
    bbox: BBox | None = None
    confidence: float = 100.0


@dataclass(slots=True)
class Line:
    """One line of text in reading order.

    ``number`` is 1-based across the whole document (pages concatenated), the numbering used
    by ``Provenance.line_span``; ``page`` is 1-based, or None for a plain-text input.
    """

    text: str
    number: int
    page: int | None = None
    words: list[Word] = field(default_factory=list)
    raw: str | None = None  # text before normalisation, when normalisation changed it

    @property
    def bbox(self) -> BBox | None:
        return BBox.union([w.bbox for w in self.words if w.bbox is not None])

    @property
    def confidence(self) -> float:
        """Mean word confidence, 0–1."""
        if not self.words:
            return 1.0
        return sum(w.confidence for w in self.words) / (100.0 * len(self.words))


@dataclass(slots=True)
class TableCell:
    """One cell of a ruled table: its place in the grid (0-based), the rows and columns it
    spans (a merged 'Cơ quan chủ trì' spans several rows), its box and the words in it."""

    row: int
    col: int
    bbox: BBox
    text: str = ""
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class PageTable:
    """A table found on a page by its ruling lines, in the page's own units (like its words).

    ``method`` says how the grid was found: 'pdf_rules' (the PDF's drawn lines, pdfplumber)
    or 'image_rules' (lines detected on the page image).
    """

    page: int
    bbox: BBox
    n_rows: int
    n_cols: int
    cells: list[TableCell]
    method: str


@dataclass(slots=True)
class PageText:
    info: PageInfo
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)


@dataclass(slots=True)
class IngestedDocument:
    """A read document: its source description, its pages of lines, and per-page failures."""

    source: Source
    pages: list[PageText]
    errors: list[ProcessingError] = field(default_factory=list)

    def lines(self) -> Iterator[Line]:
        for page in self.pages:
            yield from page.lines

    def text(self, raw: bool = False) -> str:
        """The document's text, pages separated by a form feed, as ``kehoach ocr`` prints it."""
        return "\f".join(
            "\n".join((ln.raw if raw and ln.raw is not None else ln.text) for ln in page.lines)
            for page in self.pages
        )
