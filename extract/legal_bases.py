"""Legal bases: the documents cited in the preamble ('Căn cứ …;', 'Thực hiện …').

The preamble lines are first joined into paragraphs, because a citation runs across line
breaks and one paragraph may cite several documents ('Căn cứ Nghị định số … ; Nghị định số
…'). A paragraph opens at 'Căn cứ' / 'Thực hiện' / 'Triển khai' / 'Theo' (or any line after
one ending in '.' or ':'); a line ending in ';' goes on into the next, which is how a
'Thực hiện …; Kế hoạch số …' list wraps.

Inside a paragraph a citation is a document type followed by its number ('Nghị quyết số
76/NQ-CP'), or a law with its name ('Luật Điện lực số 61/2024/QH15', 'Luật Tổ chức chính
quyền địa phương ngày 19 tháng 6 năm 2015'). Only citations at the top level of the
paragraph count: the ones right after the opener, a ';', a ',' or 'và'. Documents named
inside another citation's subject ('… ban hành Kế hoạch triển khai Nghị quyết số …',
'(sau đây gọi tắt là Nghị quyết số …)', '… sửa đổi tại Nghị định số …') are what that
document is about, not bases of this one.

Matching runs on a folded copy of the text aligned character for character with the
printed one, so the matches tolerate missing or odd diacritics while every field keeps
the text as printed.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from dataclasses import dataclass

from ..ingest.types import Line
from ..models import LegalBasis
from ..models.doc_types import ALL_TYPES, fold
from .ids import make_id, provenance_of
from .lines import squash

# Folded type name → the name as printed in Phụ lục III (and 'Công văn', 'Văn bản', which
# have no abbreviation). Longer names first, so that 'Thông tư liên tịch' wins over
# 'Thông tư' and 'Bộ luật' over 'Luật'.
DOC_TYPES: dict[str, str] = {
    fold(name): name for name in sorted([*ALL_TYPES, "Công văn", "Văn bản"], key=len, reverse=True)
}
NAMED_TYPES = {"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"}  # cited by name; the number is optional
OPENERS = ("can cu", "thuc hien", "trien khai", "theo")
NOT_BASES = ("theo de nghi", "can cu chuc nang", "can cu tinh hinh")

_TYPE = re.compile(r"(?<!\w)(" + "|".join(DOC_TYPES) + r")(?!\w)")
_NUMBER = r"(?P<num>(?=[\w.\-&/]*[^\W\d_])\d[\w.\-&]*(?:/[\w.\-&]+)+)"  # has a letter: not a date
_DATE = r"ng[a-z]{0,2}y\s*(?P<d>\d{1,2})\s*(?:[/.\-]|thang)\s*(?P<m>\d{1,2})\s*(?:[/.\-]|nam)\s*(?P<y>\d{4})"
# What follows the type of a numbered citation: an optional qualifier ('Kế hoạch hành động',
# 'Quy chế phối hợp'), 'số' (read 's6', 'sô' by OCR), the number, then date and issuer.
_NUMBERED_HEAD = re.compile(
    r"\s*(?:hanh dong\s+|phoi hop\s+)?(?:s[o06]\s*:?\s*)?" + _NUMBER
    + r"(?:\s*,?\s*" + _DATE + r")?"
)
# In a law's citation the number and date follow its name: the first ones of the clause.
_LAW_NUMBER = re.compile(r"(?<!\w)(?:s[o06]\s*)?" + _NUMBER)
_LAW_DATE = re.compile(_DATE)
_OF = re.compile(r"\s*,?\s*cu\w?\s+")  # 'của', also as OCR reads it ('cta', Cyrillic 'а')
# What may precede a top-level citation: the opener, a list separator, an enumeration
# ('Căn cứ: (i) …'), an article of the cited text ('Căn cứ khoản 1 Điều 4 Nghị định …'), or
# the 'chỉ đạo … tại' of 'Thực hiện ý kiến chỉ đạo của … tại Văn bản số …'.
_TOP_LEVEL = re.compile(
    r"(?:^|[;,:]|\bva|\(\w{1,4}\)|\bdieu\s+\d+\w*|\bchi dao\b[^;]*\btai)\s*$"
    r"|(?:^|[;:])\s*(?:" + "|".join(OPENERS) + r")\s*$"
)
# Where the issuer after 'của' ends: the verb or preposition that opens the subject.
_ISSUER_END = re.compile(
    r"\s+(?:ve|quy dinh|phe duyet|ban hanh|huong dan|trien khai|thuc hien|sua doi|tang cuong|cong bo|giao|"
    r"dieu chinh|thanh lap|uy quyen|tap trung|khan truong|ket luan)(?!\w)|[,;.():“\"]|$"
)
_SENTENCE_END = re.compile(r"\.\s+(?=[^\W\d_])")
MAX_ISSUER_WORDS = 12

_Head = tuple[tuple[int, int] | None, dt.date | None, int]  # number span, date, where the head ends


@dataclass(slots=True)
class _Paragraph:
    text: str
    lines: list[Line]
    spans: list[tuple[int, int]]  # where each line sits in ``text``


def build_legal_bases(sha: str, preamble: list[Line]) -> list[LegalBasis]:
    """Every document cited at the top level of the preamble's 'Căn cứ'/'Thực hiện'
    paragraphs, once each (a number cited twice is kept at its first citation)."""
    bases: list[LegalBasis] = []
    seen: set[str] = set()
    for p_index, paragraph in enumerate(paragraphs(preamble)):
        if not is_basis_paragraph(paragraph.text):
            continue
        for c_index, (start, end) in enumerate(citation_spans(paragraph.text)):
            basis = _basis(sha, paragraph, start, end, (p_index, c_index))
            key = basis.number or basis.text
            if key not in seen:
                seen.add(key)
                bases.append(basis)
    return bases


def paragraphs(lines: list[Line]) -> list[_Paragraph]:
    """Preamble lines joined into paragraphs (see the module docstring for the breaks)."""
    result: list[_Paragraph] = []
    for line in lines:
        text = squash(line.text)
        if not text:
            continue
        if not result or _opens(text) or result[-1].text.endswith((".", ":", ")")):
            result.append(_Paragraph("", [], []))
        current = result[-1]
        if current.text:
            current.text += " "
        current.spans.append((len(current.text), len(current.text) + len(text)))
        current.text += text
        current.lines.append(line)
    return result


def _opens(text: str) -> bool:
    return _folded_start(text).startswith(OPENERS + ("xet ", "sau khi", "tren co so"))


def _folded_start(text: str) -> str:
    """The folded paragraph without a leading bullet ('- Căn cứ …')."""
    return fold(text).lstrip("-–+•* ")


def is_basis_paragraph(text: str) -> bool:
    """A paragraph that cites bases: 'Căn cứ' / 'Thực hiện' / 'Triển khai', not 'Theo đề
    nghị' nor 'Căn cứ chức năng, nhiệm vụ …'."""
    folded = _folded_start(text)
    return folded.startswith(OPENERS) and not folded.startswith(NOT_BASES)


def aligned_fold(text: str) -> str:
    """:func:`fold` character by character, so offsets in the result are offsets in ``text``."""
    return "".join(map(_fold_char, text))


@cache
def _fold_char(c: str) -> str:
    """One character folded to one (a few hundred distinct characters: cached)."""
    return (fold(c) + " ")[0]


def citation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level citation in a paragraph: from its type to the next
    top-level citation, the next ';' or the end of the sentence."""
    folded = aligned_fold(text)
    starts = [m.start() for m in _TYPE.finditer(folded) if _is_citation(text, folded, m)]
    spans = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        end = min(end, _clause_end(text, start))
        spans.append((start, end))
    return spans


def _is_citation(text: str, folded: str, m: re.Match[str]) -> bool:
    """A capitalised type at the top level of the paragraph, with a number (or, for a law,
    a name)."""
    if not text[m.start()].isupper() or not _TOP_LEVEL.search(folded[:m.start()]):
        return False
    if DOC_TYPES[m[1]] in NAMED_TYPES:
        rest = text[m.end():].lstrip()
        return bool(rest) and (rest[0].isalpha() or rest[0].isdigit())
    numbered = _NUMBERED_HEAD.match(folded, m.end())
    if numbered is None:
        return False
    preceded_by_va = folded[:m.start()].rstrip().endswith(" va")
    return not preceded_by_va or numbered["d"] is not None  # 'và' joins a dated citation only


def _clause_end(text: str, start: int) -> int:
    semicolon = text.find(";", start)
    sentence = _SENTENCE_END.search(text, start)
    ends = [e for e in (semicolon, sentence.start() if sentence else -1) if e >= 0]
    return min(ends, default=len(text))


def _basis(sha: str, paragraph: _Paragraph, start: int, end: int, key: tuple[int, int]) -> LegalBasis:
    text = paragraph.text
    folded = aligned_fold(text)
    type_match = _TYPE.match(folded, start)
    assert type_match is not None  # citation_spans starts every span at a type
    doc_type = DOC_TYPES[type_match[1]]
    clause = folded[:end]
    head = _law_head if doc_type in NAMED_TYPES else _numbered_head
    number_span, date, head_end = head(clause, type_match.end())
    issuer = _issuer(text, clause, of.end()) if (of := _OF.match(clause, head_end)) else None
    lines = [ln for ln, (s, e) in zip(paragraph.lines, paragraph.spans) if s < end and e > start]
    return LegalBasis(
        id=make_id(sha, "legal_basis", *key),
        provenance=provenance_of(lines),
        doc_type=doc_type,
        number=text[number_span[0]:number_span[1]].rstrip(".-") if number_span else None,
        date=date,
        issuer=issuer,
        text=text[start:end].rstrip(" ,;.").removesuffix(" và").rstrip(" ,"),
    )


def _numbered_head(clause: str, start: int) -> _Head:
    """Number span, date and end of 'số 76/NQ-CP ngày 15/7/2021' right after the type."""
    m = _NUMBERED_HEAD.match(clause, start)
    if m is None:
        return None, None, start
    return m.span("num"), _date(m), m.end()


def _law_head(clause: str, start: int) -> _Head:
    """Number span, date and end of the first number and date after a law's name."""
    number = _LAW_NUMBER.search(clause, start)
    date = _LAW_DATE.search(clause, start)
    ends = [m.end() for m in (number, date) if m is not None]
    return (number.span("num") if number else None), (_date(date) if date else None), max(ends, default=start)


def _date(m: re.Match[str]) -> dt.date | None:
    if m["d"] is None:
        return None
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def _issuer(text: str, folded: str, start: int) -> str | None:
    """The 'của …' part: up to the verb that opens the subject, at most a dozen words."""
    stop = _ISSUER_END.search(folded, start)
    issuer = text[start:stop.start() if stop else len(text)].strip()
    words = issuer.split()
    return " ".join(words) if 0 < len(words) <= MAX_ISSUER_WORDS else None
