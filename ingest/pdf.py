"""PDF inputs: per page, take the text layer when it is real Vietnamese, otherwise OCR.

Words and boxes of a text layer come from pdfplumber (PDF points, origin top-left);
pages are rendered for OCR by pypdfium2. Each page's decision and its reason are kept in
its :class:`~kehoach.models.PageInfo`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils import cluster_objects
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import CorruptInputError, EncryptedPdfError, KehoachError, MissingDependencyError
from ..models import BBox, PageInfo, ProcessingError
from .layer_quality import MIN_WORDS, judge_text_layer
from .ocr import OcrEngine
from .page_image import page_image
from .page_ocr import ocr_page
from .seals import has_seal
from .tables import layer_tables
from .types import Line, PageText, Word

LINE_TOLERANCE = 3.0  # points: words whose tops differ by less are on one line
IMAGE_COVER_FOR_SCAN = 0.5  # a page mostly covered by images is a scan


@dataclass(frozen=True)
class PdfPageRead:
    page: PageText | None
    error: ProcessingError | None


def text_layer_lines(page: pdfplumber.page.Page, number: int) -> list[Line]:
    """The page's words grouped into lines by their vertical position, left to right."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=[])
    lines = []
    for cluster in cluster_objects(words, "top", LINE_TOLERANCE):
        cluster.sort(key=lambda w: w["x0"])
        ws = [Word(w["text"], BBox(x0=w["x0"], y0=w["top"], x1=w["x1"], y1=w["bottom"], unit="pt"), 100.0)
              for w in cluster]
        lines.append(Line(text=" ".join(w.text for w in ws), number=0, page=number, words=ws))
    return lines


def image_cover(page: pdfplumber.page.Page) -> float:
    """Share of the page area covered by embedded images."""
    area = float(page.width * page.height) or 1.0
    covered = sum(max(0.0, (im["x1"] - im["x0"]) * (im["bottom"] - im["top"])) for im in page.images)
    return min(covered / area, 1.0)


def open_pdf(path: str) -> tuple[pdfplumber.PDF, pdfium.PdfDocument]:
    """Open with both libraries, translating their errors into ours."""
    try:
        plumber = pdfplumber.open(path)
        _ = plumber.pages  # forces the page tree to parse
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        # pdfplumber wraps pdfminer's errors; the original is the first argument.
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedPdfError("PDF is encrypted and needs a password; decrypt it first "
                                    "(e.g. qpdf --decrypt --password=… in.pdf out.pdf)", path) from exc
        exc = cause if isinstance(cause, Exception) else exc
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise CorruptInputError(f"PDF cannot be parsed ({detail})", path) from exc
    try:
        rendered = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        plumber.close()
        if "password" in str(exc).lower():
            raise EncryptedPdfError("PDF is encrypted and needs a password", path) from exc
        raise CorruptInputError(f"PDF cannot be rendered ({exc})", path) from exc
    if len(rendered) == 0:
        plumber.close()
        rendered.close()
        raise CorruptInputError("PDF has no pages", path)
    return plumber, rendered


def page_count(path: str) -> int:
    """Number of pages, from pdfium's page tree alone: cheap, unlike :func:`open_pdf`, whose
    pdfplumber side parses every page object. Errors say only that the file is unusable;
    reading it says why."""
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise CorruptInputError(f"PDF cannot be opened ({exc})", path) from exc
    try:
        return len(document)
    finally:
        document.close()


def read_pdf_pages(path: str, engine_factory: Callable[[], OcrEngine], dpi: int, force_ocr: bool,
                   pages: range | None = None) -> Iterator[PdfPageRead]:
    """Yield each page as read (those of ``pages``, 0-based, when given: a batch reads a long
    document in ranges on several workers); a failing page yields an error instead and the
    rest go on."""
    plumber, rendered = open_pdf(path)
    engine: OcrEngine | None = None
    try:
        for index in pages if pages is not None else range(len(plumber.pages)):
            page = plumber.pages[index]
            number = index + 1
            try:
                lines = text_layer_lines(page, number)
                words = [w.text for ln in lines for w in ln.words]
                verdict = judge_text_layer(words)
                scanned = image_cover(page) >= IMAGE_COVER_FOR_SCAN
                if not force_ocr and verdict.usable and not (len(words) < MIN_WORDS and scanned):
                    info = PageInfo(number=number, method="text_layer", reason=verdict.reason,
                                    text_layer_score=round(verdict.score, 3), width=float(page.width),
                                    height=float(page.height), unit="pt", word_count=len(words))
                    yield PdfPageRead(PageText(info, lines, layer_tables(page, number, lines)), None)
                    continue
                if force_ocr:
                    reason = "OCR forced by option"
                elif not words:
                    reason = "no text layer" + (" (scanned image)" if scanned else "")
                elif verdict.usable:
                    reason = "scanned image with almost no text layer"
                else:
                    reason = verdict.reason
                engine = engine or engine_factory()
                image = page_image(rendered[index], dpi)
                colour = page_image(rendered[index], dpi, colour=True) if has_seal(rendered[index]) else None
                yield PdfPageRead(ocr_page(image, number, dpi, engine, reason,
                                           round(verdict.score, 3) if words else None, colour), None)
            except MissingDependencyError:
                raise  # no later page can succeed either
            except KehoachError as exc:
                yield PdfPageRead(None, ProcessingError(stage="ingest", message=exc.reason, page=number))
            except Exception as exc:  # one damaged page must not lose the others
                yield PdfPageRead(None, ProcessingError(
                    stage="ingest", message=f"{type(exc).__name__}: {exc}", page=number))
            finally:
                page.close()  # pdfplumber keeps every page's parsed objects otherwise: 60 pages, +250 MB
    finally:
        plumber.close()
        rendered.close()
