"""Corrections teach: word-level text fixes become the user lexicon the normaliser applies.

A reviewer who changes "tạm thời tranh xã khu vực" to "tạm thời tránh xa khu vực" has fixed
a misreading, not rewritten the sentence; :func:`word_fixes` finds such pairs by a word diff
and leaves real rewrites alone (many changed words, insertions, numbers, forms that do not
look alike). A one-word fix is learned with its neighbour ("tranh xã" rather than "xã"),
since one Vietnamese syllable is rarely wrong everywhere it appears.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from .corrections import Entry
from .items import KINDS

MAX_SPANS = 3  # more changed places than this is an edit of the content, not a misreading fix
MAX_WORDS = 3  # words per changed place
MIN_SIMILARITY = 50  # rapidfuzz ratio of wrong and right form (0–100)
_EDGE = re.compile(r"^\W+|\W+$")
TEXT_FIELDS = {(kind, f.name) for kind, spec in KINDS.items() for f in spec.fields if f.kind in ("line", "text")}
LIST_FIELDS = {(kind, f.name) for kind, spec in KINDS.items() for f in spec.fields if f.kind == "list"}


def word_fixes(old: str, new: str) -> list[tuple[str, str]]:
    """``(wrong, right)`` phrase pairs of a small word-level correction of ``old`` into ``new``."""
    a, b = old.split(), new.split()
    ops = [op for op in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops or len(ops) > MAX_SPANS:
        return []
    fixes = []
    for tag, i1, i2, j1, j2 in ops:
        if tag != "replace" or i2 - i1 > MAX_WORDS or j2 - j1 > MAX_WORDS:
            continue
        if i2 - i1 == 1 and j2 - j1 == 1:  # one word: take its neighbour as context
            if i2 < len(a) and j2 < len(b) and a[i2] == b[j2]:
                i2, j2 = i2 + 1, j2 + 1
            elif i1 > 0 and j1 > 0 and a[i1 - 1] == b[j1 - 1]:
                i1, j1 = i1 - 1, j1 - 1
        wrong, right = _EDGE.sub("", " ".join(a[i1:i2])), _EDGE.sub("", " ".join(b[j1:j2]))
        if (wrong and right and wrong != right and not any(c.isdigit() for c in wrong + right)
                and fuzz.ratio(wrong.lower(), right.lower()) >= MIN_SIMILARITY):
            fixes.append((wrong, right))
    return fixes


def learn(entries: Iterable[Entry], kinds: dict[str, str]) -> Counter[tuple[str, str]]:
    """Count the word fixes of effective text corrections; ``kinds`` maps item id → item kind."""
    counts: Counter[tuple[str, str]] = Counter()
    for e in entries:
        if e.op != "set":
            continue
        key = (kinds.get(e.item_id), e.field)
        if key in TEXT_FIELDS and isinstance(e.old, str) and isinstance(e.new, str):
            counts.update(word_fixes(e.old, e.new))
        elif key in LIST_FIELDS and isinstance(e.old, list) and isinstance(e.new, list) and len(e.old) == len(e.new):
            # Agencies, cells: entry by entry, when the list kept its length (no entry added or removed).
            for old, new in zip(e.old, e.new):
                counts.update(word_fixes(old, new))
    return counts
