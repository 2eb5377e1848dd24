"""Vietnamese text normalisation: the seam every stage calls.

Two steps. :mod:`.tone_marks` puts text in NFC with one tone-mark placement. :mod:`.restore`
gives back the diacritics of text that lost them, with a syllable trigram model
(:mod:`.lm`); it runs in full when the text reads as accent-less (fewer than half of its words
carry a mark), since on accented text its few changes are as often wrong as right (see
``bench/normalize_eval.py``). On accented text it only repairs what OCR typically gets
wrong, where the model is far surer of the repair: tones in Tesseract ``vie`` output, and
vowel marks lost or merged with the tone (:mod:`.vowel_marks`) in any text
(``bench/false_changes.py`` counts the words of correct text it changes). Line breaks are
kept, so lines map one to one. Before both, text written in a legacy encoding (TCVN3, VNI,
VIQR) is detected and converted (:mod:`.legacy`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from .channel import load_channel
from .legacy import convert_legacy
from .lm import load_model
from .restore import ACCENTED_TEXT_SHARE, Change, Restored, Restorer, marked_share
from .tone_marks import ToneStyle, normalize_form

ENGINE = "kehoach.normalize 0.5 (legacy encodings, NFC, OCR look-alike letters, tone placement, trigram diacritic restoration, vowel-mark repair)"
LOW_RESTORE_CONFIDENCE = 0.6  # a restored token less certain than this is listed for a reviewer


@cache
def restorer() -> Restorer:
    """The shipped restorer, loaded once per process (about a second)."""
    return Restorer(load_model(), load_channel())


def normalize_detailed(text: str, tone_style: ToneStyle = "old", restore: bool | None = None,
                       from_ocr: bool = False) -> Restored:
    """Normalise ``text`` and say what changed: every restored token with its confidence
    and runner-up. ``restore=None`` restores text that reads as accent-less, and, when
    ``from_ocr`` says it was read by Tesseract vie, repairs tones the LM finds unlikely; in
    any text with marks it repairs vowel marks lost the way Tesseract loses them ("CHÁP" →
    "CHẤP") where the LM finds the reading far less likely (:mod:`.vowel_marks`).
    ``restore=False`` does neither. Text in a legacy encoding (TCVN3, VNI, VIQR;
    :mod:`.legacy`) is converted first."""
    if not from_ocr:  # legacy encodings come from bytes and fonts, never from OCR
        text = convert_legacy(text).text
    text = normalize_form(text, "old")  # the model's own style
    marked = marked_share(text)
    accentless = marked < ACCENTED_TEXT_SHARE
    if accentless:
        mode = None
    elif from_ocr or restore:
        mode = "ocr"
    else:  # text with its marks, from a text layer or a file: only vowel-mark slips repaired
        mode = "marked"
    result = restorer().restore(text, mode, marked) if restore is not False else Restored(text, [], 0)
    if tone_style == "old":
        return result
    return Restored(normalize_form(result.text, tone_style),
                    [replace(c, replacement=normalize_form(c.replacement, tone_style)) for c in result.changes],
                    result.tokens)


def normalize_text(text: str, tone_style: ToneStyle = "old", restore: bool | None = None,
                   from_ocr: bool = False) -> str:
    """Normalised Vietnamese text; line breaks are kept, so lines map one to one."""
    return normalize_detailed(text, tone_style, restore, from_ocr).text


__all__ = ["ENGINE", "LOW_RESTORE_CONFIDENCE", "Change", "Restored", "ToneStyle", "marked_share", "normalize_detailed", "normalize_text"]
