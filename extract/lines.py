"""Small line-level helpers shared by the extractors.

OCR garbles diacritics (an English OCR reads "KẾ HOẠCH" as "KE HOACH" and "Số:" as
"Sb:"), so every comparison with a known phrase goes through :func:`folded`: lower case,
no diacritics, single spaces. Printed text is never replaced by its folded form; folding
only decides what a line *is*.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..ingest.types import Line
from ..models.doc_types import fold

_SPACES = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"^[-–(\s]*(trang\s*)?\d{1,3}[-–)\s]*$")
_SEPARATOR = re.compile(r"^[-–—_=*.·•~\s]{3,}$")
_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_]*$")
RANK_PREFIXES = (
    "thuong tuong", "trung tuong", "thieu tuong", "dai tuong", "dai ta", "thuong ta",
    "trung ta", "thieu ta", "pgs.ts.", "gs.ts.", "pgs.", "gs.", "ts.", "ths.", "ks.", "bs.",
)


def squash(text: str) -> str:
    """Single spaces, no leading or trailing space."""
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1 << 16)
def folded(text: str) -> str:
    """The comparison form: lower case, no diacritics (đ → d), single spaces. Cached: the
    stages ask for the same lines' forms again and again."""
    return squash(fold(text))


def is_upper(text: str) -> bool:
    """A line printed in capitals (headings, issuer, signature titles); needs 2+ letters."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def starts_lower(text: str) -> bool:
    """The line begins with a lower-case letter, i.e. it continues a sentence."""
    stripped = text.lstrip(" \"'“(")
    return bool(stripped) and stripped[0].islower()


def is_page_number(text: str) -> bool:
    """A line that is only a page number ('3', '- 3 -', 'Trang 3')."""
    return bool(_PAGE_NUMBER.match(folded(text)))


def is_separator(text: str) -> bool:
    """A rule under the issuer or the motto ('-------', '______')."""
    return bool(_SEPARATOR.match(text))


def strip_rank(text: str) -> str:
    """Drop a military or academic rank printed before a signer's name."""
    low = folded(text)
    for rank in RANK_PREFIXES:
        if low.startswith(rank + " "):
            return squash(text)[len(rank) + 1:].strip()
    return squash(text)


def looks_like_name(text: str) -> bool:
    """A Vietnamese personal name: 2–6 capitalised syllables of letters only ('Nguyễn Văn Long');
    one-letter syllables other than 'Y' are OCR scraps ('H Ã'), not names."""
    tokens = strip_rank(text).split()
    return 2 <= len(tokens) <= 6 and all(
        _NAME_TOKEN.match(t) and t[0].isupper() and t[1:].islower() or t == "Y" for t in tokens
    )


def sub_line(line: Line, start: int, end: int | None = None) -> Line:
    """A pseudo-line holding tokens ``start:end`` of ``line``, with their words when the
    words map one to one onto the tokens, so provenance keeps the part's own box."""
    tokens = line.text.split()
    words = line.words[start:end] if len(line.words) == len(tokens) else []
    raw_tokens = line.raw.split() if line.raw is not None else []
    raw = " ".join(raw_tokens[start:end]) if len(raw_tokens) == len(tokens) else None
    return Line(text=" ".join(tokens[start:end]), number=line.number, page=line.page, words=words, raw=raw)


def join_text(lines: list[Line]) -> str:
    """Lines joined with single spaces."""
    return squash(" ".join(ln.text for ln in lines))
