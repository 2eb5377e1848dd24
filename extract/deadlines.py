"""When a task is due, and how often it recurs, from the timing phrases of its text.

Deadline: 'trước ngày 15/6/2023' / 'trước ngày 15 tháng 6 năm 2023' → '2023-06-15';
'Quý II/2023' → '2023-Q2'; 'tháng 6/2023' → '2023-06'; 'năm 2023' → '2023'; a span
'Năm 2025 - 2026' is due at its end, '2026'. A month or a year counts only after a timing
word ('trước', 'trong', 'vào cuối', 'hoàn thành', 'xong', 'Thời gian thực hiện:'), because
plans name years everywhere ('Kế hoạch cải cách hành chính năm 2023', 'tầm nhìn đến năm 2050').
Frequency ('hằng năm', 'thường xuyên', 'định kỳ hằng quý', 'mỗi tuần ít nhất 01 lần') is
kept as printed. Matching runs on a folded copy aligned with the printed text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .legal_bases import aligned_fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# 'đến năm 2030' is left out: it is a target or a vision ('tầm nhìn đến năm 2050'), not a due date.
_CUE = r"(?:truoc|trong|(?:vao )?cuoi|cham nhat la|(?:hoan thanh|xong)(?: trong)?|thoi gian(?: thuc hien| hoan thanh)?\s*:)\s*"
_DAY = re.compile(
    r"(?:truoc|cham nhat|den|han)[^.;:]{0,20}?ngay\s*(?P<d>\d{1,2})\s*(?:[/.\-]|thang)\s*(?P<m>\d{1,2})"
    r"\s*(?:[/.\-]|nam)\s*(?P<y>\d{4})"
)
_QUARTER = re.compile(r"(?:" + _CUE + r")?quy\s*(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(?P<y>\d{4})")
_MONTH = re.compile(_CUE + r"thang\s*(?P<m>\d{1,2})\s*(?:/|nam)\s*(?P<y>\d{4})")
_YEAR = re.compile(_CUE + r"(?:nam\s*)(?P<y>\d{4})(?:\s*[-–]\s*(?P<end>\d{4}))?(?![/\d])")  # a span: its end
_FREQUENCY = re.compile(
    r"dinh ky (?:hang|moi) (?:nam|quy|thang|tuan|ngay)|dinh ky \d+ thang(?: mot lan| \d+ lan)?"
    r"|(?:hang|moi) (?:nam|quy|thang|tuan|ngay)(?: it nhat \d+ lan)?|thuong xuyen|dinh ky|thuong nien"
)


@dataclass(frozen=True, slots=True)
class Timing:
    deadline: str | None = None
    timeframe: str | None = None
    frequency: str | None = None


def read_timing(text: str) -> Timing:
    """The first deadline and the first frequency phrase of ``text``; the timeframe is the
    deadline's phrase as printed, else the frequency's."""
    folded = aligned_fold(text).lower()
    deadline, span = _deadline(folded)
    freq = _FREQUENCY.search(folded)
    frequency = text[freq.start():freq.end()] if freq else None
    timeframe = text[span[0]:span[1]] if span else frequency
    return Timing(deadline, timeframe, frequency)


def _deadline(folded: str) -> tuple[str | None, tuple[int, int] | None]:
    """The ISO deadline and its span: the earliest phrase of the text wins."""
    found: list[tuple[int, str, tuple[int, int]]] = []
    if (m := _DAY.search(folded)) and (iso := _iso_day(m)):
        found.append((m.start(), iso, m.span()))
    if m := _QUARTER.search(folded):
        found.append((m.start(), f"{m['y']}-Q{ROMAN.get(m['q']) or m['q']}", m.span()))
    if (m := _MONTH.search(folded)) and 1 <= int(m["m"]) <= 12:
        found.append((m.start(), f"{m['y']}-{int(m['m']):02d}", m.span()))
    if m := _YEAR.search(folded):
        found.append((m.start(), m["end"] or m["y"], m.span()))
    if not found:
        return None, None
    _, iso, span = min(found)
    return iso, span


def _iso_day(m: re.Match[str]) -> str | None:
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None
