"""Learn how English-set OCR garbles Vietnamese syllables: the restorer's channel model.

Renders training documents of ``dev_plans/`` (never the held-out ones, see ``devsplit.py``)
as scans at two degradation levels, reads them with Tesseract ``eng`` (``eng_garble.py``),
aligns each printed syllable with what was read in its place, and counts:

- word level: how often syllable *t* was read as token *o* (``của`` → ``cua``, ``ciia``, ``cta``);
- character level: how often each printed letter was kept, replaced (by which character),
  dropped, and how often characters were inserted — the prior for readings never seen.

Writes ``normalize/data/channel.json`` (and its build record ``channel.build.json``).

    .venv/bin/python scripts/build_channel.py --data ../shared/data --docs 40 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devsplit import split  # noqa: E402
from eng_garble import aligned_words, garble_document  # noqa: E402

from kehoach.normalize.tone_marks import normalize_form  # noqa: E402

LEVELS = ("light", "medium")
MIN_PAIR_COUNT = 1


def pairs_of(args: tuple[str, int, str, int]) -> list[tuple[str, str]]:
    source, max_pages, degrade, seed = args
    pairs = []
    for page in garble_document(Path(source), max_pages, degrade, seed):
        pairs.extend(aligned_words(page))
    return pairs


def char_counts(pairs: list[tuple[str, str]]) -> tuple[dict[str, Counter], Counter]:
    """Per printed character, what it became ('' = dropped); and inserted characters."""
    outcomes: dict[str, Counter] = defaultdict(Counter)
    inserted: Counter = Counter()
    for truth, read in pairs:
        ops = {op.src_pos: op for op in Levenshtein.editops(truth, read) if op.tag != "insert"}
        for op in Levenshtein.editops(truth, read):
            if op.tag == "insert":
                inserted[read[op.dest_pos]] += 1
        for i, ch in enumerate(truth):
            op = ops.get(i)
            if op is None:
                outcomes[ch][ch] += 1
            elif op.tag == "replace":
                outcomes[ch][read[op.dest_pos]] += 1
            else:
                outcomes[ch][""] += 1
    return outcomes, inserted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "normalize" / "data" / "channel.json")
    parser.add_argument("--docs", type=int, default=40, help="training documents to render (spread over the list)")
    parser.add_argument("--max-pages", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    start = time.time()
    train, _ = split(args.data / "dev_plans")
    step = max(1, len(train) // args.docs)
    chosen = train[::step][: args.docs]
    work = [(str(doc), args.max_pages, LEVELS[i % len(LEVELS)], i) for i, doc in enumerate(chosen)]
    with ProcessPoolExecutor(args.jobs) as pool:
        pairs = [(normalize_form(t.lower()), r.lower()) for chunk in pool.map(pairs_of, work) for t, r in chunk]

    words: dict[str, Counter] = defaultdict(Counter)
    for truth, read in pairs:
        words[read][truth] += 1
    truth_totals = Counter(t for t, _ in pairs)
    outcomes, inserted = char_counts(pairs)
    model = {
        "words": {read: dict(c) for read, c in sorted(words.items()) if sum(c.values()) >= MIN_PAIR_COUNT},
        "truth_totals": dict(truth_totals),
        "chars": {ch: dict(c) for ch, c in sorted(outcomes.items())},
        "inserted": dict(inserted),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    record = {
        "built_by": "scripts/build_channel.py",
        "documents": [p.name for p in chosen],
        "max_pages": args.max_pages,
        "levels": LEVELS,
        "ocr": "tesseract eng, psm 3, 300 dpi renders of make_scans.py pages",
        "aligned_syllables": len(pairs),
        "identical_readings": sum(t == r for t, r in pairs),
        "distinct_readings": len(words),
        "size_bytes": args.out.stat().st_size,
        "build_seconds": round(time.time() - start, 1),
    }
    args.out.with_name("channel.build.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                                                         encoding="utf-8")
    print(json.dumps(record, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
