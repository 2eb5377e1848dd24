"""Preprocessing on a real page: skew is measured and undone, denoise and Sauvola run only
where the page needs them."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from kehoach.ingest.preprocess import measure_skew, preprocess, rotate


@pytest.fixture(scope="module")
def page(real_pdfs) -> np.ndarray:
    pdf = pdfium.PdfDocument(real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf")
    return np.asarray(pdf[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L"))


@pytest.mark.parametrize("tilt", [-2.5, -0.6, 0.35, 1.2, 4.0])
def test_skew_is_measured_to_a_tenth_of_a_degree(page, tilt):
    assert abs(measure_skew(rotate(page, tilt)) + tilt) <= 0.1


def test_clean_page_gets_grayscale_only(page):
    assert preprocess(Image.fromarray(page)).steps == ("grayscale",)


def test_uneven_and_noisy_pages_get_their_steps(page):
    shaded = (page * np.linspace(0.5, 1.0, page.shape[1])[None, :]).astype(np.uint8)
    assert "sauvola" in preprocess(Image.fromarray(shaded)).steps
    gray_paper = page * 0.85 + 10  # scanned paper is never pure white, so noise is not clipped away
    noisy = np.clip(gray_paper + np.random.default_rng(0).normal(0, 15, page.shape), 0, 255).astype(np.uint8)
    assert "median-denoise" in preprocess(Image.fromarray(noisy)).steps
