"""How many words of correct Vietnamese text does the normaliser change? Each one is an error.

The 227 dev documents (``dev_plans/``) are correct text. Each goes through
``normalize_detailed`` as it is, twice: as text from a file or text layer (the default), and
as if Tesseract ``vie`` had read it (``from_ocr=True``, which also repairs tones). Words are
compared one to one after both sides are put in the old tone placement, so placement is not
counted. Held-out documents (``scripts/devsplit.py``, never read by the model builds) are
counted apart, as the language model saw the others. The speed of each run (words per CPU
second, one core, model already loaded) is printed too.

    .venv/bin/python bench/false_changes.py [--show 30] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from devsplit import split  # noqa: E402

from kehoach.normalize import normalize_detailed, restorer  # noqa: E402
from kehoach.normalize.tone_marks import normalize_form  # noqa: E402


def changed_words(text: str, from_ocr: bool) -> list[tuple[str, str]]:
    """(as written, as normalised) for every word the normaliser changed."""
    before = normalize_form(text, "old")
    after = normalize_form(normalize_detailed(before, from_ocr=from_ocr).text, "old")
    return [(a, b) for a, b in zip(before.split(), after.split()) if a != b]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--show", type=int, default=30, help="print the most frequent changes of each run")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args()

    train, held = split(args.data / "dev_plans")
    result: dict[str, object] = {"documents": len(train) + len(held), "held_out": len(held)}
    restorer()  # loaded once, outside the timing
    for name, from_ocr in (("text", False), ("as_ocr", True)):
        counts = {"words": 0, "changed": 0, "held_out_words": 0, "held_out_changed": 0}
        seen: Counter[tuple[str, str]] = Counter()
        started = time.process_time()
        for doc in [*train, *held]:
            text = doc.read_text(encoding="utf-8")
            changes = changed_words(text, from_ocr)
            words = len(text.split())
            counts["words"] += words
            counts["changed"] += len(changes)
            if doc in held:
                counts["held_out_words"] += words
                counts["held_out_changed"] += len(changes)
            seen.update(changes)
        counts["words_per_second"] = round(counts["words"] / (time.process_time() - started))
        result[name] = counts
        print(f"{name}: {counts['changed']} of {counts['words']} words changed "
              f"(held-out: {counts['held_out_changed']} of {counts['held_out_words']}); "
              f"{counts['words_per_second']:,} words/s", file=sys.stderr)
        for (a, b), n in seen.most_common(args.show):
            print(f"  {n:4d}  {a} -> {b}", file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
