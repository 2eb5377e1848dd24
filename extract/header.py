"""The header of a Nghị định 30 document: issuer, quốc hiệu, tiêu ngữ, số/ký hiệu,
place-date, type and trích yếu (title).

The header is read from the top of the cleaned line stream in two phases:

1. *top*: the two columns (issuer + number + 'V/v' on the left, quốc hiệu + tiêu ngữ +
   place-date on the right), in whatever order the text layer or OCR returns them. It
   ends at the type line ('KẾ HOẠCH'), or for a Công văn at 'Kính gửi' / the first body line.
2. *title*: after the type line, the trích yếu lines, until the preamble ('Căn cứ …',
   'Thực hiện …'), the authority line of a decision ('CHỦ TỊCH ỦY BAN NHÂN DÂN …'), an
   attachment note '(Ban hành kèm theo …)' or a line that cannot continue the title.

:func:`read_header` only finds the lines; :mod:`.header_fields` turns them into fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from ..ingest.types import Line
from ..models.base import BBox
from .closing_lines import opens_with_authority
from .columns import Piece, Widths, has_boxes, no_anchors, split_line
from .dates import find_date, place_span
from .header_lines import AUTHORITY_OPENINGS, Kind, classify, doc_type_prefix, is_authority_line, plain, \
    right_column_anchors
from .lines import folded, is_separator, is_upper, starts_lower, sub_line
from .numbering import marker_of
from .numbers import continues_number

MAX_HEADER_LINES = 40  # the top phase never looks further
BROKEN_DATE_LINES = 5  # a place-date may be broken over this many more lines …
BROKEN_DATE_CHARS = 20  # … each this short
# Bodies that open the second unit of an issuer block ('BỘ CÔNG THƯƠNG' / 'CỤC HÓA CHẤT'), unless the word
# before makes them part of a name ('TỔNG CỤC', 'CHI CỤC', 'CƠ SỞ').
SECOND_BODIES = {"cuc", "so", "vu", "tong", "chi"}
NOT_A_BODY_BEFORE = {"tong", "chi", "co"}
VV_LINE_CHARS = 70  # 'V/v' continues in a narrow left column
MAX_SENDER_SPLIT = 3  # words of a telegram's sender left on the title's last line ('THỦ' of 'THỦ TƯỚNG …')
STAMP_GAP_SPACES = 3  # a stamp's words stand off a title line by this many of its median gaps
TYPE_SUFFIX_WORDS = 4  # 'BIÊN BẢN KIỂM TRA': a short rest of the type line names the kind of type


@dataclass(slots=True)
class HeaderLines:
    """The lines (or column parts) each header field was read from."""

    issuer: list[Line] = field(default_factory=list)
    national: Line | None = None
    motto: Line | None = None
    number: Line | None = None
    number_more: list[Line] = field(default_factory=list)  # a notation wrapped at a hyphen
    place_date: Line | None = None
    doc_type: Line | None = None
    doc_type_name: str | None = None  # 'Kế hoạch', or with its printed suffix 'Biên bản kiểm tra'
    title: list[Line] = field(default_factory=list)
    vv: bool = False  # the title is a Công văn's 'V/v …'
    end: int = 0  # index of the first line after the header

    def found_any(self) -> bool:
        return bool(self.issuer or self.national or self.motto or self.number or self.place_date or self.vv)


def rejoin_place_date(lines: list[Line]) -> list[Line]:
    """``lines`` with a place-date broken over short lines ('Hà Nội, ngày' / '21' / 'tháng' /
    '11' / 'năm 2025') joined back into one line."""
    result = list(lines[:MAX_HEADER_LINES])
    for i, line in enumerate(result):
        span = place_span(line.text.split())
        if span is None or span[0] != 0 or span[1] == 0 or find_date(line.text):
            continue
        for end in range(i + 2, min(i + 2 + BROKEN_DATE_LINES, len(result) + 1)):
            if len(result[end - 1].text.strip()) > BROKEN_DATE_CHARS:
                break
            if find_date(joined := _join_fragments([ln.text.strip() for ln in result[i:end]])):
                words = [w for ln in result[i:end] for w in ln.words]
                result[i:end] = [Line(text=joined, number=line.number, page=line.page, words=words)]
                return result + lines[MAX_HEADER_LINES:]
    return list(lines)


def _join_fragments(parts: list[str]) -> str:
    """Join with spaces, except digits split over lines ('tháng 1' / '1' is 'tháng 11')."""
    text = parts[0]
    for part in parts[1:]:
        text += part if text[-1:].isdigit() and part[:1].isdigit() else f" {part}"
    return text


def read_header(lines: list[Line], widths: Widths) -> HeaderLines:
    """Find the header lines at the top of ``lines``."""
    head = HeaderLines()
    end = _scan_top(lines, widths, head)
    if head.doc_type is not None:
        end = _scan_title(lines, widths, head, end)
    head.end = end
    return head


def _scan_top(lines: list[Line], widths: Widths, head: HeaderLines) -> int:
    """Read the two-column block; return the index where the type line's title or the body starts."""
    vv_open = False
    for i, line in enumerate(lines[:MAX_HEADER_LINES]):
        for piece in split_line(line, widths.get(line.page), right_column_anchors):
            kind = classify(piece.text)
            if kind is Kind.BODY and vv_open and starts_lower(piece.text):
                kind = Kind.OTHER  # the 'V/v' wraps onto a preamble's words: '… hướng dẫn' / 'thực hiện …'
            if kind in (Kind.BODY, Kind.ADDRESSEE):
                return i if head.found_any() else 0
            if kind is Kind.DOC_TYPE:
                _take_doc_type(piece.line, lines[i + 1:i + 3], head)
                return i + 1
            if kind is Kind.VV:
                head.title, head.vv, vv_open = [piece.line], True, True
            elif kind is Kind.OTHER:
                if not _take_other(piece, head, vv_open) and head.found_any() and _ends_top(piece):
                    return i
            else:
                _take_field(kind, piece.line, head)
    return min(len(lines), MAX_HEADER_LINES) if head.found_any() else 0


def _take_field(kind: Kind, line: Line, head: HeaderLines) -> None:
    """Keep the first national title, motto, number and place-date seen."""
    slot = {Kind.NATIONAL: "national", Kind.MOTTO: "motto", Kind.NUMBER: "number",
            Kind.PLACE_DATE: "place_date"}.get(kind)
    if slot is not None and getattr(head, slot) is None:
        setattr(head, slot, line)


def _take_other(piece: Piece, head: HeaderLines, vv_open: bool) -> bool:
    """A line of the 'V/v' or of the issuer block; False if it is neither."""
    left = piece.column != "right"  # "full": a centred line, as some offices print the issuer
    if left and head.number is not None and not head.number_more and continues_number(head.number.text, piece.text):
        head.number_more.append(piece.line)
        return True
    if vv_open and left and len(piece.text) <= VV_LINE_CHARS and not is_upper(piece.text):
        head.title.append(piece.line)
        return True
    if left and is_upper(piece.text) and head.number is None and not head.vv and not opens_with_authority(piece.text):
        head.issuer += _issuer_parts(piece.line)
        return True
    return False


def _issuer_parts(line: Line) -> list[Line]:
    """An issuer line holding two bodies, as a text file may run the block together ('BỘ CÔNG
    THƯƠNG CỤC HÓA CHẤT -------'): one line per body, the rule printed under them dropped."""
    tokens = line.text.split()
    end = len(tokens)
    while end > 1 and is_separator(tokens[end - 1]):
        end -= 1
    words = [plain(token) for token in tokens]
    cuts = [i for i in range(2, end - 1)  # each body with a name of its own ('BỘ NỘI VỤ' is one)
            if words[i] in SECOND_BODIES and words[i - 1] not in NOT_A_BODY_BEFORE]
    if not cuts and end == len(tokens):
        return [line]
    return [sub_line(line, start, stop) for start, stop in zip([0, *cuts], [*cuts, end])]


def _ends_top(piece: Piece) -> bool:
    """Running text across the page once some header was seen: the body has begun."""
    return piece.column in ("full", None) and not is_upper(piece.text) and len(piece.text) > VV_LINE_CHARS


def _take_doc_type(line: Line, following: list[Line], head: HeaderLines) -> None:
    """The type line; its remaining words are the title's start ('GIẤY PHÉP SỬ DỤNG …') or,
    when short and a separate title follows, part of the type ('BIÊN BẢN KIỂM TRA')."""
    name, words = doc_type_prefix(line.text)  # type: ignore[misc]
    tokens = line.text.split()
    cut = _tokens_for_words(tokens, words)
    head.doc_type, head.doc_type_name = line, name
    if cut >= len(tokens):
        return
    rest = sub_line(line, cut)
    nxt = following[0].text if following else ""
    after = following[1].text if len(following) > 1 else None
    title_follows = not is_upper(nxt) and _may_start_title(nxt, after)
    upper_follows = is_upper(nxt) and _may_start_title(nxt, after)
    if title_follows or (len(rest.text.split()) <= TYPE_SUFFIX_WORDS and not upper_follows):
        head.doc_type_name = f"{name} {rest.text.lower()}"
    else:
        head.title = [rest]


def _tokens_for_words(tokens: list[str], words: int) -> int:
    """How many printed tokens hold the first ``words`` folded words."""
    seen = 0
    for i, token in enumerate(tokens):
        if seen >= words:
            return i
        seen += len(plain(token).split())
    return len(tokens)


def _scan_title(lines: list[Line], widths: Widths, head: HeaderLines, start: int) -> int:
    """Append title lines from ``start``; return the index of the first line after them. A
    line wholly in the margin beside the centred title (a stamp's) is passed over when the
    title goes on below it."""
    band = head.doc_type.bbox if head.doc_type is not None and has_boxes(head.doc_type) else None
    i = start
    while i < len(lines):
        if band is not None and _in_margin(lines[i], band):
            if not _title_parts(lines, i + 1, widths, head, band):
                break
            i += 1
            continue
        taken = _title_parts(lines, i, widths, head, band)
        if not taken:
            break
        head.title += taken
        i += 1
    return i


def _title_parts(lines: list[Line], i: int, widths: Widths, head: HeaderLines, band: BBox | None) -> list[Line]:
    """The parts of line ``i`` that continue the title (none past the end)."""
    if i >= len(lines):
        return []
    nxt = lines[i + 1].text if i + 1 < len(lines) else None
    line = _centred_part(lines[i], (band.x0 + band.x1) / 2) if band is not None else lines[i]
    if (cut := _telegram_sender_start(line.text, nxt)) is not None:
        line = sub_line(line, 0, cut)
    return [p.line for p in split_line(line, widths.get(line.page), no_anchors)
            if _continues_title(head.title, p.text, nxt)]


def _telegram_sender_start(text: str, next_text: str | None) -> int | None:
    """The token where a Công điện's sender starts when the title line runs into it ('… TẠI KHU
    VỰC TRUNG BỘ THỦ' / 'TƯỚNG CHÍNH PHỦ điện:'); None when it does not."""
    if next_text is None or not folded(next_text).endswith(" dien:"):
        return None
    tokens = text.split()
    for k in range(1, min(MAX_SENDER_SPLIT, len(tokens) - 1) + 1):
        if folded(" ".join([*tokens[-k:], next_text])).startswith(AUTHORITY_OPENINGS):
            return len(tokens) - k
    return None


def _in_margin(line: Line, band: BBox) -> bool:
    """The line ends before the type line begins: it is beside the centred block, not in it."""
    return has_boxes(line) and line.bbox.x1 < band.x0  # type: ignore[union-attr]


def _centred_part(line: Line, centre: float) -> Line:
    """The trích yếu is centred under the type line; words in the margin before a title line
    belong to something else, typically an 'ĐẾN' stamp of a received document ('Ngày: 05/8'
    beside 'trong lĩnh vực …'). They are cut off, with scraps without letters or digits after
    them, when the rest of the line, after a wide gap, is centred under the type line and the
    whole line is not."""
    if not has_boxes(line):
        return line
    boxes = [w.bbox for w in line.words]
    height = median(b.y1 - b.y0 for b in boxes)  # type: ignore[union-attr]
    gaps = [boxes[k].x0 - boxes[k - 1].x1 for k in range(1, len(boxes))]  # type: ignore[union-attr]
    if not gaps or abs((boxes[0].x0 + boxes[-1].x1) / 2 - centre) <= height:  # type: ignore[union-attr]
        return line
    wide = STAMP_GAP_SPACES * median(gaps)
    for cut in (k for k in range(1, len(boxes)) if gaps[k - 1] > wide):
        while cut < len(boxes) - 1 and not any(c.isalnum() for c in line.words[cut].text):
            cut += 1
        if abs((boxes[cut].x0 + boxes[-1].x1) / 2 - centre) <= height:  # type: ignore[union-attr]
            return sub_line(line, cut)
    return line


# A wrapped title line that opens with an abbreviation in brackets and goes on ('(IOT) TẠI CÁC KHU
# CÔNG NGHIỆP …'); a line of its own in brackets is a note ('(Ban hành kèm theo …)').
_ABBREVIATION_GOES_ON = re.compile(r"^\s*\([^()\s]{1,12}\)\s+\w")


def _may_start_title(text: str, next_text: str | None, first: bool = True) -> bool:
    """Whether ``text`` can be a title line. A first title line may open like a preamble
    ('Thực hiện Đề án số 08 …' is a plan's title) but then does not end like one (':', ';', '.')."""
    kind = classify(text)
    if kind not in (Kind.OTHER, Kind.DOC_TYPE, Kind.VV, Kind.BODY) or text.lstrip().startswith("(") \
            and not _ABBREVIATION_GOES_ON.match(text):
        return False
    if kind is Kind.BODY and not ((first or starts_lower(text)) and _title_like_opening(text)):
        return False  # a wrapped line may go on with a preamble's words ('… Giám đốc Sở Công Thương' / 'thực hiện …')
    return not is_authority_line(text, next_text)


def _title_like_opening(text: str) -> bool:
    return not folded(text).startswith("can cu") and marker_of(text) is None and \
        not text.rstrip().endswith((":", ";", "."))


def _continues_title(title: list[Line], text: str, next_text: str | None) -> bool:
    """The first title line is any line that may start one; later lines must match its case
    (upper-case titles) or start in lower case (a wrapped sentence)."""
    if not _may_start_title(text, next_text, first=not title):
        return False
    if not title:
        return True
    return _capitals(text) if _capitals(title[0].text) else starts_lower(text)


def _capitals(text: str) -> bool:
    """Letters, none of them lower case ('Ý' on a line of its own counts)."""
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text)
