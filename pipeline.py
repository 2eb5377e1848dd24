"""The pipeline, stage by stage: ingest → normalise → extract → review flags.

``process`` is the library entry point: it raises :mod:`kehoach.errors` exceptions;
only the CLI turns them into exit codes.
"""

from __future__ import annotations

import time
from itertools import groupby
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .extract import extract
from .ingest import IngestOptions, read_document
from .ingest.layer_quality import GOOD_DIACRITIC_SHARE, MIN_WORDS
from .ingest.tables import split_run_together
from .ingest.types import IngestedDocument
from .models import Document, Normalization, RestoredToken
from .normalize import ENGINE as NORMALIZER_ENGINE
from .normalize import LOW_RESTORE_CONFIDENCE, ToneStyle, marked_share, normalize_detailed
from .normalize import lexicon

LOW_CONFIDENCE = 70.0  # mean Tesseract word confidence below which a page is flagged


class ProcessOptions(BaseModel):
    """Everything that changes the output of :func:`process`."""

    model_config = ConfigDict(extra="forbid")

    ingest: IngestOptions = Field(default_factory=IngestOptions)
    normalize: bool = Field(default=True, description="Normalise OCR and text-layer text.")
    tone_style: ToneStyle = "old"
    user_lexicon: dict[str, str] = Field(
        default_factory=dict,
        description="Reviewers' corrections, wrong form → right form, replaced (whole words, case kept) after "
        "normalisation (kehoach.normalize.lexicon). Part of the options, so a changed lexicon redoes documents.")


def normalize_lines(ingested: IngestedDocument, tone_style: ToneStyle,
                    user_lexicon: dict[str, str] | None = None) -> Normalization:
    """Normalise the document's text in place, keeping the text as read in ``Line.raw``.

    Runs of pages read the same way (OCR, text layer, text file) are normalised as one text
    each: restoration needs to know whether the text lost its accents (judged on the whole
    run) and whether Tesseract read it (then only unlikely tones are repaired).
    """
    changed = total = 0
    restored = False
    low: list[RestoredToken] = []
    for method, group in groupby(ingested.pages, key=lambda p: p.info.method):
        lines = [ln for page in group for ln in page.lines]
        before = [ln.text for ln in lines]
        result = normalize_detailed("\n".join(before), tone_style, from_ocr=method == "ocr")
        after = lexicon.apply(result.text, user_lexicon or {}).split("\n")
        for line, old, new in zip(lines, before, after):
            if new != old:
                line.raw, line.text = old, new
                changed += sum(a != b for a, b in zip(old.split(), new.split()))
        total += sum(len(t.split()) for t in before)
        restored = restored or result.tokens > 0
        low += [RestoredToken(line=lines[c.line].number, original=c.original, replacement=c.replacement,
                              confidence=c.confidence, runner_up=c.runner_up)
                for c in result.changes if c.confidence < LOW_RESTORE_CONFIDENCE]
    normalize_cells(ingested, tone_style)
    return Normalization(applied=True, engine=NORMALIZER_ENGINE, restored=restored,
                         changed_tokens=changed, total_tokens=total, low_confidence=low)


def normalize_cells(ingested: IngestedDocument, tone_style: ToneStyle) -> None:
    """Table cells (:attr:`PageText.tables`) one by one: a table's lines run across its
    columns and give the restorer no context. OCR'd cells first get the syllables Tesseract
    ran together split. A cell without a single accent ('Y', 'Ha') is left as it is:
    restoring so little text is a guess."""
    for page in ingested.pages:
        for cell in (c for table in page.tables for c in table.cells):
            if page.info.method == "ocr":
                cell.text = split_run_together(cell.text)
            if marked_share(cell.text) > 0:
                cell.text = normalize_detailed(cell.text, tone_style, from_ocr=page.info.method == "ocr").text


def review_flags(doc: Document, ingested: IngestedDocument) -> list[str]:
    """Reasons a person should look at this document."""
    flags = []
    share = marked_share("\n".join(ln.text for ln in ingested.lines()))
    if share < GOOD_DIACRITIC_SHARE and sum(p.word_count for p in doc.source.pages) >= MIN_WORDS:
        flags.append(f"text does not read as Vietnamese: only {share:.0%} of words carry diacritics "
                     "(another language, or text that lost its accents)")
    for page in doc.source.pages:
        if page.ocr_mean_confidence is not None and page.ocr_mean_confidence < LOW_CONFIDENCE:
            flags.append(f"page {page.number}: low OCR confidence {page.ocr_mean_confidence:.0f}")
        if page.word_count == 0:
            flags.append(f"page {page.number}: no text found")
    for name in ("number", "issued_date", "doc_type", "title"):
        if getattr(doc, name) is None:
            flags.append(f"header field not found: {name}")
    if doc.errors:
        flags.append(f"{len(doc.errors)} page/stage errors")
    if doc.normalization and doc.normalization.low_confidence:
        flags.append(f"{len(doc.normalization.low_confidence)} restored words with low confidence")
    return flags


def ingest_and_normalize(path: str | Path, options: ProcessOptions,
                         timings: dict[str, float] | None = None) -> tuple[IngestedDocument, Normalization]:
    """Read ``path`` and (by default) normalise its text: what ``kehoach ocr`` prints."""
    timings = {} if timings is None else timings
    start = time.perf_counter()
    ingested = read_document(path, options.ingest)
    timings["ingest"] = time.perf_counter() - start
    return ingested, normalize_document(ingested, options, timings)


def normalize_document(ingested: IngestedDocument, options: ProcessOptions,
                       timings: dict[str, float]) -> Normalization:
    """Normalise the read text in place, when the options ask for it."""
    if not options.normalize:
        return Normalization(applied=False, engine="none")
    start = time.perf_counter()
    normalization = normalize_lines(ingested, options.tone_style, options.user_lexicon)
    timings["normalize"] = time.perf_counter() - start
    return normalization


def process(path: str | Path, options: ProcessOptions | None = None) -> Document:
    """Read, normalise and extract one document."""
    options = options or ProcessOptions()
    timings: dict[str, float] = {}
    ingested, normalization = ingest_and_normalize(path, options, timings)
    return finish(ingested, normalization, timings)


def process_ingested(ingested: IngestedDocument, options: ProcessOptions, timings: dict[str, float]) -> Document:
    """Normalise and extract a document already read: a long PDF that a batch read in page
    ranges on several workers and joined (:func:`kehoach.ingest.assemble`)."""
    return finish(ingested, normalize_document(ingested, options, timings), timings)


def finish(ingested: IngestedDocument, normalization: Normalization, timings: dict[str, float]) -> Document:
    """Extract the structure of normalised text, then say what a reviewer should check."""
    start = time.perf_counter()
    doc = extract(ingested)
    timings["extract"] = time.perf_counter() - start
    doc.normalization = normalization
    doc.timings = {k: round(v, 4) for k, v in timings.items()}
    if doc.errors:
        doc.status = "partial"
    doc.review_flags += review_flags(doc, ingested)  # after those the extract stages raised
    return doc
