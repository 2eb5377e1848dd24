"""Số / ký hiệu: read the number line and repair OCR confusions against the Nghị định 30
grammar ``<digits>[/<year>]/<TYPE>-<ISSUER>[-<UNIT>]``.

The grammar says which characters each part may hold, so a confusion can be undone where
the part makes it unambiguous: the number before the first '/' is digits ('1O5O' → 1050,
'l2' → 12), a type code is one of Phụ lục III ('OĐ' / 'QD' → QĐ, 'ND' → NĐ), and the
notation is Latin capitals (Cyrillic look-alikes 'ВСТ' from a foreign OCR layer → 'BCT').
A number part that holds no digit at all (a handwritten number read as 'đýZŠ') is dropped,
leaving the symbol as an unnumbered draft prints it ('/QĐ-UBND'): an honest gap, not a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from ..models.doc_types import CODE_TO_TYPE, fold

_LEADING_JUNK = re.compile(r"^[^\w/]+")
_MISSING_SLASH = re.compile(r"^(\d+)([A-ZĐ])")
_NUMBER_PARTS = re.compile(r"^(\d+[a-zA-Z]?)?/(.+)$")
_NUMBER_LABEL = re.compile(r"^s\w?:|^so$")  # 'Số:', OCR 'Sb:', a bare 'Số'
_CONTINUATION = re.compile(r"^[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*-?$")
CYRILLIC = str.maketrans("АВСЕНКМОРТХУ", "ABCEHKMOPTXY")
DIGIT_LOOKALIKES = str.maketrans("OoDQUlI|i", "000001111")
CODE_LOOKALIKES = {"0": "OQ", "O": "Q", "D": "Đ", "Q": "O"}  # a type-code letter OCR may have misread


@dataclass(frozen=True, slots=True)
class Number:
    number: str
    code_number: str | None
    code_notation: str | None


def parse_number(text: str) -> Number | None:
    """'Số: 1050 /QĐ-SCT' → 1050/QĐ-SCT (spaces dropped, a lost slash after the digits put
    back, OCR confusions repaired). The number runs from the label (when printed) to the first
    ordinary word ('Lào', 'ngày'), so notations with lower-case letters ('QĐ-TTg', 'TTr-SCT')
    stay whole."""
    tokens = text.translate(CYRILLIC).split()
    if tokens and _NUMBER_LABEL.match(fold(tokens[0]).split(":")[0] + (":" if ":" in tokens[0] else "")):
        label = tokens.pop(0)
        if ":" in label:
            tokens.insert(0, label.split(":", 1)[1])
    kept = []
    for token in tokens:
        word = token.rstrip(",.")
        if word.islower() or (word[:1].isupper() and word[1:].islower()):
            break  # a word of the place-date beside the number, not part of it
        kept.append(token)
    joined = _LEADING_JUNK.sub("", "".join(kept).replace("–", "-").strip(".,;"))
    if "/" not in joined:
        joined = _MISSING_SLASH.sub(r"\1/\2", joined)
    if not joined:
        return None
    return _repaired(joined)


def continues_number(number_text: str, text: str) -> bool:
    """A left-column line carrying on a notation cut at a hyphen ('24/HDLN-BCA-BQP-BYT-' /
    'BCT-BTC-VKSNDTC-TANDTC')."""
    return number_text.rstrip().endswith("-") and bool(_CONTINUATION.match(text.translate(CYRILLIC).strip()))


def _repaired(joined: str) -> Number:
    head, slash, notation = joined.partition("/")
    if not slash:
        return Number(joined, None, None)
    head = _digits(head)
    notation = _repair_type_code(notation)
    m = _NUMBER_PARTS.match(f"{head}/{notation}")
    return Number(f"{head}/{notation}", m[1] if m else None, m[2] if m else notation)


def _digits(head: str) -> str:
    """The number part as digits: look-alikes mapped when some digit was read, else nothing."""
    if not head or head.isdigit() or re.fullmatch(r"\d+[a-zA-Z]", head):
        return head
    mapped = head.translate(DIGIT_LOOKALIKES)
    if any(c.isdigit() for c in head) and mapped.isdigit():
        return mapped
    return "" if not any(c.isdigit() for c in head) else head


def _repair_type_code(notation: str) -> str:
    """The first lettered part's type code made a known Phụ lục III code when exactly one
    look-alike reading is ('2019/ND-CP' → '2019/NĐ-CP', 'OĐ-UBND' → 'QĐ-UBND')."""
    parts = notation.split("/")
    at = next((i for i, p in enumerate(parts) if any(c.isalpha() for c in p)), None)
    if at is None:
        return notation
    code, dash, rest = parts[at].partition("-")
    if not dash or code in CODE_TO_TYPE or len(code) > 4:
        return notation
    options = [c + CODE_LOOKALIKES.get(c, "") for c in code]
    known = {"".join(p) for p in product(*options)} & set(CODE_TO_TYPE)
    if len(known) == 1:
        parts[at] = f"{known.pop()}-{rest}"
    return "/".join(parts)


def notation_code(notation: str | None) -> str | None:
    """The type abbreviation a notation starts with: 'KH-UBND' → 'KH', '2019/NĐ-CP' → 'NĐ'."""
    if not notation:
        return None
    lettered = [part for part in notation.split("/") if any(c.isalpha() for c in part)]
    return lettered[0].split("-")[0] if lettered else None
