"""Who a decision's closing article charges with carrying it out.

Nghị định 30 ends a decision with one sentence listing everyone who executes it: 'Chánh Văn
phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở: Tư pháp, Nông nghiệp và Môi trường; Chủ tịch Ủy ban
nhân dân các xã, phường và đặc khu Lý Sơn; … Thủ trưởng các cơ quan, đơn vị và các tổ chức, cá
nhân có liên quan chịu trách nhiệm thi hành Quyết định này.' The list holds bodies the agency
patterns cannot read whole ('Giám đốc sở', 'Thủ trưởng cơ quan, ban, ngành thành phố', 'Chủ tịch
UBND xã Si ma Cai', 'Chủ tịch Hội đồng quản trị'), so it is split by its punctuation instead:
at ';', and at ',' or 'và' where a new name starts (a title, a body's head, 'các …', a kind of
body); commas inside a name ('Sở Văn hóa, Thể thao và Du lịch', '… các xã, phường') stay.
"""

from __future__ import annotations

import re

from .agencies import COUNCILS, HEADS, TITLES

_DOCUMENT = r"(?:Quyết định|Chỉ thị|Kế hoạch|Thông báo|Công điện)"
_EXECUTES = re.compile(rf"\s+(?:(?:chịu|có) trách nhiệm (?:tổ chức )?(?:thi hành|(?:triển khai )?thực hiện) {_DOCUMENT} này"
                       rf"|căn cứ {_DOCUMENT}(?: này)? (?:để )?thi hành)", re.IGNORECASE)  # '… căn cứ Quyết định thi hành./.'
_ADDRESSED = re.compile(r"^(?:Các|các)\s+ông\s*(?:\(bà\)|/bà|,\s*bà)?\s+")  # 'Các ông (bà) Chánh Văn phòng tỉnh, …'
_WORDS = sorted({*TITLES, *HEADS, *COUNCILS, "Các", "các", "ông", "bà"}, key=len, reverse=True)
# A list item starts a new name with a title, a body's head or 'các', or with a kind of body ('…; cơ quan, đơn
# vị có liên quan', '…, cá nhân có liên quan') unless it goes on a group of kinds ('các cơ quan, đơn vị').
_NEW_NAME = re.compile(r"(?:" + "|".join(map(re.escape, _WORDS)) + r")\b")
_KIND = re.compile(r"(?:cơ quan|đơn vị|tổ chức|cá nhân)\b")
_GROUP = re.compile(r"\b(?:các|cơ quan|đơn vị|tổ chức|cá nhân)\b")
_ARTICLE = re.compile(r"^Điều\s+\d+\s*[.:]\s*")  # 'Điều 5: Chánh Văn phòng Sở, …' printed as one line
_SEPARATOR = re.compile(r"\s*;\s*|\s*,\s*|\s+và\s+")


def executors(sentence: str) -> list[str]:
    """The names listed before '… chịu trách nhiệm thi hành Quyết định này' (or '… căn cứ Quyết
    định thi hành'), as printed; [] when the sentence is no closing article."""
    executes = _EXECUTES.search(sentence)
    if executes is None:
        return []
    subject = re.split(r"(?<=\.)\s+", sentence[:executes.start()])[-1].strip()
    subject = _ADDRESSED.sub("", _ARTICLE.sub("", subject))
    spans: list[list[int]] = []
    position, after_semicolon = 0, True
    for separator in [*_SEPARATOR.finditer(subject), None]:
        end = separator.start() if separator else len(subject)
        starts_name = _NEW_NAME.match(subject, position) or _KIND.match(subject, position) and (
            after_semicolon or not _GROUP.search(subject, spans[-1][0], position))
        if spans and not starts_name:
            spans[-1][1] = end  # a comma or 'và' inside a name: it goes on
        else:
            spans.append([position, end])
        if separator:
            position, after_semicolon = separator.end(), ";" in separator[0]
    return [name for start, end in spans if (name := subject[start:end])]
