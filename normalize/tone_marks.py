"""Unicode form and tone-mark placement of Vietnamese syllables.

Vietnamese has two accepted placements of the tone mark in the open syllables ending in
``oa``, ``oe`` and ``uy``: the "old" style (hóa, khỏe, thủy), which most government documents
print, and the "new" style (hoá, khoẻ, thuỷ). Texts mix them; search and comparison need one.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

ToneStyle = Literal["old", "new"]

# Combining tone marks (NFD): grave, acute, tilde, hook above, dot below.
TONES = "\u0300\u0301\u0303\u0309\u0323"
_PAIRS = ("oa", "oe", "uy")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _retone(word: str, style: ToneStyle) -> str:
    nfd = unicodedata.normalize("NFD", word)
    tones = [c for c in nfd if c in TONES]
    if len(tones) != 1:
        return word
    base = "".join(c for c in nfd if c not in TONES)
    # The pair must end the syllable and carry no other mark (ô, ơ, ư would make it a
    # different vowel); "qu" + y belongs to the onset, so quý is left alone.
    low = base.lower()
    for pair in _PAIRS:
        if low.endswith(pair) and not low.endswith("q" + pair):
            if len(unicodedata.normalize("NFC", base)) != len(base):
                return word
            idx = len(base) - (2 if style == "old" else 1)
            out = base[: idx + 1] + tones[0] + base[idx + 1 :]
            return unicodedata.normalize("NFC", out)
    return word


# Lookalikes that OCR engines and broken fonts put in place of Vietnamese letters and the
# slash (Tesseract reads a bold Đ as "ĐÐ" and a slash as U+2044 now and then).
LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u01a3": "ư", "\u01a2": "Ư", "\u2044": "/", "\u2215": "/"})
# Tesseract vie reads an "i" whose dot stands apart as "¡" or "ï" ("S¡ Ma Cai", "điểm ¡
# khoản 2", the list marker "(ï)"); only there, after a letter or a word, or alone in
# brackets, is it an "i" (a "¡" in a table row of digits is left alone).
INVERTED_I = re.compile(r"(?<=[^\W\d_])¡|(?<=[^\W\d_] )¡(?=\s)|(?<=\()[¡ï](?=\))")
# It reads a "g" as "ø" ("32/CT-TTø" for "32/CT-TTg"); Vietnamese has no "ø", so after a letter it is a "g".
SLASHED_G = re.compile(r"(?<=[^\W\d_])ø")


def normalize_form(text: str, tone_style: ToneStyle = "old") -> str:
    """NFC, composed, lookalike letters replaced (Ð → Đ, ƣ → ư, S¡ → Si, TTø → TTg), one tone-mark placement
    for oa/oe/uy syllables."""
    text = unicodedata.normalize("NFC", text).replace("ĐÐ", "Đ").replace("ÐĐ", "Đ").translate(LOOKALIKES)
    return place_tones(SLASHED_G.sub("g", INVERTED_I.sub("i", text)), tone_style)


def place_tones(text: str, tone_style: ToneStyle = "old") -> str:
    """Only the tone-mark placement of ``text`` (NFC) made one style: 'UỶ BAN' → 'ỦY BAN' (old)."""
    return _WORD.sub(lambda m: _retone(m.group(0), tone_style), text)


def untoned(word: str) -> str:
    """``word`` without its tone mark, vowel marks kept (thẩm → thâm, tỉnh → tinh)."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in TONES))
