"""Score header extraction against the hand-written truths of the real PDFs.

Each ``<name>.header.json`` beside a PDF in ``real_pdfs/`` holds the header as printed
(see that folder's README). This script reads each PDF as ``kehoach.pipeline.process``
does (ingest, normalise, extract), compares eight fields and prints the exact-match rate
per field and overall. A second, "folded" rate compares without case, diacritics,
punctuation or spacing, to tell a wrong value from a misread accent. ``--no-normalize``
extracts from the text as read (NFC only) to separate extraction from normaliser effects.

Our issuer is compared as its printed lines joined with ' / ' (``Issuer.lines``, the truths'
shape: 'ỦY BAN NHÂN DÂN / TỈNH LÀO CAI'), the signer as 'authority on_behalf_of / position'.

Ingest of scanned pages runs Tesseract at ~6 s a page, so:

* ``--cache DIR`` pickles each ingest result (keyed by file hash and page selection) and
  reuses it on the next run; extraction is re-run every time.
* ``--max-pages N``: a PDF longer than N pages is cut to its first 2 and last 2 pages
  (pypdfium2 ``import_pages`` into a temporary PDF) before ingest. The header is on page 1
  and the signature usually on the last pages; a document whose signature sits in the
  middle (e.g. before long appendices) loses it, which the scores then show.

``--coverage DIR`` instead counts, over the ``.txt`` documents of DIR (``dev_plans/``, which
has no header truths), how often each field is found at all: a coverage figure, not accuracy.

Usage::

    python bench/header_eval.py --cache /tmp/kehoach-cache [--files 'QD-*'] [--max-pages 10]
    python bench/header_eval.py --coverage ../shared/data/dev_plans
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium

from kehoach.extract import extract
from kehoach.ingest import read_document
from kehoach.ingest.types import IngestedDocument
from kehoach.models import Document
from kehoach.models.doc_types import fold
from kehoach.pipeline import normalize_lines

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "real_pdfs"
FIELDS = ("issuer", "number", "doc_type", "place", "date", "title", "signer_name", "signer_position")
EDGE_PAGES = 2


def page_selection(pdf: Path, max_pages: int) -> list[int] | None:
    """0-based pages to read, or None for all: first and last EDGE_PAGES of a long PDF."""
    count = len(pdfium.PdfDocument(str(pdf)))
    if max_pages <= 0 or count <= max_pages:
        return None
    return [*range(EDGE_PAGES), *range(count - EDGE_PAGES, count)]


def cut_pdf(pdf: Path, pages: list[int], out: Path) -> None:
    """Write ``pages`` of ``pdf`` to ``out``."""
    source = pdfium.PdfDocument(str(pdf))
    target = pdfium.PdfDocument.new()
    target.import_pages(source, pages)
    target.save(str(out))


def ingest(pdf: Path, max_pages: int, cache: Path | None) -> IngestedDocument:
    """Read ``pdf`` (or its first/last pages), from the cache when it holds this selection."""
    pages = page_selection(pdf, max_pages)
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]
    key = f"{pdf.stem}.{digest}.{'all' if pages is None else '-'.join(map(str, pages))}.pkl"
    if cache is not None and (cache / key).exists():
        return pickle.loads((cache / key).read_bytes())
    if pages is None:
        ingested = read_document(pdf)
    else:
        with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
            cut = Path(tmp) / pdf.name
            cut_pdf(pdf, pages, cut)
            ingested = read_document(cut)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / key).write_bytes(pickle.dumps(ingested))
    return ingested


def prepare(ingested: IngestedDocument, normalize: bool) -> None:
    """Normalise as ``kehoach.pipeline.process`` does, or only put the text in NFC."""
    if normalize:
        normalize_lines(ingested, "old")
        return
    for line in ingested.lines():
        line.text = unicodedata.normalize("NFC", line.text)


def predicted(doc: Document, printed_issuer: bool = False) -> dict[str, str | None]:
    """Our values in the truths' shape, signer lines joined with ' / '. The issuer is 'parent /
    name' as the dev-text annotations (``bench/extract_eval.py``) record it, or with
    ``printed_issuer`` its printed lines joined with ' / ' as the real-PDF truths record it."""
    issuer = None
    if doc.issuer is not None:
        parts = doc.issuer.lines if printed_issuer else [p for p in (doc.issuer.parent, doc.issuer.name) if p]
        issuer = " / ".join(parts) or None
    position = name = None
    if doc.signer is not None:
        name = doc.signer.name
        head = " ".join(p for p in (doc.signer.authority, doc.signer.on_behalf_of) if p)
        position = " / ".join(p for p in (head, doc.signer.position) if p) or None
    return {
        "issuer": issuer,
        "number": doc.number,
        "doc_type": doc.doc_type,
        "place": doc.place,
        "date": doc.issued_date.isoformat() if doc.issued_date else None,
        "title": doc.title,
        "signer_name": name,
        "signer_position": position,
    }


COVERAGE = {
    "number": lambda d: d.number is not None,
    "code_number (số filled in)": lambda d: d.code_number is not None,
    "place": lambda d: d.place is not None,
    "issued_date": lambda d: d.issued_date is not None,
    "doc_type": lambda d: d.doc_type is not None,
    "title": lambda d: d.title is not None,
    "issuer": lambda d: d.issuer is not None,
    "signer name": lambda d: d.signer is not None and d.signer.name is not None,
    "signer position": lambda d: d.signer is not None and d.signer.position is not None,
    "recipients (>= 1)": lambda d: bool(d.recipients),
    "sections (>= 1)": lambda d: bool(d.sections),
}


def coverage(folder: Path) -> int:
    """Print how many ``.txt`` documents of ``folder`` have each field."""
    docs = []
    for path in sorted(folder.glob("*.txt")):
        ingested = read_document(path)
        prepare(ingested, normalize=True)
        docs.append(extract(ingested))
    print(f"{'field':28} found   (n = {len(docs)} documents in {folder})")
    for name, found in COVERAGE.items():
        hits = sum(map(found, docs))
        print(f"{name:28} {hits:4}/{len(docs)} {hits / len(docs):5.0%}")
    return 0


def loose(value: str | None) -> str | None:
    """Folded form: no case, diacritics, punctuation or spacing."""
    return None if value is None else re.sub(r"[\W_]+", "", fold(value))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of PDFs and .header.json truths")
    parser.add_argument("--files", default="*", help="glob on the PDF file name (without folder)")
    parser.add_argument("--cache", type=Path, help="folder for pickled ingest results")
    parser.add_argument("--max-pages", type=int, default=10,
                        help="longer PDFs are read as their first 2 and last 2 pages (0: read all)")
    parser.add_argument("--show", action="store_true", help="print every mismatch")
    parser.add_argument("--no-normalize", action="store_true",
                        help="extract from the text as read (NFC only), to tell extraction errors from normaliser ones")
    parser.add_argument("--coverage", type=Path, metavar="DIR", help="count fields found in DIR/*.txt instead")
    args = parser.parse_args(argv)
    if args.coverage is not None:
        return coverage(args.coverage)

    truths = sorted(p for p in args.data.glob("*.header.json")
                    if Path(p.name.removesuffix(".header.json") + ".pdf").match(args.files))
    if not truths:
        print("no truth files match", file=sys.stderr)
        return 1
    exact = {f: 0 for f in FIELDS}
    folded = {f: 0 for f in FIELDS}
    for truth_path in truths:
        pdf = truth_path.with_name(truth_path.name.removesuffix(".header.json") + ".pdf")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        ingested = ingest(pdf, args.max_pages, args.cache)
        prepare(ingested, not args.no_normalize)
        ours = predicted(extract(ingested), printed_issuer=True)
        marks = []
        for field in FIELDS:
            ok = ours[field] == truth[field]
            ok_folded = loose(ours[field]) == loose(truth[field])
            exact[field] += ok
            folded[field] += ok_folded
            marks.append("=" if ok else "~" if ok_folded else "x")
            if args.show and not ok:
                print(f"  {pdf.name[:40]:40} {field:15} want {truth[field]!r}\n{'':57}got  {ours[field]!r}")
        print(f"{''.join(marks)}  {pdf.name}")
    n = len(truths)
    print(f"\n{'field':16} {'exact':>12} {'folded':>12}   (n = {n} documents)")
    for field in FIELDS:
        print(f"{field:16} {exact[field]:4}/{n} {exact[field] / n:5.0%} {folded[field]:4}/{n} {folded[field] / n:5.0%}")
    total = n * len(FIELDS)
    all_exact, all_folded = sum(exact.values()), sum(folded.values())
    print(f"{'overall':16} {all_exact:4}/{total} {all_exact / total:4.0%} {all_folded:4}/{total} {all_folded / total:4.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
