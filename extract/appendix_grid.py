"""Ruled tables found on the page (:mod:`kehoach.ingest.tables`) as rows of cells.

A cell that spans rows (one 'Cơ quan chủ trì' beside three duties) gives its text to every
row it covers; a cell that spans columns (a group title across the table) keeps it in its
first column. The header is the first grid row, and the second too when a header cell spans
columns above it ('Hệ tọa độ' over 'X' and 'Y'); a header repeated at the top of the next
page is dropped, and a table that goes on over the page joins the one before it (a first
row there without its number is the previous row cut by the page break). A header that lost
its 'STT' cell gets it back (:func:`~.appendix_table.restore_number_column`), and a first
group whose 'I' OCR read as '1' is a group (:func:`~.appendix_table.restore_first_group`).
"""

from __future__ import annotations

from ..ingest.types import Line, PageTable, TableCell
from ..models import BBox, Provenance
from .appendix_table import (RawRow, RawTable, clean_cell, is_group, is_numbering, restore_first_group,
                              restore_number_column, same_row)


def grid_rows(table: PageTable) -> list[list[TableCell | None]]:
    """For each grid row, the cell covering each column (None where no cell does)."""
    rows: list[list[TableCell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        for r in range(cell.row, min(cell.row + cell.rowspan, table.n_rows)):
            for c in range(cell.col, min(cell.col + cell.colspan, table.n_cols)):
                rows[r][c] = cell
    return rows


def _texts(row: list[TableCell | None]) -> list[str]:
    """Cell texts of one grid row; a column-spanning cell's text sits in its first column only."""
    return [clean_cell(cell.text) if cell is not None and (c == 0 or row[c - 1] is not cell) else ""
            for c, cell in enumerate(row)]


def _header_rows(grid: list[list[TableCell | None]]) -> int:
    first = grid[0]
    spanning = any(cell is not None and cell.colspan > 1 and cell.row == 0 for cell in first)
    return 2 if spanning and len(grid) > 2 and not any(c is not None and c.colspan > 1 for c in grid[1]) else 1


def _columns(grid: list[list[TableCell | None]], count: int) -> list[str]:
    columns = []
    for c in range(len(grid[0])):
        parts: list[str] = []
        for r in range(count):
            cell = grid[r][c]
            text = clean_cell(cell.text) if cell is not None else ""
            if text and text not in parts:
                parts.append(text)
        columns.append(" ".join(parts))
    return columns


def read_grid_tables(tables: list[PageTable], lines: list[Line]) -> list[RawTable]:
    """The tables of one Phụ lục, consecutive ones over page breaks joined."""
    result: list[RawTable] = []
    header: list[list[str]] = []
    last_page = None
    open_cells: dict[int, str] = {}  # column → text of a cell that reached the bottom of the page
    for table in tables:
        grid = grid_rows(table)
        count = _header_rows(grid)
        columns = _columns(grid, count)
        continues = (result and last_page is not None and table.page > last_page
                     and len(columns) == len(result[-1].columns))
        if continues:
            skip = 0
            while skip < min(len(header), len(grid)) and same_row(_texts(grid[skip]), header[skip]):
                skip += 1
            body = grid[skip:]
            raw = result[-1]
        else:
            header = [_texts(row) for row in grid[:count]]
            body = grid[count:]
            raw = RawTable(columns=columns)
            result.append(raw)
            open_cells = {}
        carried = {c: text for c, text in open_cells.items()
                   if body and body[0][c] is not None and not _texts(body[0])[c]}
        for index, row in enumerate(body):
            cells = _texts(row)
            for c, text in carried.items():  # the same merged cell, cut by the page break
                if row[c] is body[0][c]:
                    cells[c] = text
            if not any(cells) or is_numbering(cells) or any(same_row(cells, h) for h in header):
                continue  # empty, '(1) | (2)', or the header printed again within the table
            filled = [c for c in row if c is not None]
            spans_all = len({id(c) for c in filled}) == 1 and len(filled) == len(row) and len(row) > 2
            group = is_group(cells, len(cells)) or (spans_all and bool(cells[0]))
            if continues and index == 0 and raw.rows and not cells[0] and raw.rows[-1].cells[0] and not group:
                # a row cut by the page break: no number of its own, its text goes on
                last = raw.rows[-1]
                last.cells = [a if not b or b == a else clean_cell(f"{a} {b}") for a, b in zip(last.cells, cells)]
                continue
            raw.rows.append(RawRow(cells=cells, provenance=_provenance(table, row, lines), group=group))
        last_page = table.page
        last = grid[-1]
        open_cells = {c: (raw.rows[-1].cells[c] if raw.rows else "") for c, cell in enumerate(last)
                      if cell is not None and cell.rowspan > 1}
        open_cells = {c: t for c, t in open_cells.items() if t}
    for raw in result:
        restore_number_column(raw)
        restore_first_group(raw)
    return result


def _provenance(table: PageTable, row: list[TableCell | None], lines: list[Line]) -> Provenance:
    """The row's band across the table, and the page lines whose centre falls in it."""
    own = [c for c in row if c is not None and c.rowspan == 1] or [c for c in row if c is not None]
    y0, y1 = min(c.bbox.y0 for c in own), max(c.bbox.y1 for c in own)
    box = BBox(x0=table.bbox.x0, y0=y0, x1=table.bbox.x1, y1=y1, unit=table.bbox.unit, dpi=table.bbox.dpi)
    inside = [ln for ln in lines if ln.page == table.page and (b := ln.bbox) is not None and box.holds_centre_of(b)]
    confidence = round(sum(ln.confidence for ln in inside) / len(inside), 4) if inside else None
    span = (min(ln.number for ln in inside), max(ln.number for ln in inside)) if inside else None
    return Provenance(page=table.page, bbox=box, line_span=span, confidence=confidence)
