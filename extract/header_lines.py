"""What a line (or column part) of the header is: quốc hiệu, tiêu ngữ, số/ký hiệu, place-date,
'V/v', the type line ('KẾ HOẠCH'), or the start of the body.

Every test runs on folded text so OCR without diacritics ('CONG HOA XA HQI', 'Sb: 32',
'KE HOACH') is still recognised; the fixed phrases are compared fuzzily because English OCR
also confuses letters ('Péc 1ap - Tu do - Hanh phiic').
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from enum import Enum

from ..models.doc_types import ALL_TYPES
from .dates import find_date, is_unread_date, place_span
from .lines import folded, is_upper
from .numbering import marker_of

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
EXTRA_TYPES = ("Phiếu trình", "Tờ khai", "Giấy chứng nhận")  # printed types outside Phụ lục III
TYPE_NAMES = sorted([*ALL_TYPES, *EXTRA_TYPES], key=lambda n: -len(n.split()))
PHRASE_SIMILARITY = 0.75
VV_OPENINGS = ("v/v", "v/ v", "v /v")  # 'V/v …'; a lower-case 'Về …' left-column line counts too
BODY_OPENINGS = ("can cu", "thuc hien", "xet de nghi", "theo de nghi", "hom nay", "ngay ")
AUTHORITY_OPENINGS = (
    "chu tich", "giam doc", "bo truong", "thu tuong", "chinh phu", "uy ban", "hoi dong", "cuc truong",
    "tong cuc truong", "chanh", "truong ban", "truong doan", "hieu truong", "vien truong",
    "tong giam doc", "thong doc", "chu nhiem", "ban quan ly", "ban chi dao",
)
_WORDS_ONLY = re.compile(r"[^\w\s/]")
_NUMBER_LABEL = re.compile(r"^s\w?\s*:")  # 'Số:', OCR 'Sb:' / 'S6:'
_NUMBER_NO_COLON = re.compile(r"^Số\s+\d")
_NUMBER_BODY = re.compile(r"/|\d[A-ZĐ]")
_NUMBER_BARE = re.compile(r"^\d[\d ]{0,6}/(\d{4}/)?[A-ZĐ][\wĐ]*(-[\wĐ]+)*$")  # '2 3/2024/TT-BCT', label lost


ADDRESSEE_OPENING = "kinh gui"  # a letter's 'Kính gửi:', folded


class Kind(Enum):
    NATIONAL = "national_title"
    MOTTO = "motto"
    NUMBER = "number"
    PLACE_DATE = "place_date"
    VV = "vv"
    DOC_TYPE = "doc_type"
    ADDRESSEE = "addressee"  # 'Kính gửi:'
    ATTACHMENT = "attachment"  # '(Ban hành kèm theo …)'
    BODY = "body"  # preamble opening or a numbered heading
    OTHER = "other"


def plain(text: str) -> str:
    """Folded, without punctuation other than '/', single spaces."""
    return " ".join(_WORDS_ONLY.sub(" ", folded(text)).split())


def similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def is_national_title(text: str) -> bool:
    """'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', also truncated or OCR-garbled."""
    return similar(plain(text), plain(NATIONAL_TITLE)) >= PHRASE_SIMILARITY


def is_motto(text: str) -> bool:
    """'Độc lập - Tự do - Hạnh phúc', also with other dashes or OCR-garbled."""
    return similar(plain(text), plain(MOTTO)) >= PHRASE_SIMILARITY


def doc_type_prefix(text: str) -> tuple[str, int] | None:
    """The type name an upper-case line starts with, and its number of (folded) words."""
    words = plain(text).split()
    for name in TYPE_NAMES:
        wanted = plain(name).split()
        if words[:len(wanted)] == wanted:
            return name, len(wanted)
    return None


def classify(text: str) -> Kind:
    """The header kind of one line or column part."""
    low = folded(text)
    if _NUMBER_LABEL.match(low) and _NUMBER_BODY.search(text) or _NUMBER_NO_COLON.match(text) \
            or _NUMBER_BARE.match(text.strip()):
        return Kind.NUMBER
    if low.startswith(VV_OPENINGS) or (low.startswith("ve ") and not is_upper(text)):
        return Kind.VV
    if low.startswith(ADDRESSEE_OPENING):
        return Kind.ADDRESSEE
    if low.startswith("(") and "kem theo" in low:
        return Kind.ATTACHMENT
    if is_national_title(text):
        return Kind.NATIONAL
    if is_motto(text):
        return Kind.MOTTO
    if is_place_date(text):
        return Kind.PLACE_DATE
    if is_upper(text) and doc_type_prefix(text) and not low.rstrip().endswith(":"):
        return Kind.DOC_TYPE
    if low.startswith(BODY_OPENINGS) or _opens_section(text):
        return Kind.BODY
    return Kind.OTHER


def is_place_date(text: str) -> bool:
    """'Place, ngày … tháng … năm …' opening the line. A bare 'Ngày … tháng …' is not one:
    in the header zone it opens a body sentence ('Ngày 15 tháng 11 năm 2025, tại …')."""
    span = place_span(text.split())
    return span is not None and span[0] == 0 < span[1] and (find_date(text) is not None or is_unread_date(text))


def _opens_section(text: str) -> bool:
    found = marker_of(text)
    return found is not None and found.kind not in ("dash", "plus", "letter", "paren")


def is_authority_line(text: str, next_text: str | None) -> bool:
    """The upper-case line naming who issues a decision ('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …'),
    printed between the title and 'Căn cứ …'."""
    return (is_upper(text) and folded(text).startswith(AUTHORITY_OPENINGS)
            and next_text is not None and classify(next_text) is Kind.BODY)


def right_column_anchors(tokens: list[str]) -> list[int]:
    """Token indices where a header line without boxes holds a new part: the right column (the
    national title, the motto, or a place-date) or the 'V/v' after the number."""
    low = [plain(t) for t in tokens]
    found = [i for i in range(1, len(low)) if low[i].startswith("c") and is_national_title(" ".join(tokens[i:]))]
    if (start := _motto_start(low)) is not None and is_motto(" ".join(tokens[start:])):
        found.append(start)
    if (span := place_span(tokens)) and span[0] < span[1] and find_date(" ".join(tokens[span[0]:])):
        found.append(span[0])
    # and, on the left, a 'V/v' run onto the number ('Số: 597/HC-QLHC V/v cấp Giấy phép …')
    found += [i for i in range(1, len(low)) if low[i].startswith(VV_OPENINGS[0])
              and classify(" ".join(tokens[:i])) is Kind.NUMBER]
    return found


def _motto_start(low: list[str]) -> int | None:
    """'Độc lập', or the two words before 'Tự do' when OCR garbled 'Độc lập'."""
    for i in range(len(low) - 1):
        if low[i] == "doc" and low[i + 1] == "lap":
            return i
    for i in range(1, len(low) - 1):
        if low[i] == "tu" and low[i + 1] == "do":
            words = [j for j in range(i) if low[j]]  # skip dash tokens (empty once plain)
            return words[-2] if len(words) >= 2 else None
    return None
