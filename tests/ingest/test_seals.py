"""Signer blocks under red seals are read again without the red ink; pages without a seal are not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from kehoach.ingest.ocr import OcrWord, TesseractEngine
from kehoach.ingest.page_image import page_image
from kehoach.ingest.page_ocr import ocr_page
from kehoach.ingest.pdf import read_pdf_pages
from kehoach.ingest.seals import Box, find_seals, has_seal, merged, reread_seals, without_red

TB_1894 = "real/TB-1894-ket-qua-sau-kiem-tra-VLNCN-ban-ky.pdf"  # signed page 2: name under the seal's edge


def test_seals_found_on_signed_pages_only(samples: Path, shared_data: Path) -> None:
    doc = pdfium.PdfDocument(samples / TB_1894)
    assert not has_seal(doc[0])
    assert has_seal(doc[1])
    seals = find_seals(np.asarray(page_image(doc[1], 300, colour=True)), 300)
    assert len(seals) == 1
    side = max(seals[0].x1 - seals[0].x0, seals[0].y1 - seals[0].y0) / 300 * 25.4
    assert 30 < side < 45  # mm: a round seal, its small star not a second one
    doc.close()
    # the red watermark strip down a page's margin is not a seal
    scan = pdfium.PdfDocument(shared_data / "real_pdfs" / "TT-23-2024-BCT-tienchat.pdf")
    assert not find_seals(np.asarray(page_image(scan[0], 300, colour=True)), 300)
    scan.close()


def test_red_ink_whitened_black_kept(samples: Path) -> None:
    doc = pdfium.PdfDocument(samples / TB_1894)
    rgb = np.asarray(page_image(doc[1], 300, colour=True))
    seal = find_seals(rgb, 300)[0]
    crop = rgb[seal.y0:seal.y1, seal.x0:seal.x1]
    r, g, b = (crop[..., k].astype(int) for k in range(3))
    red = (r - np.maximum(g, b)) > 100
    black = crop.max(axis=2) < 60
    cleaned = without_red(crop)
    assert red.sum() > 1000 and (cleaned[red] == 255).mean() > 0.95
    assert (cleaned[black] < 128).mean() > 0.95
    doc.close()


def test_page_without_seal_untouched(samples: Path) -> None:
    doc = pdfium.PdfDocument(samples / TB_1894)
    colour = np.asarray(page_image(doc[0], 300, colour=True))
    words = ["sentinel"]  # never looked at when there is no seal
    assert reread_seals(colour, words, 300, TesseractEngine()) == (words, 0)  # type: ignore[arg-type]
    doc.close()


def word(text: str, left: int, top: int, key: tuple[int, int, int]) -> OcrWord:
    return OcrWord(text, left, top, 40 * len(text), 40, 90.0, key)


def test_reread_lines_keep_the_rows_of_the_first_reading() -> None:
    """A closing as Tesseract reads it: 'Nơi nhận: … GIÁM ĐỐC' one row across both columns,
    the name alone further down; the block around the seal covers the right column only."""
    first = [word("Nơi", 100, 100, (1, 1, 1)), word("nhận:", 240, 100, (1, 1, 1)), word("GIAM", 1500, 100, (1, 1, 1)),
             word("-", 100, 160, (1, 1, 2)), word("Lưu:", 140, 160, (1, 1, 2)), word("VT.", 320, 160, (1, 1, 2)),
             word("Ho", 1500, 400, (2, 1, 1))]
    block = Box(1400, 60, 2200, 460)
    reread = [word("GIÁM", 1500, 102, (10001, 1, 1)), word("ĐỐC", 1700, 102, (10001, 1, 1)),
              word("Hoàng", 1500, 300, (10001, 1, 2)), word("Chí", 1740, 300, (10001, 1, 2))]
    got = merged(first, reread, block)
    assert [w.text for w in got] == ["Nơi", "nhận:", "GIÁM", "ĐỐC", "-", "Lưu:", "VT.", "Hoàng", "Chí"]
    assert {w.line_key for w in got[:4]} == {(1, 1, 1)}  # joined the row they are level with
    assert {w.line_key for w in got[7:]} == {(10001, 1, 2)}  # a line of its own, after the rows above it


@pytest.mark.slow
def test_signer_name_under_seal_read(samples: Path) -> None:
    path = str(samples / TB_1894)
    doc = pdfium.PdfDocument(path)
    engine = TesseractEngine()
    before = ocr_page(page_image(doc[1], 300), 2, 300, engine, "test")
    doc.close()
    (after,) = list(read_pdf_pages(path, TesseractEngine, 300, False, range(1, 2)))
    assert after.page is not None
    text = "\n".join(line.text for line in after.page.lines)
    assert "Hoàng Văn Thuân" not in "\n".join(line.text for line in before.lines)
    assert "Hoàng Văn Thuân" in text
    assert "PHÓ GIÁM" in text
    assert "seal-reread" in after.page.info.preprocessing and "seal-reread" not in before.info.preprocessing
    # the body above the seal is read as before, line for line
    body = [line.text for line in before.lines if line.bbox is not None and line.bbox.y1 < 2100]
    assert body == [line.text for line in after.page.lines if line.bbox is not None and line.bbox.y1 < 2100]
