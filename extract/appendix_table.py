"""A Phụ lục table as read, before it becomes items: header, columns and rows with their lines.

Both readers (:mod:`.appendix_text` for ``a | b | c`` rows, :mod:`.appendix_grid` for ruled
tables found on the page) produce a :class:`RawTable`; what counts as a header, a numbering
row or a group row is decided here, once, for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..models import Provenance
from .lines import folded, squash

HEADER_SIMILARITY = 80  # rapidfuzz ratio, 0–100
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")  # '(1)', '(2)' … under the header
_SCRAP = re.compile(r"^(?=.*[()\d])\S{1,3}$")  # '(1)' read as 'q)' or '1
_GROUP_MARK = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])\.?$")  # 'I', 'II', 'A.', 'B.'


@dataclass(slots=True)
class RawRow:
    """One row: its cells (one per column, '' where nothing is printed), where it was read, and
    whether it is a group heading ('I | Hoàn thiện thể chế') rather than an entry."""

    cells: list[str]
    provenance: Provenance
    group: bool = False


@dataclass(slots=True)
class RawTable:
    columns: list[str]
    rows: list[RawRow] = field(default_factory=list)


def clean_cell(text: str) -> str:
    return squash(text.replace("\n", " "))


def is_numbering(cells: list[str]) -> bool:
    """The '(1) | (2) | (3)' row some tables print under their header (OCR may keep only
    a parenthesis of one of them)."""
    filled = [c for c in cells if c]
    exact = sum(bool(_NUMBERING.match(c)) for c in filled)
    return exact >= 2 and all(_NUMBERING.match(c) or _SCRAP.match(c) for c in filled)


def is_group(cells: list[str], n_columns: int) -> bool:
    """A group heading: a roman numeral or capital letter and a title, the other cells empty."""
    filled = [c for c in cells if c]
    return (n_columns > 2 and 1 <= len(filled) <= 2 and bool(_GROUP_MARK.match(cells[0]))
            and len(filled[-1]) > 2)


def same_row(a: list[str], b: list[str]) -> bool:
    """Whether two rows read the same (a header repeated at the top of the next page, where a
    text layer or OCR may lose a word of it)."""
    return len(a) == len(b) and fuzz.ratio(folded(" | ".join(a)), folded(" | ".join(b))) >= HEADER_SIMILARITY
