"""Signers' names and titles as OCR damages them in a signature block, repaired from what
the document itself or the closed list of titles says.

A name sits under a signature and a red stamp, so its first letters are often lost or
misread ('guyến Thành Sinh', 'lowfg Văn Thuân'). The same person is usually named in the
text (the Nơi nhận, a list of members, 'Ông Hoàng Văn Thuân - Trưởng đoàn'), so a damaged
name is replaced by a name printed in the document that agrees on the given names; failing
that, a lost first letter of a common family name is put back ('guyến' → 'Nguyễn').
Titles come from a closed list, so a title line close to one ('HỌ CHỦ TỊCH', 'GIÁM ĐỌC') is
given in its standard spelling, as the header gives the quốc hiệu.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from ..ingest.types import Line
from .lines import folded, looks_like_name, squash

SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Trương", "Lương", "Mai", "Lâm", "Tạ", "Hà",
    "Trịnh", "Đào", "Cao", "Chu", "Thái", "Tô", "Quách", "Văn", "Lò", "Hầu", "Giàng", "Sùng",
)
TITLES = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC",
    "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG", "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN", "TRƯỞNG ĐOÀN", "PHÓ TRƯỞNG ĐOÀN", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG",
    "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA",
    "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "CHÁNH ÁN", "PHÓ CHÁNH ÁN", "BÍ THƯ", "PHÓ BÍ THƯ",
    "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "THỐNG ĐỐC", "PHÓ THỐNG ĐỐC",
    "TỔNG KIỂM TOÁN", "CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG", "GIÁM ĐỐC SỞ", "PHÓ GIÁM ĐỐC SỞ",
)
_FOLDED_SURNAMES = frozenset(folded(s) for s in SURNAMES)
TITLE_SIMILARITY = 90  # rapidfuzz ratio of folded texts; 'ho chu tich' vs 'pho chu tich' is 96
_FOLDED_TITLES = {folded(t): t for t in TITLES}
_NAME_TOKEN = re.compile(r"^[^\W\d_]+$")
_EDGE_JUNK = re.compile(r"^[^\w]+|[^\w]+$")


def canonical_title(text: str) -> str:
    """'HỌ CHỦ TỊCH' → 'PHÓ CHỦ TỊCH', 'GIÁM ĐỌC' → 'GIÁM ĐỐC', '- PHÓ GIAM ĐỌC :' → 'PHÓ
    GIÁM ĐỐC'; any other line as it is."""
    core = _EDGE_JUNK.sub("", squash(text))
    if not core:
        return text
    found = process.extractOne(folded(core), list(_FOLDED_TITLES), scorer=fuzz.ratio)
    if found is None or found[1] < TITLE_SIMILARITY or len(found[0]) - len(folded(core)) > 1:
        return text
    return _FOLDED_TITLES[found[0]]


def looks_like_damaged_name(text: str) -> bool:
    """A name whose first syllable OCR damaged: 'guyến Thành Sinh', 'lowfg Văn Thuân'."""
    tokens = squash(text).split()
    return 3 <= len(tokens) <= 5 and bool(_NAME_TOKEN.match(tokens[0])) and not tokens[0][0].isupper() \
        and looks_like_name(" ".join(tokens[1:]))


def names_in(lines: list[Line]) -> list[str]:
    """Personal names printed in ``lines``: runs of 3–4 capitalised syllables opening with a
    common family name ('Ông Hoàng Văn Thuân - Trưởng đoàn' → 'Hoàng Văn Thuân')."""
    found: list[str] = []
    for line in lines:
        tokens = [t.strip(",.;:()") for t in line.text.split()]
        for i, token in enumerate(tokens):
            if folded(token) not in _FOLDED_SURNAMES or not token[:1].isupper():
                continue
            for size in (4, 3):
                candidate = " ".join(tokens[i:i + size])
                if len(tokens[i:i + size]) == size and looks_like_name(candidate):
                    found.append(candidate)
                    break
    return found


def repair_name(name: str, known: list[str]) -> str:
    """``name`` with a damaged family name replaced: by the one name of ``known`` with the
    same given names (the family name is too damaged to compare: 'lowfg' for 'Hoàng'), else by
    the common family name it is the tail of: with its accents ('àng' → 'Hoàng', not 'Đặng'),
    or without them and one letter lost ('guyến' → 'Nguyễn')."""
    tokens = name.split()
    head = folded(tokens[0])
    if tokens[0][:1].isupper() and head in _FOLDED_SURNAMES:
        return name
    rest = folded(" ".join(tokens[1:]))
    same = {c for c in known if len(c.split()) == len(tokens) and folded(" ".join(c.split()[1:])) == rest}
    if len(same) == 1:  # one person in the document has these given names
        return same.pop()
    printed = tokens[0].lower()
    # The tail kept its accents ('àng'): the most common family name ending so (SURNAMES is
    # in order of frequency: 'Hoàng' before 'Giàng'), up to two letters lost.
    accented = [s for s in SURNAMES if s.lower().endswith(printed) and 0 < len(s) - len(printed) <= 2]
    if accented:
        return " ".join([accented[0], *tokens[1:]])
    tails = [s for s in SURNAMES if folded(s).endswith(head) and len(folded(s)) - len(head) == 1]
    if len(tails) == 1:
        return " ".join([tails[0], *tokens[1:]])
    return name


def split_persons(text: str) -> list[str] | None:
    """Several people's names printed one per line in a table cell and read as one run ('Đỗ
    Mạnh Cường Vũ Việt Linh Nguyễn Thị Thúy Nhung'): cut before family names so that every name
    has three or four syllables and opens with a family name. None when ``text`` is not such
    a run of at least two names (one name; a middle name that is also a family name, 'Lê Văn
    Hoàng Anh', would leave a name of two)."""
    tokens = squash(text).split()

    def starts(i: int) -> bool:
        return tokens[i][:1].isupper() and folded(tokens[i]) in _FOLDED_SURNAMES

    def cut(i: int) -> list[list[str]] | None:
        if i == len(tokens):
            return []
        if not starts(i):
            return None
        for size in (3, 4):
            if i + size <= len(tokens) and (rest := cut(i + size)) is not None:
                return [tokens[i:i + size], *rest]
        return None

    people = cut(0) if tokens else None
    return [" ".join(p) for p in people] if people and len(people) > 1 else None
