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
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

import spacy
from spacy.language import Language

LABEL = "AGENCY"
HEADS = [
    "Sở", "Ban", "Bộ", "Phòng", "Đài", "Báo", "Cục", "Chi cục", "Văn phòng", "Công an", "Trung tâm", "Viện", "Hội",
    "Liên đoàn", "Tỉnh đoàn", "Thành đoàn", "Kho bạc", "Ngân hàng", "Bảo hiểm xã hội", "Thanh tra", "Tòa án",
    "Viện kiểm sát", "Ủy ban", "Uỷ ban", "Bộ Chỉ huy", "Bộ đội", "Cảnh sát", "Điện lực", "Thuế",
]
COUNCILS = ["UBND", "HĐND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân"]  # need a locality
LOCALITY = ["tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "trấn", "phường", "cấp", "các", "đặc", "khu"]
# Lower-case syllables that never end a name word: they start the sentence's predicate.
NOT_NAME = {
    "chủ", "phối", "theo", "thực", "triển", "hướng", "xây", "tham", "có", "là", "được", "các", "cho", "với",
    "trong", "tại", "để", "về", "của", "đôn", "kiểm", "giao", "căn", "rà", "tiếp", "nghiên", "đề", "tăng",
    "đẩy", "quản", "bố", "thường", "định", "hằng", "hàng", "làm", "lập", "phụ", "và", "chỉ", "báo", "hỗ",
    "tạo", "đảm", "tổ", "trình", "cung", "gửi", "nắm", "ban", "sẽ", "đã", "cần", "phải", "tuyên", "lồng",
    "bảo", "thẩm", "cấp", "tỉnh", "thành", "huyện", "xã", "phường", "quận", "thị", "khu", "đặc", "phát",
    "sở", "ngành", "tích", "khẩn", "đê", "chịu", "trực", "vận", "rút", "nâng", "ứng", "đánh", "ưu",
}
NAME_BREAKS = ["sở", "phòng", "ban", "đài", "báo", "cục", "viện", "hội", "ubnd", "hđnd"]  # heads that open a new name
MAX_NAME_WORDS = 6
GROUPS = [
    "sở , ban , ngành , đoàn thể", "sở , ban , ngành", "sở , ngành", "sở ban ngành", "ban , ngành",
    "cơ quan , đơn vị", "cơ quan , tổ chức", "đơn vị", "cơ quan", "cơ quan chuyên môn", "địa phương",
    "đơn vị , địa phương", "cơ quan , đơn vị , địa phương", "Đoàn thể", "tổ chức chính trị - xã hội",
]


@dataclass(frozen=True, slots=True)
class Agency:
    """An agency as printed and where it sits in the text (character offsets)."""

    text: str
    start: int
    end: int


def find_agencies(text: str) -> list[Agency]:
    """The agencies named in ``text``, in order, longest match where they overlap."""
    doc = _nlp()(text)
    found = []
    for ent in doc.ents:
        tokens = list(ent)
        while tokens and tokens[-1].text in {",", "và", "các", "cấp"}:  # a locality run's loose end
            tokens.pop()
        if tokens:
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            found.append(Agency(text[start:end], start, end))
    return found


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
        patterns.append(head_tokens + place)
    for council, office in product(COUNCILS, ([], _phrase("Văn phòng", first_title=True))):
        council_tokens = office + _phrase(council, first_title=not office)
        patterns.append(council_tokens + [{"LOWER": {"IN": LOCALITY}}] + localities + [{"IS_TITLE": True, "OP": "*"}])
        patterns.append(council_tokens + _name(1))  # 'UBND Thành phố'
    for group in GROUPS:
        for tail in ([], [{"LOWER": "có", "OP": "?"}, {"LOWER": "liên"}, {"LOWER": "quan"}]):
            article = {"LOWER": "các", "OP": "?" if group.startswith(("sở", "ban")) else None}
            patterns.append([{k: v for k, v in article.items() if v}, *_phrase(group), *locality, *tail])
    return patterns


def _phrase(words: str, first_title: bool = False) -> Pattern:
    tokens: Pattern = [{"LOWER": w.lower()} for w in words.split()]
    if first_title:
        tokens[0] = {"LOWER": tokens[0]["LOWER"], "IS_LOWER": False}
    return tokens


def _word() -> Pattern:
    """A name word: a capitalised syllable and up to two lower-case ones ('Khu kinh tế').
    It is never a one-word head, or 'Sở Nội vụ, Sở Tài chính và Sở Y tế' would be one name."""
    syllable = {"IS_LOWER": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(NOT_NAME)}, "OP": "?"}
    return [{"IS_LOWER": False, "IS_ALPHA": True, "LOWER": {"NOT_IN": NAME_BREAKS}}, syllable, dict(syllable)]


def _name(words: int) -> Pattern:
    """``words`` name words joined by optional 'và' / '-'."""
    pattern = _word()
    for _ in range(words - 1):
        pattern += [{"LOWER": {"IN": ["và", "-", "–"]}, "OP": "?"}, *_word()]
    return pattern


def _listed_name(listed: int) -> Pattern:
    """A name that lists ``listed`` fields before its 'và': 'Văn hóa, Thể thao và Du lịch'."""
    field = _word()
    pattern = list(field)
    for _ in range(listed - 1):
        pattern += [{"TEXT": ","}, *field]
    return [*pattern, {"LOWER": "và"}, *field]
