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
from .numbering import marker_of

QUOTE_MARKS = ('"', "“", "”")
_CLOSES = re.compile(r"[\"“”]\s*[.;,:]?\s*(?:\./\.)?\s*$")
_NO_LETTERS = re.compile(r"^[\W\d_]*$")  # '…', '.......': a cut in the quoted text
MAX_QUOTE_LINES = 40  # a closing mark further away than this closes something else
BULLETS = ("dash", "plus")  # '- Tại khoản …' cites the next article: the letter's own words


def quoted_lines(lines: list[Line]) -> dict[int, bool]:
    """The indices of ``lines`` inside quoted passages, each mapped to whether it goes on a
    passage opened on an earlier line (False for a passage's first line)."""
    found: dict[int, bool] = {}
    i = 0
    while i < len(lines):
        if not lines[i].text.lstrip().startswith(QUOTE_MARKS):
            i += 1
            continue
        end = _passage_end(lines, i)
        found.update((j, j > i) for j in range(i, end + 1))
        i = end + 1
    return found


def is_quoted(paragraph: str) -> bool:
    """A paragraph that is a quoted passage (the sections reader joins each passage into one)."""
    return paragraph.lstrip().startswith(QUOTE_MARKS)


def _passage_end(lines: list[Line], start: int) -> int:
    """Index of the last line of the passage that opens on line ``start``."""
    if len(lines[start].text.strip()) > 1 and _CLOSES.search(lines[start].text):
        return start
    for j in range(start + 1, min(len(lines), start + MAX_QUOTE_LINES)):
        text = lines[j].text.strip()
        if text.startswith(QUOTE_MARKS):
            break  # the next passage opens: this one was left open
        if _CLOSES.search(text):
            return j
    end = start
    while end + 1 < len(lines) and _goes_on_open(lines[end + 1].text):
        end += 1
    return end


def _goes_on_open(text: str) -> bool:
    """A line that may go on a passage left open: a numbered item of the quoted text, a line
    its sentence wraps onto, or a cut ('…')."""
    found = marker_of(text)
    return (found is not None and found.kind not in BULLETS) or starts_lower(text) \
        or bool(_NO_LETTERS.match(text.strip()))
