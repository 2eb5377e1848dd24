"""Headings that name who does the work, in words the agency patterns may not know.

'4. Các doanh nghiệp viễn thông', '1.1. Trưởng Ban Chỉ đạo', '1.5. Trách nhiệm của đối tượng
thực hiện kiểm kê:', '1. Các cơ quan đăng ký đầu tư (Sở Tài chính, …):' head the duties below
them as surely as '1. Sở Y tế' does, but :mod:`.agencies` finds no name in them, or one cut
short ('Các cơ quan'). A doer heading opens with a body, a kind of body, an office holder or
a group; topics ('Kinh phí', 'Chế độ báo cáo', 'Thử nghiệm và tối ưu hóa') are not doers. A
name the patterns found, followed by a predicate ('Sở Y tế chủ trì, phối hợp …'), is a
sentence's subject, not a name cut short.
"""

from __future__ import annotations

import re

from .legal_bases import aligned_fold
from .lines import folded

DOER_HEADS = re.compile(
    r"^(?:cac |moi )?(?:so|ban|bo|cuc|chi cuc|vu|vien|trung tam|uy ban|ubnd|hoi|hiep hoi|lien minh|lien doan|doan"
    r"|dai|bao|cong thong tin|cong an|bo chi huy|cong ty|tong cong ty|tap doan|doanh nghiep|chu dau tu|truong"
    r"|pho truong|giam doc|chu tich|thu truong|chanh|van phong|thanh tra|kho bac|ngan hang|bao hiem|co quan"
    r"|don vi|doi tuong|nguoi dung dau|thanh vien|hop tac xa|benh vien|phong|quy|toa an|dien luc|nha mang"
    r"|luc luong|dia phuong|mat tran|to chuc, (?:ca nhan|doanh nghiep)|to cong tac|to kiem ke|to giup viec)\b")
# What a sentence says its subject does, right after the subject.
PREDICATE = re.compile(r"^(?:chu tri|phoi hop|co trach nhiem|chiu trach nhiem|thuc hien|trien khai|tham muu"
                       r"|chi dao|to chuc|xay dung|bao cao|la|can|phai|tiep tuc|khan truong|chu dong|tap trung)\b")
# A name going on in lower case after what the patterns found ('Các cơ quan' + ' đăng ký đầu tư').
RUNS_ON = re.compile(r",?\s+[a-zđà-ỹ]")
ASKING = ("giao ", "de nghi ", "yeu cau ")  # folded words that hand a duty to whom follows them
MAX_DOER_WORDS = 40  # four bodies named in full (or two with their descriptions); a longer heading is a sentence
_INTRO = re.compile(r"^(?:(?:de nghi|giao|trach nhiem cua|nhiem vu(?:,? (?:va )?quyen han)? cua|yeu cau doi voi)\s+)+")
_ABBREVIATION = re.compile(r"^[A-ZĐ]{2,6}$")  # 'TCTN', 'VLNCN': things abbreviated, no body's name
_SPLIT = re.compile(r"\s*(?:[,;]|\bva\b)\s*(?=[A-ZĐÀ-Ỹ])")  # a new name starts with a capital


def doer_names(heading: str) -> list[str]:
    """The doers a heading names, as printed, without 'Đề nghị' / 'Trách nhiệm của' before them
    and a bracketed member list or ':' after; split where a new capitalised name follows ',' or
    'và' ('Liên minh Hợp tác xã tỉnh, Đoàn TNCS …') but not inside one ('Trung tâm Xúc tiến đầu
    tư, thương mại và du lịch'). [] when the heading is no doer's name."""
    text = re.split(r"\s*[(:]", heading.strip(), maxsplit=1)[0].rstrip(".").strip()
    intro = _INTRO.match(aligned_fold(text))
    text = text[len(intro[0]):] if intro else text
    key = folded(text)
    if not DOER_HEADS.match(key) or len(text.split()) > MAX_DOER_WORDS:
        return []
    names: list[str] = []
    for name in filter(None, _SPLIT.split(text)):
        if names and _ABBREVIATION.match(name):
            names[-1] += f", {name}"  # '… liên quan đến VLNCN, TCTN': the last of a list of things, no body
        else:
            names.append(name)
    return names


def cut_short(heading: str, names: list[str]) -> bool:
    """The one name the patterns found in ``heading`` stops inside the doer's name: lower-case
    words run on ('Các cơ quan' of 'Các cơ quan đăng ký đầu tư (Sở Tài chính, …)', 'Trung tâm
    Xúc tiến đầu tư' of '…, thương mại và du lịch') that are no predicate and no announcement
    ('Các bộ, ngành, địa phương có trách nhiệm')."""
    if len(names) != 1 or names[0] not in heading:
        return False
    rest = heading[heading.index(names[0]) + len(names[0]):]
    return bool(RUNS_ON.match(rest)) and not PREDICATE.match(folded(rest.strip(" .;,")))


def names_a_doer(line: str) -> bool:
    """An item's line is only its doer's name, maybe with the members in brackets, announcing
    the duties below ('1. Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý …):')."""
    name = re.split(r"\s*[(:]", line.strip(), maxsplit=1)[0]
    words = folded(name).split()
    return line.rstrip().endswith(":") and bool(doer_names(line)) \
        and not any(PREDICATE.match(" ".join(words[i:])) for i in range(1, len(words)))
