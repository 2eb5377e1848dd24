"""A generated scan goes through the real OCR path and comes back nearly verbatim.

Why: ``scripts/make_scans.py`` prints a document whose text is known exactly and degrades it
like a feeder scanner (tilt, blur, speckle, gray paper, JPEG); ``read_document`` must OCR the
image-only PDF (not find a text layer) and keep the character error rate low. The source is
a dev document from ../shared/data when it is beside the repository, otherwise the committed
ground truth of the same document, so the test always runs. CER is computed exactly as
``bench/ocr_cer.py`` computes it (same normalisation, imported from there).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.ingest import IngestOptions, read_document

REPO = Path(__file__).resolve().parents[1]
DEV_PLANS = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev_plans"
DEV_DOC = "002_kh-lao-cai-kiem-tra-cap-giay-chung-nhan-huan-luyen.txt"
COMMITTED_TRUTH = REPO / "tests" / "data" / "generated_truth" / "002_kh-lao-cai_scan-medium.gt.txt"
MAX_CER = 0.03


@pytest.mark.slow
def test_medium_scan_is_ocred_with_low_cer(tmp_path: Path, script) -> None:
    make_scans = script("scripts/make_scans.py")
    ocr_cer = script("bench/ocr_cer.py")
    source = DEV_PLANS / DEV_DOC
    if not source.is_file():
        source = COMMITTED_TRUTH  # the same document's first page, as text
    scan = make_scans.make_scan(source, tmp_path, degrade_level="medium", seed=7, max_pages=1, stem="scan")
    assert scan.pages == 1

    doc = read_document(scan.pdf, IngestOptions())

    assert [p.info.method for p in doc.pages] == ["ocr"]
    assert doc.errors == []
    truth = scan.truth.read_text(encoding="utf-8")
    result = ocr_cer.score(truth, doc.text(raw=True))
    assert result["ref_chars"] > 1000  # a real page (~1600 chars from the fallback), not a vacuous comparison
    assert result["cer"] < MAX_CER, (f"CER {result['cer']:.2%} on {source.name}; "
                                     f"edit kinds {result['edit_kinds']}")
