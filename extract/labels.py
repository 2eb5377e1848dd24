"""Label lines that staff and date an item: 'Đơn vị chủ trì: Phòng X; Đơn vị phối hợp: …',
'Cơ quan thực hiện: …', 'Thời gian thực hiện: Quý II/2026'.

The section reader needs them to see that the line above is the item's title (the duty, with
its staff and dates below it); the task reader, to read who leads, who assists and by when.
"""

from __future__ import annotations

import re

from .legal_bases import aligned_fold

LABEL = re.compile(r"(?:^|;\s*)(?:don vi|co quan|bo phan)\s*(chu tri|thuc hien|phoi hop|chiu trach nhiem)\s*:\s*")
TIME_LABEL = re.compile(r"^thoi (?:gian|han)(?: thuc hien| hoan thanh| ban hanh)?\s*:")


def is_label(text: str) -> bool:
    """The text's first paragraph opens with a label."""
    first = aligned_fold(text.split("\n", 1)[0].strip())
    return bool(LABEL.match(first) or TIME_LABEL.match(first))
