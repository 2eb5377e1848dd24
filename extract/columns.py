"""Separate the two columns that Nghị định 30 puts side by side.

The header prints the issuer and number on the left and the national title, motto and
place-date on the right; the closing prints Nơi nhận on the left and the signature on
the right. Text layers and OCR often return one line holding both
("SỞ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"). Where words have boxes the columns
are told apart by the wide horizontal gap between them and by their position on the page;
plain text has no boxes, so the caller's *anchors* (known phrases that start the right
column) decide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from statistics import median
from typing import Literal

from ..ingest.types import Line
from .lines import sub_line

Column = Literal["left", "right", "full"]
Anchors = Callable[[list[str]], list[int]]
"""Given a line's tokens, the indices where a right-column part begins."""
Widths = dict[int | None, float | None]
"""Page width by page number (None for plain text: no geometry)."""

GAP_HEIGHTS = 1.5  # a gap separates columns if wider than this many word heights,
GAP_SPACES = 4.0  # … this many times the line's median gap between words,
GAP_PAGE_SHARE = 0.02  # … and this share of the page width
SIDE_SHARE = 0.42  # an unsplit line whose centre lies within this share of an edge is on that side


@dataclass(slots=True)
class Piece:
    """The part of a printed line that belongs to one column."""

    line: Line
    column: Column | None  # None: no boxes to tell (the part's content decides)

    @property
    def text(self) -> str:
        return self.line.text


def no_anchors(tokens: list[str]) -> list[int]:
    """For lines where no phrase may split columns (title, body)."""
    return []


def has_boxes(line: Line) -> bool:
    """Every token has its word box, so positions can be trusted."""
    return bool(line.words) and len(line.words) == len(line.text.split()) and all(
        w.bbox is not None for w in line.words)


def split_line(line: Line, page_width: float | None, anchors: Anchors) -> list[Piece]:
    """The line's column parts, left to right: by word boxes where there are boxes, by
    ``anchors`` where there are none or where the boxes show no gap (tight layouts)."""
    if not (page_width and has_boxes(line)):
        return _by_anchors(line, anchors)
    pieces = _by_gaps(line, page_width)
    if len(pieces) == 1 and len(split := _by_anchors(line, anchors)) > 1:
        return split
    return pieces


def _by_gaps(line: Line, page_width: float) -> list[Piece]:
    boxes = [w.bbox for w in line.words]
    gaps = [boxes[i].x0 - boxes[i - 1].x1 for i in range(1, len(boxes))]  # type: ignore[union-attr]
    height = median(b.y1 - b.y0 for b in boxes)  # type: ignore[union-attr]
    threshold = max(GAP_HEIGHTS * height, GAP_SPACES * median(gaps or [0]), GAP_PAGE_SHARE * page_width)
    cuts = [i for i, gap in enumerate(gaps, start=1) if gap > threshold]
    spans: list[tuple[int, int, Column]] = []
    for start, end in zip([0, *cuts], [*cuts, len(boxes)]):
        centre = (boxes[start].x0 + boxes[end - 1].x1) / 2 / page_width  # type: ignore[union-attr]
        if cuts:
            column: Column = "left" if centre < 0.5 else "right"
        else:
            column = "left" if centre < SIDE_SHARE else "right" if centre > 1 - SIDE_SHARE else "full"
        if spans and spans[-1][2] == column:
            start = spans.pop()[0]
        spans.append((start, end, column))
    return [Piece(sub_line(line, start, end), column) for start, end, column in spans]


def _by_anchors(line: Line, anchors: Anchors) -> list[Piece]:
    tokens = line.text.split()
    cuts = sorted({i for i in anchors(tokens) if 0 < i < len(tokens)})
    if not cuts:
        return [Piece(line, None)]
    return [Piece(sub_line(line, start, end), None) for start, end in zip([0, *cuts], [*cuts, len(tokens)])]
