"""Where a body stands in the state's hierarchy, as far as a letter's direction needs it.

A Công văn asks its addressees to act only when it goes down or across: a province writing
to a ministry ('Kính gửi: Bộ Xây dựng' / '… trân trọng đề nghị Bộ Xây dựng xem xét …'), or a
Sở to its province's People's Committee, proposes, and its 'đề nghị' gives no task (the
annotators of 109, 122 and 162 gave none). Only the levels a letter's direction turns on are
told apart, and a body whose level the patterns do not know decides nothing.
"""

from __future__ import annotations

import re

from ..models.doc_types import fold

CENTRAL, PROVINCE, DEPARTMENT = 3, 2, 1
# Centrally run cities, whose People's Committee is a province's ('UBND Thành phố Hồ Chí Minh').
_CITIES = r"(?:ha noi|ho chi minh|hai phong|da nang|can tho|hue)"
_LEVELS = [
    (CENTRAL, re.compile(r"^(?:chinh phu|(?:pho )?thu tuong|quoc hoi|uy ban thuong vu quoc hoi|van phong (?:chinh phu|quoc hoi)"
                         r"|bo truong|bo (?!chi huy|doi\b)|tong cuc|cuc |ban .*\btrung uong\b|ngan hang nha nuoc"
                         r"|kiem toan nha nuoc)")),
    (PROVINCE, re.compile(rf"^(?:chu tich )?(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan) (?:tinh|thanh pho {_CITIES})\b"
                          r"|^(?:thuong truc |ban thuong vu )?tinh uy\b")),
    (DEPARTMENT, re.compile(r"^(?:giam doc )?so |^(?:thue|cong an) (?:tinh|thanh pho)\b|^bo chi huy quan su tinh\b")),
]


def level(name: str) -> int | None:
    """CENTRAL, PROVINCE or DEPARTMENT for a body named as printed; None when the name says neither."""
    key = fold(name).strip()
    return next((rank for rank, pattern in _LEVELS if pattern.match(key)), None)


def writes_upward(sender: str | None, addressees: list[str]) -> bool:
    """Whether every addressee stands above the letter's sender (a Sở writing to the UBND tỉnh,
    a province to a ministry): the letter reports and proposes; it charges nobody."""
    own = level(sender or "")
    if own is None or not addressees:
        return False
    return all((rank := level(name)) is not None and rank > own for name in addressees)
