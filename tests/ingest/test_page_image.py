"""The page picture handed to OCR: a 300 dpi scan's own pixels, otherwise pdfium's render."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from kehoach.ingest.page_image import lone_scan, page_image


def render(page: pdfium.PdfPage) -> np.ndarray:
    return np.asarray(page.render(scale=300 / 72, grayscale=True).to_pil())


def test_a_300_dpi_scan_gives_its_own_pixels(samples: Path) -> None:
    doc = pdfium.PdfDocument(samples / "generated" / "002_kh-lao-cai_scan-medium.pdf")
    page = doc[0]
    got = np.asarray(page_image(page, 300))
    own = np.asarray(lone_scan(page).get_bitmap(render=False).to_pil().convert("L"))
    assert np.array_equal(got, own)
    rendered = render(page)
    assert abs(got.shape[0] - rendered.shape[0]) <= 1 and abs(got.shape[1] - rendered.shape[1]) <= 1
    height, width = min(got.shape[0], rendered.shape[0]), min(got.shape[1], rendered.shape[1])
    # the same picture: pdfium only resamples it onto a grid one pixel wider
    assert np.abs(got[:height, :width].astype(int) - rendered[:height, :width].astype(int)).mean() < 8
    doc.close()


@pytest.mark.parametrize("name", [
    "GP-2507-mo-da-Toong-Gia-Mien-Bac-ban-ky.pdf",  # one image over the page, at 150 dpi
    "Phieu-trinh-tham-dinh-1.pdf",  # a 200 dpi scan under an invisible English-OCR text layer
    "QD-1074-QD-BXD-29-6-2026.pdf",  # a digital page
])
def test_other_pages_are_rendered(samples: Path, name: str) -> None:
    doc = pdfium.PdfDocument(samples / "real" / name)
    page = doc[0]
    assert np.array_equal(np.asarray(page_image(page, 300)), render(page))
    doc.close()


def test_a_scan_with_a_visible_mark_on_it_is_rendered(samples: Path) -> None:
    """A signature image pasted over the scan (as on signed copies) must reach OCR: such a page
    is not a lone scan."""
    doc = pdfium.PdfDocument(samples / "generated" / "002_kh-lao-cai_scan-medium.pdf")
    page = doc[0]
    assert lone_scan(page) is not None
    mark = pdfium.PdfImage.new(doc)
    mark.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("L", (20, 20))))
    mark.set_matrix(pdfium.PdfMatrix().scale(50, 50).translate(100, 100))
    page.insert_obj(mark)
    page.gen_content()
    assert lone_scan(page) is None
    doc.close()
