"""Place-and-date lines: 'Bắc Ninh, ngày 09 tháng 02 năm 2023'.

Matched on folded text with slack for OCR ('thing' for 'tháng', 'nim' for 'năm') and for
unfilled or unreadable parts: drafts leave the day blank ('ngày   tháng 4 năm 2026'), and a
handwritten day reads as '$0'. A part that cannot be read gives no date, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..models.doc_types import fold

_DATE = re.compile(
    r"\bng\w{0,2}y\s*(?P<d>\d{1,2}(?!\d))?.{0,12}?th\w{1,3}\s*(?P<m>\d{1,2}(?!\d))?.{0,12}?n\w{1,2}m\s*(?P<y>\d{4})(?!\d)"
)
_DAY_OR_MONTH = re.compile(r"(\b(?:ng\w{0,2}y|th\w{1,3})\s*)([0-9oduqli§]{2}|§)(?![^\W_])")
DIGIT_LOOKALIKES = str.maketrans("oduqli§", "0000118")
SURE_LOOKALIKES = "§"  # read for a digit even alone: Tesseract's '8' in bold or italic type, never a letter
_THANG = re.compile(r"\bth\w{1,3}\b")
_NGAY = re.compile(r"^ng[^\W\d]{0,2}y(?![^\W\d])")
_SLOTS = re.compile(r"\bng\w{0,2}y(?P<d>.*?)\bth\w{1,3}\b(?P<m>.*?)(?:\bn\w{1,2}m\b|$)")
_BLANK_SLOT = re.compile(r"^[\s._…\-–—]*$")
_NUMBER_SLOT = re.compile(r"^\d{1,2}(?!\S)")  # a number, whatever a cut line leaves after it
PLACE_WORDS = {"phố", "xã", "trấn", "thị"}  # lower-case words inside place names ('Thành phố Hồ Chí Minh')
MAX_PLACE_TOKENS = 6


@dataclass(frozen=True, slots=True)
class PlaceDate:
    place: str | None
    date: dt.date | None


def find_date(text: str) -> re.Match[str] | None:
    """The 'ngày … tháng … năm YYYY' part of ``text`` (matched on its folded form, with
    characters OCR reads for digits in a day or month mapped back: 'ngày U6 tháng 3' → 06,
    'tháng § năm' → 8)."""
    return _DATE.search(_DAY_OR_MONTH.sub(_digits, fold(text)))


def _digits(match: re.Match[str]) -> str:
    """A day or month of two characters, one a digit and one a look-alike ('u6', '1l'),
    or holding '§' ('tháng § năm' for 'tháng 8 năm'), as digits; the text keeps its length
    so positions in the match stay valid."""
    value = match[2]
    if not any(c.isdigit() or c in SURE_LOOKALIKES for c in value):
        return match[0]
    return match[1] + value.translate(DIGIT_LOOKALIKES)


def to_date(match: re.Match[str]) -> dt.date | None:
    """The date of a :func:`find_date` match; None when the day or month is blank or invalid."""
    if not (match["d"] and match["m"]):
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def place_span(tokens: list[str]) -> tuple[int, int] | None:
    """Where 'Place, ngày …' sits in ``tokens``: the index of the place's first token (the
    capitalised words before the first 'ngày'; equal to the second value when there are
    none) and the index of 'ngày'."""
    for i, token in enumerate(tokens):
        if _NGAY.match(fold(token)):
            start = i
            while start > 0 and i - start < MAX_PLACE_TOKENS and _is_place_token(tokens[start - 1]):
                start -= 1
            return start, i
    return None


def _is_place_token(token: str) -> bool:
    word = token.rstrip(",.")
    return bool(word) and (word in PLACE_WORDS or (word[0].isupper() and any(c.islower() for c in word)))


def is_unread_date(text: str) -> bool:
    """'Hà Nội, ngày 0 ‡ tháng JJj_ nău:202#': a place-date whose handwritten or stamped
    parts OCR could not read (no year found); its place is still good."""
    span = place_span(text.split())
    return span is not None and span[0] < span[1] and bool(
        _THANG.search(fold(" ".join(text.split()[span[1]:]))))


def unreadable_parts(text: str) -> list[str]:
    """The day and month slots of a date phrase that hold marks but no number (folded): a
    handwritten day OCR reads as '0 ‡' or '#0'. A blank or dotted slot (a draft) is not unreadable."""
    match = _SLOTS.search(fold(text))
    if match is None:
        return []
    slots = [" ".join(slot.split()) for slot in (match["d"], match["m"])]
    return [slot for slot in slots if not _BLANK_SLOT.match(slot) and not _NUMBER_SLOT.match(slot)]


def parse_place_date(text: str) -> PlaceDate | None:
    """Place and date of a place-date line, or None if the line has no date phrase."""
    match = find_date(text)
    span = place_span(text.split())
    if match is None and not is_unread_date(text):
        return None
    place = " ".join(text.split()[span[0]:span[1]]).rstrip(" ,") if span else ""
    return PlaceDate(place or None, to_date(match) if match else None)
