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
_NUMBER_HEAD = re.compile(r"^(?:so|s)?t\.?t\.?$")  # "STT", "TT", "Số TT" (folded, no spaces)
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVXLC]+(?:\.\d{1,2})*|[A-ZĐ])\.?$")  # '1', 'I.1', 'A.'
_I_LOOKALIKES = {"1", "l", "|", "1."}
NUMBERED_SHARE = 0.9  # rows whose first cell is a number, of all rows


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


def restore_number_column(table: RawTable) -> None:
    """A numbered table whose header lost its 'STT' cell (printed on the line above, or run
    into the previous table's last row) names each column one to the left of its cells: the
    rows open with their numbers while the header opens with a name. 'STT' is put back and the
    names move over to the cells they head; a name left without a column is dropped."""
    firsts = [row.cells[0] for row in table.rows if row.cells]
    if not table.columns or not firsts or _NUMBER_HEAD.match(folded(table.columns[0]).replace(" ", "")):
        return
    if sum(bool(_ROW_NUMBER.match(cell)) for cell in firsts) >= NUMBERED_SHARE * len(firsts):
        table.columns = ["STT", *table.columns[:-1]]


def restore_first_group(table: RawTable) -> None:
    """A title row whose 'I' OCR read as '1', 'l' or '|' ('1 | Hoàn thiện thể chế' and the other
    cells empty) before an entry numbered '1': entries restart under a group, so the row is
    group I."""
    width = len(table.columns)
    for row, after in zip(table.rows, table.rows[1:]):
        filled = [c for c in row.cells if c]
        if not row.group and row.cells[0] in _I_LOOKALIKES and after.cells[0] == "1" and width > 2 \
                and len(filled) == 2 and row.cells[1]:
            row.cells[0], row.group = "I", True


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
