"""Fixtures for the extraction tests: real inputs only (the garbled seed sample, the
dev_plans texts and real PDFs of ../shared/data).

Files are read and put in NFC (the form ``extract`` expects) but not run through the
normaliser: its diacritic restoration evolves on its own, and these tests pin the
extractor on the text as read. ``test_extract_pipeline.py`` covers the two together."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from kehoach.extract import extract
from kehoach.ingest import read_document
from kehoach.models import Document

SEED_NAME = "bac-ninh-32-kh-ubnd-2023.ocr.txt"


def _extract(path: Path) -> Document:
    ingested = read_document(path)
    for line in ingested.lines():
        line.text = unicodedata.normalize("NFC", line.text)
    return extract(ingested)


@pytest.fixture(scope="session")
def extract_file() -> Callable[[Path], Document]:
    """Read one file, put its text in NFC and extract."""
    return _extract


@pytest.fixture(scope="session")
def dev_plan(shared_data: Path) -> Callable[[str], Path]:
    """The dev_plans text whose name starts with a prefix such as '014_'."""

    def find(prefix: str) -> Path:
        matches = sorted((shared_data / "dev_plans").glob(f"{prefix}*.txt"))
        assert len(matches) == 1, f"expected one dev_plans file for {prefix!r}, found {matches}"
        return matches[0]

    return find


@pytest.fixture(scope="session")
def seed_doc(seed: Path, repo: Path) -> Document:
    """The Bắc Ninh plan read by an English OCR: samples/, else ../shared/data/seed/."""
    path = seed if seed.exists() else repo.parent / "shared" / "data" / "seed" / SEED_NAME
    if not path.exists():
        pytest.skip("the seed sample is not available")
    return _extract(path)
