"""Shared paths as fixtures. Tests read the committed samples, and the team's data in
../shared/data (CI has a copy beside the clone); nothing is mocked: Tesseract and the PDF
libraries are real.

Tests run with ``--import-mode=importlib`` (the repository root is itself the package
``kehoach``, so test folders must not be packages): share code through fixtures here.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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


def _load_script(relative: str) -> ModuleType:
    """Import a script of the repository by its path (scripts/ and bench/ are not packages)."""
    name = Path(relative).stem
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def script() -> Callable[[str], ModuleType]:
    """``script("scripts/make_scans.py")``: a repository script as a module."""
    return _load_script
