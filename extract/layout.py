"""Cut the cleaned line stream into the zones of a Nghị định 30 document.

header (issuer … title) → preamble ('Căn cứ …', 'Kính gửi …', opening paragraphs) →
numbered body (sections) → closing (Nơi nhận + signature) → rest (appendices, attached
documents). Each extraction stage reads only its zone; the zones are the seam for later
stages (legal bases read ``preamble``, appendix tables read ``rest``).

A plan issued by a decision is printed after the decision's signature ('KẾ HOẠCH' / its
title / '(Kèm theo Quyết định …)' / 'I. …'); its numbered lines, up to its Phụ lục, are
``attached``: body too, though they stay inside ``rest``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ingest.types import IngestedDocument, Line, PageTable
from .cleanup import clean
from .closing import Closing, find_closing, read_closing, rejoin_row
from .columns import Widths
from .header import HeaderLines, read_header, rejoin_place_date
from .closing_lines import is_noi_nhan, opens_with_authority
from .header_lines import Kind, classify
from .lines import folded, is_upper
from .numbering import marker_of
from .sections import first_numbered

ATTACHED_START = 4  # the attached document's type line comes within this many lines after the signature


@dataclass(slots=True)
class Layout:
    header: HeaderLines
    preamble: list[Line] = field(default_factory=list)
    numbered: list[Line] = field(default_factory=list)
    closing: Closing = field(default_factory=Closing)
    rest: list[Line] = field(default_factory=list)
    attached: list[Line] = field(default_factory=list)  # numbered body of a plan printed after the signature


@dataclass(slots=True)
class Context:
    """What every stage may read: the zones, the digital-signature stamps taken out of them,
    the cleaned lines the zones were cut from and the ruled tables ingest found on the pages."""

    layout: Layout
    stamps: list[list[Line]]
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)


def build_context(ingested: IngestedDocument) -> Context:
    cleaned = clean(ingested)
    widths: Widths = {p.info.number: p.info.width for p in ingested.pages}
    return Context(layout=split_layout(cleaned.lines, widths), stamps=cleaned.stamps, lines=cleaned.lines,
                   tables=[t for p in ingested.pages for t in p.tables])


def split_layout(lines: list[Line], widths: Widths) -> Layout:
    """The zones of ``lines``."""
    lines = rejoin_place_date(lines)
    header = read_header(lines, widths)
    begin = find_closing(lines, header.end, widths)
    if begin is not None and begin > header.end and len(joined := rejoin_row(lines, begin)) < len(lines):
        lines, begin = joined, begin - 1
    closing = read_closing(lines, begin, widths) if begin is not None else Closing(end=len(lines))
    body = lines[header.end:begin if begin is not None else len(lines)]
    cut = first_numbered(body)
    rest = lines[closing.end:]
    return Layout(header=header, preamble=body[:cut], numbered=body[cut:], closing=closing,
                  rest=rest, attached=attached_body(rest))


def attached_body(rest: list[Line]) -> list[Line]:
    """The numbered lines of a document printed after the signature, opening with its type
    line within ATTACHED_START lines, up to its Phụ lục or its own closing."""
    start = next((i for i, ln in enumerate(rest[:ATTACHED_START])
                  if classify(ln.text) is Kind.DOC_TYPE or _opens_appendix(ln.text)), None)
    if start is None or _opens_appendix(rest[start].text):
        return []  # a Phụ lục's own title ('PHỤ LỤC I' / 'KẾ HOẠCH KIỂM TRA') is no attached document
    after = rest[start + 1:]
    begin = next((i for i, ln in enumerate(after) if (m := marker_of(ln.text)) and m.rank is not None), None)
    if begin is None:
        return []
    body = after[begin:]
    for i, line in enumerate(body):
        nxt = body[i + 1].text if i + 1 < len(body) else ""
        if _opens_appendix(line.text) or is_noi_nhan(line.text) or opens_with_authority(line.text) \
                or (is_upper(line.text) and marker_of(line.text) is None and _opens_appendix(nxt)):
            return body[:i]
    return body


def _opens_appendix(text: str) -> bool:
    return folded(text).startswith("phu luc")
