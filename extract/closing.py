"""Find the closing block (Nơi nhận + signature) after the body and split its two columns.

The closing begins at 'Nơi nhận:' or at the first authority line ('TM. …', 'KT. …'),
whichever comes first after the header; a signature printed just before 'Nơi nhận' without
an authority ('GIÁM ĐỐC' / name) is taken in too. Without either, the signature is sought
after the last paragraph closing with './.'. The block ends after the signer's name once
no recipient line follows; what comes after (appendices, attached plans) is left to later
stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ingest.types import Line
from .closing_lines import (
    is_noi_nhan,
    is_noise,
    is_recipient_item,
    is_signature_line,
    opens_with_authority,
    signature_anchors,
)
from .columns import Piece, Widths, has_boxes, split_line
from .lines import is_upper, looks_like_name
from .names import looks_like_damaged_name
from .numbering import marker_of

MAX_SIGNATURE_LINES = 8  # a signature block has fewer lines; more without a name is something else
BODY_END = ("./.", "/.")


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
        if is_noi_nhan(lines[i].text) or opens_with_authority(lines[i].text) \
                or (widths is not None and _authority_on_right(lines[i], widths)):
            return _signature_before(lines, i, start)
    for i in range(start, len(lines) - 1):
        if lines[i].text.rstrip().endswith(BODY_END) and is_signature_line(lines[i + 1].text) \
                and not is_noise(lines[i + 1].text):
            return i + 1
    return None


def _authority_on_right(line: Line, widths: Widths) -> bool:
    """Only word boxes put a part in the right column (anchors leave it undecided), so a
    line without them is not looked at: this runs on every body line."""
    if not (widths.get(line.page) and has_boxes(line)):
        return False
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
    if not state.in_recipients or piece.column == "right":
        return False
    if piece.column == "left" or is_recipient_item(piece.text):
        return True
    return not state.named and not is_signature_line(piece.text)  # a wrapped recipient
