"""Rows of a Phụ lục task table as tasks: 'Nhiệm vụ' is the duty, 'Cơ quan chủ trì' the lead.

A table is a task table when its header names a duty column (Nhiệm vụ, Tên nhiệm vụ, Nội
dung …) and a lead column (Cơ quan chủ trì, Sở, ngành chủ trì …). Each entry row becomes a
task; group rows ('I | Hoàn thiện thể chế') do not. Agency names in a cell are found as in
the body (:func:`~.agencies.find_agencies`); the timing cell is read as the 'Thời gian thực
hiện' it is (:func:`~.deadlines.read_timing`).
"""

from __future__ import annotations

import re

from ..models import Appendix, Task
from .agencies import canonical_name, find_agencies
from .names import split_persons
from .deadlines import read_timing
from .ids import make_id
from .lines import folded

# Header words, best first: 'Nội dung nhiệm vụ' beats 'Thuộc nhóm nhiệm vụ', and 'Tên dự án,
# nhiệm vụ' beats 'Nội dung chính' (which describes the duty the other column names). Last, an
# indicator table's 'Chỉ tiêu': its 'Cơ quan chủ trì theo dõi, đánh giá' is charged with each target.
DUTY = ("noi dung nhiem vu", "ten nhiem vu", "nhiem vu", "noi dung", "cong viec", "hoat dong", "giai phap",
        "chi tieu")
NOT_DUTY = ("thuoc nhom", "ket qua", "chu tri", "phoi hop", "dat duoc")
# Last, any other 'Cơ quan …' column: OCR drops a word of a bold header ('Cơ quan trì theo dõi').
LEAD = ("chu tri", "co quan thuc hien", "don vi thuc hien", "trach nhiem thuc hien", "nguoi thuc hien", "co quan")
COORDINATING = ("phoi hop",)
TIMING = ("thoi gian", "thoi han", "tien do", "hoan thanh")
_JOINER = re.compile(r"^[\s,;.]*(?:và\s*)?$")
_SPLIT = re.compile(r"\s*[;\n]\s*(?:-\s+)?|\s+-\s+|^-\s*")
_NOTE = re.compile(r"\s*\([^()]*\)")
_NEW_NAME = re.compile(r",\s+(?=[A-ZĐ])|\s+và\s+(?=[A-ZĐ])")  # where a listed name starts


def _column(columns: list[str], words: tuple[str, ...], avoid: tuple[str, ...] = ()) -> int | None:
    """The first column whose header holds one of ``words`` (best first) and none of ``avoid``;
    spaces are ignored, as OCR of a bold header drops some ('Cơ quan chủtrì')."""
    heads = [folded(c).replace(" ", "") for c in columns]
    for word in (w.replace(" ", "") for w in words):
        for i, head in enumerate(heads):
            if word in head and not any(a.replace(" ", "") in head for a in avoid):
                return i
    return None


def appendix_tasks(sha: str, appendix: Appendix) -> list[Task]:
    """One task per entry row of a task table; none for other tables."""
    duty = _column(appendix.columns, DUTY, NOT_DUTY)
    lead = _column(appendix.columns, LEAD, COORDINATING)
    if duty is None or lead is None:
        return []
    coordinating = _column(appendix.columns, COORDINATING)
    timing_col = _column(appendix.columns, TIMING)
    tasks = []
    for index, row in enumerate(appendix.rows):
        cells = row.cells
        if row.group or not cells[duty] or not cells[lead]:
            continue
        timing_text = cells[timing_col] if timing_col is not None else ""
        timing = read_timing(f"Thời gian thực hiện: {timing_text}" if timing_text else cells[duty])
        roles = labelled_roles(cells[lead])
        if roles:  # 'Chủ trì: Công ty X (CĐT). Phối hợp: UBND xã Y (GPMB); Sở Z (…)' in one column
            lead_names, partners = roles
        else:
            lead_names = agency_names(cells[lead])
            partners = [a for a in agency_names(cells[coordinating]) if a not in lead_names] \
                if coordinating is not None else []
        tasks.append(Task(
            id=make_id(sha, "task", appendix.id, index),
            provenance=row.provenance,
            description=cells[duty],
            lead=lead_names,
            coordinating=partners,
            lead_canonical=[canonical_name(a) for a in lead_names],
            coordinating_canonical=[canonical_name(a) for a in partners],
            deadline=timing.deadline,
            frequency=timing.frequency,
            timeframe=timing_text or timing.timeframe,
            section_ref=appendix.id,
            origin="appendix",
        ))
    return tasks


def agency_names(cell: str) -> list[str]:
    """The agencies of a cell, its parts split at ';' and '- ', role notes in parentheses left
    out ('Bộ Y tế (chủ trì chương trình quốc gia)'). A part whose recognised names leave most of
    it out ('UBND' of 'UBND các tỉnh/ thành phố') is read as printed: a lead cell holds agency
    names only, so each name it lists ('UBND thành phố Hà Nội, Thành phố Hồ Chí Minh và …') starts
    with a capital, and the print is a better name than a stump."""
    names: list[str] = []
    for part in _SPLIT.split(_NOTE.sub("", cell)):
        part = part.strip(" .,;-")
        if not part:
            continue
        found = _covering(part) or split_persons(part)  # agencies, or people ('Người thực hiện')
        if found is None:
            found = [n for piece in _NEW_NAME.split(part) for n in (_covering(piece) or [piece])]
        for name in found:
            if name not in names:
                names.append(name)
    return names


def labelled_roles(cell: str) -> tuple[list[str], list[str]] | None:
    """Lead and partners of a 'Cơ quan phụ trách' cell that labels them itself: 'Chủ trì: X (CĐT).
    Phối hợp: Y (GPMB); Z (…)', or 'Chủ trì: X; phối hợp Y; Sở Z hướng dẫn chuyên môn'. The lead is
    the text up to the first ';' or full stop, as printed when the gazetteer does not cover it
    ('Liên danh Đông Đô - Bắc Giang số 9'); every body named after it is a partner, its role words
    left out. None when the cell does not start with 'Chủ trì:'."""
    found = _LEAD_LABEL.match(cell)
    if not found:
        return None
    lead_text, *rest = _ROLE_END.split(_NOTE.sub("", cell[found.end():]), maxsplit=1)
    lead_text = lead_text.strip(" .,;")
    lead = _covering(lead_text) or [lead_text]
    partners: list[str] = []
    for part in _SPLIT.split(rest[-1] if rest else ""):
        part = part.strip(" .,;")
        labelled = _PARTNER_LABEL.match(part)
        part = part[labelled.end():] if labelled else part
        named = [a.text for a in find_agencies(part)] or ([part] if labelled and part else [])
        partners += [n for n in named if n not in lead and n not in partners]
    return lead, partners


_LEAD_LABEL = re.compile(r"^\s*[Cc]hủ trì\s*:\s*")
_PARTNER_LABEL = re.compile(r"^[Pp]hối hợp\s*:?\s*")
_ROLE_END = re.compile(r";|\.(?=\s|$)")  # the lead's name ends at ';' or a full stop, not 'số 1.'


def _covering(part: str) -> list[str] | None:
    """The names recognised in ``part`` when nothing but ',', ';' and 'và' is left between and
    around them ('UBND các tỉnh, thành phố khác' is not 'UBND các tỉnh, thành phố' and 'khác')."""
    found = find_agencies(part)
    bounds = [0, *(b for a in found for b in (a.start, a.end)), len(part)]
    rest = [part[start:end] for start, end in zip(bounds[::2], bounds[1::2])]
    return [a.text for a in found] if found and all(_JOINER.match(gap) for gap in rest) else None
