"""Evaluate diacritic restoration on held-out dev documents (never seen by the model build).

Accent-stripped: every held-out document of ``dev_plans/`` (see ``scripts/devsplit.py``) is
stripped of all diacritics (đ → d, case kept), restored by the shipped normaliser, and
compared syllable by syllable with the original. Tone placement is not an error: both sides
are put in the same style first. Speed is syllables per second of the restorer on one core
(this process), over the same text.

    .venv/bin/python bench/normalize_eval.py [--data ../shared/data] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from devsplit import split  # noqa: E402

from kehoach.normalize.channel import load_channel  # noqa: E402
from kehoach.normalize.lm import MODEL_PATH, LanguageModel  # noqa: E402
from kehoach.normalize.restore import Restorer  # noqa: E402
from kehoach.normalize.tokens import TOKEN  # noqa: E402
from kehoach.normalize.tone_marks import normalize_form  # noqa: E402


def strip_diacritics(text: str) -> str:
    """Remove every Vietnamese diacritic, keeping letter case (Đ → D)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def syllables(text: str) -> list[str]:
    return [t for t in TOKEN.findall(normalize_form(text, "old")) if t[0].isalpha()]


def score(restored: str, truth: str) -> tuple[int, int, list[tuple[str, str]]]:
    """Correct syllables, total syllables, and the (got, expected) pairs that differ."""
    got, want = syllables(restored), syllables(truth)
    assert len(got) == len(want), "restoration must not add or remove syllables"
    errors = [(g, w) for g, w in zip(got, want) if g != w]
    return len(want) - len(errors), len(want), errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument("--model", type=Path, default=MODEL_PATH, help="language model to evaluate")
    parser.add_argument("--show-errors", type=int, default=20, help="print the most frequent errors")
    args = parser.parse_args()

    _, held = split(args.data / "dev_plans")
    start = time.perf_counter()
    restorer = Restorer(LanguageModel(args.model), load_channel())
    load_seconds = time.perf_counter() - start

    correct = total = 0
    seconds = 0.0
    confusions: dict[tuple[str, str], int] = {}
    per_doc = []
    for path in held:
        truth = path.read_text(encoding="utf-8")
        stripped = strip_diacritics(truth)
        t0 = time.process_time()
        restored = restorer.restore(stripped).text
        seconds += time.process_time() - t0
        ok, n, errors = score(restored, truth)
        correct += ok
        total += n
        per_doc.append({"document": path.name, "syllables": n, "accuracy": round(ok / n, 4) if n else None})
        for pair in errors:
            key = (pair[0].lower(), pair[1].lower())
            confusions[key] = confusions.get(key, 0) + 1

    result = {
        "input": f"{len(held)} held-out documents of dev_plans/ (every 5th), accents stripped",
        "syllables": total,
        "syllable_accuracy": round(correct / total, 4),
        "syllables_per_second_one_core": round(total / seconds),
        "model_load_seconds": round(load_seconds, 2),
        "documents": per_doc,
    }
    print(f"accent-stripped restoration: {correct}/{total} syllables = {correct / total:.2%} "
          f"on {len(held)} held-out dev documents")
    print(f"speed: {total / seconds:,.0f} syllables/s on one core; model load {load_seconds:.2f} s")
    for (got, want), n in sorted(confusions.items(), key=lambda kv: -kv[1])[: args.show_errors]:
        print(f"  {n:4d}  {got!r} for {want!r}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
