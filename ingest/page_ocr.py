"""OCR one page image: preprocess, write it to a file, run the engine, re-read signer blocks
under red seals, group words into lines, find its ruled tables."""

from __future__ import annotations

import numpy as np
from PIL import Image

from ..models import BBox, PageInfo
from .ocr import OcrEngine, OcrWord
from .preprocess import preprocess
from .seals import reread_seals
from .tables import image_tables
from .types import Line, PageText, Word


def lines_from_ocr(words: list[OcrWord], page: int, dpi: int) -> list[Line]:
    """Group words by the engine's (block, paragraph, line) keys, keeping its reading order.

    Line numbers are left at 0; the document assigns them once all pages are read.
    """
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        box = BBox(x0=w.left, y0=w.top, x1=w.left + w.width, y1=w.top + w.height, unit="px", dpi=dpi)
        grouped.setdefault(w.line_key, []).append(Word(w.text, box, w.confidence))
    return [Line(text=" ".join(w.text for w in ws), number=0, page=page, words=ws) for ws in grouped.values()]


def ocr_page(image: Image.Image, page: int, dpi: int, engine: OcrEngine, reason: str,
             text_layer_score: float | None = None, colour: Image.Image | None = None) -> PageText:
    """Read one page image with ``engine``; boxes are in pixels of the deskewed ``image`` at ``dpi``.

    ``colour``, the same page in colour, is given for pages that show a red seal
    (:func:`.seals.has_seal`): the blocks around its seals are read again without the red ink.
    """
    prepared = preprocess(image)
    steps = list(prepared.steps)
    words = engine.recognize_image(prepared.image, dpi)
    if colour is not None:
        words, replaced = reread_seals(prepared.align(np.asarray(colour.convert("RGB"))), words, dpi, engine)
        if replaced:
            steps.append("seal-reread")
    lines = lines_from_ocr(words, page, dpi)
    mean = round(sum(w.confidence for w in words) / len(words), 2) if words else None
    info = PageInfo(
        number=page, method="ocr", reason=reason, ocr_engine=engine.describe(),
        ocr_mean_confidence=mean, text_layer_score=text_layer_score,
        width=image.width, height=image.height, unit="px", dpi=dpi,
        skew_degrees=prepared.skew_degrees, preprocessing=steps, word_count=len(words),
    )
    return PageText(info, lines, image_tables(prepared.image, page, dpi, lines, engine))
