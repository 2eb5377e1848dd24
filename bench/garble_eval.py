"""Evaluate the repair of English-OCR garble on held-out dev documents.

Held-out documents of ``dev_plans/`` (never seen by either model build) are rendered as
scans and read with Tesseract ``eng`` (``scripts/eng_garble.py``): text like the archive
layers the normaliser must repair. The reading is normalised, and both it and the raw
reading are scored against the printed text: syllable accuracy = 1 − (syllable-level edit
distance / printed syllables), case-insensitive, tone placement not counted.

    .venv/bin/python bench/garble_eval.py [--docs 8] [--cache /tmp/garble.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from devsplit import split  # noqa: E402
from eng_garble import garble_document  # noqa: E402

from kehoach.normalize import normalize_detailed  # noqa: E402
from kehoach.normalize.tokens import TOKEN  # noqa: E402
from kehoach.normalize.tone_marks import normalize_form  # noqa: E402


def syllables(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(normalize_form(text, "old")) if t[0].isalpha()]


def accuracy(hypothesis: str, truth: str) -> tuple[int, int]:
    """(edits, printed syllables) between the two syllable sequences."""
    want = syllables(truth)
    return Levenshtein.distance(syllables(hypothesis), want), len(want)


def read_pages(args: tuple[str, int, int]) -> list[dict]:
    source, max_pages, seed = args
    return [{"document": Path(source).name, "truth": p.truth, "observed": p.observed}
            for p in garble_document(Path(source), max_pages, "medium", seed)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--docs", type=int, default=8)
    parser.add_argument("--max-pages", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="keep the eng readings here and reuse them")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args()

    _, held = split(args.data / "dev_plans")
    chosen = held[:: max(1, len(held) // args.docs)][: args.docs]
    if args.cache and args.cache.exists():
        pages = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        with ProcessPoolExecutor(args.jobs) as pool:
            work = [(str(d), args.max_pages, 1000 + i) for i, d in enumerate(chosen)]
            pages = [p for chunk in pool.map(read_pages, work) for p in chunk]
        if args.cache:
            args.cache.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")

    raw_edits = fixed_edits = total = 0
    seconds = 0.0
    for page in pages:
        t0 = time.process_time()
        repaired = normalize_detailed(page["observed"]).text
        seconds += time.process_time() - t0
        edits, n = accuracy(page["observed"], page["truth"])
        raw_edits += edits
        edits, _ = accuracy(repaired, page["truth"])
        fixed_edits += edits
        total += n
    result = {
        "input": f"{len(pages)} pages of {len(chosen)} held-out dev documents, rendered (medium) and read by tesseract eng",
        "printed_syllables": total,
        "raw_reading_accuracy": round(1 - raw_edits / total, 4),
        "normalised_accuracy": round(1 - fixed_edits / total, 4),
        "syllables_per_second_one_core": round(total / seconds),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
