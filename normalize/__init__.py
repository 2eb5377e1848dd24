"""Vietnamese text normalisation: the seam every stage calls.

Today it puts text in NFC with one tone-mark placement (:mod:`.tone_marks`). Diacritic
restoration and OCR-garble repair (issue 3) plug in behind :func:`normalize_text` so
callers do not change.
"""

from __future__ import annotations

from .tone_marks import ToneStyle, normalize_form

ENGINE = "kehoach.normalize/form-1 (NFC, tone placement)"


def normalize_text(text: str, tone_style: ToneStyle = "old") -> str:
    """Normalise Vietnamese text; line breaks are kept, so lines map one to one."""
    return normalize_form(text, tone_style)


__all__ = ["ENGINE", "ToneStyle", "normalize_text"]
