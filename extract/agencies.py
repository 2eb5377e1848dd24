"""Agency names in body text: 'Sở Nội vụ', 'UBND các huyện, thị xã, thành phố', 'Các sở, ban, ngành'.

A spaCy ``EntityRuler`` on a blank multi-language pipeline (``xx``: its tokenizer splits on
spaces and punctuation; ``spacy.blank("vi")`` would import pyvi). Patterns only — no list of
known names: a head word ('Sở', 'Ban', 'Bộ', 'Đài', 'Văn phòng', 'UBND', …) then a name.

A Vietnamese name capitalises each word's first syllable only ('Sở Thông tin và Truyền
thông'), so a name word is a capitalised syllable plus at most one lower-case syllable that is
not a common verb or preposition ('Sở Nội vụ chủ trì' stops before 'chủ'); words join with
'và' or '-'. A locality may follow ('Đài Phát thanh và Truyền hình tỉnh', 'Công an tỉnh',
'UBND các xã, phường'). Groups named by their kind ('các sở, ban, ngành', 'các cơ quan, đơn
vị liên quan') are agencies too: plans assign tasks to them.

Each name as printed also has a *canonical* name (:func:`canonical_name`), so one body
printed several ways is one body: 'UBND tỉnh' and 'Uỷ ban nhân dân tỉnh' are 'Ủy ban nhân
dân tỉnh', 'SỞ TÀI CHÍNH' and 'Sở Tài Chính' are 'Sở Tài chính', 'Sở TN&MT' is 'Sở Tài
nguyên và Môi trường'. The canonical spellings come from a gazetteer counted over the corpus
(``normalize/data/agencies.json``, built by ``scripts/build_agencies.py``); a PhraseMatcher
over its names and their abbreviations also finds names the patterns cannot ('Sở KH&ĐT').
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import product
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from ..models.doc_types import fold
from .doers import PREDICATE
from .lines import squash

LABEL = "AGENCY"
# A department's or ministry's own office and inspectorate, named alone ('5. Văn phòng Sở: …') or
# with their body ('Văn phòng Sở Công Thương tỉnh Lào Cai').
UNITS = ["Văn phòng Sở", "Văn phòng Bộ", "Thanh tra Sở", "Thanh tra Bộ"]
# A company named with its legal form in lower case ('Công ty cổ phần Mông Sơn'), whose business line may
# run on in lower case up to its place (see ``NOT_BUSINESS``).
LEGAL_FORMS = ["Công ty cổ phần", "Công ty trách nhiệm hữu hạn"]
HEADS = [
    "Sở", "Ban", "Bộ", "Phòng", "Đài", "Báo", "Cục", "Chi cục", "Văn phòng", "Công an", "Trung tâm", "Viện", "Hội",
    "Liên đoàn", "Tỉnh đoàn", "Thành đoàn", "Kho bạc", "Ngân hàng", "Bảo hiểm xã hội", "Thanh tra", "Tòa án",
    "Viện kiểm sát", "Ủy ban", "Uỷ ban", "Bộ Chỉ huy", "Bộ đội", "Cảnh sát", "Điện lực", "Thuế", "Mặt trận",
    "Báo và Phát thanh, Truyền hình", "Thông tấn xã",  # a province's merged press and broadcaster (2025)
    "Viện Nghiên cứu phát triển",  # a province's development institute: four syllables before its place
    "Vụ",  # a ministry's department ('Vụ trưởng Vụ Kế hoạch, Tài chính')
    "Chi nhánh",  # a company's branch, named with its company ('Chi nhánh số 1 - Công ty cổ phần …')
    "Công ty",  # a company charged by a decision or notice ('Công ty TNHH MTV Duy Hiếu phải …')
    *LEGAL_FORMS,
    "Tập đoàn", "Tổng công ty",  # state groups and corporations charged by directives ('Tập đoàn Điện lực Việt Nam')
    *UNITS,
]
# Boards of economic and industrial zones, whose names run in lower case ('các khu' would
# otherwise read as a locality and end the name).
ZONE_BOARDS = [
    "Ban Quản lý các khu chế xuất và công nghiệp", "Ban Quản lý các khu công nghiệp", "Ban Quản lý khu kinh tế",
    "Ban Quản lý các khu công nghệ cao", "Ban Quản lý khu công nghệ cao", "Ban Quản lý khu nông nghiệp ứng dụng công nghệ cao",
    "Ban Quản lý khu kinh tế mở", "Ban Quản lý khu kinh tế cửa khẩu",
]
# The Party's committees, printed in either case ('Bí thư tỉnh ủy', 'Ban Thường vụ Tỉnh ủy Đắk Lắk').
PARTY_COMMITTEE: list[dict[str, Any]] = [{"LOWER": {"IN": ["tỉnh", "thành", "huyện", "đảng"]}},
                                          {"LOWER": {"IN": ["ủy", "uỷ"]}}]
COUNCILS = [  # need a locality
    "UBND", "HĐND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân", "Viện kiểm sát nhân dân",
    "Tòa án nhân dân",
]
LOCALITY = ["tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "trấn", "phường", "cấp", "các", "đặc", "khu"]
# Lower-case syllables that never end a name word: they start the sentence's predicate.
NOT_NAME = {
    "chủ", "phối", "theo", "thực", "triển", "hướng", "xây", "tham", "có", "là", "được", "các", "cho", "với",
    "trong", "tại", "để", "về", "của", "đôn", "kiểm", "giao", "căn", "rà", "tiếp", "nghiên", "đề", "tăng",
    "đẩy", "quản", "bố", "thường", "định", "hằng", "hàng", "làm", "lập", "phụ", "và", "chỉ", "báo", "hỗ",
    "tạo", "đảm", "tổ", "trình", "cung", "gửi", "nắm", "ban", "sẽ", "đã", "cần", "phải", "tuyên", "lồng",
    "bảo", "thẩm", "cấp", "tỉnh", "thành", "huyện", "xã", "phường", "quận", "thị", "khu", "đặc", "phát",
    "sở", "ngành", "tích", "khẩn", "đê", "chịu", "trực", "vận", "rút", "nâng", "ứng", "đánh", "ưu", "trước",
    "tổng", "kịp", "nghiêm", "sớm", "trân", "nêu", "hoàn", "yêu", "đang", "kính", "phúc", "trả",
    "nhận", "xác", "chấm", "cử",
}
# Words that end a business name written in lower case ('Công ty cổ phần xây dựng giao thông Yên Bái có …'):
# the predicate and the prepositions that follow a name; a business line may start with any verb ('xây dựng').
NOT_BUSINESS = {"có", "là", "được", "phải", "đã", "sẽ", "đang", "cần", "chịu", "đề", "tại", "của", "theo", "với", "cho",
                "để", "về", "trên", "thuộc", "các"}
# Verbs' first syllables that a name has only as its first lower-case syllable ('Trung tâm Xúc
# tiến', but 'Bộ Công an tiến hành …'): never the second one of a name word.
NOT_SECOND = {"tiến"}
NAME_BREAKS = ["sở", "phòng", "ban", "đài", "báo", "cục", "viện", "hội", "ubnd", "hđnd", "ủy", "uỷ"]  # heads that open a new name
# A verb's first syllable that a text file prints capitalised after a name ('Giao Sở X Khẩn trương chia sẻ …'):
# it starts no name word.
VERBS_CAPITALISED = ["khẩn", "xét"]  # and a letter's opening run on after its addressee ('Bộ Công Thương Xét đề nghị …')
# The short name a letter gives the firm it writes to ('Đề nghị Doanh nghiệp tổ chức …'): a body only when what
# it does follows, not a kind of firm inside a sentence ('Doanh nghiệp công nghệ số Việt Nam tận dụng …')
_SHORT_FIRM = "Doanh nghiệp"
MAX_NAME_WORDS = 6
# Words that, after a dash, start the role of the body before it, not more of its name
# ('Sở Tài chính - Cơ quan thường trực', '… - Thường trực Ban Chỉ đạo'); a name goes on after a
# dash otherwise ('Phòng Kế hoạch - Tổng hợp', 'Sở Lao động - Thương binh và Xã hội').
ROLE_AFTER_DASH = {"cơ", "thường", "đơn", "trưởng", "phó"}
GROUPS = [
    "sở , ban , ngành , đoàn thể", "sở , ban , ngành", "sở , ngành", "sở ban ngành", "ban , ngành",
    "cơ quan , đơn vị", "cơ quan , tổ chức", "cơ quan , tổ chức , cá nhân", "cơ quan , ban , ngành", "đơn vị", "cơ quan",
    "cơ quan chuyên môn", "địa phương",
    "đơn vị , địa phương", "cơ quan , đơn vị , địa phương", "Đoàn thể", "tổ chức chính trị - xã hội",
    "cơ quan , đơn vị , địa phương , doanh nghiệp", "tổ chức chính trị - xã hội trực thuộc",
    "bộ , ngành", "bộ , ngành , địa phương", "bộ , cơ quan ngang bộ", "sở", "ngành", "sở ngành", "bộ ngành", "tổ chức , cá nhân", "cấp ủy đảng",
    "cấp ủy", "tổ chức , doanh nghiệp", "tổ chức thành viên", "tổ chức chính trị - xã hội thành viên", "cơ sở sản xuất", "phòng", "bộ", "tập đoàn", "tổng công ty",
    "cơ quan ngang bộ", "cơ quan ngang bộ , cơ quan thuộc chính phủ", "nhà đầu tư", "nhà thầu",
    "cơ quan chủ quản", "cơ quan truyền thông", "cơ quan báo chí", "cơ quan truyền thông , báo chí",
    "ngân hàng thương mại", "ngân hàng thương mại cổ phần",
    "lực lượng chức năng",  # the enforcement forces a directive charges ('Các lực lượng chức năng phải …')
]
# Heads of agencies charged by their title ('Giám đốc các Sở', 'Chủ tịch UBND các xã'), and the
# titles Nghị định 30's closing article of a decision names on their own ('Các Bộ trưởng, Thủ
# trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ … chịu trách nhiệm thi hành …'),
# as directives do too ('Thủ trưởng cơ quan ngang bộ, cơ quan trực thuộc Chính phủ'), with the
# inspectorates they charge by kind ('Cơ quan thanh tra khẩn trương …').
TITLES = ["Giám đốc", "Tổng Giám đốc", "Tổng giám đốc", "Thủ trưởng", "Chủ tịch", "Chánh", "Bộ trưởng", "Trưởng ban", "Chánh án",
          "Viện trưởng", "Cục trưởng", "Chi cục trưởng", "Trưởng phòng", "Vụ trưởng", "thành viên", "Bí thư", "Thường trực", "Thống đốc",
          "lãnh đạo", "Lãnh đạo", "Thứ trưởng", "Phó Chủ tịch", "Phó Giám đốc",
          "Trưởng", "Phó Trưởng"]  # 'Trưởng phòng Quản lý công nghiệp', the name read as 'phòng …'
LONE_TITLES = ["bộ trưởng", "thủ trưởng cơ quan ngang bộ", "thủ trưởng cơ quan thuộc chính phủ",
               "thủ trưởng cơ quan ngang bộ , cơ quan thuộc chính phủ",
               "thủ trưởng cơ quan ngang bộ , cơ quan trực thuộc chính phủ", "cơ quan thanh tra"]
_BRANCH_BEFORE = re.compile(r"Chi nhánh(?: số \d+)?\s*[-–]\s*$")  # a numbered branch, named with its company after a dash
_TITLE_BEFORE = re.compile(r"(?:(?<=\s)|^)(?:(?:Các|các)\s+)?(?:" + "|".join(sorted(TITLES, key=len, reverse=True))
                           + r")\s+$")
# A group goes on with more kinds ('Các Sở, ngành' + ', đơn vị') and ends with what qualifies it
# ('… có liên quan', '… được phân công nhiệm vụ', '… trực thuộc Ủy ban nhân dân Thành phố').
KINDS = ["sở", "ban", "ngành", "bộ", "phòng", "cơ quan", "đơn vị", "địa phương", "đoàn thể", "doanh nghiệp", "cá nhân",
         "nhà thầu", "nhà đầu tư", "cơ quan chủ quản", "cơ sở giáo dục", "trường học"]
_MORE_KINDS = re.compile(r"(?:(?:\s*,\s*|\s+và\s+)(?:" + "|".join(sorted(KINDS, key=len, reverse=True)) + r")\b)+",
                         re.IGNORECASE)  # 'các Sở, ngành' + ' và địa phương'; 'và các …' starts another group
_QUALIFIER = re.compile(r"(?:\s+(?:cấp\s+)?(?:tỉnh|huyện|xã|trung ương))?(?:\s+khác)?"
                        r"(?:\s+(?:có\s+liên\s+quan|liên\s+quan|chức\s+năng|chuyên\s+môn|thành\s+viên"
                        r"|được\s+phân\s+công(?:\s+nhiệm\s+vụ)?|nêu\s+trên"
                        r"|trực\s+thuộc(?=\s+[A-ZĐÀ-Ỹ]|\s*[.;,]|\s*$"  # '… trực thuộc Ủy ban …', '… trực thuộc.'
                        r"|\s+(?:thực hiện|triển khai|chủ động|khẩn trương|tiếp tục|phối hợp|có trách nhiệm)\b)"
                        r"|thuộc\s+(?:tỉnh|thành\s+phố|Chính\s+phủ)\b))?")
CENTRAL: list[dict[str, Any]] = [{"LOWER": "trực"}, {"LOWER": "thuộc"}, {"LOWER": "trung"}, {"LOWER": "ương"}]


@dataclass(frozen=True, slots=True)
class Agency:
    """An agency as printed and where it sits in the text (character offsets)."""

    text: str
    start: int
    end: int


GAZETTEER = "agencies.json"
LONG_FORMS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "Uỷ": "Ủy", "uỷ": "ủy", "UỶ": "ỦY"}
_ASSIGNING = re.compile(r"(?:Đề nghị|Giao)\s+", re.IGNORECASE)
_LIST_JOINER = re.compile(r"^\s*(?:[,;]?\s*(?:và\s+)?)?$")
_GROUP_SPLIT = re.compile(r",\s*|\s+và\s+|\s+-\s+|\s+–\s+")
# The other localities of a body that each province or city has ('Sở Văn hóa và Thể thao tỉnh'
# + ', thành phố trực thuộc Trung ương'): a regular expression, as token patterns for it on every
# head cost a quarter more matching time.
_CENTRAL_TAIL = re.compile(r"(?:(?<=tỉnh)|(?<=phố))(?:,\s*(?:tỉnh|thành phố))+\s+trực thuộc [Tt]rung ương")
# The stretch of the country a council of places covers ('Chủ tịch Ủy ban nhân dân các tỉnh, thành phố
# ven biển từ Đà Nẵng đến Lâm Đồng', '… từ Hà Tĩnh đến Lâm Đồng'), as directives on storms charge them.
_NAMED = r"[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*){0,3}"
# What a board's name goes on with in lower case or digits: the works a project board builds and
# where ('Ban Quản lý dự án đầu tư xây dựng' + ' công trình giao thông tỉnh'), or its number ('Ban
# Chỉ đạo 751', 'Ban Quản lý Dự án 85').
_BOARD_TAIL = re.compile(r"(?<=xây dựng)\s+(?:các\s+)?công trình(?:\s+(?:giao thông|dân dụng(?:\s+và\s+công nghiệp)?"
                         r"|nông nghiệp(?:\s+và\s+phát triển nông thôn)?|hạ tầng|văn hóa|y tế))?"
                         r"(?:\s+(?:tỉnh|thành phố|huyện|khu vực)(?:\s+[A-ZĐ]\w*){0,3})?"
                         r"|\s+\d{1,4}\b(?![/.,:-]\d)")
# A place ending a name whose first syllable is a head's ('Trung tâm Bảo tồn Di sản Văn hóa thế giới Hội An'):
# read as a body of its own right after the name, with nothing between.
_PLACE_AFTER = re.compile(r" Hội [A-ZĐÀ-Ỹ]\w*")
# The place a known name left off after its level ('Bộ chỉ huy quân sự tỉnh' + ' Lào Cai').
_PLACE_NAME_TAIL = re.compile(r"(?:(?<=\stỉnh)|(?<=\shuyện)|(?<=\sxã)|(?<=\sphường))(?:\s+(?!Giao\b|Đề\b|Yêu\b|Căn\b|Chủ\b|Phối\b"
                              r"|Thực\b|Khẩn\b|Tổ\b)\w+){1,3}")  # only its capitalised words (see _place_end)
_SHORT_NAME = re.compile(r"\s*\([A-ZĐ][A-ZĐ0-9&]{1,9}\)")  # the abbreviation a body is printed with after its name
_RANGE_TAIL = re.compile(rf"(?:(?<=tỉnh)|(?<=phố))(?:\s+ven biển)?\s+từ\s+{_NAMED}\s+đến\s+{_NAMED}")
# A group of ministries or departments named by their members: 'Các Bộ: Quốc phòng, Công an'.
_LISTING_HEAD = re.compile(r"(?:^|\s)[Cc]ác\s+(Bộ|Sở|Tập đoàn|Tổng công ty)(?:,\s*(?:cơ quan|ngành))?$")
# Councils of several places, named after a ':' ('Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa,
# Đắk Lắk, Gia Lai'); the places are proper names, not bodies of their own.
_PLACES_HEAD = re.compile(r"\b[Cc]ác\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)(?:,\s*(?:thành phố|tỉnh))?"
                          r"(?:\s+trực thuộc [Tt]rung ương)?$")
MAX_PLACE_WORDS = 5  # 'Bà Rịa - Vũng Tàu': four words and a dash
_WORD = re.compile(r"[^\s,;:.()]+")
# A body's head as printed, opening the next name of a list ('Sở Y tế', 'Bộ Y tế'); a place whose first
# syllable is a head's ('Điện Biên', 'Thanh Hóa') is no head.
_HEAD_START = re.compile("(?:" + "|".join(sorted(map(re.escape, HEADS + COUNCILS), key=len, reverse=True)) + r")\s")
_ABBREVIATION = re.compile(r"^[A-ZĐ][A-ZĐ&,\-.]*[A-ZĐ]$")


def find_agencies(text: str, known: bool = True) -> list[Agency]:
    """The agencies named in ``text``, in order, longest match where they overlap; with
    ``known``, names of the gazetteer are matched too (the gazetteer's build runs without)."""
    return list(_find_agencies(text, known))


@lru_cache(maxsize=4096)
def _find_agencies(text: str, known: bool) -> tuple[Agency, ...]:
    """Cached: the task reader asks about the same paragraph several times, and the matcher
    costs a few milliseconds a paragraph."""
    nlp = _nlp()
    doc = nlp(text)
    spans = list(doc.ents)
    if known and (matcher := _known_matcher()) is not None:
        spans = _with_known(spans, [doc[start:end] for _, start, end in matcher(doc)])
    found = []
    for ent in spans:
        tokens = list(ent)
        while tokens and tokens[-1].text in {",", "và", "các", "cấp", "thành", "thị", "đặc"}:  # a locality run's loose end
            tokens.pop()
        role = next((i for i in range(1, len(tokens) - 1) if tokens[i].text in "-–" and
                     tokens[i + 1].lower_ in ROLE_AFTER_DASH), None)
        if role is not None:  # 'Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo': the body, then its role
            tokens = tokens[:role]
        if tokens and _SHORT_FIRM == " ".join(t.text for t in tokens) \
                and not PREDICATE.match(fold(text[tokens[-1].idx + len(tokens[-1].text):].strip())):
            continue  # 'Doanh nghiệp công nghệ số Việt Nam tận dụng …': a kind of firm, not the one a letter addresses
        if tokens:
            found.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return tuple(Agency(text[start:end], start, end) for start, end in _widened(text, found))


def _widened(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans grown by what the token patterns cannot say: a group's further kinds and its
    qualifier ('Các Sở, ngành' → 'Các Sở, ngành, đơn vị liên quan'), a 'trực thuộc' naming the
    body above ('các cơ quan, đơn vị trực thuộc Ủy ban nhân dân Thành phố') and the title of the
    head charged ('Chủ tịch Ủy ban nhân dân các xã'). A span a grown one covers is dropped."""
    widened: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(spans):
        if widened and start < widened[-1][1]:
            continue
        if widened and _PLACE_AFTER.fullmatch(text, widened[-1][1], end):  # '… Văn hóa thế giới' + ' Hội An'
            widened[-1] = (widened[-1][0], end)
            continue
        if is_collective(text[start:end]):
            if text[start:end].lower().endswith(tuple(KINDS)) and (more := _MORE_KINDS.match(text, end)):
                end = more.end()
            end = _QUALIFIER.match(text, end).end()  # type: ignore[union-attr]
            above = next((s for s in spans[index + 1:] if s[0] > end), None)
            if text[start:end].endswith("thuộc") and above and not text[end:above[0]].strip():
                end = above[1]
        if not is_collective(text[start:end]) and (place := _PLACE_NAME_TAIL.match(text, end)):
            end = _place_end(place)
        if not is_collective(text[start:end]) and (central := _CENTRAL_TAIL.match(text, end)):
            end = central.end()  # 'Sở Văn hóa và Thể thao tỉnh' + ', thành phố trực thuộc Trung ương'
        if _PLACES_HEAD.search(text, start, end) and (stretch := _RANGE_TAIL.match(text, end)):
            end = stretch.end()
        if text.startswith("Ban ", start) and (board := _BOARD_TAIL.match(text, end)) and board.end() > end:
            end = board.end()
        if not is_collective(text[start:end]) and (short := _SHORT_NAME.match(text, end)):
            end = short.end()  # 'Đài Truyền hình Việt Nam (VTV)', as printed
        if (head := _LISTING_HEAD.search(text[start:end])) and text[end:end + 1] == ":":
            end = _members_end(text, end, head[1])
        elif _PLACES_HEAD.search(text, start, end) and text[end:end + 1] == ":":
            end = _places_end(text, end)
        if text.startswith("Công ty", start) and (branch := _BRANCH_BEFORE.search(text, 0, start)):
            start = branch.start()  # 'Chi nhánh số 1 - ' + 'Công ty cổ phần …'
            while widened and widened[-1][1] > start:  # its 'Chi nhánh', found on its own
                widened.pop()
        if title := _TITLE_BEFORE.search(text, 0, start):
            start = title.start()
            while widened and widened[-1][1] > start:  # 'Bộ trưởng' of 'Bộ trưởng Bộ Tài chính'
                widened.pop()
        widened.append((start, end))
    return widened


def _place_end(tail: re.Match[str]) -> int:
    """Where the capitalised words of a place after a known name end ('… tỉnh' + ' Lào Cai', not
    ' được'): [A-ZĐÀ-Ỹ] would take lower-case Vietnamese letters too."""
    end = tail.start()
    for word in re.finditer(r"\s+(\w+)", tail[0]):
        if not word[1][0].isupper():
            break
        end = tail.start() + word.end()
    return end


def _members_end(text: str, colon: int, head: str) -> int:
    """Where the members listed after 'Các Bộ:' / 'các Sở:' end ('Các Bộ: Quốc phòng, Công an
    chủ động …' → after 'Công an'): each member read as a name of its own ('Bộ Công an'), the
    list ending with the first that the patterns do not read whole or cannot read at all."""
    end = colon
    position = colon + 1
    for piece in re.finditer(r"\s*(?:và\s+)?([^,;]+)", text[position:]):
        member = piece[1].rstrip()
        found = find_agencies(f"{head} {member}")
        if not found or found[0].start != 0 or not member[:1].isupper():
            break
        covered = found[0].end - len(head) - 1
        if covered < len(member) and not set(member[covered:].split()) & NOT_NAME:
            covered = len(member)  # lower-case words the patterns stop at, but no predicate ('Bưu chính viễn thông Việt Nam')
        end = position + piece.start(1) + covered
        if covered < len(member):
            break
    return end


def _places_end(text: str, colon: int) -> int:
    """Where the places listed after 'các tỉnh:' end: after the last run of capitalised words
    joined by ',' or 'và' ('…: Khánh Hòa, Đắk Lắk, Gia Lai và lãnh đạo …' → after 'Gia Lai')."""
    end, words = colon, 0
    for word in _WORD.finditer(text, colon + 1):
        if word[0] == "và":
            continue
        gap = text[end:word.start()]
        if not (word[0][:1].isupper() or word[0] in "-–") or _HEAD_START.match(text, word.start()) or ";" in gap:
            break  # a lower-case word, or the next body ('…: Gia Thuận, Tân Điền và Sở Y tế')
        words = 1 if not words or re.search(r",|\bvà\b", gap) else words + 1
        if words > MAX_PLACE_WORDS:
            break
        end = word.end()
    return end


def is_name_list(text: str) -> bool:
    """``text`` names agencies and nothing else, maybe after 'Đề nghị' / 'Giao' and before a
    closing ':' ('Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh; Chủ tịch Ủy ban nhân dân các
    xã, phường:'): the heading of an item whose text or bullets are those agencies' duties."""
    stripped = text.strip()
    body = stripped.rstrip(" :")
    position = intro.end() if (intro := _ASSIGNING.match(body)) else 0
    # matched on the text with its ':' (the section reader asks the matcher about that same
    # text, and it is cached); no name reaches into the ':'
    agencies = [a for a in find_agencies(stripped) if a.start >= position and a.end <= len(body)]
    for agency in agencies:
        if not _LIST_JOINER.match(body[position:agency.start]):
            return False
        position = agency.end
    return bool(agencies) and not body[position:].strip()


def proper_names(text: str) -> bool:
    """A list of place or body names, every word capitalised ('Gia Thuận, Tân Điền, Gò Công Đông'):
    after an agency and ':' ('Ủy ban nhân dân các xã: …') they say which ones, they are no duty."""
    parts = [part.split() for part in text.strip().rstrip(".").split(",")]
    return len(parts) > 1 and all(part and all(word[:1].isupper() for word in part) for part in parts)


def _with_known(found: list[Span], known: list[Span]) -> list[Span]:
    """The pattern matches, a known name completing one it cut short (same start, longer:
    'Sở Giáo dục và Đào' → 'Sở Giáo dục và Đào tạo'), and known names elsewhere. A comma where
    the pattern stopped ends the name: the gazetteer, counted from the corpus, also holds runs
    such as 'Ủy ban nhân dân Thành phố, Chủ tịch' that swallow the next name of a list."""
    spans = list(found)
    for name in filter_spans(known):
        overlaps = [s for s in spans if s.start < name.end and name.start < s.end]
        if not overlaps:
            spans.append(name)
        elif len(overlaps) == 1 and overlaps[0].start == name.start and name.end > overlaps[0].end \
                and name.doc[overlaps[0].end].text != ",":
            spans[spans.index(overlaps[0])] = name
    return sorted(spans, key=lambda s: s.start)


def expand(text: str) -> str:
    """The long form of a printed name: 'UBND tỉnh' → 'Ủy ban nhân dân tỉnh', 'Uỷ' → 'Ủy'."""
    return " ".join(LONG_FORMS.get(token, token) for token in squash(text).strip(" ,;.:").split())


def is_collective(name: str) -> bool:
    """A group named by its kind ('các sở, ban, ngành', 'cơ quan, đơn vị liên quan')."""
    return not name[:1].isupper() or fold(name).startswith("cac ")


def canonical_name(printed: str) -> str:
    """The canonical name of an agency as printed: its gazetteer spelling when the gazetteer
    knows it (also by abbreviation: 'Sở TN&MT'), else its long form."""
    name = expand(printed)
    index, abbreviations = _canonical_index()
    head, _, rest = name.partition(" ")
    if rest and _ABBREVIATION.match(rest) and (known := abbreviations.get(_abbreviation_key(head, rest))):
        return known  # before the spelling itself: the corpus prints 'Sở VHTTDL' too
    return index.get(fold(name), name)


def is_known(printed: str) -> bool:
    """Whether the gazetteer holds the name (in any of its printed spellings)."""
    return fold(expand(printed)) in _canonical_index()[0]


def _abbreviation_key(head: str, letters: str) -> str:
    return f"{fold(head)} {re.sub(r'[^a-z]', '', fold(letters))}"


def _initials(name: str) -> tuple[str, str] | None:
    """Head and initials of a name: 'Sở Văn hóa, Thể thao và Du lịch' → ('Sở', 'VHTTDL')."""
    head = next((h for h in sorted(HEADS, key=len, reverse=True) if name.startswith(h + " ")), None)
    if head is None:
        return None
    groups = [g for g in _GROUP_SPLIT.split(name[len(head) + 1:]) if g]
    if len(groups) < 1 or any(not w[:1].isalpha() for g in groups for w in g.split()):
        return None
    return head, "".join(w[0].upper() for g in groups for w in g.split())


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, int]:
    """Canonical name → count in the corpus; empty when the file is not built."""
    source = resources.files("kehoach.normalize.data").joinpath(GAZETTEER)
    if not source.is_file():
        return {}
    return json.loads(source.read_text(encoding="utf-8"))["names"]


@lru_cache(maxsize=1)
def _canonical_index() -> tuple[dict[str, str], dict[str, str]]:
    """Folded name → canonical name, and 'head initials' → canonical name (the most frequent
    name wins where two share their initials)."""
    index: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    for name in _gazetteer():  # most frequent first
        index.setdefault(fold(name), name)
        if (found := _initials(name)) is not None and len(found[1]) >= 2:
            abbreviations.setdefault(_abbreviation_key(*found), name)
    return index, abbreviations


@lru_cache(maxsize=1)
def _known_matcher() -> PhraseMatcher | None:
    """Gazetteer names, matched without case, and their '&' abbreviations ('Sở TN&MT')."""
    names = _gazetteer()
    if not names:
        return None
    nlp = _nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases = list(names)
    for name in names:
        if (found := _initials(name)) is not None:
            head, letters = found
            groups = [g for g in _GROUP_SPLIT.split(name[len(head) + 1:]) if g]
            if len(groups) >= 2:
                parts = ["".join(w[0].upper() for w in g.split()) for g in groups]
                phrases.append(f"{head} {''.join(parts[:-1])}&{parts[-1]}")
    matcher.add(LABEL, [nlp.make_doc(p) for p in phrases])
    return matcher


@lru_cache(maxsize=1)
def _nlp() -> Language:
    nlp = spacy.blank("xx")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": LABEL, "pattern": p} for p in _patterns()])  # type: ignore[attr-defined]
    return nlp


Pattern = list[dict[str, Any]]


def _patterns() -> list[Pattern]:
    locality: Pattern = [{"LOWER": {"IN": LOCALITY}, "OP": "*"}]
    localities: Pattern = [{"LOWER": {"IN": [*LOCALITY, ","]}, "OP": "*"}]  # 'các huyện, thị xã, thành phố'
    place: Pattern = [{"LOWER": {"IN": LOCALITY}}, *locality, {"IS_TITLE": True, "OP": "*"}]  # 'tỉnh Lào Cai'
    patterns: list[Pattern] = []
    for head in HEADS:
        head_tokens = _phrase(head, first_title=True)
        for n in range(1, MAX_NAME_WORDS + 1):
            patterns += [head_tokens + _name(n), head_tokens + _name(n) + place]
        patterns += [head_tokens + _listed_name(2), head_tokens + _listed_name(3)]
        if head in LEGAL_FORMS:
            # a business line in lower case, maybe after a capitalised word, up to its place ('Công ty Cổ phần xây
            # dựng giao thông Yên Bái', 'Công ty cổ phần Luyện kim hóa chất Tây Bắc') or to words of its own name
            # ('Công ty Cổ phần đầu tư phát triển Đô thị và Khu công nghiệp')
            business = {"IS_LOWER": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(NOT_BUSINESS)}, "OP": "{1,8}"}
            place_words = {"IS_TITLE": True, "LOWER": {"NOT_IN": NAME_BREAKS}, "OP": "{1,3}"}
            patterns.append(head_tokens + [business, place_words])
            patterns.append(head_tokens + [{"IS_TITLE": True}, business, place_words])
            own = [{"IS_TITLE": True, "LOWER": {"NOT_IN": NAME_BREAKS}},
                   {"IS_LOWER": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(NOT_BUSINESS)}, "OP": "{0,2}"}]
            patterns.append(head_tokens + [business, *own, {"LOWER": "và"}, *own])
            patterns.append(head_tokens + [{"IS_TITLE": True}, business, *own, {"LOWER": "và"}, *own])
        patterns.append(head_tokens + place)
    # a company whose form and trade are abbreviated, its business line in lower case after 'và', up to its
    # place ('Công ty TNHH MTV PCCC và xây dựng Phú Thành')
    patterns.append(_phrase("Công ty", first_title=True) + [
        {"IS_UPPER": True, "OP": "{1,4}"}, {"LOWER": "và"},
        {"IS_LOWER": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(NOT_BUSINESS)}, "OP": "{1,6}"},
        {"IS_TITLE": True, "LOWER": {"NOT_IN": NAME_BREAKS}, "OP": "{1,3}"}])
    patterns += [_phrase(unit, first_title=True) for unit in UNITS]
    for board in ZONE_BOARDS:  # 'Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ'
        patterns += [_phrase(board, first_title=True) + [{"IS_TITLE": True, "LOWER": {"NOT_IN": NAME_BREAKS}, "OP": "*"}],
                     _phrase(board, first_title=True) + place]
    proper: Pattern = [{"IS_TITLE": True, "LOWER": {"NOT_IN": NAME_BREAKS}, "OP": "*"}]  # 'tỉnh Lào Cai', not after a comma
    for council, office in product(COUNCILS, ([], _phrase("Văn phòng", first_title=True))):
        council_tokens = office + _phrase(council, first_title=not office)
        patterns.append(council_tokens + [{"LOWER": {"IN": LOCALITY}}] + locality + proper)
        patterns.append(council_tokens + [{"LOWER": {"IN": LOCALITY}}] + localities + [{"LOWER": {"IN": LOCALITY}}]
                        + proper)
        patterns.append(council_tokens + [{"LOWER": {"IN": LOCALITY}}] + localities + CENTRAL)
        patterns.append(council_tokens + _name(1))  # 'UBND Thành phố'
    for group in GROUPS:
        for tail in ([], [{"LOWER": "có", "OP": "?"}, {"LOWER": "liên"}, {"LOWER": "quan"}]):
            article = {"LOWER": "các", "OP": "?" if group.startswith(("sở ", "ban ")) else None}
            patterns.append([{k: v for k, v in article.items() if v}, *_phrase(group), *locality, *tail])
    patterns += [[{"LOWER": "các", "OP": "?"}, *_phrase(title)] for title in LONE_TITLES]
    patterns.append(PARTY_COMMITTEE + proper)
    # the investor a notice or decision charges, written as a role with a capital ('Chủ đầu tư phối hợp …');
    # not 'Các chủ đầu tư …' opening an item, which goes on into a longer name ('Các chủ đầu tư xây dựng và kinh doanh hạ tầng …')
    patterns.append([{"TEXT": "Chủ"}, {"LOWER": "đầu"}, {"LOWER": "tư"}])
    # the investors a letter asks in the sentence's run ('… đề nghị các chủ đầu tư tập trung thực hiện …')
    patterns.append([{"TEXT": "các"}, {"TEXT": "chủ"}, {"LOWER": "đầu"}, {"LOWER": "tư"}])
    # the Party committee and government of a place, charged together ('Cấp ủy, chính quyền Thành phố phải …')
    patterns.append([{"LOWER": "các", "OP": "?"}, *_phrase("cấp ủy")])
    patterns.append([{"LOWER": "các", "OP": "?"}, *_phrase("chính quyền"), {"LOWER": {"IN": LOCALITY}, "OP": "+"}])
    # the bodies a decision sets up for a while, and their heads ('Đoàn kiểm tra tự giải thể …', '… do Trưởng
    # đoàn phân công'), and the people it names in an article ('… và các ông/bà có tên tại Điều 1 chịu trách nhiệm …')
    patterns.append([{"TEXT": {"IN": ["Đoàn", "Tổ"]}}, {"LOWER": {"IN": ["kiểm", "thanh", "công"]}},
                     {"LOWER": {"IN": ["tra", "tác"]}}])
    patterns.append([{"TEXT": "Trưởng"}, {"LOWER": "đoàn"}])
    patterns.append([{"TEXT": "Tổ"}, {"LOWER": "trưởng"}, {"LOWER": "tổ", "OP": "?"},
                     {"LOWER": {"IN": ["công", "kiểm"]}, "OP": "?"}, {"LOWER": {"IN": ["tác", "tra"]}, "OP": "?"}])
    patterns.append([{"TEXT": "Công"}, {"LOWER": "ty"}])  # the short name a decision defines ('sau đây gọi tắt Công ty')
    # and a letter to a firm (see _SHORT_FIRM)
    patterns.append(_phrase(_SHORT_FIRM, first_title=True))
    patterns.append([{"TEXT": "Chi"}, {"LOWER": "nhánh"}])  # and a letter to a branch ('(sau đây gọi tắt là Chi nhánh)')
    patterns.append([{"LOWER": "các", "OP": "?"}, {"LOWER": {"IN": ["ông", "bà", "thành", "cá"]}},
                     {"LOWER": {"IN": ["/", "(", ")", ",", "bà", "viên", "nhân"]}, "OP": "*"},
                     *_phrase("có tên tại điều"), {"IS_DIGIT": True}])
    # individuals concerned, with or without the bodies ('các tổ chức cá nhân có liên quan', 'cá nhân có liên quan')
    patterns.append([{"LOWER": "các", "OP": "?"}, {"LOWER": "tổ", "OP": "?"}, {"LOWER": "chức", "OP": "?"},
                     *_phrase("cá nhân"), {"LOWER": "có", "OP": "?"}, *_phrase("liên quan")])
    # the Prime Minister's deputies, charged in directives ('Phó Thủ tướng Chính phủ Trần Hồng Hà', 'các Phó Thủ tướng')
    patterns.append([{"LOWER": "các", "OP": "?"}, *_phrase("Phó Thủ tướng", first_title=True),
                     *({**token, "OP": "?"} for token in _phrase("Chính phủ")), *proper])
    return patterns


def _phrase(words: str, first_title: bool = False) -> Pattern:
    tokens: Pattern = [{"LOWER": w.lower()} for w in re.findall(r"\w+|[^\w\s]", words)]  # 'thanh,' is two tokens
    if first_title:
        tokens[0] = {"LOWER": tokens[0]["LOWER"], "IS_LOWER": False}
    return tokens


def _word() -> Pattern:
    """A name word: a capitalised syllable and up to two lower-case ones ('Khu kinh tế').
    It is never a one-word head, or 'Sở Nội vụ, Sở Tài chính và Sở Y tế' would be one name."""
    syllable = {"IS_LOWER": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(NOT_NAME)}, "OP": "?"}
    second = {**syllable, "LOWER": {"NOT_IN": sorted(NOT_NAME | NOT_SECOND)}}
    return [{"IS_LOWER": False, "IS_ALPHA": True, "LOWER": {"NOT_IN": NAME_BREAKS + VERBS_CAPITALISED}}, syllable, second]


def _name(words: int) -> Pattern:
    """``words`` name words joined by optional 'và' / '-'."""
    pattern = _word()
    for _ in range(words - 1):
        pattern += [{"LOWER": {"IN": ["và", "-", "–"]}, "OP": "?"}, *_word()]
    return pattern


def _listed_name(listed: int) -> Pattern:
    """A name that lists ``listed`` fields before its 'và': 'Văn hóa, Thể thao và Du lịch', maybe
    with a place ('Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam')."""
    field = _word()
    pattern = list(field)
    for _ in range(listed - 1):
        pattern += [{"TEXT": ","}, *field]
    return [*pattern, {"LOWER": "và"}, *field, {"IS_TITLE": True, "LOWER": {"NOT_IN": NAME_BREAKS}, "OP": "*"}]
