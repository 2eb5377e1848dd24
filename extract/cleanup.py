"""Take out of the reading stream what is printed on the page but is not the document's text.

Page numbers, running headers/footers (a watermark line such as 'THƯ VIỆN PHÁP LUẬT'
repeated on every page), rules under the issuer and motto, and digital-signature stamps
would otherwise split paragraphs across page breaks or be read as signer names. Stamps
are kept (grouped) so they become :class:`~kehoach.models.DigitalSignature` items.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..ingest.types import IngestedDocument, Line
from .lines import folded, is_page_number, is_separator
from .stamps import is_stamp_field, is_stamp_line, starts_new_stamp

HEAD_LINES = 15  # a bare number this early is a date part split over lines ('ngày' / '21' / 'tháng'), not a page number
FULL_LINE_WORDS = 3  # a line of this many words is text in its place; shorter ones read first may be strays
EDGE_LINES = 2  # running headers/footers are among the first/last lines of a page
MIN_REPEATS = 3  # … and repeat on at least this many pages (and on half of them)
_DIGITS = re.compile(r"\d+")


@dataclass(slots=True)
class Cleaned:
    lines: list[Line] = field(default_factory=list)
    stamps: list[list[Line]] = field(default_factory=list)


def running_keys(ingested: IngestedDocument) -> set[str]:
    """Folded texts (digits removed) that open or close many pages."""
    counts: Counter[str] = Counter()
    for page in ingested.pages:
        edge = page.lines[:EDGE_LINES] + page.lines[-EDGE_LINES:]
        counts.update({_DIGITS.sub("#", folded(ln.text)) for ln in edge if ln.text.strip()})
    needed = max(MIN_REPEATS, len(ingested.pages) / 2)
    return {key for key, n in counts.items() if n >= needed}


def reading_order(lines: list[Line]) -> list[Line]:
    """A page's lines with the stray words Tesseract may read first ('cháy', 'Kính gửi:' as
    blocks of their own in the margin, ahead of the page's header) moved down to where they
    are printed: before the first later line that starts lower on the page. Only short lines
    read before the page's first full line and printed below it are moved."""
    first = next((i for i, line in enumerate(lines) if len(line.text.split()) >= FULL_LINE_WORDS), None)
    if first is None or lines[first].bbox is None:
        return lines
    top = lines[first].bbox.y0
    strays = [line for line in lines[:first] if line.bbox is not None and line.bbox.y0 > top]
    if not strays:
        return lines
    ordered = [line for line in lines if not any(line is stray for stray in strays)]
    for stray in strays:
        assert stray.bbox is not None
        at = next((i for i, line in enumerate(ordered) if i >= first - len(strays) and line.bbox is not None
                   and line.bbox.y0 > stray.bbox.y0), len(ordered))
        ordered.insert(at, stray)
    return ordered


def clean(ingested: IngestedDocument) -> Cleaned:
    """The document's lines in reading order without noise, and the stamps found."""
    result = Cleaned()
    repeated = running_keys(ingested) if len(ingested.pages) >= MIN_REPEATS else set()
    stamp: list[Line] = []
    for index, line in enumerate(line for page in ingested.pages for line in reading_order(page.lines)):
        text = line.text.strip()
        if not text or (index >= HEAD_LINES and is_page_number(text)) or is_separator(text):
            continue
        if _DIGITS.sub("#", folded(text)) in repeated:
            continue
        if is_stamp_line(text) or (stamp and is_stamp_field(text)):
            if starts_new_stamp(text) and stamp:
                result.stamps.append(stamp)
                stamp = []
            stamp.append(line)
            continue
        if stamp:
            result.stamps.append(stamp)
            stamp = []
        result.lines.append(line)
    if stamp:
        result.stamps.append(stamp)
    return result
