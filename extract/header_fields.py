"""Turn the header lines into the document's fields, each with its :class:`FieldSource`.

Fixed phrases (quốc hiệu, tiêu ngữ, the type name) are emitted in their standard spelling
once recognised, since they come from a closed list; ``FieldSource.printed`` keeps what was
read. Free text (issuer, title, place) is kept as read: repairing OCR'd diacritics is the
normaliser's job, not the extractor's.
"""

from __future__ import annotations

import re

from ..ingest.types import Line
from ..models import Document, FieldSource, Issuer
from ..models.doc_types import code_for_type, fold, type_for_code
from .dates import find_date, parse_place_date, to_date, unreadable_parts
from .header import HeaderLines
from .header_lines import MOTTO, NATIONAL_TITLE
from .ids import make_id, provenance_of
from .lines import folded, is_upper, join_text, squash
from .numbers import notation_code, parse_number

CONG_VAN = "Công văn"
UNIT_OPENINGS = (
    "uy ban", "ubnd", "hdnd", "hoi dong", "bo", "so", "cuc", "tong cuc", "vu", "van phong", "phong",
    "ban", "chi cuc", "doan", "trung tam", "cong ty", "tong cong ty", "tap doan", "chi nhanh",
    "thanh tra", "kho bac", "chinh phu", "thu tuong", "quoc hoi", "toa an", "vien", "hoc vien",
    "truong", "benh vien", "tinh uy", "thanh uy", "huyen uy", "dang uy", "ngan hang", "thue",
    "cong an", "bo chi huy", "bo tu lenh", "mat tran", "hoi", "lien doan",
)
TERRITORIES = tuple(f"{level} " for level in (
    "tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran"))
WRAPS = (",", "-", "VÀ")  # a line ending so continues on the next
_OPENING_TITLE = ("noi dung trinh:", "trich yeu:")
_AUTHORITY_TAIL = re.compile(
    r"^(?:thu tuong chinh phu|chu tich uy ban nhan dan(?: \w+){1,6}|bo truong bo(?: \w+){1,6}"
    r"|giam doc so(?: \w+){1,6}|chu tich hoi dong nhan dan(?: \w+){1,6}|cuc truong cuc(?: \w+){1,6})$")
_NUMBER_LABEL = re.compile(r"^\s*s\w?\s*:")
_BLANK_SLOT = re.compile(r"^[\s._…\-–—]*$")
FALLBACK_LINES = 15  # how far into the body a 'Hôm nay, ngày …' date or a 'Nội dung trình:' is sought


def issuer_units(lines: list[Line]) -> list[str]:
    """The issuer block's bodies: a line opening with a body word ('SỞ', 'CỤC', 'ỦY BAN', …)
    starts a new one, any other line continues the previous ('ỦY BAN NHÂN DÂN' + 'TỈNH LÀO CAI')."""
    units: list[str] = []
    for line in lines:
        text = squash(line.text)
        if units and not _opens_unit(text):
            units[-1] = f"{units[-1]} {text}"
        else:
            units.append(text)
    return units


def issuer_lines(lines: list[Line]) -> list[str]:
    """The issuer block line by line as printed, a wrapped line joined to the one it continues.
    Lines group as in :func:`issuer_units` ('BỘ' + 'TÀI CHÍNH', 'ĐOÀN KIỂM TRA' + 'THEO QUYẾT
    ĐỊNH'), except that a territory line under a body's name ('ỦY BAN NHÂN DÂN' / 'TỈNH LÀO
    CAI') is a line of its own: the block is laid out so, it is no wrap."""
    printed: list[str] = []
    for line in lines:
        text = squash(line.text)
        if printed and not _opens_unit(text) and not (_opens_territory(text) and not printed[-1].endswith(WRAPS)):
            printed[-1] = f"{printed[-1]} {text}"
        else:
            printed.append(text)
    return printed


def _opens_territory(text: str) -> bool:
    return folded(text).startswith(TERRITORIES)


def _opens_unit(text: str) -> bool:
    words = folded(text).split()
    for opening in UNIT_OPENINGS:
        size = len(opening.split())
        if " ".join(words[:size]) == opening and not (len(words) > size and words[size][0].isdigit()):
            return True
    return False


def note(doc: Document, name: str, lines: list[Line]) -> None:
    """Record where field ``name`` was read."""
    doc.field_sources[name] = FieldSource(id=make_id(doc.source.sha256, "field", name),
                                          printed=join_text(lines), provenance=provenance_of(lines))


def apply_header(doc: Document, head: HeaderLines, body: list[Line]) -> None:
    """Fill the header fields of ``doc`` from ``head``; ``body`` (the lines after the header)
    is searched for a date or title only when the header has none (biên bản, phiếu trình)."""
    sha = doc.source.sha256
    if head.issuer:
        units = issuer_units(head.issuer)
        doc.issuer = Issuer(id=make_id(sha, "issuer"), provenance=provenance_of(head.issuer),
                            name=units[-1], parent=" / ".join(units[:-1]) or None,
                            lines=issuer_lines(head.issuer))
    if head.national is not None:
        doc.national_title = NATIONAL_TITLE
        note(doc, "national_title", [head.national])
    if head.motto is not None:
        doc.motto = MOTTO
        note(doc, "motto", [head.motto])
    _apply_number(doc, head)
    _apply_place_date(doc, head, body)
    _apply_type(doc, head)
    _apply_title(doc, head, body)


def _apply_number(doc: Document, head: HeaderLines) -> None:
    if head.number is None:
        return
    lines = [head.number, *head.number_more]
    if (number := parse_number(" ".join(ln.text.strip() for ln in lines).replace("- ", "-"))) is None:
        return
    doc.number, doc.code_number, doc.code_notation = number.number, number.code_number, number.code_notation
    note(doc, "number", lines)
    if number.code_number is None and (slot := _number_slot(head.number.text)):
        doc.review_flags.append(f"number: the số before '{number.number}' is filled in but unreadable "
                                f"(handwritten or stamped?), read as '{slot}'")


def _number_slot(text: str) -> str:
    """What stands between 'Số:' and the notation's '/': '' when the slot is blank or dotted
    (an unnumbered draft), else the marks OCR made of a handwritten number ('đýZŠ')."""
    before = text.split("/", 1)[0]
    label = _NUMBER_LABEL.match(fold(before))  # folding keeps one character per character
    slot = before[label.end():] if label else before
    return "" if _BLANK_SLOT.match(slot) else squash(slot)


def _apply_place_date(doc: Document, head: HeaderLines, body: list[Line]) -> None:
    if head.place_date is not None and (found := parse_place_date(head.place_date.text)):
        doc.place = found.place
        if found.place:
            note(doc, "place", [head.place_date])
        if found.date:
            doc.issued_date = found.date
            note(doc, "issued_date", [head.place_date])
        elif marks := unreadable_parts(head.place_date.text):
            doc.review_flags.append(f"date: day or month filled in but unreadable (handwritten?), read as "
                                    f"{', '.join(repr(m) for m in marks)} in '{squash(head.place_date.text)}'")
        return
    for line in _dated_lines(body):
        if (match := find_date(line.text)) and (date := to_date(match)):
            doc.issued_date = date
            note(doc, "issued_date", [line])
            return


def _dated_lines(body: list[Line]) -> list[Line]:
    """Where a document without a place-date line prints its date: the opening 'Hôm nay,
    ngày …' of a biên bản, or a line holding only 'Ngày … tháng … năm …' above the
    signatures of a phiếu trình."""
    opening = [ln for ln in body[:FALLBACK_LINES] if folded(ln.text).startswith("hom nay")]
    alone = [ln for ln in body if _is_date_alone(ln.text)]
    return opening + alone


def _is_date_alone(text: str) -> bool:
    """'Ngày 19 tháng 8 năm 2025' and nothing else on the line (OCR's 'tháng § năm' too)."""
    match = find_date(text)
    return match is not None and not re.search(r"\w", fold(text)[:match.start()] + fold(text)[match.end():])


def _apply_type(doc: Document, head: HeaderLines) -> None:
    """Type from the type line, else Công văn for a 'V/v' letter, else the type of the
    notation's code ('KH-UBND' → Kế hoạch), else Công văn (Nghị định 30: only công văn are
    numbered with the issuer's code alone). The code is the type's Phụ lục III abbreviation,
    so only codes of the table are emitted; Công văn and types outside it have none."""
    code = notation_code(doc.code_notation)
    if head.doc_type is not None and head.doc_type_name:
        doc.doc_type = head.doc_type_name
        note(doc, "doc_type", [head.doc_type])
    elif head.vv:
        doc.doc_type = CONG_VAN
        note(doc, "doc_type", head.title[:1])
    elif head.number is not None and doc.number:
        doc.doc_type = (type_for_code(code) if code else None) or CONG_VAN
        note(doc, "doc_type", [head.number])
    base = _base_type(doc.doc_type)
    doc.doc_type_code = None if base in (None, CONG_VAN) else code_for_type(base)


def _base_type(name: str | None) -> str | None:
    """'Biên bản kiểm tra' → 'Biên bản' when the full name is not itself a known type."""
    if name is None or code_for_type(name) is not None:
        return name
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        if code_for_type(" ".join(words[:size])) is not None:
            return " ".join(words[:size])
    return name


def _apply_title(doc: Document, head: HeaderLines, body: list[Line]) -> None:
    lines = head.title or _opening_title(body)
    if not lines:
        return
    text = join_text(lines)
    if not head.title:  # 'Nội dung trình: …' – the label is not part of the title
        text = squash(text.split(":", 1)[1])
    doc.title = _without_authority(text)
    note(doc, "title", lines)


def _without_authority(title: str) -> str:
    """An upper-case title without the decision's authority line run onto it ('… TẦM NHÌN ĐẾN
    NĂM 2045 THỦ TƯỚNG CHÍNH PHỦ', '… MÃ SỐ CỤC TRƯỞNG CỤC HẢI QUAN'): a flattened text puts
    the two printed lines on one."""
    if not is_upper(title):
        return title
    tokens = title.split()
    for i in range(1, len(tokens)):
        if _AUTHORITY_TAIL.match(folded(" ".join(tokens[i:]))):
            return " ".join(tokens[:i])
    return title


def _opening_title(body: list[Line]) -> list[Line]:
    """A labelled trích yếu at the top of the body ('Nội dung trình: …'), with its wrapped lines."""
    for i, line in enumerate(body[:FALLBACK_LINES]):
        if fold(line.text).strip().startswith(_OPENING_TITLE):
            end = i + 1
            while end < len(body) and body[end].text.strip()[:1].islower():
                end += 1
            return body[i:end]
    return []
