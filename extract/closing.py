"""Find the closing block (Nơi nhận + signature) after the body and split its two columns.

The closing begins at 'Nơi nhận:', at the first authority line ('TM. …', 'KT. …') or at a
row of signature heads ('ĐẠI DIỆN …', 'NGƯỜI LẬP PHIẾU TRÌNH'), whichever comes first after
the header; a signature printed just before 'Nơi nhận' without an authority ('GIÁM ĐỐC' /
name) is taken in too. Without any, the signature is sought after the last paragraph
closing with './.'. The block ends after the signer's name once no recipient line follows;
what comes after (appendices, attached plans) is left to later stages.

A row of heads (a biên bản, a phiếu trình) has no Nơi nhận column: every column is a
signature. The signer is the first column that is not a reviewer's 'Ý KIẾN CỦA …' box, read
down to the row's names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ingest.types import Line
from ..models import BBox
from .closing_lines import (
    is_noi_nhan,
    is_noise,
    is_opinion,
    is_recipient_item,
    is_signature_line,
    opens_parties,
    opens_with_authority,
    party_anchors,
    signature_anchors,
    split_authority,
)
from .columns import Piece, Widths, has_boxes, split_line
from .lines import is_upper, looks_like_name
from .names import looks_like_damaged_name
from .numbering import marker_of

MAX_SIGNATURE_LINES = 8  # a signature block has fewer lines; more without a name is something else
BODY_END = ("./.", "/.")
ROW_OVERLAP = 0.5  # two lines are one printed row if their boxes share this much of the lower height


@dataclass(slots=True)
class Closing:
    recipients: list[Line] = field(default_factory=list)  # left column, from 'Nơi nhận:'
    signature: list[Line] = field(default_factory=list)  # right column, titles then name
    end: int = 0  # index of the first line after the block


def find_closing(lines: list[Line], start: int, widths: Widths | None = None) -> int | None:
    """Index of the closing block's first line at or after ``start``, or None. With
    ``widths``, a line whose right column opens with an authority counts too (a misread
    'Nơi nhận' beside 'KT. GIÁM ĐỐC')."""
    for i in range(start, len(lines)):
        if is_noi_nhan(lines[i].text) or opens_with_authority(lines[i].text) or opens_parties(lines[i].text) \
                or (widths is not None and _authority_on_right(lines[i], widths)):
            return _signature_before(lines, i, start)
    for i in range(start, len(lines) - 1):
        if lines[i].text.rstrip().endswith(BODY_END) and is_signature_line(lines[i + 1].text) \
                and not is_noise(lines[i + 1].text):
            return i + 1
    return None


def rejoin_row(lines: list[Line], begin: int) -> list[Line]:
    """``lines`` with the line before ``begin`` merged into it when the two are one printed row
    (boxes on the same height): a text layer can cut 'KT. BỘ TRƯỞNG' into 'BỘ TRƯỞNG', read
    first, and 'KT.' when the words sit on slightly different baselines."""
    if begin == 0 or not _same_row(lines[begin - 1], lines[begin]):
        return lines
    words = sorted([*lines[begin - 1].words, *lines[begin].words], key=lambda w: w.bbox.x0)  # type: ignore[union-attr]
    row = Line(text=" ".join(w.text for w in words), number=lines[begin - 1].number, page=lines[begin].page,
               words=words)
    return [*lines[:begin - 1], row, *lines[begin + 1:]]


def _same_row(upper: Line, lower: Line) -> bool:
    if upper.page != lower.page or not (has_boxes(upper) and has_boxes(lower)):
        return False
    a, b = upper.bbox, lower.bbox
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)  # type: ignore[union-attr]
    return overlap > ROW_OVERLAP * min(a.y1 - a.y0, b.y1 - b.y0)  # type: ignore[union-attr]


def _authority_on_right(line: Line, widths: Widths) -> bool:
    """Only word boxes put a part in the right column (anchors leave it undecided), so a
    line without them is not looked at: this runs on every body line."""
    if not (widths.get(line.page) and has_boxes(line)):
        return False
    if not any(split_authority(token)[0] for token in line.text.split()[1:]):
        return False  # no later part of the line can open with an authority: spare the column split
    pieces = split_line(line, widths.get(line.page), signature_anchors)
    return any(p.column == "right" and opens_with_authority(p.text) for p in pieces[1:])


def _signature_before(lines: list[Line], begin: int, floor: int) -> int:
    """Move ``begin`` back over a signature printed before 'Nơi nhận' ('GIÁM ĐỐC' / name),
    provided the line before it ends the body with './.'."""
    j = begin
    while j - 1 > floor and _signature_without_authority(lines[j - 1].text):
        j -= 1
    if j < begin and lines[j - 1].text.rstrip().endswith(BODY_END):
        return j
    return begin


def _signature_without_authority(text: str) -> bool:
    return (is_upper(text) and marker_of(text) is None) or looks_like_name(text) or is_noise(text)


def read_closing(lines: list[Line], begin: int, widths: Widths) -> Closing:
    """Split the block starting at ``begin`` into recipient and signature lines."""
    if opens_parties(lines[begin].text):
        return _read_parties(lines, begin, widths)
    closing = Closing(end=begin)
    state = _State()
    for i in range(begin, len(lines)):
        pieces = split_line(lines[i], widths.get(lines[i].page), signature_anchors)
        state.alone = len(pieces) == 1
        taken = [piece for piece in pieces if _take(piece, state, closing)]
        if not taken:
            break
        closing.end = i + 1
    return closing


@dataclass(slots=True)
class _State:
    in_recipients: bool = False
    named: bool = False
    signature_lines: int = 0
    alone: bool = False  # the current line has one column part


def _take(piece: Piece, state: _State, closing: Closing) -> bool:
    """Put ``piece`` in the recipient or the signature column; False if it belongs to neither."""
    text = piece.text
    if is_noi_nhan(text):
        state.in_recipients = True
        closing.recipients.append(piece.line)
        return True
    if closing.signature and not state.named and state.alone and looks_like_name(text) \
            and not is_recipient_item(text):
        closing.signature.append(piece.line)  # a name alone on its line under the titles, wherever it sits
        state.named = True
        return True
    if _is_recipient(piece, state):
        closing.recipients.append(piece.line)
        return True
    if piece.column != "left" and not state.named and state.signature_lines < MAX_SIGNATURE_LINES \
            and (is_signature_line(text) or (piece.column == "right" and looks_like_damaged_name(text))):
        closing.signature.append(piece.line)
        state.named = looks_like_name(text) or looks_like_damaged_name(text)
        state.signature_lines += 1
        return True
    return False


def _is_recipient(piece: Piece, state: _State) -> bool:
    if not state.in_recipients and state.signature_lines and piece.column == "left" \
            and is_recipient_item(piece.text):
        state.in_recipients = True  # the items of a 'Nơi nhận:' OCR misread, left of the titles
    if not state.in_recipients or piece.column == "right":
        return False
    if piece.column == "left" or is_recipient_item(piece.text):
        return True
    return not state.named and not is_signature_line(piece.text)  # a wrapped recipient


def _read_parties(lines: list[Line], begin: int, widths: Widths) -> Closing:
    """The signer's column of a row of signature heads: its head, the title lines under it,
    and its name from the row's name line. The first line holding a name ends the row; when
    the chosen column has no name there (a seal over it), the signer stays unnamed rather
    than take a name from the next row."""
    head = split_line(lines[begin], widths.get(lines[begin].page), party_anchors)
    chosen = next((i for i, piece in enumerate(head) if not is_opinion(piece.text)), None)
    closing = Closing(end=begin + 1)
    if chosen is None:
        return closing
    closing.signature.append(head[chosen].line)
    for i in range(begin + 1, min(len(lines), begin + 1 + MAX_SIGNATURE_LINES)):
        pieces = [p for p in split_line(lines[i], widths.get(lines[i].page), signature_anchors)
                  if not is_noise(p.text)]
        mine = _same_column(pieces, head, chosen)
        if mine is not None and opens_parties(mine.text):
            break  # the next row of heads
        closing.end = i + 1
        if mine is not None and is_signature_line(mine.text):
            closing.signature.append(mine.line)
        if any(looks_like_name(p.text) or looks_like_damaged_name(p.text) for p in pieces):
            break
    return closing


def _same_column(pieces: list[Piece], head: list[Piece], chosen: int) -> Piece | None:
    """The part of a line under the head ``head[chosen]``: with boxes, the part overlapping
    the head's span most (none if none overlaps); without, the part in the same place when
    the line splits as the head did."""
    box = head[chosen].line.bbox
    if box is not None and all(p.line.bbox is not None for p in pieces):
        overlaps = [(_overlap(box, p.line.bbox), p) for p in pieces]  # type: ignore[arg-type]
        best = max(overlaps, key=lambda pair: pair[0], default=None)
        return best[1] if best is not None and best[0] > 0 else None
    if len(pieces) == len(head):
        return pieces[chosen]
    return pieces[0] if len(pieces) == 1 and len(head) == 1 else None


def _overlap(a: BBox, b: BBox) -> float:
    """How far two boxes share a horizontal span (negative: the gap between them)."""
    return min(a.x1, b.x1) - max(a.x0, b.x0)
