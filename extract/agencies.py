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
from .lines import squash

LABEL = "AGENCY"
HEADS = [
    "Sở", "Ban", "Bộ", "Phòng", "Đài", "Báo", "Cục", "Chi cục", "Văn phòng", "Công an", "Trung tâm", "Viện", "Hội",
    "Liên đoàn", "Tỉnh đoàn", "Thành đoàn", "Kho bạc", "Ngân hàng", "Bảo hiểm xã hội", "Thanh tra", "Tòa án",
    "Viện kiểm sát", "Ủy ban", "Uỷ ban", "Bộ Chỉ huy", "Bộ đội", "Cảnh sát", "Điện lực", "Thuế",
]
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
    "sở", "ngành", "tích", "khẩn", "đê", "chịu", "trực", "vận", "rút", "nâng", "ứng", "đánh", "ưu",
}
NAME_BREAKS = ["sở", "phòng", "ban", "đài", "báo", "cục", "viện", "hội", "ubnd", "hđnd"]  # heads that open a new name
MAX_NAME_WORDS = 6
GROUPS = [
    "sở , ban , ngành , đoàn thể", "sở , ban , ngành", "sở , ngành", "sở ban ngành", "ban , ngành",
    "cơ quan , đơn vị", "cơ quan , tổ chức", "đơn vị", "cơ quan", "cơ quan chuyên môn", "địa phương",
    "đơn vị , địa phương", "cơ quan , đơn vị , địa phương", "Đoàn thể", "tổ chức chính trị - xã hội",
    "cơ quan , đơn vị , địa phương , doanh nghiệp", "tổ chức chính trị - xã hội trực thuộc",
    "bộ , ngành", "bộ , ngành , địa phương", "bộ , cơ quan ngang bộ",
]
CENTRAL: list[dict[str, Any]] = [{"LOWER": "trực"}, {"LOWER": "thuộc"}, {"LOWER": "trung"}, {"LOWER": "ương"}]


@dataclass(frozen=True, slots=True)
class Agency:
    """An agency as printed and where it sits in the text (character offsets)."""

    text: str
    start: int
    end: int


GAZETTEER = "agencies.json"
LONG_FORMS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "Uỷ": "Ủy", "uỷ": "ủy", "UỶ": "ỦY"}
_GROUP_SPLIT = re.compile(r",\s*|\s+và\s+|\s+-\s+|\s+–\s+")
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
        while tokens and tokens[-1].text in {",", "và", "các", "cấp"}:  # a locality run's loose end
            tokens.pop()
        if tokens:
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            found.append(Agency(text[start:end], start, end))
    return tuple(found)


def _with_known(found: list[Span], known: list[Span]) -> list[Span]:
    """The pattern matches, a known name completing one it cut short (same start, longer:
    'Sở Giáo dục và Đào' → 'Sở Giáo dục và Đào tạo'), and known names elsewhere."""
    spans = list(found)
    for name in filter_spans(known):
        overlaps = [s for s in spans if s.start < name.end and name.start < s.end]
        if not overlaps:
            spans.append(name)
        elif len(overlaps) == 1 and overlaps[0].start == name.start and name.end > overlaps[0].end:
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
        patterns.append(head_tokens + place)
    for council, office in product(COUNCILS, ([], _phrase("Văn phòng", first_title=True))):
        council_tokens = office + _phrase(council, first_title=not office)
        patterns.append(council_tokens + [{"LOWER": {"IN": LOCALITY}}] + localities + [{"IS_TITLE": True, "OP": "*"}])
        patterns.append(council_tokens + [{"LOWER": {"IN": LOCALITY}}] + localities + CENTRAL)
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
