"""The per-page choice between a PDF's text layer and OCR, on the real PDFs of a provincial department."""

from __future__ import annotations

import pdfplumber
import pytest
from rapidfuzz import fuzz

from kehoach.ingest import read_document
from kehoach.ingest.layer_quality import judge_text_layer
from kehoach.ingest.pdf import text_layer_lines


def first_page_words(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [w.text for ln in text_layer_lines(pdf.pages[0], 1) for w in ln.words]


@pytest.mark.parametrize(("name", "usable", "reason"), [
    ("QD-1074-QD-BXD-29-6-2026.pdf", True, "good text layer"),
    ("Phieu-trinh-tham-dinh-1.pdf", False, "not real Vietnamese"),  # English-set OCR layer
    ("TB-1894-ket-qua-sau-kiem-tra-VLNCN-ban-ky.pdf", False, "broken font encoding"),  # (cid:N)
    ("1178-DCK-CTT-huong-dan-CCN-dia-gioi-moi.pdf", False, "broken font map"),  # ƣ for ư
    ("GP-2507-mo-da-Toong-Gia-Mien-Bac-ban-ky.pdf", False, "no text layer"),
])
def test_layer_verdicts(real_pdfs, name, usable, reason):
    verdict = judge_text_layer(first_page_words(real_pdfs / name))
    assert verdict.usable is usable
    assert reason in verdict.reason


def test_all_real_pdfs_match_the_catalogue(shared_data):
    """Every PDF of real_pdfs/, page 1, against the category its README gives by eye."""
    import json

    manifest = json.loads((shared_data / "real_pdfs" / "manifest.json").read_text())
    wrong = []
    for name, meta in manifest.items():
        label = meta["page_labels"][0]
        if label == "blank":
            continue
        verdict = judge_text_layer(first_page_words(shared_data / "real_pdfs" / name))
        if verdict.usable != (label == "good"):
            wrong.append((name, label, verdict.reason))
    assert wrong == []


def words_with_diacritics(text: str) -> float:
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return sum(any(c.isalpha() and not c.isascii() for c in w) for w in words) / len(words)


@pytest.mark.slow
def test_garbled_layer_is_reread_by_ocr(real_pdfs):
    doc = read_document(real_pdfs / "Phieu-trinh-tham-dinh-1.pdf")
    assert [p.method for p in doc.source.pages] == ["ocr", "ocr", "ocr"]
    assert all("not real Vietnamese" in p.reason for p in doc.source.pages)
    assert all(p.text_layer_score is not None and p.text_layer_score < 0.05 for p in doc.source.pages)
    text = doc.text()
    assert "XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert words_with_diacritics(text) > 0.5
    first = doc.pages[0].lines[0]
    assert first.words[0].bbox.unit == "px" and first.words[0].bbox.dpi == 300
    assert 0 < first.words[0].confidence <= 100


@pytest.mark.slow
def test_broken_font_is_reread_by_ocr(real_pdfs):
    doc = read_document(real_pdfs / "TB-1894-ket-qua-sau-kiem-tra-VLNCN-ban-ky.pdf")
    assert {p.method for p in doc.source.pages} == {"ocr"}
    assert "(cid:" not in doc.text()
    assert "Kết quả kiểm tra" in doc.text()


@pytest.mark.slow
def test_multipage_tiff_reads_like_the_text_layer(tmp_path, real_pdfs):
    """A 2-page TIFF at 200 dpi (scaled up to 300 for Tesseract) against the PDF's own text."""
    import pypdfium2 as pdfium

    pdf = real_pdfs / "QD-1074-QD-BXD-29-6-2026.pdf"
    rendered = pdfium.PdfDocument(pdf)
    pages = [rendered[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(2)]
    tiff = tmp_path / "scan.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], dpi=(200, 200), compression="tiff_lzw")

    scanned = read_document(tiff)
    layer = read_document(pdf)

    assert scanned.source.media_type == "image/tiff"
    assert [p.method for p in scanned.source.pages] == ["ocr", "ocr"]
    assert scanned.source.pages[0].dpi == 300
    for ocr_page, layer_page in zip(scanned.pages, layer.pages):
        ocr_text = " ".join(ln.text for ln in ocr_page.lines)
        layer_text = " ".join(ln.text for ln in layer_page.lines)
        assert fuzz.ratio(ocr_text, layer_text) > 90
