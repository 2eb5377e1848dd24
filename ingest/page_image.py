"""The picture of a PDF page that OCR reads.

A scanned page is usually one image drawn over the whole page (plus, at most, an invisible
OCR text layer). When that image already has the OCR resolution (a 300 dpi scan), pdfium's
render at 300 dpi costs about 0.17 s of CPU a page, 7 % of Tesseract's own time, only to
reproduce the scanner's pixels; decoding the image itself costs about 0.05 s. Scans at
another resolution are rendered (resampling them ourselves was no faster), as is any other
page, or a scan drawn turned, flipped, cropped or overlaid with visible marks.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

_COVER_TOLERANCE_PT = 1.0  # the image's edges may miss the page's by rounding, not more
_SIZE_TOLERANCE_PX = 2.0


def page_image(page: pdfium.PdfPage, dpi: int, colour: bool = False) -> Image.Image:
    """The page in grayscale (or with ``colour`` in RGB) at ``dpi``: the embedded scan when
    the page is only that, at that resolution; else a render."""
    scan = lone_scan(page)
    width, height = page.get_size()
    if scan is not None and _close(scan.get_px_size(), (width * dpi / 72, height * dpi / 72)):
        return scan.get_bitmap(render=False).to_pil().convert("RGB" if colour else "L")
    rendered = page.render(scale=dpi / 72, grayscale=not colour).to_pil()
    return rendered.convert("RGB") if colour else rendered


def _close(pixels: tuple[int, int], wanted: tuple[float, float]) -> bool:
    """The image has the wanted size to within rounding (a pixel or two)."""
    return all(abs(have - want) <= _SIZE_TOLERANCE_PX for have, want in zip(pixels, wanted))


def lone_scan(page: pdfium.PdfPage) -> pdfium.PdfImage | None:
    """The page's only visible object when it is an upright image covering the whole page."""
    if page.get_rotation() != 0:
        return None
    images, others = [], 0
    for obj in page.get_objects(max_depth=0):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(obj)
        elif not (obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
                  and pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE):
            others += 1
    if len(images) != 1 or others:
        return None
    image = images[0]
    matrix = image.get_matrix()
    if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
        return None
    left, bottom, right, top = image.get_bounds()
    width, height = page.get_size()
    if max(abs(left), abs(bottom), abs(right - width), abs(top - height)) > _COVER_TOLERANCE_PT:
        return None
    return image
