"""Ingest: any input file → pages of lines of words with boxes and confidences.

``read_document`` detects the kind from the content, then reads text files directly,
PDF pages from their text layer or by OCR (decided page by page, see :mod:`.pdf`),
and images by OCR.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..errors import EmptyFileError, InputFileError, UnsupportedInputError
from ..models import PageInfo, ProcessingError, Source
from .detect import sniff
from .images import page_images
from .ocr import ENGINES, OcrEngine, make_engine
from .page_ocr import ocr_page
from .pdf import read_pdf_pages
from .text import decode_text, pages_from_text
from .types import IngestedDocument, Line, PageText, Word

HASH_CHUNK = 1 << 20


class IngestOptions(BaseModel):
    """How inputs are read."""

    model_config = ConfigDict(extra="forbid")

    ocr_engine: str = Field(default="tesseract", description=f"One of: {', '.join(ENGINES)}.")
    lang: str = Field(default="vie", description="Tesseract language; 'vie' alone keeps the accents.")
    psm: int = Field(default=3, description="Tesseract page segmentation mode.")
    dpi: int = Field(default=300, ge=72, le=600, description="Resolution at which PDF pages are rendered for OCR.")
    force_ocr: bool = Field(default=False, description="OCR every PDF page even when its text layer is good.")
    page_timeout: float = Field(default=300, ge=0, description="Seconds Tesseract may spend on one page (0: no limit).")
    max_image_mp: float = Field(default=150, gt=0, description="Largest image accepted, in megapixels.")

    def engine(self) -> OcrEngine:
        return make_engine(self.ocr_engine, lang=self.lang, psm=self.psm, timeout=self.page_timeout)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def number_lines(pages: list[PageText]) -> None:
    """Give every line its 1-based number across the document."""
    number = 0
    for page in pages:
        for line in page.lines:
            number += 1
            line.number = number


def read_document(path: str | Path, options: IngestOptions | None = None) -> IngestedDocument:
    """Read one input file. Raises :class:`~kehoach.errors.InputFileError` subclasses for
    files that cannot be used; failures of single pages are recorded, not raised."""
    media_type, pages, errors = read_pages(path, options)
    return assemble(path, media_type, pages, errors)


def read_pages(path: str | Path, options: IngestOptions | None = None, page_range: range | None = None
               ) -> tuple[str, list[PageText], list[ProcessingError]]:
    """The media type, pages and page failures of ``path``; with ``page_range`` (0-based,
    PDFs only) just those pages, which :func:`assemble` joins with the other ranges."""
    options = options or IngestOptions()
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise InputFileError("is a directory (use `kehoach run` for folders)", name)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputFileError(f"cannot be read ({exc.strerror})", name) from exc
    if size == 0:
        raise EmptyFileError("file is empty (0 bytes)", name)
    kind = sniff(head)
    if kind is None:
        raise UnsupportedInputError("not a PDF, PNG/JPEG/TIFF image or text file", name)
    kind_name, media_type = kind
    if page_range is not None and kind_name != "pdf":
        raise ValueError(f"{name}: only PDFs are read by page range")
    pages: list[PageText] = []
    errors: list[ProcessingError] = []
    if kind_name == "text":
        pages = pages_from_text(decode_text(path.read_bytes(), name))
    elif kind_name == "pdf":
        for read in read_pdf_pages(name, options.engine, options.dpi, options.force_ocr, page_range):
            if read.page is not None:
                pages.append(read.page)
            elif read.error is not None:
                errors.append(read.error)
                pages.append(failed_page(read.error, len(pages) + 1))
    else:
        engine = options.engine()
        for number, (image, dpi) in enumerate(page_images(name, int(options.max_image_mp * 1e6)), start=1):
            pages.append(ocr_page(image, number, dpi, engine, "image input"))
    return media_type, pages, errors


def failed_page(error: ProcessingError, number: int) -> PageText:
    """The place of a page that could not be read, so page numbers stay right."""
    return PageText(PageInfo(number=error.page or number, method="ocr", reason=f"failed: {error.message}"))


def assemble(path: str | Path, media_type: str, pages: list[PageText], errors: list[ProcessingError],
             sha256: str | None = None) -> IngestedDocument:
    """The document from its pages in order: lines numbered across pages, source described."""
    number_lines(pages)
    source = Source(path=str(path), sha256=sha256 or file_sha256(Path(path)), media_type=media_type,
                    page_count=len(pages), pages=[p.info for p in pages])
    return IngestedDocument(source=source, pages=pages, errors=errors)


__all__ = ["IngestOptions", "IngestedDocument", "Line", "PageText", "Word", "assemble", "failed_page", "read_document",
           "read_pages"]
