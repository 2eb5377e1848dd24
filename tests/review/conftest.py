"""A small real output folder of `kehoach run` for the review tests, made once per session.

Inputs: a text-layer PDF of the Hà Nội plan 308/KH-UBND (three tasks with lead agencies,
rendered from the dev text by scripts/make_scans.py --text-layer) and the Bắc Ninh seed text
(an English-set OCR read: many restored words of low confidence, so flagged items). Each test
gets its own copy, since tests write corrections into it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.cli import main

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "review"


@pytest.fixture(scope="session")
def review_inputs(seed: Path) -> list[Path]:
    return [DATA / "kh-308-ha-noi_text-layer.pdf", seed]


@pytest.fixture(scope="session")
def built_outdir(tmp_path_factory: pytest.TempPathFactory, review_inputs: list[Path]) -> Path:
    out = tmp_path_factory.mktemp("review") / "out"
    assert main(["run", *map(str, review_inputs), "-o", str(out), "-j", "1", "-q"]) == 0
    return out


@pytest.fixture
def outdir(built_outdir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the output folder (same source files, no corrections yet)."""
    copy = tmp_path / "out"
    shutil.copytree(built_outdir, copy)
    return copy


@pytest.fixture
def run_again(review_inputs: list[Path]):
    """Re-run `kehoach run` on the same inputs into a folder (--force: every output rewritten)."""
    def run(out: Path, *extra: str) -> int:
        return main(["run", *map(str, review_inputs), "-o", str(out), "-j", "1", "-q", *extra])
    return run
