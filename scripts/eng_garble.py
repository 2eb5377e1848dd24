"""Make English-OCR garble with its truth: render Vietnamese text as a scan, read it with
Tesseract's ``eng`` set, and align what was read with what was printed.

Archives are full of text layers written this way ("cai cich hanh chinh nim 2023" for
"cải cách hành chính năm 2023"). Used by ``build_channel.py`` (on training documents) to
learn how syllables get garbled, and by ``bench/garble_eval.py`` (on held-out documents)
to measure how well the normaliser repairs it.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_scans import make_scan  # noqa: E402

SPACES = re.compile(r"\s+")
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class GarbledPage:
    truth: str  # the printed text, whitespace runs as single spaces
    observed: str  # Tesseract eng's reading, likewise


def flat(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def garble_document(source: Path, max_pages: int, degrade: str, seed: int) -> list[GarbledPage]:
    """Render ``source`` as a scan and read every page with ``eng``."""
    pages = []
    with tempfile.TemporaryDirectory(prefix="kehoach-garble-") as tmp:
        scan = make_scan(source, Path(tmp), degrade_level=degrade, seed=seed, max_pages=max_pages)
        truths = scan.truth.read_text(encoding="utf-8").split("\f")
        pdf = pdfium.PdfDocument(scan.pdf)
        for index, truth in enumerate(truths):
            image_path = Path(tmp) / f"p{index}.png"
            pdf[index].render(scale=300 / 72, grayscale=True).to_pil().save(image_path)
            observed = pytesseract.image_to_string(str(image_path), lang="eng", config="--psm 3")
            pages.append(GarbledPage(flat(truth), flat(observed)))
        pdf.close()
    return pages


def aligned_words(page: GarbledPage) -> list[tuple[str, str]]:
    """``(printed syllable, what eng read in its place)`` for each printed syllable whose
    reading is a single token, by a character alignment of the two page texts."""
    truth, observed = page.truth, page.observed
    to_observed = [0] * (len(truth) + 1)
    for op in Levenshtein.opcodes(truth, observed):
        for k in range(op.src_start, op.src_end):
            offset = min(k - op.src_start, max(op.dest_end - op.dest_start - 1, 0))
            to_observed[k] = op.dest_start + offset if op.tag != "delete" else op.dest_start
        to_observed[op.src_end] = op.dest_end
    pairs = []
    for match in WORD.finditer(truth):
        start, end = to_observed[match.start()], to_observed[match.end()]
        read = observed[start:end].strip()
        if read and " " not in read:
            pairs.append((match.group(0), read))
    return pairs
