"""Recognise the numbering that opens a body line: 'I.', 'Điều 3.', '1.2.', 'a)', '-', '+'.

Each marker has a *kind*. Kinds with a fixed place in Nghị định 30 / legal drafting
(Phần > Chương > Mục > Điều > I. > 1. > 1.1. > …) are *ranked*: an article ranks above 'I.',
as a decision's 'Điều 1.' may carry a whole plan (its I., II., …) and 'Điều 2.' is top level again.
The others (a), (1), -, +) nest by the order in which they appear, which varies between documents.
OCR forms are accepted where they are unambiguous: 'I1.' / 'Il.' for 'II.', and before an
upper-case heading 'H.' / 'HI.' / 'IL.' for 'II.' / 'III.' / 'II.' (bold serif capitals run
together), '¢)', 'ø)', '¡)' for 'c)', 'g)', 'i)',
'–', '—', '·' for '-', and '†' or a lone 't' before a capital for '+' (no Vietnamese word is 't').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import folded, is_upper

ROMAN_ORDER = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
               "XVI", "XVII", "XVIII", "XIX", "XX")
ROMANS = frozenset(ROMAN_ORDER)
LARGE_KINDS = {"phan": ("part", "Phần"), "chuong": ("chapter", "Chương"), "muc": ("division", "Mục")}
RANKS = {"part": 0, "chapter": 1, "division": 2, "article": 3, "roman": 4}
DECIMAL_RANK = 5  # 'decimal1' ranks 5, 'decimal2' 6, …
BULLETS = ("dash", "plus")  # nested by appearance; FORMAT.md counts them as text of their parent

_LARGE = re.compile(r"^(phan|chuong|muc)\s+([ivxlc]+|\d{1,2})\s*[.:]?(\s|$)")
_ARTICLE = re.compile(r"^(Điều|ĐIỀU|Dieu|DIEU)\s+(\d{1,3}[a-z]?)\s*[.:]\s*")
_ROMAN = re.compile(r"^([IVXHL][IVXHL1l|]{0,4})\s*[.)]\s*")
_DOTLESS_ROMAN = re.compile(r"^([IVX]{1,4})\s+(?=[A-ZĐÀ-Ỹ])")
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+|^(\d{1,2})\s*[.)]\s+")
_LETTER = re.compile(r"^([a-zđ¢ø¡])\s*[).]\s+")
_LETTER_FORMS = {"¢": "c", "ø": "g", "¡": "i"}  # Tesseract's readings of 'c)', 'g)', 'i)'
_PAREN = re.compile(r"^\((\d{1,2}|[ivx]{1,4}|[a-zđ])\)\s+")
_DASH = re.compile(r"^[-–—•·▪►*]\s*(?=\S)")
_PLUS = re.compile(r"^[+†‡÷]\s*(?=\S)|^t\s+(?=[A-ZĐÀ-Ỹ])")  # OCR reads '+' as '†' or 't' ('t Tổ chức …')


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str  # 'part', 'chapter', 'division', 'roman', 'article', 'decimalN', 'letter', 'paren', 'dash', 'plus'
    number: str  # as printed, without the trailing dot or parenthesis: 'I', 'Điều 3', '1.2', 'a', '-'
    rest: str  # the line after the marker
    guessed: bool = False  # read from an OCR look-alike ('H.' for 'II.'): the sequence should decide

    @property
    def rank(self) -> int | None:
        """Fixed nesting rank (smaller is higher), None for the kinds nested by appearance."""
        if self.kind.startswith("decimal"):
            return DECIMAL_RANK + int(self.kind.removeprefix("decimal")) - 1
        return RANKS.get(self.kind)


def _roman(token: str, rest: str) -> tuple[str, bool] | None:
    """'II', or the OCR forms 'I1' / 'Il' / 'I|' of it; or, when a heading follows (upper case,
    or a sentence-case title without a full stop), a guess for 'H' / 'IH' / 'HI' / 'IL' / 'L' (a
    bold serif 'II' joins into 'H', a serif 'I' reads as 'L'; 'IH' is 'II' as often as 'III': the
    caller's sequence decides). None if not a numeral."""
    guessed = "H" in token or "L" in token
    if guessed:
        words = rest.split()
        title = len(words) > 1 and words[0][:1].isupper() and words[1][:1].islower() \
            and not rest.rstrip().endswith((".", ";", ",", ":"))  # 'Trách nhiệm …', not a name ('L. Trần Bình')
        if not (is_upper(rest) or title):
            return None
        token = token.replace("H", "II").replace("L", "I")
    fixed = re.sub(r"[1l|]", "I", token)
    return (fixed, guessed) if fixed in ROMANS else None


def marker_of(text: str) -> Marker | None:
    """The numbering that opens ``text``, if any."""
    text = text.strip()
    low = folded(text)
    if text[:1].isupper() and (m := _LARGE.match(low)):
        kind, word = LARGE_KINDS[m[1]]
        rest = text.split(None, 2)[2] if len(text.split(None, 2)) > 2 else ""
        return Marker(kind, f"{word} {m[2].upper()}", rest.lstrip(".: "))
    if m := _ARTICLE.match(text):
        return Marker("article", f"Điều {m[2]}", text[m.end():])
    if (m := _ROMAN.match(text)) and (roman := _roman(m[1], text[m.end():])):
        return Marker("roman", roman[0], text[m.end():], guessed=roman[1])
    if (m := _DOTLESS_ROMAN.match(text)) and m[1] in ROMANS and is_upper(rest := text[m.end():]) \
            and len(rest.split()) > 1:
        return Marker("roman", m[1], rest, guessed=True)  # 'II NHIỆM VỤ': OCR lost the dot
    if m := _DECIMAL.match(text):
        number = m[1] or m[2]
        return Marker(f"decimal{number.count('.') + 1}", number, text[m.end():])
    if m := _LETTER.match(text):
        return Marker("letter", _LETTER_FORMS.get(m[1], m[1]), text[m.end():])
    if m := _PAREN.match(text):
        return Marker("paren", f"({m[1]})", text[m.end():])
    if m := _DASH.match(text):
        return Marker("dash", text[0], text[m.end():])
    if m := _PLUS.match(text):
        return Marker("plus", "+", text[m.end():])
    return None
