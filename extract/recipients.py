"""Nơi nhận: one :class:`Recipient` per '- …' item, a wrapped item joined back.

'- Bộ Nội vụ (để b/c);' → name 'Bộ Nội vụ', note 'để b/c'. A closing parenthesis is a
note only when it says what the copy is for (báo cáo, thực hiện, phối hợp, …); other
parentheses ('(qua Cục A03)', '(Bích)') stay in the name.
"""

from __future__ import annotations

import re

from ..ingest.types import Line
from ..models import Recipient
from .closing_lines import after_noi_nhan, is_noi_nhan, is_recipient_item
from .ids import make_id, provenance_of
from .lines import folded, squash

PURPOSES = (
    "de ", "b/c", "t/h", "p/h", "b/cao", "t/hien", "bao cao", "thuc hien", "phoi hop", "biet", "chi dao",
    "dang tai", "thay tra loi", "theo doi", "huong dan", "kiem tra", "giam sat", "xem xet", "tham khao",
    "tra loi",
)
_TRAILING_PAREN = re.compile(r"\(([^()]*)\)\s*$")
_ITEM_BREAK = re.compile(r"(?<=;)\s+(?=[-–—•+] )")  # '- Như trên; - Lưu: VT' flattened on one line
_LAST_ITEM_END = re.compile(r"[;.]([^;.]*)$")
_TRAILING_PUNCT = re.compile(r"[\s;,.]+$")


def build_recipients(sha: str, lines: list[Line]) -> list[Recipient]:
    """Recipients from the left column of the closing, 'Nơi nhận:' label included."""
    items: list[list[Line]] = []
    texts: list[str] = []
    for line in lines:
        text = after_noi_nhan(line.text) if is_noi_nhan(line.text) else squash(line.text)
        for part in filter(None, _ITEM_BREAK.split(text)):
            if is_recipient_item(part) or not items:
                items.append([line])
                texts.append(part.lstrip("-–—•+* "))
            else:
                items[-1].append(line)
                texts[-1] = f"{texts[-1]} {part}"
    return [r for i, (item, text) in enumerate(zip(items, texts)) if (r := _recipient(sha, i, item, text))]


def _without_scraps(text: str) -> str:
    """Drop OCR scraps after the item's final ';' or '.' ('- Như trên; . »2')."""
    m = _LAST_ITEM_END.search(text)
    return text[:m.start()] if m and not any(c.isalpha() for c in m[1]) else text


def _recipient(sha: str, index: int, lines: list[Line], text: str) -> Recipient | None:
    text = _TRAILING_PUNCT.sub("", _without_scraps(text))
    if not any(c.isalpha() for c in text):
        return None
    name, note = text, None
    m = _TRAILING_PAREN.search(text)
    if m and folded(m[1]).startswith(PURPOSES) and m.start() > 0:
        name, note = text[:m.start()].rstrip(), m[1].strip()
    return Recipient(id=make_id(sha, "recipient", index), provenance=provenance_of(lines), name=name, note=note)
