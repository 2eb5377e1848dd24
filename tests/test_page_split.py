"""Long PDFs read in page ranges on several workers give the same document as read whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kehoach.batch import Job, join_ranges, page_ranges, run_batch, run_job
from kehoach.executors import LocalPoolExecutor, WorkerDied
from kehoach.ingest import file_sha256
from kehoach.inputs import collect_inputs
from kehoach.pipeline import ProcessOptions


def _comparable(path: Path) -> dict:
    """The document without what differs between two runs of the same input."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.pop("timings")
    doc["source"].pop("path")
    return doc


def test_page_ranges_split_only_long_pdfs(samples: Path, seed: Path) -> None:
    three = samples / "real" / "Phieu-trinh-tham-dinh-1.pdf"
    assert page_ranges(three, 2) == [(0, 2), (2, 3)]
    assert page_ranges(three, 3) is None  # not longer than one job
    assert page_ranges(three, 0) is None  # splitting off
    assert page_ranges(seed, 1) is None  # not a PDF


@pytest.mark.slow
def test_split_document_equals_whole_document(samples: Path, tmp_path: Path) -> None:
    """A scan (OCR) and a text-layer PDF, one page per job on two workers, against one job each."""
    inputs = [samples / "generated" / "014_kh-308-ha-noi_scan-medium.pdf",
              samples / "real" / "QD-1074-QD-BXD-29-6-2026.pdf"]
    items = collect_inputs(inputs)
    whole = run_batch(items, tmp_path / "whole", ProcessOptions(), LocalPoolExecutor(2))
    split = run_batch(collect_inputs(inputs), tmp_path / "split", ProcessOptions(), LocalPoolExecutor(2),
                      pages_per_job=1)
    assert [o.status for o in whole.outcomes] == ["success", "success"]
    assert [o.status for o in split.outcomes] == ["success", "success"]
    for item in items:
        name = item.output_name
        assert _comparable(tmp_path / "split" / name) == _comparable(tmp_path / "whole" / name)


def test_a_range_whose_worker_died_leaves_a_partial_document(samples: Path) -> None:
    """Pages read by the surviving worker are kept; the lost range becomes page errors."""
    pdf = samples / "real" / "QD-1074-QD-BXD-29-6-2026.pdf"
    options = ProcessOptions()
    first = run_job(Job(str(pdf), options.model_dump_json(), (0, 1)))
    assert first.error is None and len(first.pages) == 1
    parts = {(0, 1): first, (1, 2): WorkerDied("killed")}
    result = join_ranges(str(pdf), parts, file_sha256(pdf), options)
    doc = json.loads(result.doc_json)
    assert doc["status"] == "partial"
    assert doc["source"]["page_count"] == 2
    assert [p["method"] for p in doc["source"]["pages"]] == ["text_layer", "ocr"]
    assert doc["errors"][0]["page"] == 2 and "died" in doc["errors"][0]["message"]
    assert doc["number"] == "1074/QĐ-BXD"  # the header on page 1 was still read


def test_a_range_of_a_file_that_vanished_fails_the_document(tmp_path: Path, samples: Path) -> None:
    pdf = tmp_path / "gone.pdf"
    pdf.write_bytes((samples / "real" / "QD-1074-QD-BXD-29-6-2026.pdf").read_bytes())
    options = ProcessOptions().model_dump_json()
    first = run_job(Job(str(pdf), options, (0, 1)))
    pdf.unlink()
    second = run_job(Job(str(pdf), options, (1, 2)))
    result = join_ranges(str(pdf), {(0, 1): first, (1, 2): second}, None, ProcessOptions())
    assert result.doc_json is None
    assert str(pdf) in result.error and "cannot be read" in result.error
