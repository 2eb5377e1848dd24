"""Does normalising Tesseract ``vie`` output lower its error, and leave correct text alone?

1. Held-out dev documents (``scripts/devsplit.py``) are rendered as medium scans and read
   by the real ingest (``bench/ocr_cer.py``'s ``bench_one``); the reading's character and
   word error rates are compared before and after ``normalize_text(…, from_ocr=True)``.
   Tone placement is not counted (both sides in the old style).
2. The same documents' correct text goes through the same call; every word it changes is an
   error (tone placement again not counted).

    .venv/bin/python bench/vie_eval.py [--docs 6] [--workdir /tmp/vie-eval]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "scripts"))
from devsplit import split  # noqa: E402
from ocr_cer import bench_one, score  # noqa: E402

from kehoach.normalize import normalize_text  # noqa: E402
from kehoach.normalize.tone_marks import normalize_form  # noqa: E402


def old_style(text: str) -> str:
    return normalize_form(text, "old")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data")
    parser.add_argument("--docs", type=int, default=6)
    parser.add_argument("--max-pages", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="keep scans and readings here (reused when present)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    _, held = split(args.data / "dev_plans")
    chosen = held[:: max(1, len(held) // args.docs)][: args.docs]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kehoach-vie-eval-"))
    workdir.mkdir(parents=True, exist_ok=True)
    todo = [d for d in chosen if not (workdir / f"{d.stem}.ocr.txt").exists()]
    with ProcessPoolExecutor(args.jobs) as pool:
        list(pool.map(bench_one, [str(d) for d in todo], [str(workdir)] * len(todo), ["medium"] * len(todo),
                      [0] * len(todo), [args.max_pages] * len(todo)))

    totals = {"chars": 0, "raw_char_edits": 0, "norm_char_edits": 0, "words": 0, "raw_word_edits": 0,
              "norm_word_edits": 0, "correct_words": 0, "correct_words_changed": 0}
    for doc in chosen:
        truth = old_style((workdir / f"{doc.stem}.gt.txt").read_text(encoding="utf-8"))
        reading = old_style((workdir / f"{doc.stem}.ocr.txt").read_text(encoding="utf-8"))
        raw, norm = score(truth, reading), score(truth, normalize_text(reading, from_ocr=True))
        totals["chars"] += raw["ref_chars"]
        totals["raw_char_edits"] += raw["char_edits"]
        totals["norm_char_edits"] += norm["char_edits"]
        totals["words"] += raw["ref_words"]
        totals["raw_word_edits"] += raw["word_edits"]
        totals["norm_word_edits"] += norm["word_edits"]
        correct = old_style(doc.read_text(encoding="utf-8"))
        changed = normalize_text(correct, from_ocr=True)
        words_before, words_after = correct.split(), changed.split()
        totals["correct_words"] += len(words_before)
        totals["correct_words_changed"] += sum(a != b for a, b in zip(words_before, words_after))
    result = {
        "input": f"{len(chosen)} held-out dev documents, ≤{args.max_pages} pages, medium scans read by tesseract vie",
        "cer_raw": round(totals["raw_char_edits"] / totals["chars"], 5),
        "cer_normalised": round(totals["norm_char_edits"] / totals["chars"], 5),
        "wer_raw": round(totals["raw_word_edits"] / totals["words"], 5),
        "wer_normalised": round(totals["norm_word_edits"] / totals["words"], 5),
        "correct_text_words": totals["correct_words"],
        "correct_text_words_changed": totals["correct_words_changed"],
        "workdir": str(workdir),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
