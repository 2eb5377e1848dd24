"""Judge whether a PDF text layer is real Vietnamese or must be re-read by OCR.

Three kinds of bad layer turn up in archives: broken font maps that extract as
``(cid:55)``; fonts whose map gives lookalike letters outside the Vietnamese alphabet
(``ƣ`` U+01A3 for ``ư``; mojibake such as ``Ä‘``); and layers written by an OCR set for
English, which read "CQNG HOA XA HOr" for "CỘNG HÒA XÃ HỘI": Latin letters, almost no
Vietnamese diacritics. Real Vietnamese prose carries a diacritic on about two syllables in
three, so the share of words with one separates the cases widely (see the tests).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Lower-case letters of the Vietnamese alphabet, with every tone (NFC), plus f j w z.
_BASE = "aăâeêioôơuưy"
VIET_LETTERS = set("abcdđefghijklmnopqrstuvwxyz")
for _v in _BASE:
    for _tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
        VIET_LETTERS.add(unicodedata.normalize("NFC", _v + _tone))
_PLAIN = set("abcdefghijklmnopqrstuvwxyz")
_CID = re.compile(r"\(cid:\d+\)")

MIN_WORDS = 8  # fewer words than this: a blank page or a page number only
GOOD_DIACRITIC_SHARE = 0.25
MAX_FOREIGN_LETTER_SHARE = 0.01
MAX_CID_SHARE = 0.02


@dataclass(frozen=True)
class LayerVerdict:
    usable: bool
    score: float  # share of words carrying a Vietnamese diacritic
    reason: str


def judge_text_layer(words: list[str]) -> LayerVerdict:
    """Decide from a page's text-layer words whether to trust it."""
    if not words:
        return LayerVerdict(False, 0.0, "no text layer")
    cid = sum(1 for w in words if _CID.search(w))
    if cid / len(words) > MAX_CID_SHARE:
        return LayerVerdict(False, 0.0, f"broken font encoding: {cid} of {len(words)} words are (cid:N) codes")
    letters = [c for w in words for c in unicodedata.normalize("NFC", w).lower() if c.isalpha()]
    if not letters:
        return LayerVerdict(False, 0.0, "text layer has no letters")
    foreign = [c for c in letters if c not in VIET_LETTERS]
    # Cyrillic or Greek words are legitimate in references; lookalike Latin letters are not.
    latin_foreign = [c for c in foreign if "LATIN" in unicodedata.name(c, "")]
    if len(latin_foreign) / len(letters) > MAX_FOREIGN_LETTER_SHARE:
        sample = "".join(sorted(set(latin_foreign))[:8])
        return LayerVerdict(False, 0.0, f"broken font map: letters outside the Vietnamese alphabet ({sample})")
    alpha_words = [w for w in words if any(c.isalpha() for c in w)]
    marked = sum(1 for w in alpha_words if any(c.isalpha() and c.lower() not in _PLAIN for c in unicodedata.normalize("NFC", w)))
    share = marked / len(alpha_words) if alpha_words else 0.0
    if len(alpha_words) < MIN_WORDS:
        return LayerVerdict(True, share, f"only {len(alpha_words)} words: kept as is (blank or page number)")
    if share < GOOD_DIACRITIC_SHARE:
        return LayerVerdict(
            False, share,
            f"not real Vietnamese: only {share:.0%} of words carry diacritics (English-set OCR layer?)",
        )
    return LayerVerdict(True, share, f"good text layer: {share:.0%} of words carry Vietnamese diacritics")
