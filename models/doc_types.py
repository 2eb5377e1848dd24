"""Document types and their abbreviations.

``ADMIN_TYPES`` is the table of 27 abbreviations of Nghị định 30/2020/NĐ-CP, Phụ lục III
(Công văn has no abbreviation: its number reads ``123/UBND-VP``, the issuer's code only).
``LEGAL_TYPES`` adds the types of legal normative documents (Luật 80/2015/QH13 and its
successors), which plans cite as their legal bases and which some archives also hold.
"""

from __future__ import annotations

import unicodedata

ADMIN_TYPES: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "GN",
    "Bản thỏa thuận": "TTh",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}

LEGAL_TYPES: dict[str, str] = {
    "Hiến pháp": "HP",
    "Luật": "QH",  # numbered e.g. 59/2020/QH14: the code is the issuing Quốc hội
    "Bộ luật": "QH",
    "Pháp lệnh": "UBTVQH",
    "Nghị định": "NĐ",
    "Thông tư": "TT",
    "Thông tư liên tịch": "TTLT",
    "Hướng dẫn liên ngành": "HDLN",
    "Giấy phép": "GP",
}

ALL_TYPES: dict[str, str] = {**ADMIN_TYPES, **LEGAL_TYPES}
CODE_TO_TYPE: dict[str, str] = {}
for _name, _code in ALL_TYPES.items():
    CODE_TO_TYPE.setdefault(_code, _name)
CODE_TO_TYPE["QĐ"] = "Quyết định"
CODE_TO_TYPE["NQ"] = "Nghị quyết"
CODE_TO_TYPE["HD"] = "Hướng dẫn"


def fold(text: str) -> str:
    """Lower-case and strip diacritics (đ → d) for forgiving comparisons of OCR'd text."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def type_for_code(code: str) -> str | None:
    """The type name for an abbreviation such as ``KH`` or ``QĐ`` (also matches ``QD``)."""
    if code in CODE_TO_TYPE:
        return CODE_TO_TYPE[code]
    folded = fold(code)
    for known, name in CODE_TO_TYPE.items():
        if fold(known) == folded:
            return name
    return None


def code_for_type(name: str) -> str | None:
    """The abbreviation for a type name, compared without case or diacritics."""
    folded = fold(name)
    for known, code in ALL_TYPES.items():
        if fold(known) == folded:
            return code
    return None
