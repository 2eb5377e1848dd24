"""Tables written as text, one row a line with cells between '|' ('1 | Rà soát … | Sở Tài chính').

This is how text versions of plans (and text layers that kept a table's cell order) spell a
Phụ lục table. The first '|' line is the header; a '(1) | (2)' line under it is dropped; a
line without '|' between two rows continues the previous row's last cell. A row with fewer
cells than the header lost cells to merged ones, and which ones it lost is not written: a
sub-duty printed beside a 'Cơ quan chủ trì' that spans three rows starts at the duty column,
a row whose 'Ghi chú' is empty simply ends early. :func:`align` places such a row's cells
where they look most like the full rows' cells of each column; the cells it skipped at the
start were spanned from the row above and are copied from it, like the ones after it when
it skipped any at the start (the row is a part of the previous entry).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..ingest.types import Line
from .appendix_table import RawRow, RawTable, clean_cell, is_group, is_numbering, same_row
from .ids import provenance_of
from .lines import folded

_INDEX = re.compile(r"^(?:\d{1,3}|[IVXLC]+|[a-zđ]|[A-ZĐ])(?:\.\d{1,2})*[.)]?$")
# A group heading printed between '|' rows as a plain line ('I. Cụm công nghiệp do UBND cấp xã,
# phường quản lý (16 cụm)'): a roman numeral and a capitalised title, no wrapped cell's continuation.
_GROUP_LINE = re.compile(r"^([IVX]{1,4}\.)\s+(\S.*)$")
_AGENCY_START = ("bo ", "so ", "ubnd", "uy ban", "cac ", "ban ", "cong an", "thanh tra", "trung tam",
                 "van phong", "vien ", "dai ", "bao ", "thue", "- bo", "- so", "- ubnd", "- cac")


def is_pipe_row(line: Line) -> bool:
    return "|" in line.text


def read_pipe_tables(lines: list[Line]) -> list[RawTable]:
    """The tables written in ``lines`` (from the first '|' line on). A second header among
    the rows (a table that follows without a Phụ lục heading of its own) starts a new one."""
    start = next((i for i, ln in enumerate(lines) if is_pipe_row(ln)), None)
    if start is None:
        return []
    last = max(i for i, ln in enumerate(lines) if is_pipe_row(ln))
    tables: list[RawTable] = []
    columns = _split(lines[start].text)
    entries: list[tuple[list[str], list[Line]]] = []
    for line in lines[start + 1:last + 1]:
        if not is_pipe_row(line):
            group = _GROUP_LINE.match(line.text.strip())
            if group and group[2][0].isupper():
                entries.append(([group[1], clean_cell(group[2])], [line]))
            elif entries:  # the previous row's last cell goes on
                cells, source = entries[-1]
                cells[-1] = clean_cell(f"{cells[-1]} {line.text}")
                source.append(line)
            continue
        cells = _split(line.text)
        if entries and is_header(cells) and same_row(cells, columns):
            continue  # the header printed again where the table went over a page
        if entries and is_header(cells):
            before: list[str] = []
            cells_above, source_above = entries[-1]
            if len(source_above) > 1 and len(source_above[-1].text.split()) <= 2:
                # 'STT' printed on a line of its own belongs to this header, not the row above
                before = [source_above.pop().text.strip()]
                cells_above[-1] = clean_cell(cells_above[-1][:len(cells_above[-1]) - len(before[0])])
            tables.append(_table(columns, entries))
            columns, entries = before + cells, []
            continue
        if not entries and is_numbering(cells):
            continue
        entries.append((cells, [line]))
    tables.append(_table(columns, entries))
    return [t for t in tables if t.rows]


def is_header(cells: list[str]) -> bool:
    """A header row among the rows: short cells naming columns ('Cơ quan chủ trì', 'Thời gian
    thực hiện'), none of them an entry's number."""
    text = " " + folded(" ".join(cells)) + " "
    return (len(cells) >= 3 and not _INDEX.match(cells[0]) and all(len(c) <= HEADER_CELL for c in cells)
            and sum(f" {w} " in text for w in HEADER_WORDS) >= 2)


HEADER_WORDS = ("chu tri", "phoi hop", "thoi gian", "noi dung", "nhiem vu", "ket qua", "tinh trang", "ghi chu", "stt")
HEADER_CELL = 60  # characters: a header names a column, it does not describe a duty


def _table(columns: list[str], entries: list[tuple[list[str], list[Line]]]) -> RawTable:
    columns = list(columns)
    if len(columns) < 2:  # no header to count columns by: the widest row does
        columns += [""] * (max([len(columns)] + [len(c) for c, _ in entries]) - len(columns))
    n = len(columns)
    for cells, _ in entries:  # a '|' inside a cell's text: the surplus belongs to the last cell
        if len(cells) > n:
            cells[n - 1:] = [clean_cell(" ".join(cells[n - 1:]))]
    if unnumbered(columns, [c for c, _ in entries]):
        for cells, _ in entries:
            cells.insert(0, "")
    table = RawTable(columns=columns)
    for (cells, source), placed in zip(entries, place_rows([c for c, _ in entries], n)):
        table.rows.append(RawRow(cells=placed.cells, provenance=provenance_of(source), group=placed.group))
    return table


def unnumbered(columns: list[str], rows: list[list[str]]) -> bool:
    """The header opens with 'TT'/'STT' but no row prints a number there, nor all the columns
    (004's 'Rà soát … | Đỗ Mạnh Cường …' under 'TT | Nhiệm vụ | Người thực hiện | Ghi chú'):
    the rows start at the second column."""
    return (folded(columns[0]) in ("tt", "stt") and bool(rows)
            and all(len(r) < len(columns) and not _INDEX.match(r[0]) for r in rows))


@dataclass(slots=True)
class PlacedRow:
    """A row's ``n`` cells; ``from_above[i]`` when cell i is not printed in the row but spans
    into it from the row above (its text is then that row's)."""

    cells: list[str]
    from_above: list[bool]
    group: bool


def place_rows(rows: list[list[str]], n: int) -> list[PlacedRow]:
    """Put the cells of each row in its columns (see the module docstring)."""
    profiles = _profiles([r for r in rows if len(r) == n] or rows)
    placed: list[PlacedRow] = []
    previous: list[str] | None = None
    for cells in rows:
        group = is_group(cells + [""] * (n - len(cells)), n)
        row = cells + [""] * (n - len(cells))
        from_above = [False] * n
        if not group and len(cells) < n:
            offset = align(cells, profiles, n)
            row = [""] * offset + cells + [""] * (n - offset - len(cells))
            if offset and previous is not None:  # a sub-row: what it does not print spans from above
                from_above = [not offset <= i < offset + len(cells) for i in range(n)]
                row = [above if up else mine for mine, above, up in zip(row, previous, from_above)]
        placed.append(PlacedRow(row, from_above, group))
        if not group:
            previous = row
    return placed


def _split(text: str) -> list[str]:
    return [clean_cell(c) for c in text.split("|")]


Features = tuple[float, float, float, float, float]


def _features(cell: str) -> Features:
    f = folded(cell)
    digits = sum(ch.isdigit() for ch in cell) / max(1, len(cell.replace(" ", "")))
    return (
        1.0 if _INDEX.match(cell) else 0.0,
        math.log1p(len(cell)) / 3.0,
        1.0 if cell.startswith(("-", "+", "•")) else 0.0,
        1.0 if f.startswith(_AGENCY_START) else 0.0,
        digits,
    )


def _profiles(rows: list[list[str]]) -> list[Features | None]:
    """Each column's mean cell features over ``rows`` (None for a column no row fills)."""
    n = max((len(r) for r in rows), default=0)
    profiles: list[Features | None] = []
    for col in range(n):
        feats = [_features(r[col]) for r in rows if col < len(r) and r[col]]
        profiles.append(tuple(sum(v) / len(feats) for v in zip(*feats)) if feats else None)  # type: ignore[misc]
    return profiles


def align(cells: list[str], profiles: list[Features | None], n: int) -> int:
    """How many leading columns a short row skips: the placement whose cells look most like
    the columns they land in (ties go to the leftmost)."""
    best, best_cost = 0, math.inf
    for offset in range(n - len(cells) + 1):
        cost = 0.0
        for i, cell in enumerate(cells):
            profile = profiles[offset + i] if offset + i < len(profiles) else None
            if profile is None:
                cost += 1.0
                continue
            cost += sum(abs(a - b) for a, b in zip(_features(cell), profile))
        if cost < best_cost - 1e-9:
            best, best_cost = offset, cost
    return best
