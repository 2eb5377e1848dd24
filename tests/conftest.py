"""Shared paths as fixtures. Tests read the committed samples, and the team's data in
../shared/data (CI has a copy beside the clone); nothing is mocked: Tesseract and the PDF
libraries are real.

Tests run with ``--import-mode=importlib`` (the repository root is itself the package
``kehoach``, so test folders must not be packages): share code through fixtures here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def samples() -> Path:
    return REPO / "samples"


@pytest.fixture(scope="session")
def real_pdfs() -> Path:
    """Real PDFs committed under samples/real (copied from ../shared/data/real_pdfs)."""
    return REPO / "samples" / "real"


@pytest.fixture(scope="session")
def seed() -> Path:
    """The Bắc Ninh plan 32/KH-UBND as an English-set OCR read its scan."""
    return REPO / "samples" / "bac-ninh-32-kh-ubnd-2023.ocr.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = REPO.parent / "shared" / "data"
    if not path.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    return path
