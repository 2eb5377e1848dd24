"""Evaluate legacy-encoding detection and conversion (TCVN3, VNI, VIQR) on real dev text.

Round trip: each of the first ``--docs`` held-out dev documents (``scripts/devsplit.py``: no
model build read them; NFC, old tone placement) is written in
each legacy encoding by ``encode_legacy`` (the inverse of the tables), then handed to
``convert_legacy`` as a reader would get it, and compared with the original: documents
detected as the right encoding, lines identical, and character accuracy (1 - Levenshtein
distance / length), also ignoring letter case: TCVN3 has no toned capitals (a capital Ủ at
the start of a word is written as ủ), so case comes back only where the word's other letters
show it; VIQR's ``.``/``?`` after an open syllable are ambiguous with punctuation.

False positives: ``convert_legacy`` over every dev document as it is (correct Unicode) and
stripped of its diacritics, over English prose (the licence texts Debian installs), over the
seed English-OCR file, over the corpus in 200-line pieces, and over Vim's tutor in ~30
languages (UTF-8, and the 8-bit files read as ``ingest.text.decode_text`` reads them), when
Vim is installed; any text it changes is a false positive.

    .venv/bin/python bench/legacy_eval.py [--data ../shared/data] [--docs 45] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from devsplit import split  # noqa: E402

from kehoach.errors import UnsupportedInputError  # noqa: E402
from kehoach.ingest.text import decode_text  # noqa: E402
from kehoach.normalize.legacy import ENCODINGS, convert_legacy, encode_legacy  # noqa: E402
from kehoach.normalize.tone_marks import normalize_form  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ENGLISH = [Path("/usr/share/common-licenses") / name for name in ("GPL-3", "Apache-2.0", "LGPL-3", "MPL-2.0", "Artistic")]
VIM_TUTOR = Path("/usr/share/vim/vim90/tutor")
CORPUS_PIECE = 200  # lines


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def vim_tutors() -> dict[str, str]:
    texts = {}
    for path in sorted(VIM_TUTOR.glob("tutor.*")):
        try:
            texts[path.name] = decode_text(path.read_bytes(), str(path))
        except UnsupportedInputError:
            pass  # not 8-bit Windows text (Shift-JIS, Big5, cp737): refused before the normaliser
    return texts


def round_trip(docs: list[Path]) -> dict[str, dict[str, float]]:
    results = {}
    for encoding in ENCODINGS:
        detected = lines_ok = lines = edits = edits_nocase = chars = 0
        start = time.perf_counter()
        for path in docs:
            truth = normalize_form(path.read_text(encoding="utf-8"))
            result = convert_legacy(encode_legacy(truth, encoding))
            detected += result.encoding == encoding
            got, want = result.text.split("\n"), truth.split("\n")
            assert len(got) == len(want), "conversion must keep lines"
            lines_ok += sum(a == b for a, b in zip(got, want))
            lines += len(want)
            edits += Levenshtein.distance(result.text, truth)
            edits_nocase += Levenshtein.distance(result.text.lower(), truth.lower())
            chars += len(truth)
        results[encoding] = {
            "documents": len(docs), "detected": detected, "lines": lines,
            "line_exact": round(lines_ok / lines, 4), "char_accuracy": round(1 - edits / chars, 5),
            "char_accuracy_ignoring_case": round(1 - edits_nocase / chars, 5),
            "seconds": round(time.perf_counter() - start, 2),
        }
    return results


def false_positives(texts: dict[str, str]) -> dict[str, object]:
    wrong = [name for name, text in texts.items() if convert_legacy(text).text != text]
    return {"texts": len(texts), "converted": len(wrong), "examples": wrong[:10]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--docs", type=int, default=45, help="held-out dev documents per encoding for the round trip (45: all)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    dev = sorted((args.data / "dev_plans").glob("*.txt"))
    report: dict[str, object] = {"round_trip": round_trip(split(args.data / "dev_plans")[1][:args.docs])}
    corpus = {}
    for path in sorted((args.data / "corpus").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for i in range(0, len(lines), CORPUS_PIECE):
            corpus[f"{path.name}:{i + 1}"] = "\n".join(lines[i:i + CORPUS_PIECE])
    report["false_positives"] = {
        "dev_unicode": false_positives({p.name: p.read_text(encoding="utf-8") for p in dev}),
        "dev_stripped": false_positives({p.name: strip_diacritics(p.read_text(encoding="utf-8")) for p in dev}),
        "english": false_positives({p.name: p.read_text(encoding="utf-8") for p in ENGLISH if p.exists()}),
        "seed_ocr": false_positives({"seed": (REPO / "samples" / "bac-ninh-32-kh-ubnd-2023.ocr.txt").read_text(encoding="utf-8")}),
        "corpus_pieces": false_positives(corpus),
        "vim_tutor_languages": false_positives(vim_tutors()),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
