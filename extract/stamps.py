"""Digital-signature stamps: the 'Ký bởi: … Ngày ký: …' boxes that signing software prints.

They float over the page wherever the signature was placed, so they interrupt body text
and signature blocks; they are taken out of the line stream and kept as
:class:`~kehoach.models.DigitalSignature` items. Patterns are matched on folded text with
a little slack because English OCR reads 'Ký bởi' as 'Ky béi' and 'Ngày ký' as 'Nagdy ky'.
"""

from __future__ import annotations

import datetime as dt
import re

from ..ingest.types import Line
from ..models import DigitalSignature
from ..models.doc_types import fold
from .ids import make_id, provenance_of
from .lines import folded, squash

_SIGNER = re.compile(r"^(k\S?\s*b\S{0,3}|nguoi\s*ky)\s*:")
_TIME = re.compile(r"^(n\S{0,4}\s*k\S?|thoi\s*gian\s*ky)\s*:")
_TIME_INSIDE = re.compile(r"\s(n\S{0,4}\s*k\S?|thoi\s*gian\s*ky)\s*:")
_FIELD = re.compile(r"^(e-?mail|co\s*quan|chuc\s*vu|to\s*chuc)\s*:")
_DMY = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}):?(\d{2})?")
_YMD = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}):?(\d{2})?")


def is_stamp_line(text: str) -> bool:
    """A line that on its own marks a stamp: 'Ký bởi:', 'Người ký:', 'Ngày ký:', 'Thời gian ký:'."""
    low = folded(text)
    return bool(_SIGNER.match(low) or _TIME.match(low))


def is_stamp_field(text: str) -> bool:
    """'Email:', 'Cơ quan:', … — stamp lines only next to a :func:`is_stamp_line`."""
    return bool(_FIELD.match(folded(text)))


def starts_new_stamp(text: str) -> bool:
    """The signer line that opens a stamp."""
    return bool(_SIGNER.match(folded(text)))


def parse_signed_at(text: str) -> dt.datetime | None:
    """'09-02-2023 15:54:32 +07:00' or '2023-02-09T15:54:32+07:00'; None when garbled."""
    if m := _DMY.search(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _YMD.search(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        return None
    tz = None
    if m[7]:
        hours = int(m[7])
        minutes = int(m[8] or 0) * (1 if hours >= 0 else -1)
        tz = dt.timezone(dt.timedelta(hours=hours, minutes=minutes))
    try:
        return dt.datetime(year, month, day, int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=tz)
    except ValueError:
        return None


def signed_by(lines: list[Line]) -> str | None:
    """The name after 'Ký bởi:' / 'Người ký:', up to a 'Ngày ký:' on the same line."""
    for line in lines:
        text = line.text
        if not (_SIGNER.match(folded(text)) and ":" in text):
            continue
        low = fold(text)  # same length as the NFC text: one folded character per character
        if len(low) == len(text) and (m := _TIME_INSIDE.search(low)):
            text = text[:m.start()]
        return squash(text.split(":", 1)[1]) or None
    return None


def build_stamp(sha: str, lines: list[Line], key: tuple[object, ...]) -> DigitalSignature:
    """One stamp from its lines; ``key`` is its structural position (page, order on page)."""
    text = "\n".join(squash(ln.text) for ln in lines)
    return DigitalSignature(
        id=make_id(sha, "signature_stamp", *key),
        provenance=provenance_of(lines),
        signed_by=signed_by(lines),
        signed_at=next((t for ln in lines if (t := parse_signed_at(ln.text))), None),
        text=text,
    )
