"""Cut the cleaned line stream into the zones of a Nghị định 30 document.

header (issuer … title) → preamble ('Căn cứ …', 'Kính gửi …', opening paragraphs) →
numbered body (sections) → closing (Nơi nhận + signature) → rest (appendices, attached
documents). Each extraction stage reads only its zone; the zones are the seam for later
stages (legal bases read ``preamble``, appendix tables read ``rest``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ingest.types import IngestedDocument, Line, PageTable
from .cleanup import clean
from .closing import Closing, find_closing, read_closing
from .columns import Widths
from .header import HeaderLines, read_header, rejoin_place_date
from .sections import first_numbered


@dataclass(slots=True)
class Layout:
    header: HeaderLines
    preamble: list[Line] = field(default_factory=list)
    numbered: list[Line] = field(default_factory=list)
    closing: Closing = field(default_factory=Closing)
    rest: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Context:
    """What every stage may read: the zones, the digital-signature stamps taken out of them and
    the ruled tables ingest found on the pages."""

    layout: Layout
    stamps: list[list[Line]]
    tables: list[PageTable] = field(default_factory=list)


def build_context(ingested: IngestedDocument) -> Context:
    cleaned = clean(ingested)
    widths: Widths = {p.info.number: p.info.width for p in ingested.pages}
    return Context(layout=split_layout(cleaned.lines, widths), stamps=cleaned.stamps,
                   tables=[t for p in ingested.pages for t in p.tables])


def split_layout(lines: list[Line], widths: Widths) -> Layout:
    """The zones of ``lines``."""
    lines = rejoin_place_date(lines)
    header = read_header(lines, widths)
    begin = find_closing(lines, header.end, widths)
    closing = read_closing(lines, begin, widths) if begin is not None else Closing(end=len(lines))
    body = lines[header.end:begin if begin is not None else len(lines)]
    cut = first_numbered(body)
    return Layout(header=header, preamble=body[:cut], numbered=body[cut:], closing=closing,
                  rest=lines[closing.end:])
