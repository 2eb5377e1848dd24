"""Passages a document quotes from another text.

A letter that answers a question of law cites the article and then prints it: '- Tại khoản 1
Điều 26 Nghị định số 103/2024/NĐ-CP … quy định:' / '“Điều 26. Đơn giá thuê đất' / '1. Trường hợp
thuê đất …' / 'a) …' / '… (đồng/m2).”'. The quoted article's numbered items are not the letter's
own parts, and the duties it states ('Các cơ quan quản lý nhà nước có trách nhiệm …') are not
tasks the letter assigns. The passage opens with a quotation mark at a line's start and ends at
the line that ends with one. Offices often leave the closing mark out, or open the next
passage before closing this one; such a passage keeps only the quoted article's numbered
items and the lines they wrap onto, and ends at the first line of the letter's own.
"""

from __future__ import annotations

import re

from ..ingest.types import Line
from .lines import starts_lower
from .numbering import BULLETS, marker_of

QUOTE_MARKS = ('"', "“", "”")
_CLOSES = re.compile(r"[\"“”]\s*[.;,:]?\s*(?:\./\.|\.\.+|…)?\s*$")  # '… (đồng/m2).”', '… thuế ”', '…”...'
_NO_LETTERS = re.compile(r"^[\W\d_]*$")  # '…', '.......': a cut in the quoted text
MAX_QUOTE_LINES = 40  # a closing mark further away than this closes something else


def quoted_lines(lines: list[Line]) -> dict[int, bool]:
    """The indices of ``lines`` inside quoted passages, each mapped to whether it goes on a
    passage opened on an earlier line (False for a passage's first line)."""
    found: dict[int, bool] = {}
    i = 0
    while i < len(lines):
        end = _passage_end(lines, i) if _opens_passage(lines, i) else None
        if end is None:
            i += 1
            continue
        found.update((j, j > i) for j in range(i, end + 1))
        i = end + 1
    return found


def _opens_passage(lines: list[Line], i: int) -> bool:
    """Line ``i`` may open a quoted passage: it starts with a quotation mark, and the passage is
    introduced ('… quy định:'), follows another one, or opens with an article or item ('“Điều
    26. …', '"7. …')."""
    text = lines[i].text.lstrip()
    if not text.startswith(QUOTE_MARKS):
        return False
    before = lines[i - 1].text.rstrip() if i > 0 else ""
    return before.endswith(":") or bool(_CLOSES.search(before)) or marker_of(text[1:]) is not None


def is_quoted(paragraph: str) -> bool:
    """A paragraph that is a quoted passage (the sections reader joins each passage into one)."""
    return paragraph.lstrip().startswith(QUOTE_MARKS)


def _passage_end(lines: list[Line], start: int) -> int | None:
    """Index of the last line of the passage that opens on line ``start``: the line where the next
    quotation mark closes it at the line's end. None when that mark closes it inside a line: a
    quoted name or slogan ('“Đẩy mạnh phát triển …, chống' / 'lãng phí”; thi đua …'), no passage."""
    first = lines[start].text.lstrip()[1:]
    for j in range(start, min(len(lines), start + MAX_QUOTE_LINES)):
        text = first if j == start else lines[j].text.strip()
        if j > start and text.startswith(QUOTE_MARKS):
            break  # the next passage opens: this one was left open
        mark = next((k for k, c in enumerate(text) if c in QUOTE_MARKS), None)
        if mark is not None:
            return j if _CLOSES.match(text[mark:]) else None
    end = start
    while end + 1 < len(lines) and _goes_on_open(lines[end + 1].text):
        end += 1
    return end


def _goes_on_open(text: str) -> bool:
    """A line that may go on a passage left open: a numbered item of the quoted text, a line
    its sentence wraps onto, or a cut ('…'); not a bullet ('- Tại khoản …' cites the next
    article: the letter's own words)."""
    found = marker_of(text)
    return (found is not None and found.kind not in BULLETS) or starts_lower(text) \
        or bool(_NO_LETTERS.match(text.strip()))
