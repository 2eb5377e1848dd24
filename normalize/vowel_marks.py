"""Vowel marks that Tesseract ``vie`` loses or merges with the tone: its look-alike readings.

A Vietnamese vowel carries up to two marks: a vowel mark (the circumflex of â ê ô, the breve
of ă, the horn of ơ ư) and a tone. Stacked, the two are a few pixels high; Tesseract ``vie``
often keeps one of them, most of all in capitals: "CHẤP" is read "CHÁP", "ĐỒNG" "ĐÓNG",
"NỔ" "NÓ", "quyết" "quyét". The tone it keeps, or the one mark it sees where two stood,
sits above the letter; a dot below is a separate mark and is not lost with the vowel mark.

:func:`is_lookalike` says whether a printed syllable could have been read as a given one in
this way, so that the restorer offers only such syllables as candidates.
"""

from __future__ import annotations

import unicodedata

CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
VOWEL_MARKS = frozenset((CIRCUMFLEX, BREVE, HORN))
DOT_BELOW = "\u0323"
ABOVE_TONES = frozenset("\u0300\u0301\u0303\u0309")  # grave, acute, tilde, hook above


def _parts(letter: str) -> tuple[str, str, str]:
    """(base letter, vowel mark or '', tone or '') of one lower-case NFC letter."""
    nfd = unicodedata.normalize("NFD", letter)
    mark = "".join(c for c in nfd[1:] if c in VOWEL_MARKS)
    tone = "".join(c for c in nfd[1:] if c not in VOWEL_MARKS)
    return nfd[0], mark, tone


def _letter_lookalike(read: str, printed: str, ocr: bool) -> bool:
    """Whether ``printed`` could have been read as ``read``, the same base letter: its vowel
    mark dropped ("ấ" → "á"), the mark and the tone merged into one mark above ("ồ", "ổ" →
    "ó"; "ô" → "ó"), or one vowel mark for another ("ớ" → "ố"). In Tesseract's own output
    (``ocr``) also the slips it makes in capitals: both stacked marks lost ("ế" → "e": "ĐẾN"
    read "ĐEN"), one vowel mark for another with the tone lost ("ố" → "ơ": "SỐ" read "SƠ"), a
    tone above read as a vowel mark ("á" → "ă": "THÁNG" read "THĂNG"). Text that was not just
    OCR'd keeps these as written: there they are words ("so", "đen") more often than slips."""
    r_base, r_mark, r_tone = _parts(read)
    p_base, p_mark, p_tone = _parts(printed)
    if r_base != p_base or r_mark == p_mark:
        return False
    if not p_mark:  # a tone above taken for a breve or circumflex, the tone itself not seen
        return ocr and bool(r_mark) and not r_tone and p_tone in ABOVE_TONES
    if r_mark:  # the other vowel mark of the same letter: ô/ơ, ă/â
        return r_tone == p_tone or (ocr and not r_tone and p_tone in ABOVE_TONES)
    if r_tone == p_tone:
        return True
    if not r_tone:  # a vowel mark and the tone above it both lost
        return ocr and p_tone in ABOVE_TONES
    return r_tone in ABOVE_TONES and (p_tone in ABOVE_TONES or not p_tone)


def is_lookalike(read: str, printed: str, ocr: bool = False) -> bool:
    """Whether the printed syllable could have been read as ``read`` by losing or merging
    vowel marks (both lower case NFC): same letters, and every letter that differs is a
    vowel that had a vowel mark the reading lost, merged with its tone or swapped (``ocr``:
    the reading is Tesseract's, which also loses both stacked marks or reads a tone as one)."""
    if len(read) != len(printed) or read == printed:
        return False
    return all(r == p or _letter_lookalike(r, p, ocr) for r, p in zip(read, printed))
