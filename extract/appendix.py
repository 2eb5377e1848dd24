"""Phụ lục tables: from ruled grids on the page, or from '|' rows of text; their rows as tasks.

A Phụ lục starts at its heading ('PHỤ LỤC I', 'Phụ lục 02'), usually after the signature
and Nơi nhận (in ``layout.rest``), and runs to the next one. Its title is the heading and the
capitalised lines under it. Its table is, in order of trust:

1. the ruled tables found on its pages at ingest (PDF rulings or rulings on the scan), read
   cell by cell (:mod:`.appendix_grid`);
2. rows written with '|' in text (a text file or a text layer; :mod:`.appendix_text`).

A Phụ lục whose text looks like a table read without its grid (OCR of a table column by
column: many short fragments, the header words apart) gets no rows — they would be guesses —
and a record saying so, which the stage turns into a review flag.
"""

from __future__ import annotations

import re

from ..ingest.types import Line, PageTable
from ..models import Appendix, AppendixRow, ProcessingError
from .appendix_grid import read_grid_tables
from .appendix_table import RawTable
from .appendix_text import is_pipe_row, read_pipe_tables
from .ids import make_id, provenance_of
from .lines import folded, is_upper

_HEADING = re.compile(r"^phu luc(?P<mark>\s+(?:so\s+)?(?:[ivxlc]+|\d{1,2}|[a-z]))?\s*(?P<colon>[.:\-–])?(?:\s|$)")
_ATTACHED = re.compile(r"^\(\s*(?:ban hanh )?kem theo\b")
MAX_HEADING_WORDS = 40
MAX_TITLE_LINES = 3
# A table read without its grid: the header's words, and mostly short fragments of lines.
HEADER_WORDS = ("stt", "tt", "chu tri", "phoi hop", "thoi gian", "noi dung", "nhiem vu", "don vi")
TABULAR_LINES = 8
SHORT_LINE = 30  # characters
SHORT_SHARE = 0.6
NOT_READ = "Phụ lục table could not be read as rows: the text looks tabular but no ruled grid or '|' rows were found"


def is_heading(line: Line) -> bool:
    """'PHỤ LỤC I', 'Phụ lục', 'PHỤ LỤC 02 DANH MỤC …', 'Phụ lục 1: Danh sách …' — not 'Phụ
    lục kèm theo …' in a sentence."""
    text = line.text.strip()
    match = _HEADING.match(folded(text))
    if not text[:1].isupper() or match is None or len(text.split()) > MAX_HEADING_WORDS or "|" in text:
        return False
    rest = text.split()[len(folded(text)[:match.end()].split()):]  # the words after 'Phụ lục I'
    return not rest or is_upper(" ".join(rest)) or bool(match["mark"] and match["colon"])


def opens_attached_table(zone: list[Line], i: int, tables: list[PageTable]) -> bool:
    """A table sent with the document under a title of its own, without the word 'Phụ lục':
    'PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC …' / '(Kèm theo Kế hoạch số …)' / 'TT | Nhiệm vụ | …'.
    The table right after the '(Kèm theo …)' line ('|' rows, or a line inside a ruled grid of
    a scan) tells it from a plan attached to its decision, whose title has the same '(Ban
    hành kèm theo …)' line and then prose."""
    if not is_upper(zone[i].text) or is_pipe_row(zone[i]):
        return False
    if i > 0 and (is_heading(zone[i - 1]) or is_upper(zone[i - 1].text)):
        return False  # a line of a longer title, e.g. under 'PHỤ LỤC II'; the title starts above
    j = i + 1
    while j < len(zone) and j <= i + MAX_TITLE_LINES and is_upper(zone[j].text) and not is_pipe_row(zone[j]):
        j += 1  # the title goes on
    return j + 1 < len(zone) and bool(_ATTACHED.match(folded(zone[j].text))) \
        and (is_pipe_row(zone[j + 1]) or _in_grid(zone[j + 1], tables))


def _in_grid(line: Line, tables: list[PageTable]) -> bool:
    """The line's centre lies inside a ruled table found on its page."""
    box = line.bbox
    return box is not None and any(t.page == line.page and t.bbox.holds_centre_of(box) for t in tables)


def build_appendices(sha: str, zone: list[Line],
                     tables: list[PageTable]) -> tuple[list[Appendix], list[ProcessingError]]:
    """The Phụ lục tables of a document and the errors of those that could not be read.

    Headings are looked for in all of ``zone`` (the document's cleaned lines), not only after
    the signature: a Phụ lục sent on its own opens with its heading, where the header would be.
    """
    starts = [i for i, ln in enumerate(zone) if is_heading(ln) or opens_attached_table(zone, i, tables)]
    appendices: list[Appendix] = []
    errors: list[ProcessingError] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(zone)
        part = zone[start:end]
        title_lines = _title(part)
        body = part[len(title_lines):]
        next_line = zone[end] if end < len(zone) else None
        own = [t for t in tables if _after(t, part[0]) and (next_line is None or not _after(t, next_line))]
        raws = read_grid_tables(own, zone) if own else []
        if not raws:
            typed = [ln for ln in body if not _ocr(ln)]
            raws = read_pipe_tables(typed)
        if not raws and looks_tabular(body):
            errors.append(ProcessingError(stage="appendix", message=NOT_READ, page=part[0].page))
        title = " ".join(ln.text.strip() for ln in title_lines)
        for n, raw in enumerate(raws):
            appendices.append(_appendix(sha, (k, n), title, title_lines, raw))
    return appendices, errors


def _title(part: list[Line]) -> list[Line]:
    """The heading and the capitalised title lines under it (not the '(Kèm theo …)' line)."""
    lines = [part[0]]
    for line in part[1:1 + MAX_TITLE_LINES]:
        text = line.text.strip()
        if is_pipe_row(line) or text.startswith("(") or not is_upper(text):
            break
        lines.append(line)
    return lines


def _after(table: PageTable, line: Line) -> bool:
    """Whether ``table`` is printed after ``line`` (by page, then by height on the page)."""
    if line.page is None:
        return False
    if table.page != line.page:
        return table.page > line.page
    box = line.bbox
    return box is None or (box.unit == table.bbox.unit and table.bbox.y0 >= box.y0)


def _ocr(line: Line) -> bool:
    """A line read by OCR: a '|' in it is a ruling read as a letter, not a cell border."""
    return any(w.bbox is not None and w.bbox.unit == "px" for w in line.words)


def looks_tabular(lines: list[Line]) -> bool:
    """Text that is a table read without its grid: mostly short fragments and the header's words."""
    texts = [ln.text.strip() for ln in lines if ln.text.strip()]
    if len(texts) < TABULAR_LINES:
        return False
    short = sum(len(t) < SHORT_LINE for t in texts) / len(texts)
    head = " " + folded(" ".join(texts[:30])) + " "
    words = sum(f" {w} " in head for w in HEADER_WORDS)
    return short >= SHORT_SHARE and words >= 2


def _appendix(sha: str, key: tuple[int, int], title: str, title_lines: list[Line], raw: RawTable) -> Appendix:
    appendix_id = make_id(sha, "appendix", *key)
    rows = [AppendixRow(id=make_id(sha, "appendix-row", appendix_id, i), provenance=row.provenance,
                        cells=row.cells, group=row.group)
            for i, row in enumerate(raw.rows)]
    return Appendix(id=appendix_id, provenance=provenance_of(title_lines), title=title or None,
                    columns=raw.columns, rows=rows)
