"""OCR character error rate of the real ingest on generated scans of the dev documents.

Why: the extractors downstream can only be as good as the text OCR hands them, and the team
has no real scans with exact transcriptions. ``scripts/make_scans.py`` prints a dev document
(whose text is correct) as a degraded scan and writes exactly the drawn text; this script
reads that scan with ``kehoach.ingest.read_document`` — the same call the pipeline makes, so
Tesseract ``vie`` after ``ingest/preprocess.py`` (median blur, deskew, Sauvola) — and
compares.

Normalisation, applied identically to the OCR text and the truth before comparing:

1. Unicode NFC (OCR and truth may compose Vietnamese letters differently);
2. split into lines at "\\n" and at the page separator "\\f";
3. drop lines that are only a page number (digits and spaces): the scans print page numbers
   at the top centre from page 2 on, and the truth leaves them out;
4. join the lines with a space, collapse every whitespace run to one space, strip.

So line breaks and spacing do not count; everything else does — letters, diacritics,
punctuation, dashes ("–" vs "-"), quotes, and lines Tesseract drops or invents.

CER = Levenshtein distance (rapidfuzz) between the normalised texts / length of the
normalised truth. WER = the same on the lists of space-separated tokens. The overall rows
are micro-averages (sum of edits / sum of reference characters or words). Each edit of the
character alignment is also classified (diacritic-only confusion, letter, digit, space,
dash/quote, other punctuation) to say what the errors are.

Usage::

    python bench/ocr_cer.py --docs 5 --degrade medium [--jobs 2] [--json out.json] [--workdir DIR]

A page takes ~6–10 s of Tesseract; ``--max-pages`` (default 2) keeps a run to a few minutes.
The scans, truths and OCR texts stay in ``--workdir`` (a temporary folder unless given) for
inspection.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

from rapidfuzz.distance import Levenshtein

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "dev_plans"

# Fixed, in order: --docs N takes the first N. Mostly Kế hoạch, from different provinces (so
# different header layouts), with numbered bodies (I./1./a)/-), and two Quyết định.
BENCH_DOCS: tuple[str, ...] = (
    "005_kh-lao-cai-huan-luyen-kiem-tra-cap-giay-chung-nhan.txt",
    "008_kh-0124-dak-lak-phat-dong-dot-thi-dua-lap-thanh-tich-cha.txt",
    "021_qd-lao-cai-ve-viec-cong-nhan-ket-qua-huan-luyen-kie.txt",
    "016_kh-7360-lai-chau-trien-khai-thi-hanh-luat-sua-doi-bo-sung.txt",
    "010_kh-1026-nghe-an-trien-khai-thuc-hien-chi-thi-so-32-ct-tt.txt",
    "032_qd-1617-quang-ngai-ve-viec-uy-quyen-cho-giam-doc-so-nong-ng.txt",
    "012_kh-165-can-tho-thuc-hien-chi-thi-so-27-ct-ttg-ngay-15-t.txt",
    "014_kh-308-ha-noi-trien-khai-thuc-hien-nghi-quyet-so-214-n.txt",
)

PAGE_NUMBER_LINE = re.compile(r"\s*\d+\s*")
DASHES_QUOTES = set("-–—‐‑−\"'“”‘’«»`´")


def load_make_scans() -> ModuleType:
    """Import scripts/make_scans.py (scripts/ is not a package)."""
    name = "make_scans"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "make_scans.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def normalise(text: str) -> str:
    """The comparison form of a text; see the module docstring."""
    lines = re.split(r"[\n\f]", unicodedata.normalize("NFC", text))
    kept = [line for line in lines if not PAGE_NUMBER_LINE.fullmatch(line)]
    return " ".join(" ".join(kept).split())


def base_letter(char: str) -> str:
    """The letter without its Vietnamese marks, lower case ("ộ" -> "o", "Đ" -> "d")."""
    if char in "đĐ":
        return "d"
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)).lower()


def char_kind(char: str) -> str:
    if char.isspace():
        return "space"
    if char in DASHES_QUOTES:
        return "dash/quote"
    if char.isdigit():
        return "digit"
    if char.isalpha():
        return "letter"
    return "punctuation"


def classify_edits(reference: str, hypothesis: str) -> Counter[str]:
    """One count per unit of edit distance, by what the edit touched."""
    kinds: Counter[str] = Counter()
    for op in Levenshtein.editops(reference, hypothesis):
        ref = reference[op.src_pos] if op.tag in ("replace", "delete") else ""
        hyp = hypothesis[op.dest_pos] if op.tag in ("replace", "insert") else ""
        if op.tag == "replace" and ref.isalpha() and hyp.isalpha() and base_letter(ref) == base_letter(hyp):
            kinds["diacritic" if ref.lower() != hyp.lower() else "case"] += 1
        elif op.tag == "replace":
            a, b = char_kind(ref), char_kind(hyp)
            kinds[a if a == b else ("dash/quote" if "dash/quote" in (a, b) else f"{a}->{b}")] += 1
        else:
            kinds[f"{char_kind(ref or hyp)} {'dropped' if ref else 'inserted'}"] += 1
    return kinds


def score(reference_text: str, hypothesis_text: str) -> dict[str, Any]:
    """Edit counts of ``hypothesis_text`` against ``reference_text`` after normalisation."""
    ref, hyp = normalise(reference_text), normalise(hypothesis_text)
    ref_words, hyp_words = ref.split(" ") if ref else [], hyp.split(" ") if hyp else []
    char_edits = Levenshtein.distance(ref, hyp)
    word_edits = Levenshtein.distance(ref_words, hyp_words)
    return {
        "ref_chars": len(ref), "char_edits": char_edits, "cer": char_edits / max(len(ref), 1),
        "ref_words": len(ref_words), "word_edits": word_edits, "wer": word_edits / max(len(ref_words), 1),
        "edit_kinds": dict(classify_edits(ref, hyp).most_common()),
    }


def bench_one(source: str, workdir: str, degrade: str, seed: int, max_pages: int) -> dict[str, Any]:
    """Scan one document, OCR it with the real ingest, score it (runs in a worker process)."""
    from kehoach.ingest import IngestOptions, read_document

    make_scans = load_make_scans()
    src = Path(source)
    out = Path(workdir)
    started = time.perf_counter()
    scan = make_scans.make_scan(src, out, degrade_level=degrade, seed=seed, max_pages=max_pages)
    generated = time.perf_counter()
    doc = read_document(scan.pdf, IngestOptions())
    read = time.perf_counter()
    text = doc.text(raw=True)
    (out / f"{src.stem}.ocr.txt").write_text(text, encoding="utf-8")
    result = score(scan.truth.read_text(encoding="utf-8"), text)
    confidences = [p.info.ocr_mean_confidence for p in doc.pages if p.info.ocr_mean_confidence is not None]
    result.update(
        document=src.name, pdf=str(scan.pdf), truth=str(scan.truth), pages=scan.pages,
        methods=[p.info.method for p in doc.pages], errors=[e.message for e in doc.errors],
        skew=[p.info.skew_degrees for p in doc.pages],
        mean_confidence=round(sum(confidences) / len(confidences), 2) if confidences else None,
        generate_seconds=round(generated - started, 2), ocr_seconds=round(read - generated, 2),
    )
    return result


def markdown_table(results: list[dict[str, Any]], total: dict[str, Any]) -> str:
    rows = ["| document | pages | method | ref chars | char edits | CER | ref words | word edits | WER | OCR s |",
            "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {r['document']} | {r['pages']} | {','.join(sorted(set(r['methods'])))} | {r['ref_chars']} "
                    f"| {r['char_edits']} | {r['cer']:.2%} | {r['ref_words']} | {r['word_edits']} | {r['wer']:.2%} "
                    f"| {r['ocr_seconds']:.0f} |")
    rows.append(f"| **overall** ({len(results)} docs) | {total['pages']} | | {total['ref_chars']} | {total['char_edits']} "
                f"| **{total['cer']:.2%}** | {total['ref_words']} | {total['word_edits']} | **{total['wer']:.2%}** "
                f"| {total['ocr_seconds']:.0f} |")
    return "\n".join(rows)


def kinds_table(kinds: Counter[str], char_edits: int) -> str:
    rows = ["| edit kind | edits | share |", "|---|---:|---:|"]
    for kind, count in kinds.most_common():
        rows.append(f"| {kind} | {count} | {count / max(char_edits, 1):.0%} |")
    return "\n".join(rows)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5, help=f"how many of the fixed list (max {len(BENCH_DOCS)})")
    parser.add_argument("--degrade", default="medium", choices=["none", "light", "medium", "heavy"])
    parser.add_argument("--seed", type=int, default=0, help="scan seed (default 0)")
    parser.add_argument("--max-pages", type=int, default=2, help="pages per document (default 2)")
    parser.add_argument("--jobs", type=int, default=2, help="documents read in parallel (default 2)")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help=f"dev_plans folder (default {DEFAULT_DATA})")
    parser.add_argument("--workdir", type=Path, default=None, help="keep scans, truths and OCR texts here")
    parser.add_argument("--json", type=Path, default=None, help="write the results as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not 1 <= args.docs <= len(BENCH_DOCS):
        print(f"--docs must be within 1..{len(BENCH_DOCS)}", file=sys.stderr)
        return 2
    sources = [args.data_dir / name for name in BENCH_DOCS[:args.docs]]
    missing = [str(s) for s in sources if not s.is_file()]
    if missing:
        print("missing dev documents: " + ", ".join(missing), file=sys.stderr)
        return 2
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="kehoach-ocr-cer-")
        workdir = Path(tmp.name)
    else:
        workdir = args.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one Tesseract thread per worker process
    print(f"OCR CER benchmark: {args.docs} dev documents, degrade={args.degrade}, seed={args.seed}, "
          f"max {args.max_pages} pages each, {args.jobs} jobs, workdir {workdir}", file=sys.stderr)
    for s in sources:
        print(f"  input: {s}", file=sys.stderr)
    started = time.perf_counter()
    try:
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(bench_one, str(s), str(workdir), args.degrade, args.seed, args.max_pages)
                       for s in sources]
            results = [f.result() for f in futures]
    finally:
        if tmp is not None:
            tmp.cleanup()
    elapsed = time.perf_counter() - started
    kinds: Counter[str] = Counter()
    for r in results:
        kinds.update(r["edit_kinds"])
    total = {
        "documents": len(results), "pages": sum(r["pages"] for r in results),
        "ref_chars": sum(r["ref_chars"] for r in results), "char_edits": sum(r["char_edits"] for r in results),
        "ref_words": sum(r["ref_words"] for r in results), "word_edits": sum(r["word_edits"] for r in results),
        "ocr_seconds": round(sum(r["ocr_seconds"] for r in results), 1), "wall_seconds": round(elapsed, 1),
        "edit_kinds": dict(kinds.most_common()),
    }
    total["cer"] = total["char_edits"] / max(total["ref_chars"], 1)
    total["wer"] = total["word_edits"] / max(total["ref_words"], 1)
    print(f"\nOCR CER on {args.degrade} scans (seed {args.seed}, ≤{args.max_pages} pages/doc), "
          f"inputs from {args.data_dir}:\n")
    print(markdown_table(results, total))
    print("\nWhat the character edits are (all documents):\n")
    print(kinds_table(kinds, total["char_edits"]))
    print(f"\n{total['pages']} pages in {elapsed:.0f} s wall time.")
    if any(r["errors"] for r in results):
        for r in results:
            for e in r["errors"]:
                print(f"ingest error in {r['document']}: {e}", file=sys.stderr)
    if args.json is not None:
        payload = {"settings": {"docs": args.docs, "degrade": args.degrade, "seed": args.seed,
                                "max_pages": args.max_pages, "data_dir": str(args.data_dir),
                                "workdir": None if tmp is not None else str(workdir)},
                   "documents": results, "overall": total}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
