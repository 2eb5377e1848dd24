"""A user lexicon: phrases reviewers corrected, replaced after normalisation on the next run.

The review app (:mod:`kehoach.review`) learns ``wrong form → right form`` pairs from word-level
corrections and writes them to ``OUTDIR/review/lexicon.json``; ``kehoach run`` reads that file
and the pipeline applies it line by line after the normaliser, so an error a reviewer fixed
once (a restoration the language model gets wrong, an OCR misreading) is fixed in every
document of the next run. Matches are whole words (never inside a longer word) and keep the
case of the text they replace ("TRANH XÃ" → "TRÁNH XA").

File format::

    {"version": 1, "replacements": [{"wrong": "tranh xã", "right": "tránh xa", "count": 2}]}
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from ..errors import InputFileError

VERSION = 1
REVIEW_DIR = "review"  # what the review app adds to an output folder lives in OUTDIR/review/


def outdir_lexicon(outdir: str | Path) -> Path:
    """Where the lexicon of an output folder lives: ``OUTDIR/review/lexicon.json``."""
    return Path(outdir) / REVIEW_DIR / "lexicon.json"


def load(path: str | Path) -> dict[str, str]:
    """The ``wrong → right`` pairs of a lexicon file (an empty mapping when it does not exist)."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {_nfc(e["wrong"]): _nfc(e["right"]) for e in data["replacements"]
                if e["wrong"].strip() and isinstance(e["right"], str)}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputFileError(f"not a lexicon file ({exc!r}); fix it, or delete it to start afresh", path) from exc


def save(path: str | Path, counts: Mapping[tuple[str, str], int]) -> None:
    """Write ``{(wrong, right): count}`` as a lexicon file; for a wrong form learned with two
    different right forms, the one reviewers chose more often wins."""
    best: dict[str, tuple[str, int]] = {}
    for (wrong, right), count in sorted(counts.items()):
        if wrong not in best or count > best[wrong][1]:
            best[wrong] = (right, count)
    entries = [{"wrong": w, "right": r, "count": c} for w, (r, c) in sorted(best.items())]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"version": VERSION, "replacements": entries}, ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")
    tmp.replace(path)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _pattern(lexicon: Mapping[str, str]) -> re.Pattern[str]:
    # Longest first, so "tranh xã khu" wins over "tranh xã"; (?<!\w)…(?!\w) keeps whole words.
    alternatives = "|".join(re.escape(w) for w in sorted(lexicon, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _match_case(found: str, right: str) -> str:
    """``right`` in the case of ``found``: all capitals, capitalised, or as learned."""
    if found.isupper() and any(c.isalpha() for c in found):
        return right.upper()
    if found[:1].isupper() and not right[:1].isupper():
        return right[:1].upper() + right[1:]
    return right


def apply(text: str, lexicon: Mapping[str, str]) -> str:
    """``text`` with every whole-word occurrence of a wrong form replaced by its right form."""
    if not lexicon or not text:
        return text
    folded = {w.casefold(): r for w, r in lexicon.items()}
    return _pattern(lexicon).sub(lambda m: _match_case(m.group(0), folded[m.group(0).casefold()]), text)


__all__ = ["REVIEW_DIR", "apply", "load", "outdir_lexicon", "save"]
